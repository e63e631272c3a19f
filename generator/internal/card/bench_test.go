package card

import (
	"testing"
)

func BenchmarkDrawCard(b *testing.B) {
	c := Card{Site: "ITU-D Knowledge Portal", Kind: "Country profile", Title: "Djibouti: Internet use, mobile coverage and submarine cables", Text: "In 2022, 65% of people in Djibouti used the Internet.", URL: "itu-d-portal.netlify.app/countries/dj/", Figure: "65%", FigureLabel: "use the Internet (2022)"}
	Draw(c)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Draw(c); err != nil {
			b.Fatal(err)
		}
	}
}
