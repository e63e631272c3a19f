package vocab

import "strings"

// Suggest returns the option closest to word when it is close enough to be
// a likely typo, or "".
func Suggest(word string, options []string) string {
	w := strings.ToLower(strings.TrimSpace(word))
	best, bestDist := "", 1<<30
	for _, o := range options {
		d := distance(w, strings.ToLower(o))
		if d < bestDist {
			best, bestDist = o, d
		}
	}
	limit := 2
	if n := len([]rune(w)); n > 6 {
		limit = n / 3
	}
	if bestDist == 0 || bestDist > limit {
		if bestDist == 0 && best != word {
			return best // differs only in case
		}
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance,
// so a swapped pair of letters ("Afirca") counts as one edit.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range t {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}
