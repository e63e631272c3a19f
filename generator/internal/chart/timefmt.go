package chart

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Dates as Vega handles them: d3-time-format's formats and parsers,
// JavaScript's Date.parse, Vega's time units and d3's time intervals. All
// in UTC: Vega-Lite reads dates in local time, and a build must draw the
// same chart on every machine (the gallery suite runs Vega with TZ=UTC).

// timeLocale is a language's words for dates, as d3-time-format takes them.
type timeLocale struct {
	dateTime, date, time string
	periods              [2]string
	days, shortDays      []string
	months, shortMonths  []string
	// In a date with its day, some languages inflect the month (Russian
	// "5 марта", not "март"): CLDR's format-context names, when they differ.
	dayMonths, dayShortMonths []string
}

// enTime is d3-time-format's default locale (en-US), which Vega uses.
var enTime = &timeLocale{
	dateTime:    "%x, %X",
	date:        "%-m/%-d/%Y",
	time:        "%-I:%M:%S %p",
	periods:     [2]string{"AM", "PM"},
	days:        []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	shortDays:   []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	months:      []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	shortMonths: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

// checkTimeFormat reports the first directive of spec that d3 does not know.
func checkTimeFormat(spec string) error {
	for i := 0; i < len(spec); i++ {
		if spec[i] != '%' {
			continue
		}
		i++
		if i < len(spec) && (spec[i] == '-' || spec[i] == '_' || spec[i] == '0') {
			i++
		}
		if i >= len(spec) {
			return fmt.Errorf("time format %q ends with %%", spec)
		}
		if !strings.ContainsRune("aAbBcdefgGHIjLmMpqQsSuUVwWxXyYZ%", rune(spec[i])) {
			return fmt.Errorf("time format %q: %%%c is not a d3 time directive", spec, spec[i])
		}
	}
	return nil
}

const timeFormatHint = "a d3 time format such as \"%Y\", \"%b %Y\" or \"%d %b %Y\""

// formatTime is d3's timeFormat(spec)(date) in UTC.
func formatTime(spec string, ms float64, loc *timeLocale) string {
	var buf [48]byte
	return string(appendTime(buf[:0], spec, ms, loc, 0))
}

func appendTime(b []byte, spec string, ms float64, loc *timeLocale, depth int) []byte {
	if math.IsNaN(ms) {
		return append(b, "Invalid Date"...)
	}
	t := msTime(ms)
	months, shortMonths := loc.months, loc.shortMonths
	if loc.dayMonths != nil && (strings.Contains(spec, "%d") || strings.Contains(spec, "%e") || strings.Contains(spec, "%-d") || strings.Contains(spec, "%-e")) {
		months, shortMonths = loc.dayMonths, loc.dayShortMonths
	}
	for i := 0; i < len(spec); i++ {
		c := spec[i]
		if c != '%' || i+1 >= len(spec) {
			b = append(b, c)
			continue
		}
		i++
		pad := byte(0)
		if p := spec[i]; p == '-' || p == '_' || p == '0' {
			pad = p
			i++
			if i >= len(spec) {
				break
			}
		}
		num := func(v, width int, def byte) {
			p := def
			if pad != 0 {
				p = pad
			}
			if v < 0 {
				v = -v
				b = append(b, '-')
			}
			var digits [20]byte
			s := strconv.AppendInt(digits[:0], int64(v), 10)
			if p != '-' {
				for k := len(s); k < width; k++ {
					if p == '_' {
						b = append(b, ' ')
					} else {
						b = append(b, '0')
					}
				}
			}
			b = append(b, s...)
		}
		switch spec[i] {
		case 'a':
			b = append(b, loc.shortDays[t.Weekday()]...)
		case 'A':
			b = append(b, loc.days[t.Weekday()]...)
		case 'b':
			b = append(b, shortMonths[t.Month()-1]...)
		case 'B':
			b = append(b, months[t.Month()-1]...)
		case 'c':
			if depth < 2 {
				b = appendTime(b, loc.dateTime, ms, loc, depth+1)
			}
		case 'x':
			if depth < 2 {
				b = appendTime(b, loc.date, ms, loc, depth+1)
			}
		case 'X':
			if depth < 2 {
				b = appendTime(b, loc.time, ms, loc, depth+1)
			}
		case 'd':
			num(t.Day(), 2, '0')
		case 'e':
			num(t.Day(), 2, '_')
		case 'f':
			num(t.Nanosecond()/1000, 6, '0')
		case 'g':
			y, _ := t.ISOWeek()
			num(y%100, 2, '0')
		case 'G':
			y, _ := t.ISOWeek()
			num(y, 4, '0')
		case 'H':
			num(t.Hour(), 2, '0')
		case 'I':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			num(h, 2, '0')
		case 'j':
			num(t.YearDay(), 3, '0')
		case 'L':
			num(t.Nanosecond()/1e6, 3, '0')
		case 'm':
			num(int(t.Month()), 2, '0')
		case 'M':
			num(t.Minute(), 2, '0')
		case 'p':
			b = append(b, loc.periods[t.Hour()/12]...)
		case 'q':
			b = strconv.AppendInt(b, int64((t.Month()-1)/3+1), 10)
		case 'Q':
			b = append(b, jsNumber(ms)...)
		case 's':
			b = strconv.AppendInt(b, int64(math.Floor(ms/1000)), 10)
		case 'S':
			num(t.Second(), 2, '0')
		case 'u':
			d := int(t.Weekday())
			if d == 0 {
				d = 7
			}
			b = strconv.AppendInt(b, int64(d), 10)
		case 'U':
			num(sundayWeek(t), 2, '0')
		case 'V':
			_, w := t.ISOWeek()
			num(w, 2, '0')
		case 'w':
			b = strconv.AppendInt(b, int64(t.Weekday()), 10)
		case 'W':
			num(mondayWeek(t), 2, '0')
		case 'y':
			num(((t.Year()%100)+100)%100, 2, '0')
		case 'Y':
			y := t.Year()
			if y < 0 {
				b = append(b, '-')
				y = -y
			}
			num(y%10000, 4, '0')
		case 'Z':
			b = append(b, "+0000"...)
		case '%':
			b = append(b, '%')
		default:
			b = append(b, '%', spec[i])
		}
	}
	return b
}

func mondayWeek(t time.Time) int {
	jan1 := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	firstMonday := (8 - int(jan1.Weekday())) % 7
	return (t.YearDay() - 1 - firstMonday + 7) / 7
}

// parseTime is d3's timeParse(spec)(s) in UTC: the whole text must match.
func parseTime(spec, s string, loc *timeLocale) (float64, bool) {
	year, month, day := 1900, 0, 1
	hour, minute, sec, milli := 0, 0, 0, 0
	pm := -1
	yday := -1
	var epoch *float64
	zone := 0
	j := 0
	readNum := func(maxDigits int) (int, bool) {
		k := j
		neg := false
		if k < len(s) && (s[k] == '-' || s[k] == '+') && maxDigits >= 4 {
			neg = s[k] == '-'
			k++
		}
		for k < len(s) && s[k] == ' ' && k == j {
			k++
		}
		start := k
		for k < len(s) && k-start < maxDigits && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == start {
			return 0, false
		}
		v, _ := strconv.Atoi(s[start:k])
		j = k
		if neg {
			v = -v
		}
		return v, true
	}
	matchName := func(names []string) (int, bool) {
		best, bestLen := -1, 0
		for i, n := range names {
			if len(n) > bestLen && len(s)-j >= len(n) && strings.EqualFold(s[j:j+len(n)], n) {
				best, bestLen = i, len(n)
			}
		}
		if best < 0 {
			return 0, false
		}
		j += bestLen
		return best, true
	}
	for i := 0; i < len(spec); i++ {
		c := spec[i]
		if c != '%' {
			if j >= len(s) || s[j] != c {
				return 0, false
			}
			j++
			continue
		}
		i++
		if i < len(spec) && (spec[i] == '-' || spec[i] == '_' || spec[i] == '0') {
			i++
		}
		if i >= len(spec) {
			return 0, false
		}
		ok := true
		var v int
		switch spec[i] {
		case 'Y':
			year, ok = readNum(4)
		case 'y':
			v, ok = readNum(2)
			if v < 69 {
				year = 2000 + v
			} else {
				year = 1900 + v
			}
		case 'm':
			v, ok = readNum(2)
			month = v - 1
		case 'd', 'e':
			day, ok = readNum(2)
		case 'j':
			yday, ok = readNum(3)
		case 'H', 'I':
			hour, ok = readNum(2)
		case 'M':
			minute, ok = readNum(2)
		case 'S':
			sec, ok = readNum(2)
		case 'L':
			milli, ok = readNum(3)
		case 'f':
			v, ok = readNum(6)
			milli = v / 1000
		case 'p':
			v, ok = matchName(loc.periods[:])
			pm = v
		case 'b':
			month, ok = matchName(loc.shortMonths)
		case 'B':
			month, ok = matchName(loc.months)
		case 'a':
			_, ok = matchName(loc.shortDays)
		case 'A':
			_, ok = matchName(loc.days)
		case 'q':
			v, ok = readNum(1)
			month = (v - 1) * 3
		case 'Q', 's':
			k := j
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == '-' || s[k] == '.') {
				k++
			}
			f, err := strconv.ParseFloat(s[j:k], 64)
			ok = err == nil
			if spec[i] == 's' {
				f *= 1000
			}
			epoch = &f
			j = k
		case 'Z':
			if j < len(s) && s[j] == 'Z' {
				j++
				break
			}
			if j+5 <= len(s) && (s[j] == '+' || s[j] == '-') {
				hh, e1 := strconv.Atoi(s[j+1 : j+3])
				k := j + 3
				if k < len(s) && s[k] == ':' {
					k++
				}
				mm, e2 := strconv.Atoi(s[k : k+2])
				if e1 != nil || e2 != nil {
					return 0, false
				}
				zone = hh*60 + mm
				if s[j] == '-' {
					zone = -zone
				}
				j = k + 2
				break
			}
			ok = false
		case '%':
			ok = j < len(s) && s[j] == '%'
			j++
		case 'c', 'x', 'X':
			sub := map[byte]string{'c': loc.dateTime, 'x': loc.date, 'X': loc.time}[spec[i]]
			rest := spec[i+1:]
			ms, good := parseTime(sub+rest, s[j:], loc)
			return ms, good
		default:
			return 0, false
		}
		if !ok {
			return 0, false
		}
	}
	if j != len(s) {
		return 0, false
	}
	if epoch != nil {
		return *epoch, true
	}
	if pm >= 0 {
		hour = hour%12 + 12*pm
	}
	var t time.Time
	if yday >= 0 {
		t = time.Date(year, 1, yday, hour, minute, sec, milli*1e6, time.UTC)
	} else {
		t = time.Date(year, time.Month(month+1), day, hour, minute, sec, milli*1e6, time.UTC)
	}
	return timeMS(t) - float64(zone)*60000, true
}

