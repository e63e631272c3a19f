package chart

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"golang.org/x/text/number"
)

// The number symbols stand in for x/text's formatter: they must give the
// same text.
func TestNumbersMatchXText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0, 1, -1, 0.5, -0.5, 1.5, 2.5, 0.125, -0.125, 0.005, 0.0049999, 9.995, 99.995, 999.5, 999999.5,
		1234.5678, -1234567.891, 1e14, -9.99e14, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 12345678.9, 0.00001, -0.00001, 100, 1000, 10000}
	for range 3000 {
		e := rng.IntN(20) - 6
		v := rng.Float64() * math.Pow(10, float64(e))
		if rng.IntN(3) == 0 {
			v = -v
		}
		if rng.IntN(4) == 0 {
			v = math.Round(v*1000) / 1000
		}
		vals = append(vals, v)
	}
	for _, lang := range langs {
		l, _ := getLocale(lang)
		if !l.syms.ok {
			t.Fatalf("%s: no number symbols", lang)
		}
		p := l.printer
		for _, v := range vals {
			for maxFrac := range 7 {
				for minFrac := 0; minFrac <= maxFrac; minFrac++ {
					for _, group := range []bool{false, true} {
						r := roundTo(v, maxFrac)
						opts := []number.Option{number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)}
						if !group {
							opts = append(opts, number.NoSeparator())
						}
						if got, want := l.decimal(v, minFrac, maxFrac, group), p.Sprint(number.Decimal(r, opts...)); got != want {
							t.Fatalf("%s: decimal(%v, %d, %d, %v) = %q, x/text %q", lang, v, minFrac, maxFrac, group, got, want)
						}
					}
					r := roundTo(v, maxFrac+2)
					if got, want := l.percent(v, minFrac, maxFrac), p.Sprint(number.Percent(r, number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac))); got != want {
						t.Fatalf("%s: percent(%v, %d, %d) = %q, x/text %q", lang, v, minFrac, maxFrac, got, want)
					}
				}
			}
		}
		for _, n := range []int{0, 1, 7, 12, 99, 100, 2025, 123456} {
			for digits := 1; digits <= 3; digits++ {
				if got, want := l.integer(n, digits), p.Sprint(number.Decimal(n, number.NoSeparator(), number.MinIntegerDigits(digits))); got != want {
					t.Fatalf("%s: integer(%d, %d) = %q, x/text %q", lang, n, digits, got, want)
				}
			}
		}
	}
}

func TestPow10(t *testing.T) {
	for i := -3; i < len(pow10tab)+3; i++ {
		if got, want := pow10(i), math.Pow(10, float64(i)); got != want {
			t.Errorf("pow10(%d) = %v, math.Pow %v", i, got, want)
		}
	}
}

// appendFixed must write what strconv.AppendFloat writes for the numbers
// that decimal and percent hand it: rounded to frac fraction digits.
func TestAppendFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 300000 {
		frac := rng.IntN(12)
		v := math.Abs(rng.NormFloat64()) * math.Pow(10, float64(rng.IntN(18)-6))
		v = roundTo(v, frac)
		want := strconv.AppendFloat(nil, v, 'f', frac, 64)
		if got := appendFixed(nil, v, frac); string(got) != string(want) {
			t.Fatalf("appendFixed(%v, %d) = %s, want %s", v, frac, got, want)
		}
	}
}

// appendF writes what strconv writes for x rounded to hundredths.
func TestAppendF(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 1000000 {
		x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(16)-3))
		if rng.IntN(4) == 0 {
			x = float64(rng.IntN(20001)-10000) / 100
		}
		want := "0"
		if k := math.Round(x * 100); k != 0 {
			want = strconv.FormatFloat(k/100, 'f', -1, 64)
		}
		prefix := []byte("ab")
		if got := appendF(prefix, x); string(got) != "ab"+want {
			t.Fatalf("appendF(%v) = %q, want %q", x, got[2:], want)
		}
	}
}
