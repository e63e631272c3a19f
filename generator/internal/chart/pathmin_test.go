package chart

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2/svg"
)

// minifyPath is the minifier's shortening of one path's data.
func minifyPath(t testing.TB, d string) string {
	t.Helper()
	var out bytes.Buffer
	if err := (&svg.Minifier{}).Minify(minifier, &out, strings.NewReader(`<path d="`+d+`"/>`), nil); err != nil {
		t.Fatal(err)
	}
	s := strings.TrimPrefix(out.String(), `<path d=`)
	s = strings.TrimSuffix(s, `/>`)
	return strings.Trim(s, `"'`)
}

// checkShortPath checks the chart's shortening of d: the same drawing.
// It returns its length and the minifier's, or 0 where the minifier's
// output draws something else (it writes numbers straight after a z,
// which no renderer reads).
func checkShortPath(t testing.TB, d string) (short, minified int) {
	t.Helper()
	var p pathShortener
	got, ok := p.appendShortPath(nil, d)
	if !ok {
		t.Fatalf("%q: not read", d)
	}
	g, err := drawing(string(got))
	if err != nil {
		t.Fatalf("%q: shortened to %q, which does not read: %v", d, got, err)
	}
	in, err := drawing(d)
	if err != nil {
		t.Fatalf("%q does not read: %v", d, err)
	}
	if !sameDrawing(g, in) {
		t.Errorf("%q: shortened to %q, drawing\n%v\nnot\n%v", d, got, g, in)
	}
	want := minifyPath(t, d)
	if w, err := drawing(want); err != nil || !sameDrawing(w, in) {
		return len(got), 0
	}
	return len(got), len(want)
}

// checkNotLonger checks that d, written as the chart writes paths, is
// shortened at least as well as by the minifier.
func checkNotLonger(t testing.TB, d string) {
	t.Helper()
	if got, want := checkShortPath(t, d); want > 0 && got > want {
		var p pathShortener
		short, _ := p.appendShortPath(nil, d)
		t.Errorf("%q: %q is longer than the minifier's %q", d, short, minifyPath(t, d))
	}
}

