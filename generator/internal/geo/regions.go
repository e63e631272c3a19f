package geo

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/itu-d/portal/generator/internal/vocab"
)

// regions.csv maps each ITU Member State (and Palestine, which ITU
// statistics count in the Arab States) to its ITU-D region slugs, the
// primary one first. README.md says where the lists come from.
//
//go:embed regions.csv
var regionsCSV string

var regionsOf = sync.OnceValue(func() map[string][]string {
	rows, err := csv.NewReader(strings.NewReader(regionsCSV)).ReadAll()
	if err != nil {
		panic("geo: regions.csv: " + err.Error())
	}
	m := map[string][]string{}
	for _, row := range rows[1:] {
		rs := strings.Fields(row[1])
		for _, r := range rs {
			if !vocab.IsRegion(r) {
				panic("geo: regions.csv: unknown region " + r)
			}
		}
		m[row[0]] = rs
	}
	return m
})

// Regions returns the ITU regions of a country, the primary one first
// (Djibouti: africa, arab-states), or nil for a country in none.
func Regions(country string) []string { return slices.Clone(regionsOf()[country]) }

// Members returns the countries of an ITU region, sorted.
func Members(region string) []string {
	var out []string
	for c, rs := range regionsOf() {
		if slices.Contains(rs, region) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// checkRegion explains an unknown region slug, with a likely correction.
func checkRegion(region string) error {
	if vocab.IsRegion(region) {
		return nil
	}
	if s := vocab.Suggest(region, vocab.Regions); s != "" {
		return fmt.Errorf("geo: region %q is not known (did you mean %q?)", region, s)
	}
	return fmt.Errorf("geo: region %q is not known (one of: %s)", region, strings.Join(vocab.Regions, ", "))
}
