package chart

// The chart's own path shortener. minify's svg.PathData shortens any path
// data, reading each number as a float and writing every coordinate twice
// (absolute and relative) through strconv and minify.Number; on the
// charts' long lines that was an eighth of the time of drawing a chart.
// The chart writes every coordinate on a grid of hundredths (appendF), so
// here coordinates are integers of hundredths: relative coordinates are
// exact differences, and writing one is a few integer divisions. The
// choices are minify's (absolute or relative, whichever is shorter; C to
// S, Q to T and curves to lines where the control points allow; L to H or
// V; repeated commands left out; .5, 1e3, no separator before - or a
// second .), and the output is never longer than minify's. Data off the
// grid (other writers' paths) is left to minify.

// pathShortener holds a shortener's buffers, kept between paths.
type pathShortener struct {
	segs []pathSeg
	cur  []byte // a segment as written, then as relative
	alt  []byte
}

// pathSeg is one segment of path data, in absolute hundredths, with
// every control point written out.
type pathSeg struct {
	cmd byte // M L C Q A Z
	a   [7]int64
	// alone: the segment's command letter is written and the next
	// segment's is another. Only then does minify make an S or T whose
	// control points lie on its ends a line; the choice is its own.
	alone bool
	rel   bool // written relative: on a tie, it stays so, as in minify
}

// pathArgs is how many numbers each command takes.
var pathArgs = [128]int8{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'T': 2, 'A': 7, 'Z': 0,
	'm': 2, 'l': 2, 'h': 1, 'v': 1, 'c': 6, 's': 4, 'q': 4, 't': 2, 'a': 7, 'z': 0}

// hundredthsLimit keeps every sum and difference of coordinates far from
// overflow, and numbers within what a float64 holds exactly.
const hundredthsLimit = 1 << 50

// appendShortPath appends path data d in its shortest form. ok is false
// if d is not path data on the grid of hundredths; b is then unchanged.
func (p *pathShortener) appendShortPath(b []byte, d string) (_ []byte, ok bool) {
	if !p.read(d) {
		return b, false
	}
	return p.write(b), true
}

// read parses d into absolute segments.
func (p *pathShortener) read(d string) bool {
	p.segs = p.segs[:0]
	var x, y, x0, y0 int64
	var cx, cy, qx, qy int64 // the last control points, if the last segment was C or Q
	var prev byte
	i := 0
	var cmd byte
	groupStart := 0
	for {
		i = skipPathSpace(d, i)
		if i == len(d) {
			if len(p.segs) > 0 {
				p.segs[len(p.segs)-1].alone = groupStart == len(p.segs)-1
			}
			return cmd != 0
		}
		c := d[i]
		if c < 128 && (pathArgs[c] > 0 || c|0x20 == 'z') {
			if c != cmd || c|0x20 == 'm' {
				if n := len(p.segs); n > 0 {
					p.segs[n-1].alone = groupStart == n-1
				}
				groupStart = len(p.segs)
			}
			cmd = c
			i++
		} else if cmd == 0 || cmd|0x20 == 'z' {
			return false // numbers before any command, or after z
		} else if cmd == 'M' {
			cmd = 'L' // pairs after a move are lines
		} else if cmd == 'm' {
			cmd = 'l'
		}
		rel := cmd >= 'a'
		s := pathSeg{cmd: cmd &^ 0x20, rel: rel}
		n := int(pathArgs[cmd])
		for k := range n {
			i = skipPathSpace(d, i)
			if s.cmd == 'A' && (k == 3 || k == 4) {
				if i == len(d) || d[i] != '0' && d[i] != '1' {
					return false
				}
				s.a[k] = int64(d[i] - '0')
				i++
				continue
			}
			v, m := parseHundredths(d[i:])
			if m == 0 {
				return false
			}
			s.a[k] = v
			i += m
		}
		if rel {
			switch s.cmd {
			case 'H':
				s.a[0] += x
			case 'V':
				s.a[0] += y
			case 'A':
				s.a[5] += x
				s.a[6] += y
			default:
				for k := 0; k < n; k += 2 {
					s.a[k] += x
					s.a[k+1] += y
				}
			}
		}
		switch s.cmd {
		case 'Z':
			x, y = x0, y0
		case 'H':
			s = pathSeg{cmd: 'L', a: [7]int64{s.a[0], y}, rel: rel}
		case 'V':
			s = pathSeg{cmd: 'L', a: [7]int64{x, s.a[0]}, rel: rel}
		case 'S':
			rx, ry := x, y
			if prev == 'C' {
				rx, ry = 2*x-cx, 2*y-cy
			}
			s = pathSeg{cmd: 'C', a: [7]int64{rx, ry, s.a[0], s.a[1], s.a[2], s.a[3]}, rel: rel}
		case 'T':
			rx, ry := x, y
			if prev == 'Q' {
				rx, ry = 2*x-qx, 2*y-qy
			}
			s = pathSeg{cmd: 'Q', a: [7]int64{rx, ry, s.a[0], s.a[1]}, rel: rel}
		}
		switch s.cmd {
		case 'C':
			cx, cy = s.a[2], s.a[3]
		case 'Q':
			qx, qy = s.a[0], s.a[1]
		}
		prev = s.cmd
		if s.cmd != 'Z' {
			na := pathArgs[s.cmd]
			x, y = s.a[na-2], s.a[na-1]
		}
		if s.cmd == 'M' {
			x0, y0 = x, y
		}
		if abs64(x) > hundredthsLimit || abs64(y) > hundredthsLimit {
			return false
		}
		p.segs = append(p.segs, s)
	}
}