// drawing reads path data into absolute segments with every control
// point written out (S as C, T as Q, H and V as L), lines to where the
// pen is left out, as a renderer reads it.
func drawing(d string) ([]pathSegF, error) {
	var out []pathSegF
	var x, y, x0, y0, cx, cy, qx, qy float64
	var prev byte
	i := 0
	var cmd byte
	num := func() (float64, error) {
		for i < len(d) && strings.IndexByte(" ,\n\t\r", d[i]) >= 0 {
			i++
		}
		j := i
		if j < len(d) && (d[j] == '-' || d[j] == '+') {
			j++
		}
		dot, exp := false, false
		for j < len(d) {
			c := d[j]
			switch {
			case c >= '0' && c <= '9':
			case c == '.' && !dot && !exp:
				dot = true
			case (c == 'e' || c == 'E') && !exp:
				exp = true
				if j+1 < len(d) && (d[j+1] == '-' || d[j+1] == '+') {
					j++
				}
			default:
				goto done
			}
			j++
		}
	done:
		f, err := strconv.ParseFloat(d[i:j], 64)
		i = j
		return f, err
	}
	flag := func() (float64, error) {
		for i < len(d) && strings.IndexByte(" ,\n\t\r", d[i]) >= 0 {
			i++
		}
		if i == len(d) || d[i] != '0' && d[i] != '1' {
			return 0, fmt.Errorf("flag at %d", i)
		}
		i++
		return float64(d[i-1] - '0'), nil
	}
	for {
		for i < len(d) && strings.IndexByte(" ,\n\t\r", d[i]) >= 0 {
			i++
		}
		if i == len(d) {
			return out, nil
		}
		if c := d[i]; c < 128 && (pathArgs[c] > 0 || c|0x20 == 'z') {
			cmd = c
			i++
		} else if cmd == 0 || cmd|0x20 == 'z' {
			return nil, fmt.Errorf("numbers with no command at %d", i)
		} else if cmd == 'M' {
			cmd = 'L'
		} else if cmd == 'm' {
			cmd = 'l'
		}
		up, rel := cmd&^0x20, cmd >= 'a'
		var a [7]float64
		for k := range int(pathArgs[cmd]) {
			var err error
			if up == 'A' && (k == 3 || k == 4) {
				a[k], err = flag()
			} else {
				a[k], err = num()
			}
			if err != nil {
				return nil, err
			}
		}
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = x, y
		}
		s := pathSegF{cmd: up}
		switch up {
		case 'Z':
			x, y = x0, y0
		case 'M', 'L', 'T':
			s.a = []float64{a[0] + ox, a[1] + oy}
		case 'H':
			s.cmd, s.a = 'L', []float64{a[0] + ox, y}
		case 'V':
			s.cmd, s.a = 'L', []float64{x, a[0] + oy}
		case 'C':
			s.a = []float64{a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy, a[4] + ox, a[5] + oy}
		case 'S':
			rx, ry := x, y
			if prev == 'C' {
				rx, ry = 2*x-cx, 2*y-cy
			}
			s.cmd, s.a = 'C', []float64{rx, ry, a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy}
		case 'Q':
			s.a = []float64{a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy}
		case 'A':
			s.a = []float64{a[0], a[1], a[2], a[3], a[4], a[5] + ox, a[6] + oy}
		}
		if up == 'T' {
			rx, ry := x, y
			if prev == 'Q' {
				rx, ry = 2*x-qx, 2*y-qy
			}
			s.cmd, s.a = 'Q', []float64{rx, ry, s.a[0], s.a[1]}
		}
		switch s.cmd {
		case 'C':
			cx, cy = s.a[2], s.a[3]
		case 'Q':
			qx, qy = s.a[0], s.a[1]
		}
		prev = s.cmd
		if n := len(s.a); n > 0 {
			if s.cmd == 'L' && near(s.a[0], x) && near(s.a[1], y) {
				continue
			}
			x, y = s.a[n-2], s.a[n-1]
		}
		if s.cmd == 'M' {
			x0, y0 = x, y
		}
		out = append(out, s)
	}
}

type pathSegF struct {
	cmd byte
	a   []float64
}

func (s pathSegF) String() string { return fmt.Sprintf("%c%v", s.cmd, s.a) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// sameDrawing compares drawings, with a curve whose control points lie on
// its ends the same as a line.
func sameDrawing(a, b []pathSegF) bool {
	flat := func(s []pathSegF) []pathSegF {
		var out []pathSegF
		var x, y, x0, y0 float64
		for _, g := range s {
			if g.cmd == 'Z' {
				x, y = x0, y0
			}
			if n := len(g.a); (g.cmd == 'C' || g.cmd == 'Q') && n > 0 {
				ex, ey := g.a[n-2], g.a[n-1]
				line := true
				for k := 0; k < n-2; k += 2 {
					on := near(g.a[k], x) && near(g.a[k+1], y) || near(g.a[k], ex) && near(g.a[k+1], ey)
					line = line && on
				}
				if line {
					g = pathSegF{cmd: 'L', a: []float64{ex, ey}}
				}
			}
			if g.cmd == 'L' && near(g.a[0], x) && near(g.a[1], y) {
				continue
			}
			if n := len(g.a); n > 0 {
				x, y = g.a[n-2], g.a[n-1]
			}
			if g.cmd == 'M' {
				x0, y0 = x, y
			}
			out = append(out, g)
		}
		return out
	}
	a, b = flat(a), flat(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].cmd != b[i].cmd || len(a[i].a) != len(b[i].a) {
			return false
		}
		for k := range a[i].a {
			if !near(a[i].a[k], b[i].a[k]) {
				return false
			}
		}
	}
	return true
}

