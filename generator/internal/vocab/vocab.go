// Package vocab owns the controlled vocabularies of the content model: ITU
// regions, sectors, SDGs, story statuses, ISO 3166-1 countries (whose
// names in the six UN languages come from the CLDR data in golang.org/x/text)
// and the topics of the publications library (topics.yaml: a slug and a
// label in each of the six languages for every keyword the library uses).
// Its tests also check that the site's interface strings (i18n/) name every
// value in every language.
package vocab

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Regions are ITU's six regions, as front matter spells them.
var Regions = []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"}

// Sectors are the sectors a story can serve.
var Sectors = []string{"health", "education", "agriculture", "finance", "government", "emergency", "infrastructure", "environment", "youth", "gender"}

// Statuses are the states a project can be in.
var Statuses = []string{"planned", "ongoing", "completed"}

// IsRegion reports whether s is one of Regions.
func IsRegion(s string) bool { return slices.Contains(Regions, s) }

// iso3166 lists the 249 officially assigned ISO 3166-1 alpha-2 codes. CLDR
// (and so x/text) also knows withdrawn and reserved codes such as YU or AC,
// which a story must not use.
const iso3166 = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
	"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

var countries = strings.Fields(iso3166)

// Country reports whether code is an assigned ISO 3166-1 alpha-2 code.
func Country(code string) bool {
	_, ok := slices.BinarySearch(countries, code)
	return ok
}

// Countries lists every ISO 3166-1 alpha-2 country code, sorted.
func Countries() []string { return slices.Clone(countries) }

// CountryName returns the name of the country in the given language
// ("Djibouti", "جيبوتي"), or the code when CLDR has no name.
func CountryName(code, lang string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	// display.Regions has no namer for languages CLDR lacks names for.
	if namer := display.Regions(language.Make(lang)); namer != nil {
		if n := namer.Name(r); n != "" {
			return n
		}
	}
	return code
}

// CountryByName finds the code of a country written by name in English
// ("Djibouti" -> "DJ"), for hints.
func CountryByName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, c := range Countries() {
		if strings.ToLower(CountryName(c, "en")) == n {
			return c
		}
	}
	return ""
}
