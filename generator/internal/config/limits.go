package config

import (
	"fmt"
	"sort"
	"strings"
)

// Limits bound what any one input may cost a build, so that a hostile or
// mistaken file ends in a message naming the limit instead of exhausting
// memory. Every reader of user input enforces its limits while it reads,
// not after. The defaults are generous for real ITU data (a full indicator
// export, an institutional library of tens of thousands of records) and
// keep a build of any one file at its limits under 2 GB of memory.
//
// A site sets them in hugo.toml:
//
//	[params.limits]
//	  csvRows = 2_000_000
type Limits struct {
	ContentBytes      int64 // contentBytes: a Markdown content file, a data package descriptor or an i18n file
	NestingDepth      int64 // nestingDepth: levels of nesting in YAML, JSON and view specs
	YAMLValues        int64 // yamlValues: values in one YAML document once its aliases are expanded
	CSVBytes          int64 // csvBytes: one CSV file
	CSVRows           int64 // csvRows: data rows of one CSV file
	ViewRows          int64 // viewRows: rows one chart or map draws, after its filters
	BibliographyBytes int64 // bibliographyBytes: one .bib, .ris or .json bibliography, and the text its @string macros expand to
	FieldBytes        int64 // fieldBytes: one field of a bibliography record (an abstract, a title)
	ImageBytes        int64 // imageBytes: one image file
	ImagePixels       int64 // imagePixels: width × height of one raster image
}

// limit describes one field of Limits: its name in hugo.toml, what it
// counts, and its default.
type limit struct {
	name, counts string
	def          int64
	field        func(*Limits) *int64
}

var limits = []limit{
	{"contentBytes", "bytes", 1 << 20, func(l *Limits) *int64 { return &l.ContentBytes }},
	{"nestingDepth", "levels of nesting", 32, func(l *Limits) *int64 { return &l.NestingDepth }},
	{"yamlValues", "values once aliases are expanded", 100_000, func(l *Limits) *int64 { return &l.YAMLValues }},
	{"csvBytes", "bytes", 128 << 20, func(l *Limits) *int64 { return &l.CSVBytes }},
	{"csvRows", "rows", 1_000_000, func(l *Limits) *int64 { return &l.CSVRows }},
	{"viewRows", "rows drawn", 5_000, func(l *Limits) *int64 { return &l.ViewRows }},
	{"bibliographyBytes", "bytes", 64 << 20, func(l *Limits) *int64 { return &l.BibliographyBytes }},
	{"fieldBytes", "bytes", 64 << 10, func(l *Limits) *int64 { return &l.FieldBytes }},
	{"imageBytes", "bytes", 20 << 20, func(l *Limits) *int64 { return &l.ImageBytes }},
	{"imagePixels", "pixels", 50_000_000, func(l *Limits) *int64 { return &l.ImagePixels }},
}

// DefaultLimits are the limits of a site that sets none.
func DefaultLimits() Limits {
	var l Limits
	for _, s := range limits {
		*s.field(&l) = s.def
	}
	return l
}

// Exceeded words a broken limit for a problem: what the input holds (got,
// or more than the limit when got is 0) and how to raise the limit.
func (l Limits) Exceeded(name string, got int64, what string) (msg, hint string) {
	for _, s := range limits {
		if s.name != name {
			continue
		}
		max := *s.field(&l)
		if got > 0 {
			msg = fmt.Sprintf("%s has %s %s, over the limit of %s (%s)", what, group(got), s.counts, group(max), name)
		} else {
			msg = fmt.Sprintf("%s has more than %s %s (the limit %s)", what, group(max), s.counts, name)
		}
		return msg, fmt.Sprintf("split or shorten it; if it is right as it is, raise %s under [params.limits] in %s", name, File)
	}
	panic("config: no limit " + name)
}

// group writes n with thin thousands separators: 1,000,000.
func group(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func readLimits(set map[string]any) (Limits, error) {
	l := DefaultLimits()
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		var spec *limit
		for i := range limits {
			if limits[i].name == k {
				spec = &limits[i]
			}
		}
		if spec == nil {
			var known []string
			for _, s := range limits {
				known = append(known, s.name)
			}
			return l, &Error{Msg: fmt.Sprintf("[params.limits] has no limit %q", k), Hint: "limits: " + strings.Join(known, ", ")}
		}
		n, ok := set[k].(int64)
		if !ok || n <= 0 {
			return l, &Error{Msg: fmt.Sprintf("[params.limits] %s must be a positive whole number, not %v", k, set[k])}
		}
		*spec.field(&l) = n
	}
	return l, nil
}

// OrDefault fills the limits left at zero with their defaults, so a zero
// Limits reads as the defaults.
func (l Limits) OrDefault() Limits {
	d := DefaultLimits()
	for _, s := range limits {
		if *s.field(&l) <= 0 {
			*s.field(&l) = *s.field(&d)
		}
	}
	return l
}
