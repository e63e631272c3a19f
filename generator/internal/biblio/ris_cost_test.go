package biblio

import (
	"strings"
	"testing"
	"time"

	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

// TestRISContinuationsLinear: a value continued over many lines costs its
// size, not its size squared, and a value over the limit is reported once.
func TestRISContinuationsLinear(t *testing.T) {
	rec := "TY  - RPRT\nTI  - T\nAB  - x\n" + strings.Repeat("y\n", 32000) + "ER  - \n"
	src := []byte(strings.Repeat(rec, 10))
	fuzzbound.Check(t, readBound, len(src), func() { ReadRIS("long.ris", src) })
	over := []byte("TY  - RPRT\nTI  - T\nAB  - x\n" + strings.Repeat("yyyyyyyyy\n", 40000) + "ER  - \n")
	var n int
	fuzzbound.Check(t, fuzzbound.Bound{Fixed: 64 << 20, PerByte: 4096, Time: 5 * time.Second}, len(over), func() {
		_, probs := ReadRIS("over.ris", over)
		for _, p := range probs {
			if !p.Warning {
				n++
			}
		}
	})
	if n != 1 {
		t.Errorf("%d errors for one field over the limit, want 1", n)
	}
}
