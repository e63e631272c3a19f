package chart

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readGlob returns the contents of the test files matching pattern.
func readGlob(t testing.TB, pattern string) [][]byte {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatal("no files match", pattern, err)
	}
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func csvSamples(t testing.TB) [][]byte {
	out := readGlob(t, filepath.Join("testdata", "data", "*.csv"))
	for _, s := range []string{"a,b\n1,2\n", "a,b\n1,2", "a,b\n\n1,2\n\n", "a,b\n1,\n,2\n", "a,b\n\"x, y\",2\n", "\"a\",\"b\"\n1,2\n",
		"a,b\n\"x \"\"q\"\"\",2\n", "a,b\n\"x\"y,2\n", "a,b\nx\"y,2\n", "a,b\n1,2,3\n", "a,b\n1\n", "a,a\n1,2\n", "a,\n1,2\n", " a , b \n1,2\n",
		"a,b\r\n1,2\r\n", "a,b\n\"multi\nline\",2\n", "", "\n\n", "a\n", "a,b\n\"\",\" \"\n", "é,ü\nñ,中\n", "a,b\n  ,x\n", "a,b\n1,\"2\"\n", "a,b\n1,\"2\n",
		"\"a,b\",c\n1,2\n", "a,b,\n1,2,\n"} {
		out = append(out, []byte(s))
	}
	return out
}

// The fast CSV reader must read every file it accepts as encoding/csv does.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	accepted := 0
	for _, src := range csvSamples(t) {
		if !csvSame(t, src) {
			continue
		}
		accepted++
	}
	if accepted < 10 {
		t.Errorf("only %d samples took the fast path", accepted)
	}
}

func csvSame(t *testing.T, src []byte) bool {
	t.Helper()
	fast, ok := fastCSV("x.csv", src, nil, nil)
	if !ok {
		return false
	}
	slow, p := readCSV("x.csv", src, nil)
	if p != nil {
		t.Fatalf("fast path accepts what encoding/csv rejects (%v): %q", p, src)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast %+v\nslow %+v\nfor %q", fast, slow, src)
	}
	return true
}

func FuzzCSVMatchesEncodingCSV(f *testing.F) {
	for _, src := range csvSamples(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) { csvSame(t, src) })
}

// A numeral that shortestNumeral accepts is its own key.
func TestShortestNumeral(t *testing.T) {
	cases := []string{"0", "-0", "1", "-1", "10", "100000", "999999", "1000000", "0.5", "0.50", "-0.5", "0.0001", "0.00001", "0.00012",
		"123456.123456789", "123456.1234567891", "1.5", "01", "1e3", "1.", ".5", "0.024", "2005", "0.1234567890123456", "-999999.999999999", "7.0"}
	for i := range 20000 {
		cases = append(cases, strconv.FormatFloat(float64(i)*0.0137-100, 'f', i%7, 64))
	}
	for _, s := range cases {
		if !shortestNumeral(s) {
			continue
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || numValue(f).s != s {
			t.Errorf("%q: key %q", s, numValue(f).s)
		}
	}
}

// quickDate must agree with time.Parse wherever it answers.
func TestQuickDate(t *testing.T) {
	var cases []string
	for y := 0; y < 10000; y += 7 {
		cases = append(cases, fmt.Sprintf("%04d", y))
	}
	for _, y := range []int{1900, 2000, 2023, 2024} {
		for m := 0; m <= 13; m++ {
			cases = append(cases, fmt.Sprintf("%04d-%02d", y, m))
			for d := 0; d <= 32; d++ {
				cases = append(cases, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	cases = append(cases, "20x5", "2020-1-", "2020/01", "-202", "+2020", "2020-01-1x", " 2020")
	for _, s := range cases {
		days, g, ok := quickDate(s)
		if !ok {
			continue
		}
		layout := []string{"2006", "2006-01", "2006-01-02"}[g]
		want, err := time.Parse(layout, s)
		if err != nil || timeDays(want) != days {
			t.Errorf("%q: quickDate %v, time.Parse %v %v", s, days, timeDays(want), err)
		}
	}
}

// shortFloat must read what strconv.ParseFloat reads.
func TestShortFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 0
	for range 400000 {
		x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)-5))
		s := strconv.FormatFloat(x, 'f', rng.IntN(10), 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		if !shortestNumeral(s) {
			continue
		}
		n++
		want, _ := strconv.ParseFloat(s, 64)
		if got := shortFloat(s); got != want {
			t.Fatalf("shortFloat(%q) = %v, want %v", s, got, want)
		}
	}
	if n < 100000 {
		t.Fatalf("only %d numerals tried", n)
	}
}
