package source

import "testing"

func TestTableSchemaNumber(t *testing.T) {
	for v, want := range map[string]bool{
		"0": true, "-12.5": true, "+3": true, ".5": true, "5.": true, "1e3": true, "2.5E-2": true,
		"NaN": true, "inf": true, "-INF": true,
		"": false, ".": false, "-": false, "1e": false, "0x1p3": false, "infinity": false, "1_000": false,
		"1,000": false, "12 ": false, " 12": false, "1.2.3": false, "e5": false,
	} {
		if got := tableSchemaNumber(v); got != want {
			t.Errorf("tableSchemaNumber(%q) = %v, want %v", v, got, want)
		}
	}
}