// skipPathSpace returns where the separators (spaces, commas) at d[i:]
// end.
func skipPathSpace(d string, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == ',' || d[i] == '\n' || d[i] == '\t' || d[i] == '\r') {
		i++
	}
	return i
}

// parseHundredths reads a number with at most two decimals at the start
// of s, as hundredths; m is how many bytes it took, 0 if none or if the
// number is off the grid.
func parseHundredths(s string) (v int64, m int) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + int64(s[i]-'0')
		digits++
		i++
		if v > hundredthsLimit {
			return 0, 0
		}
	}
	v *= 100
	if i < len(s) && s[i] == '.' {
		i++
		scale := int64(10)
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if scale == 0 {
				if s[i] != '0' {
					return 0, 0 // a third decimal
				}
			} else {
				v += int64(s[i]-'0') * scale
				scale /= 10
			}
			digits++
			i++
		}
	}
	if digits == 0 || i < len(s) && (s[i] == 'e' || s[i] == 'E' || s[i] == '.') {
		return 0, 0
	}
	if neg {
		v = -v
	}
	return v, i
}

// pathState is what writing a number depends on, as in minify.
type pathState struct {
	cmd      byte // the command in force: a command equal to it is left out
	digit    bool // the last thing written is a number
	intDigit bool // ... with no point or exponent, so a .5 after it needs a space
	flag     bool // the last thing written is an arc flag
}

// write writes the segments, each absolute or relative, whichever is
// shorter.
func (p *pathShortener) write(b []byte) []byte {
	var st pathState
	var x, y, x0, y0 int64
	var cx, cy, qx, qy int64 // the last control points, if c and q
	c, q := false, false
	for _, s := range p.segs {
		cmd := s.cmd
		args := s.a[:pathArgs[cmd]]
		ex, ey := x, y // where the segment ends
		switch cmd {
		case 'Z':
			b = append(b, 'z')
			st = pathState{cmd: 'z'}
			x, y = x0, y0
			c, q = false, false
			continue
		case 'A':
			ex, ey = args[5], args[6]
		default:
			ex, ey = args[len(args)-2], args[len(args)-1]
		}
		wasC, wasQ := c, q
		c, q = false, false
		// on says whether a control point lies on an end of the segment.
		on := func(px, py int64) bool { return px == x && py == y || px == ex && py == ey }
		switch cmd {
		case 'C':
			rx, ry := x, y // the control point an S stands for
			if wasC {
				rx, ry = 2*x-cx, 2*y-cy
			}
			c1x, c1y, c2x, c2y := args[0], args[1], args[2], args[3]
			if c1x == rx && c1y == ry {
				cmd, args = 'S', args[2:]
			}
			if (cmd == 'C' || s.alone) && on(c1x, c1y) && on(c2x, c2y) {
				cmd, args = 'L', args[len(args)-2:]
			} else {
				c, cx, cy = true, c2x, c2y
			}
		case 'Q':
			rx, ry := x, y
			if wasQ {
				rx, ry = 2*x-qx, 2*y-qy
			}
			c1x, c1y := args[0], args[1]
			if c1x == rx && c1y == ry {
				cmd, args = 'T', args[2:]
			}
			if (cmd == 'Q' || s.alone) && on(c1x, c1y) {
				cmd, args = 'L', args[len(args)-2:]
			} else {
				q, qx, qy = true, c1x, c1y
			}
		}
		var one [1]int64
		if cmd == 'L' {
			switch {
			case ex == x && ey == y:
				// A line to where the pen is, left out: the curve written
				// before it is still the one an S or T reflects.
				c, q = wasC, wasQ
				continue
			case ex == x:
				cmd, one[0] = 'V', ey
				args = one[:]
			case ey == y:
				cmd, one[0] = 'H', ex
				args = one[:]
			}
		}
		if cmd == 'M' {
			st.cmd = 0 // a move is always written
		}
		var abs, rel pathState
		p.cur, abs = p.segment(p.cur[:0], st, cmd, args, 0, 0)
		p.alt, rel = p.segment(p.alt[:0], st, cmd|0x20, args, x, y)
		if len(p.alt) < len(p.cur) || len(p.alt) == len(p.cur) && s.rel {
			b, st = append(b, p.alt...), rel
		} else {
			b, st = append(b, p.cur...), abs
		}
		x, y = ex, ey
		if cmd == 'M' {
			x0, y0 = x, y
		}
	}
	return b
}

