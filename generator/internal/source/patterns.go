package source

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// explainPattern says what is wrong with a value that does not match its
// schema's pattern, for the patterns people get wrong in ways worth naming:
// dates, image file names, slugs, links. It returns "" for the others.
func explainPattern(label, got, pattern string) (msg, hint string) {
	switch {
	case strings.HasPrefix(pattern, `^\d{4}`):
		return explainDate(label, got)
	case strings.Contains(pattern, `(jpe?g|png|webp|svg)`):
		return explainImageName(label, got)
	case pattern == `^[a-z0-9]+(-[a-z0-9]+)*$`:
		return fmt.Sprintf("%s %q must be lower-case letters and digits joined by hyphens", label, got),
			fmt.Sprintf("e.g. %s", slugify(got))
	case pattern == `^https?://`:
		return fmt.Sprintf("%s %q is not a web address", label, got), "write the whole address, starting with https:// (or http://)"
	case pattern == `^[0-9a-f]{12}$`:
		return fmt.Sprintf("%s %q is not a version of the original", label, got),
			"leave it to the generator: go run ./generator translations -mark FILE writes it"
	}
	return "", ""
}

var (
	imageExt     = regexp.MustCompile(`^\.(jpe?g|png|webp|svg)$`)
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$`)
	yearMonthDay = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)
)

// explainDate explains a date not written YYYY-MM-DD. 12/05/2024 is 12 May
// in most of the world and 5 December in the United States: the two
// readings are named and the person chooses.
func explainDate(label, got string) (string, string) {
	const rule = "write dates as YYYY-MM-DD, year first"
	iso := func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
	valid := func(y, m, d int) bool {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return m >= 1 && m <= 12 && t.Day() == d
	}
	name := func(m, d int) string { return fmt.Sprintf("%d %s", d, time.Month(m)) }
	if g := yearMonthDay.FindStringSubmatch(got); g != nil {
		y, _ := strconv.Atoi(g[1])
		m, _ := strconv.Atoi(g[2])
		d, _ := strconv.Atoi(g[3])
		if valid(y, m, d) {
			return fmt.Sprintf("%s %q must be written with hyphens: %s", label, got, iso(y, m, d)), rule
		}
	}
	if g := dayMonthYear.FindStringSubmatch(got); g != nil {
		a, _ := strconv.Atoi(g[1])
		b, _ := strconv.Atoi(g[2])
		y, _ := strconv.Atoi(g[3])
		if len(g[3]) == 2 {
			return fmt.Sprintf("%s %q has a two-digit year", label, got), rule + ", with all four digits of the year, e.g. 2013-12-19"
		}
		dayFirst, monthFirst := valid(y, b, a), valid(y, a, b)
		switch {
		case dayFirst && monthFirst && a != b:
			return fmt.Sprintf("%s %q is ambiguous: %s %d or %s %d", label, got, name(b, a), y, name(a, b), y),
				fmt.Sprintf("%s: %s for %s, %s for %s", rule, iso(y, b, a), name(b, a), iso(y, a, b), name(a, b))
		case dayFirst:
			return fmt.Sprintf("%s %q must be written YYYY-MM-DD: %s", label, got, iso(y, b, a)), rule
		case monthFirst:
			return fmt.Sprintf("%s %q must be written YYYY-MM-DD: %s", label, got, iso(y, a, b)), rule
		}
		return fmt.Sprintf("%s %q is not a date", label, got), rule + ", e.g. 2013-12-19"
	}
	return fmt.Sprintf("%s %q must be written YYYY-MM-DD", label, got),
		rule + ", e.g. 2013-12-19; when only the month or the year is known, write its first day (2019-03-01) and add datePrecision: month (or year)"
}

// explainImageName explains an image file name the site cannot publish.
func explainImageName(label, got string) (string, string) {
	ext := path.Ext(got)
	switch low := strings.ToLower(ext); {
	case strings.HasPrefix(got, "/") || strings.Contains(got, "/"):
		return fmt.Sprintf("%s %q must be the name of a file in the story's own folder", label, got),
			fmt.Sprintf("put the image next to index.md and write only its name: src: %s", path.Base(got))
	case low != ext && imageExt.MatchString(low):
		lower := strings.TrimSuffix(got, ext) + low
		return fmt.Sprintf("%s %q ends in %s in capitals; the site takes %s in small letters", label, got, ext, low),
			fmt.Sprintf("rename the file to %s and write src: %s (cameras often save .JPG)", lower, lower)
	case ext == "":
		return fmt.Sprintf("%s %q has no extension", label, got), "write the file's whole name, with .jpg, .png, .webp or .svg"
	}
	return fmt.Sprintf("%s %q is not a JPEG, PNG, WebP or SVG file", label, got),
		"save the image as JPEG (.jpg), PNG, WebP or SVG and name that file here"
}

// slugify suggests a slug for s.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "telecentres-in-samoa"
	}
	return b.String()
}
