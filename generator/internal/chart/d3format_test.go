package chart

import (
	"math"
	"math/rand/v2"
	"testing"
)

// jsFixed's fast path writes what strconv's exact expansion does.
func TestJSFixedFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1000000 {
		p := rng.IntN(11)
		var x float64
		switch rng.IntN(4) {
		case 0:
			x = rng.Float64() * math.Pow(10, float64(rng.IntN(12)-3))
		case 1:
			x = float64(rng.IntN(1000000)) / math.Pow(10, float64(rng.IntN(7))) // ties and near ties
		case 2:
			x = float64(rng.IntN(2000)) + 0.5
		default:
			x = math.Nextafter(float64(rng.IntN(100000))/1000+0.0005, math.Inf(rng.IntN(2)*2-1))
		}
		if got, want := jsFixed(x, p), jsFixedExact(x, p); got != want {
			t.Fatalf("jsFixed(%v, %d) = %s, want %s", x, p, got, want)
		}
	}
}
