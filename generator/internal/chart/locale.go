package chart

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed locales/*.json
var localeFS embed.FS

// locale holds what a language needs: its phrases for the summary, month
// names, short-scale words, separators and the x/text tag for numbers. One
// small file per language under locales/.
type locale struct {
	lang           string
	Dir            string   `json:"dir"`
	Numbers        string   `json:"numbers"`
	Months         []string `json:"months"`
	MonthsShort    []string `json:"monthsShort"`
	DayMonths      []string `json:"dayMonths"` // CLDR format-context names, where they differ
	DayMonthsShort []string `json:"dayMonthsShort"`
	Compact        []compactUnit
	CompactPattern string    `json:"compactPattern"`
	Days           []string  `json:"days"`
	DaysShort      []string  `json:"daysShort"`
	Periods        [2]string `json:"periods"`
	Dates          struct{ Year, Month, Day, DateTime, Date, Time string }
	// MultiFormat labels time ticks by the coarsest unit a date does not
	// start: d3's formats, in each language's words and order.
	MultiFormat struct{ Millisecond, Second, Minute, Hour, Day, Week, Month, Year string } `json:"multiFormat"`
	Sep         struct{ Label, Value, List, And, Range, Sentence string }
	Kinds       map[string]string
	Aggregates  map[string]string
	Phrases     map[string]string

	printer  *message.Printer
	syms     numSyms
	num      numSymbols // for d3 number formats
	collator *collate.Collator
	mu       sync.Mutex // collator is not safe for concurrent use
	dateFmt  [3]string  // d3 time formats of a year, a month and a day
	time     *timeLocale
}

type compactUnit struct {
	Exp    int    `json:"exp"`
	Suffix string `json:"suffix"`
}

var langs = []string{"ar", "en", "es", "fr", "ru", "zh"}

// Languages lists the page languages that have phrases.
func Languages() []string { return slices.Clone(langs) }

var locales = sync.OnceValue(func() map[string]*locale {
	m := map[string]*locale{}
	for _, l := range langs {
		b, err := localeFS.ReadFile("locales/" + l + ".json")
		if err != nil {
			panic(err)
		}
		loc := &locale{lang: l}
		if err := json.Unmarshal(b, loc); err != nil {
			panic(fmt.Sprintf("chart: locales/%s.json: %v", l, err))
		}
		loc.printer = message.NewPrinter(language.MustParse(loc.Numbers))
		loc.syms = newNumSyms(loc.printer)
		loc.num = numSymbols{dec: loc.syms.dec, group: loc.syms.group, pctPre: loc.syms.pctPre, pctSuf: loc.syms.pctSuf, minus: "\u2212"}
		loc.collator = collate.New(language.MustParse(l))
		for i, f := range []string{loc.Dates.Year, loc.Dates.Month, loc.Dates.Day} {
			if err := checkTimeFormat(f); err != nil {
				panic(fmt.Sprintf("chart: locales/%s.json: %v", l, err))
			}
			loc.dateFmt[i] = f
		}
		loc.time = &timeLocale{dateTime: loc.Dates.DateTime, date: loc.Dates.Date, time: loc.Dates.Time,
			periods: loc.Periods, days: loc.Days, shortDays: loc.DaysShort, months: loc.Months, shortMonths: loc.MonthsShort,
			dayMonths: loc.DayMonths, dayShortMonths: loc.DayMonthsShort}
		if len(loc.Days) != 7 || len(loc.DaysShort) != 7 || len(loc.Months) != 12 || len(loc.MonthsShort) != 12 || loc.DayMonths != nil && (len(loc.DayMonths) != 12 || len(loc.DayMonthsShort) != 12) {
			panic(fmt.Sprintf("chart: locales/%s.json: months and days must be 12 and 7", l))
		}
		m[l] = loc
	}
	return m
})

// getLocale returns the locale for a BCP 47 tag such as "fr" or "ar-EG",
// and false when the language has no phrases (English is used then).
func getLocale(tag string) (*locale, bool) {
	base := strings.ToLower(tag)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	if base == "" {
		return locales()["en"], true
	}
	if l, ok := locales()[base]; ok {
		return l, true
	}
	return locales()["en"], false
}

func (l *locale) rtl() bool { return l.Dir == "rtl" }

// phrase fills a template's {name} placeholders from pairs of name, value.
func (l *locale) phrase(key string, kv ...string) string {
	return fill(l.Phrases[key], kv...)
}

func fill(s string, kv ...string) string {
	if len(kv) == 0 {
		return s
	}
	var b strings.Builder
	n := len(s)
	for k := 1; k < len(kv); k += 2 {
		n += len(kv[k])
	}
	b.Grow(n) // enough unless a placeholder repeats
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		found := false
		for k := 0; k+1 < len(kv); k += 2 {
			if kv[k] == name {
				b.WriteString(kv[k+1])
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// list joins items with the language's list separator.
func (l *locale) list(items []string) string { return strings.Join(items, l.Sep.List) }

// compare orders text as the language does.
func (l *locale) compare(a, b string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c := l.collator.CompareString(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// multiFormat labels a time tick as Vega does (Vega's multi-format),
// with the language's formats.
func (l *locale) multiFormat(ms float64) string {
	f := l.MultiFormat
	spec := f.Year
	switch {
	case floorTime("second", ms) < ms:
		spec = f.Millisecond
	case floorTime("minute", ms) < ms:
		spec = f.Second
	case floorTime("hour", ms) < ms:
		spec = f.Minute
	case floorTime("day", ms) < ms:
		spec = f.Hour
	case floorTime("month", ms) < ms:
		spec = f.Week
		if floorTime("week", ms) < ms {
			spec = f.Day
		}
	case floorTime("year", ms) < ms:
		spec = f.Month
	}
	return formatTime(spec, ms, l.time)
}