var monthWords = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// jsDateParse reads dates as JavaScript's Date.parse does for the forms
// data files use: ISO 8601 (a date alone is UTC), "2000/01/31",
// "1/31/2000", "Jan 31 2000", "31 Jan 2000", "January 31, 2000", with an
// optional time and zone. Times without a zone are local, which here is
// UTC.
func jsDateParse(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return 0, false
	}
	if ms, ok := isoDate(s); ok {
		return ms, true
	}
	return looseDate(s)
}

func isoDate(s string) (float64, bool) {
	num := func(t string) int {
		if t == "" {
			return -1
		}
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	datePart, timePart, hasTime := strings.Cut(s, "T")
	if !hasTime {
		// "2000-01-01 12:00" is read as local time by V8.
		if d, t, ok := strings.Cut(s, " "); ok && len(d) == 10 {
			datePart, timePart, hasTime = d, t, true
		}
	}
	sign := 1
	if strings.HasPrefix(datePart, "+") || strings.HasPrefix(datePart, "-") && len(datePart) > 7 && strings.Count(datePart, "-") > 2 {
		if datePart[0] == '-' {
			sign = -1
		}
		datePart = datePart[1:]
	}
	parts := strings.Split(datePart, "-")
	if len(parts) > 3 || len(parts[0]) != 4 && len(parts[0]) != 6 {
		return 0, false
	}
	y := num(parts[0])
	if y < 0 {
		return 0, false
	}
	y *= sign
	m, d := 1, 1
	if len(parts) > 1 {
		if len(parts[1]) != 2 {
			return 0, false
		}
		m = num(parts[1])
	}
	if len(parts) > 2 {
		if len(parts[2]) != 2 {
			return 0, false
		}
		d = num(parts[2])
	}
	if y < -271821 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	ms := float64(civilDays(y, m, d)) * 86400000
	if !hasTime {
		return ms, true
	}
	zone := 0
	switch {
	case strings.HasSuffix(timePart, "Z"):
		timePart = timePart[:len(timePart)-1]
	case len(timePart) > 6 && (timePart[len(timePart)-6] == '+' || timePart[len(timePart)-6] == '-') && timePart[len(timePart)-3] == ':':
		z := timePart[len(timePart)-6:]
		hh, mm := num(z[1:3]), num(z[4:6])
		if hh < 0 || mm < 0 {
			return 0, false
		}
		zone = hh*60 + mm
		if z[0] == '-' {
			zone = -zone
		}
		timePart = timePart[:len(timePart)-6]
	}
	tp := strings.Split(timePart, ":")
	if len(tp) < 2 || len(tp) > 3 {
		return 0, false
	}
	h, mi := num(tp[0]), num(tp[1])
	sec, milli := 0, 0
	if len(tp) == 3 {
		sp, frac, hasFrac := strings.Cut(tp[2], ".")
		sec = num(sp)
		if hasFrac {
			if len(frac) > 3 {
				frac = frac[:3]
			}
			for len(frac) < 3 {
				frac += "0"
			}
			milli = num(frac)
		}
	}
	if h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || milli < 0 {
		return 0, false
	}
	return ms + float64(h*3600000+mi*60000+sec*1000+milli) - float64(zone)*60000, true
}

// looseDate reads the other forms V8 accepts that data files use.
func looseDate(s string) (float64, bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	var nums []int
	month := 0
	h, mi, sec := 0, 0, 0
	zone := 0
	pm := -1
	for _, f := range fields {
		lf := strings.ToLower(f)
		switch {
		case strings.Contains(f, ":"):
			tp := strings.Split(f, ":")
			vals := make([]int, len(tp))
			for i, p := range tp {
				v, err := strconv.Atoi(strings.SplitN(p, ".", 2)[0])
				if err != nil {
					return 0, false
				}
				vals[i] = v
			}
			h, mi = vals[0], vals[1]
			if len(vals) > 2 {
				sec = vals[2]
			}
		case strings.Contains(f, "/"):
			p := strings.Split(f, "/")
			if len(p) != 3 {
				return 0, false
			}
			a, e1 := strconv.Atoi(p[0])
			b, e2 := strconv.Atoi(p[1])
			c, e3 := strconv.Atoi(p[2])
			if e1 != nil || e2 != nil || e3 != nil {
				return 0, false
			}
			if len(p[0]) == 4 {
				nums = append(nums, c)
				month = b
				nums = append(nums, a)
			} else {
				month = a
				nums = append(nums, b, c)
			}
		case lf == "am" || lf == "pm":
			pm = 0
			if lf == "pm" {
				pm = 1
			}
		case lf == "gmt" || lf == "utc" || lf == "z":
		case (f[0] == '+' || f[0] == '-') && len(f) == 5:
			v, err := strconv.Atoi(f[1:])
			if err != nil {
				return 0, false
			}
			zone = v/100*60 + v%100
			if f[0] == '-' {
				zone = -zone
			}
		case len(lf) >= 3 && monthWords[lf[:3]] > 0 && month == 0 && strings.HasPrefix(fullMonthOf(lf[:3]), lf):
			month = monthWords[lf[:3]]
		case len(lf) >= 3 && isWeekday(lf):
		default:
			v, err := strconv.Atoi(f)
			if err != nil {
				return 0, false
			}
			nums = append(nums, v)
		}
	}
	if month == 0 || len(nums) != 2 {
		return 0, false
	}
	d, y := nums[0], nums[1]
	if d > 31 {
		d, y = y, d
	}
	if y < 50 {
		y += 2000
	} else if y < 100 {
		y += 1900
	}
	if pm >= 0 {
		h = h%12 + 12*pm
	}
	if d < 1 || d > daysIn(y, month) || h > 24 || mi > 59 || sec > 59 {
		return 0, false
	}
	ms := float64(civilDays(y, month, d))*86400000 + float64(h*3600000+mi*60000+sec*1000)
	return ms - float64(zone)*60000, true
}

func fullMonthOf(abbr string) string {
	return strings.ToLower(enTime.months[monthWords[abbr]-1])
}

func isWeekday(s string) bool {
	for _, d := range enTime.days {
		if strings.HasPrefix(strings.ToLower(d), s) {
			return true
		}
	}
	return false
}

// Time units, as Vega-Lite's timeUnit and Vega's timeunit transform know
// them, in their canonical order.
var timeUnitOrder = []string{"year", "quarter", "month", "week", "isoweek", "date", "day", "dayofyear", "hours", "minutes", "seconds", "milliseconds"}

// splitTimeUnit reads a Vega-Lite time unit such as "yearmonthdate" or
// "utcyearquarter" into its units; ok false when it is not one.
func splitTimeUnit(tu string) (units []string, utc bool, ok bool) {
	s := tu
	// "binned" (data already at the units' starts) and "utc" come in
	// either order.
	for range 2 {
		if strings.HasPrefix(s, "utc") {
			utc, s = true, s[3:]
		}
		if strings.HasPrefix(s, "binned") {
			s = s[6:]
		}
	}
	for s != "" {
		found := false
		// Longest first: "dayofyear" before "day", "milliseconds" before "minutes".
		for _, u := range []string{"dayofyear", "milliseconds", "isoweek", "quarter", "seconds", "minutes", "hours", "month", "year", "week", "date", "day"} {
			if strings.HasPrefix(s, u) {
				units = append(units, u)
				s = s[len(u):]
				found = true
				break
			}
		}
		if !found {
			return nil, false, false
		}
	}
	if len(units) == 0 {
		return nil, false, false
	}
	slices.SortFunc(units, func(a, b string) int { return slices.Index(timeUnitOrder, a) - slices.Index(timeUnitOrder, b) })
	return units, utc, true
}

// timeUnitFloor is Vega's timeFloor: the date with the units kept and the
// rest reset (a year that is not kept is 2012, a leap year that starts on
// a Sunday). step rounds the finest unit down to a multiple.
func timeUnitFloor(units []string, step int, ms float64) float64 {
	if math.IsNaN(ms) {
		return ms
	}
	has := func(u string) bool { return slices.Contains(units, u) }
	last := units[len(units)-1]
	st := func(u string, v, phase int) int {
		if u != last || step <= 1 {
			return v
		}
		return phase + step*int(math.Floor(float64(v-phase)/float64(step)))
	}
	t := msTime(ms)
	year := 2012
	if has("year") {
		year = st("year", t.Year(), 0)
	}
	month := 0
	switch {
	case has("month"):
		month = st("month", int(t.Month())-1, 0)
	case has("quarter"):
		month = st("quarter", (int(t.Month())-1)/3, 0) * 3
	}
	day := 1
	switch {
	case has("week") || has("day"):
		// Vega's weekday(): the day of the month of a week's weekday,
		// counted from the year's first day (0 and less: December).
		first := int(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Weekday())
		w, dow := 0, 0
		if has("week") {
			w = st("week", sundayWeek(t), 1)
		}
		if has("day") {
			dow = st("day", int(t.Weekday()), 1)
		}
		day = dow + w*7 - (first+6)%7
	case has("date"):
		day = st("date", t.Day(), 1)
	case has("dayofyear"):
		day = st("dayofyear", t.YearDay(), 1)
	}
	h, mi, s, l := 0, 0, 0, 0
	if has("hours") {
		h = st("hours", t.Hour(), 0)
	}
	if has("minutes") {
		mi = st("minutes", t.Minute(), 0)
	}
	if has("seconds") {
		s = st("seconds", t.Second(), 0)
	}
	if has("milliseconds") {
		l = st("milliseconds", t.Nanosecond()/1e6, 0)
	}
	return timeMS(time.Date(year, time.Month(month+1), day, h, mi, s, l*1e6, time.UTC))
}

// timeUnitDefaults are Vega's formats of time units and their runs.
var timeUnitDefaults = map[string]string{
	"year": "%Y ", "quarter": "Q%q ", "month": "%b ", "date": "%d ", "week": "W%U ", "isoweek": "W%V ",
	"day": "%a ", "dayofyear": "%j ", "hours": "%H:00", "minutes": "00:%M", "seconds": ":%S", "milliseconds": ".%L",
	"year-isoweek": "%G W%V ", "year-month": "%Y-%m ", "year-month-date": "%Y-%m-%d ", "hours-minutes": "%H:%M",
}

// timeUnitSpecifier is Vega's timeUnitSpecifier: the format that shows a
// time unit's parts, with Vega-Lite's overrides when given.
func timeUnitSpecifier(units []string, overrides map[string]string) string {
	u := slices.Clone(units)
	slices.SortFunc(u, func(a, b string) int { return slices.Index(timeUnitOrder, a) - slices.Index(timeUnitOrder, b) })
	var f strings.Builder
	for start := 0; start < len(u); {
		matched := false
		for end := len(u); end > start; end-- {
			key := strings.Join(u[start:end], "-")
			s, ok := overrides[key]
			if !ok {
				s, ok = timeUnitDefaults[key]
			}
			if ok {
				f.WriteString(s)
				start = end
				matched = true
				break
			}
		}
		if !matched {
			start++
		}
	}
	return strings.TrimSpace(f.String())
}

// vlTimeUnitFormats are Vega-Lite's overrides of Vega's specifiers.
var vlTimeUnitFormats = map[string]string{"year-month": "%b %Y ", "year-month-date": "%b %d, %Y "}

// floorTime floors ms to a named interval (d3's time intervals; week is
// Sunday-based).
func floorTime(unit string, ms float64) float64 {
	t := msTime(ms)
	switch strings.TrimPrefix(unit, "utc") {
	case "millisecond", "milliseconds":
		return math.Floor(ms)
	case "second", "seconds":
		return math.Floor(ms/1000) * 1000
	case "minute", "minutes":
		return math.Floor(ms/60000) * 60000
	case "hour", "hours":
		return math.Floor(ms/3600000) * 3600000
	case "day", "date", "dayofyear":
		return math.Floor(ms/86400000) * 86400000
	case "week", "sunday":
		d := math.Floor(ms/86400000) * 86400000
		return d - float64(t.Weekday())*86400000
	case "monday", "isoweek":
		d := math.Floor(ms/86400000) * 86400000
		return d - float64((int(t.Weekday())+6)%7)*86400000
	case "month":
		return timeMS(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
	case "quarter":
		return timeMS(time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC))
	case "year":
		return timeMS(time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return ms
}

// offsetTime moves ms by step intervals.
func offsetTime(unit string, ms float64, step int) float64 {
	t := msTime(ms)
	switch strings.TrimPrefix(unit, "utc") {
	case "millisecond", "milliseconds":
		return ms + float64(step)
	case "second", "seconds":
		return ms + float64(step)*1000
	case "minute", "minutes":
		return ms + float64(step)*60000
	case "hour", "hours":
		return ms + float64(step)*3600000
	case "day", "date", "dayofyear":
		return timeMS(t.AddDate(0, 0, step))
	case "week", "sunday", "monday", "isoweek":
		return timeMS(t.AddDate(0, 0, 7*step))
	case "month":
		return timeMS(t.AddDate(0, step, 0))
	case "quarter":
		return timeMS(t.AddDate(0, 3*step, 0))
	case "year":
		return timeMS(t.AddDate(step, 0, 0))
	}
	return ms
}

// multiFormatTime is Vega's default label of a time tick: the coarsest
// unit the date is not at the start of decides the format.
func multiFormatTime(ms float64, loc *timeLocale) string {
	spec := "%Y"
	switch {
	case floorTime("second", ms) < ms:
		spec = ".%L"
	case floorTime("minute", ms) < ms:
		spec = ":%S"
	case floorTime("hour", ms) < ms:
		spec = "%I:%M"
	case floorTime("day", ms) < ms:
		spec = "%I %p"
	case floorTime("month", ms) < ms:
		spec = "%b %d"
		if floorTime("week", ms) < ms {
			spec = "%a %d"
		}
	case floorTime("year", ms) < ms:
		spec = "%B"
	}
	return formatTime(spec, ms, loc)
}

const msPerDay = 86400000