// segment writes one segment, its coordinates less (x, y).
func (p *pathShortener) segment(b []byte, st pathState, cmd byte, args []int64, x, y int64) ([]byte, pathState) {
	if cmd != st.cmd && !(st.cmd == 'M' && cmd == 'L' || st.cmd == 'm' && cmd == 'l') {
		b = append(b, cmd)
		st = pathState{cmd: cmd}
	}
	up := cmd &^ 0x20
	for k, v := range args {
		switch {
		case up == 'H':
			v -= x
		case up == 'V':
			v -= y
		case up == 'A':
			switch k {
			case 3, 4:
				if !st.flag {
					b = append(b, ' ')
				}
				b = append(b, byte('0'+v))
				st = pathState{cmd: st.cmd, flag: true}
				continue
			case 5:
				v -= x
			case 6:
				v -= y
			}
		case k%2 == 0:
			v -= x
		default:
			v -= y
		}
		b, st = appendPathNumber(b, st, v)
	}
	return b, st
}

// appendPathNumber writes hundredths v as minify.Number and
// svg.PathDataState.copyNumber would: no leading zero, trailing zeros as
// an exponent, and a separator only where one is needed.
func appendPathNumber(b []byte, st pathState, v int64) ([]byte, pathState) {
	var buf [24]byte
	i := len(buf)
	a := abs64(v)
	isInt := a%100 == 0
	if !isInt {
		fr := a % 100
		if fr%10 != 0 {
			i--
			buf[i] = byte('0' + fr%10)
		}
		i--
		buf[i] = byte('0' + fr/10)
		i--
		buf[i] = '.'
		if a/100 != 0 {
			i = putUint(buf[:i], a/100)
		}
	} else {
		n := a / 100
		zeros := 0
		if n != 0 {
			for n%10 == 0 {
				n /= 10
				zeros++
			}
		}
		if zeros >= 2 {
			// 100 and 1500 as 1e2 and 15e2: no shorter, but a point may
			// follow without a space. 1000 as 1e3 is shorter.
			i = putUint(buf[:i], uint64(zeros))
			i--
			buf[i] = 'e'
			isInt = false
		} else {
			for range zeros {
				n *= 10
			}
		}
		i = putUint(buf[:i], n)
	}
	if v < 0 {
		i--
		buf[i] = '-'
	}
	num := buf[i:]
	if st.digit && (num[0] >= '0' && num[0] <= '9' || num[0] == '.' && st.intDigit) {
		if num[0] == '0' && !st.intDigit {
			// A zero after 1.5 as .0: as long as " 0", and a .5 after it
			// needs no space.
			return append(b, '.', '0'), pathState{cmd: st.cmd, digit: true}
		}
		b = append(b, ' ')
	}
	return append(b, num...), pathState{cmd: st.cmd, digit: true, intDigit: isInt}
}

// putUint writes n in decimal just before the end of buf and returns
// where it starts.
func putUint[T int64 | uint64](buf []byte, n T) int {
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return i
		}
	}
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
