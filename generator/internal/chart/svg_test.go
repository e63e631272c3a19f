package chart

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// f must write what FormatFloat writes for the rounded coordinate.
func TestCoordinateText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := []float64{0, -0.001, 0.004, 0.005, -0.005, 0.1, 0.29, 1, -1, 99.995, 123.456, -123.456, 1e12, 1e13 + 0.25, 4e15, math.NaN(), math.Inf(1)}
	for range 100000 {
		x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(16)-2))
		xs = append(xs, x, math.Round(x*10)/10)
	}
	for _, x := range xs {
		want := "0"
		if r := math.Round(x*100) / 100; r != 0 && !math.IsNaN(r) && !math.IsInf(r, 0) {
			want = strconv.FormatFloat(r, 'f', -1, 64)
		}
		if got := f(x); got != want {
			t.Fatalf("f(%v) = %q, want %q", x, got, want)
		}
	}
}

// Text that plainText lets through must be what escaping writes.
func TestPlainText(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "Z", " ", "&", "<", ">", "\"", "'", "\n", "\t", "\x00", "\x7f", "é", "中", "😀", "\ufffe", "\uffff", "\ufffd", "\xef\xbf", "\xff", "\u2066"}
	for range 20000 {
		var s string
		for range rng.IntN(6) {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		if !plainText(s) {
			continue
		}
		for _, inAttr := range []bool{false, true} {
			var b bytes.Buffer
			escapeRunes(&b, s, inAttr)
			if b.String() != s {
				t.Fatalf("plainText(%q), but escaped %q", s, b.String())
			}
		}
	}
}
