package derive

import (
	"bytes"
	"testing"
)

// TestMarshalListMatchesMarshalCompact: encoding items apart and joining
// them gives the bytes of encoding the slice.
func TestMarshalListMatchesMarshalCompact(t *testing.T) {
	for _, items := range [][]pubJSON{nil, {}, {{Key: "a", Title: "<b> & é"}}, {{Key: "a"}, {Key: "b", Topics: []string{"x"}, Cite: map[string]citeJSON{"ar": {APA: "<i dir=\"ltr\">X</i>"}}}, {Key: "c"}}} {
		want, err := marshalCompact(items)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalList(items)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d items:\ngot  %s\nwant %s", len(items), got, want)
		}
	}
}