func TestShortPath(t *testing.T) {
	for _, d := range []string{
		"M0 0L10 0L10 10L0 10Z",
		"M10.5 20.25L10.5 30L100 30L100 30",
		"M0 0C10 0 20 10 30 10C40 10 50 0 60 0",
		"M0 0C0 0 30 10 30 10",
		"M100 200L1100 200L1100 1200",
		"M5 5A5 5 0 0 1 15 5A5 5 0 1 0 5 5Z",
		"M5 5a5 5 0 0 1 10 0z m 2 2 l 3 3 h 4 v -5 H 1 V 2",
		"M0 0Q10 10 20 0T40 0T60 0",
		"M1.5 0L0 0L1.5 .5",
		"M0,0 L-0.5,-0.05 L-100,-1000",
		"M20 20S30 30 40 40S60 60 70 70",
		"M 0 0 L 0.01 0.01 L 12345.67 -0.1",
	} {
		checkNotLonger(t, d)
	}
}

func TestShortPathRefuses(t *testing.T) {
	var p pathShortener
	for _, d := range []string{"", "M0 0.125", "M1e3 0", "M0 0L", "10 10", "M0 0Z 5 5", "M0 0A5 5 0 2 0 1 1", "M1.5.5 0", "M0 0 X"} {
		if got, ok := p.appendShortPath(nil, d); ok {
			t.Errorf("%q read, as %q", d, got)
		}
	}
}

// Random paths on the grid of hundredths, of every command, absolute and
// relative, with many repeated points and control points: the same
// drawing, and shorter than the minifier's in all. The minifier's
// choices follow from its float arithmetic (a line of length 0.0000001
// is kept), so a path can come out a byte or two longer here; paths of
// the commands the chart writes (absolute M, L, C, A and Z) never do.
func TestShortPathRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	short, minified := 0, 0
	for range 20000 {
		s, m := checkShortPath(t, randomPath(rng, "MLHVCSQTAZmlhvcsqtaz"))
		if m > 0 {
			short, minified = short+s, minified+m
		}
	}
	if short > minified {
		t.Errorf("random paths: %d bytes, the minifier's %d", short, minified)
	}
	t.Logf("random paths: %d bytes, the minifier's %d", short, minified)
	for range 20000 {
		checkNotLonger(t, randomPath(rng, "MLCAZ"))
	}
}

func randomPath(rng *rand.Rand, cmds string) string {
	var b strings.Builder
	pts := []string{"0", "10", "100", "1000", "1500", "-5", "0.5", "12.25", "-0.05", "3.1", "200"}
	num := func() string {
		if rng.IntN(3) == 0 {
			return pts[rng.IntN(len(pts))]
		}
		return strconv.FormatFloat(float64(rng.IntN(200000)-50000)/100, 'f', -1, 64)
	}
	b.WriteString("M" + num() + " " + num())
	for range 1 + rng.IntN(12) {
		cmd := cmds[rng.IntN(len(cmds))]
		b.WriteByte(' ')
		b.WriteByte(cmd)
		n := int(pathArgs[cmd])
		for k := range n {
			b.WriteByte(' ')
			if cmd|0x20 == 'a' && (k == 3 || k == 4) {
				b.WriteString(strconv.Itoa(rng.IntN(2)))
			} else if cmd|0x20 == 'a' && k < 2 {
				b.WriteString(strconv.Itoa(1 + rng.IntN(20)))
			} else {
				b.WriteString(num())
			}
		}
		if cmd|0x20 == 'z' && rng.IntN(2) == 0 {
			b.WriteString(" M" + num() + " " + num())
		}
	}
	return b.String()
}

func FuzzShortPath(f *testing.F) {
	f.Add("M0 0C10 0 20 10 30 10C40 10 50 0 60 0")
	f.Add("M5 5a5 5 0 0 1 10 0z m 2 2 l 3 3 h 4 v -5 H 1 V 2")
	f.Add("M0 0Q10 10 20 0T40 0T60 0")
	f.Fuzz(func(t *testing.T, d string) {
		var p pathShortener
		if _, ok := p.appendShortPath(nil, d); !ok {
			return
		}
		if _, err := drawing(d); err != nil {
			t.Fatalf("%q was read by the shortener but does not read: %v", d, err)
		}
		checkShortPath(t, d)
	})
}
