package main

import (
	"strings"
	"testing"
)

// TestSetTranslationOf edits translation.of in the ways an editor writes
// front matter, and keeps everything else as it was.
func TestSetTranslationOf(t *testing.T) {
	const hash = "0123456789ab"
	for _, tc := range []struct{ in, want string }{
		{"---\ntitle: T\n---\nBody", "---\ntitle: T\ntranslation:\n  of: \"0123456789ab\"\n---\nBody"},
		{"---\ntitle: T\ntranslation:\n  method: machine\n---\n", "---\ntitle: T\ntranslation:\n  of: \"0123456789ab\"\n  method: machine\n---\n"},
		{"---\ntranslation:\n  of: \"3f2a9c1b7d4e\"   # the version\n  method: machine\n---\n", "---\ntranslation:\n  of: \"0123456789ab\"   # the version\n  method: machine\n---\n"},
		{"---\ntranslation:\n  of: null\n  method: machine\n---\n", "---\ntranslation:\n  of: \"0123456789ab\"\n  method: machine\n---\n"},
		{"---\ntranslation:   # how it was made\n    method: machine\n---\n", "---\ntranslation:   # how it was made\n    of: \"0123456789ab\"\n    method: machine\n---\n"},
		{"---\nsummary: \"a, }\"\ntranslation: {method: machine}\n---\n", "---\nsummary: \"a, }\"\ntranslation: {of: \"0123456789ab\", method: machine}\n---\n"},
		{"---\ntranslation: {method: machine, of: abc}\n---\n", "---\ntranslation: {method: machine, of: \"0123456789ab\"}\n---\n"},
		{"---\r\ntitle: T\r\ntranslation:\r\n  method: machine\r\n---\r\n", "---\r\ntitle: T\r\ntranslation:\r\n  of: \"0123456789ab\"\r\n  method: machine\r\n---\r\n"},
	} {
		got, err := setTranslationOf([]byte(tc.in), hash)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	// Where it cannot be done safely, it says so and writes nothing.
	for _, in := range []string{"+++\ntitle = 1\n+++\n", "---\ntranslation: machine\n---\n", "---\ntranslation: {\n method: x,\n of: abc\n}\n---\n"} {
		if out, err := setTranslationOf([]byte(in), hash); err == nil && !strings.Contains(string(out), hash) {
			t.Errorf("%q: no error and no change", in)
		}
	}
}
