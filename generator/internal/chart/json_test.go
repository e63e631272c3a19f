package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// jsonSamples are JSON specs written in the ways people write them.
func jsonSamples(t testing.TB) [][]byte {
	var out [][]byte
	for _, b := range readGlob(t, filepath.Join("testdata", "specs", "*.json")) {
		out = append(out, b)
		var c, tabs bytes.Buffer
		if json.Compact(&c, b) == nil {
			out = append(out, c.Bytes())
		}
		if json.Indent(&tabs, b, "", "\t") == nil {
			out = append(out, tabs.Bytes())
		}
	}
	for _, v := range []string{`"Région"`, `"中文 text"`, `"😀 a"`, `"caf\u00e9"`, `"a\"b"`, `"a\\b\/c"`, `"line\nbreak"`, `"tab\there"`,
		`-0`, `1e3`, `1.50`, `1E-2`, `0.0`, `-12`, `12345678901234567890`, `1.7976931348623157e309`, `"\ud83d\ude00"`, `"\u0000"`, `true`, `false`, `null`,
		`[]`, `{}`, `[1, "x", null]`, `"é" `, `"<<"`} {
		out = append(out, []byte(fmt.Sprintf("{\n  \"title\": \"Élan – ünïcode\", \"description\": %s,\n\t\"mark\": {\"type\": \"bar\", \"x\": %s}\n}\n", v, v)))
		out = append(out, []byte(fmt.Sprintf(`{"a":%s,"b":[%s,{"c":%s}]}`, v, v, v)))
	}
	for _, s := range []string{`{"<<": 1}`, `{"a": 1, "a": 2}`, `{"a": 1,}`, `{"a" 1}`, `{"a": 1} x`, `{"a": 1}` + "\r\n", `{"a": 01}`, `{"a": .5}`, `{"a": tru}`, `{'a': 1}`, `{"a": 1 # c
}`, `{"a": "x`, `{`, `{"a":[1,2,]}`, `{"a": {"b": [{"c": "d"}]}, "e": ""}`} {
		out = append(out, []byte(s))
	}
	return out
}

// The JSON fast path must read every spec it accepts exactly as the YAML
// parser does, positions included.
func TestJSONMatchesYAML(t *testing.T) {
	accepted := 0
	for _, src := range jsonSamples(t) {
		fast, ok := parseJSON(src)
		if !ok {
			continue
		}
		accepted++
		slow, at, err := parseNode(src)
		if err != nil {
			t.Errorf("fast path accepts what the YAML parser rejects (%v at %v):\n%s", err, at, src)
			continue
		}
		if d := nodeDiff(fast, slow, "$"); d != "" {
			t.Errorf("%s\n%s", d, src)
		}
	}
	t.Logf("%d of %d samples took the fast path", accepted, len(jsonSamples(t)))
	if accepted < 20 {
		t.Errorf("only %d samples took the fast path", accepted)
	}
}

// FuzzJSONMatchesYAML looks for JSON the fast path reads differently.
func FuzzJSONMatchesYAML(f *testing.F) {
	for _, src := range jsonSamples(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fast, ok := parseJSON(src)
		if !ok {
			return
		}
		slow, at, err := parseNode(src)
		if err != nil {
			t.Fatalf("fast path accepts what the YAML parser rejects (%v at %v)", err, at)
		}
		if d := nodeDiff(fast, slow, "$"); d != "" {
			t.Fatal(d)
		}
	})
}

func nodeDiff(a, b *node, path string) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return path + ": nil"
		}
		return ""
	case a.kind != b.kind || a.at != b.at || a.str != b.str || a.b != b.b || a.num != b.num || 1/a.num != 1/b.num && a.num == 0:
		return fmt.Sprintf("%s: fast %v %v %q %v, yaml %v %v %q %v", path, a.kind, a.at, a.str, a.num, b.kind, b.at, b.str, b.num)
	case !reflect.DeepEqual(a.keys, b.keys) || !reflect.DeepEqual(a.keyAt, b.keyAt) || len(a.vals) != len(b.vals) || len(a.items) != len(b.items):
		return fmt.Sprintf("%s: fast keys %v %v items %d, yaml keys %v %v items %d", path, a.keys, a.keyAt, len(a.items), b.keys, b.keyAt, len(b.items))
	}
	for i := range a.vals {
		if d := nodeDiff(a.vals[i], b.vals[i], path+"."+a.keys[i]); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := nodeDiff(a.items[i], b.items[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}
