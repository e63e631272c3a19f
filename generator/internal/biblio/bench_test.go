package biblio

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// genBib writes n varied entries: every entry type we map, LaTeX accents,
// corporate and personal names, macros, month macros, protected words,
// abstracts and custom fields.
func genBib(n int) []byte {
	var b bytes.Buffer
	b.WriteString("@string{itu = {International Telecommunication Union}}\n@comment{jabref-meta: databaseType:biblatex;}\n")
	types := []string{"report", "techreport", "book", "incollection", "article", "inproceedings", "online", "misc", "dataset", "phdthesis"}
	families := []string{`R{\"o}ller`, `W{\"o}{\ss}mann`, `Garc{\'\i}a`, `{\c{C}}elik`, "Smith", "van Dijk", `Nguy{\~{\^e}}n`, "Okafor"}
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	for i := range n {
		typ := types[i%len(types)]
		fmt.Fprintf(&b, "@%s{key-%d,\n", typ, i)
		switch i % 3 {
		case 0:
			b.WriteString("  author = {{International Telecommunication Union}},\n")
		default:
			fmt.Fprintf(&b, "  author = {%s, Ann and Lee, Jr., Bo and %s, Carl-Otto},\n", families[i%len(families)], families[(i+3)%len(families)])
		}
		fmt.Fprintf(&b, "  title = {Measuring {ICT} development -- edition %d: broadband in {Africa} and the {Arab} {States}},\n", i)
		switch typ {
		case "article":
			fmt.Fprintf(&b, "  journal = {Telecommunications Policy},\n  volume = %d, number = {%d}, pages = {%d--%d},\n  doi = {10.1016/j.telpol.%d},\n", i%50, i%12, i, i+20, i)
		case "incollection", "inproceedings":
			b.WriteString("  booktitle = {Handbook of {ICT} Policy},\n  editor = {Doe, Jane and Roe, Rick},\n  publisher = {Press},\n")
		case "report", "techreport":
			fmt.Fprintf(&b, "  institution = itu,\n  address = {Geneva},\n  number = {D-IND-%d},\n  series = {Measuring digital development},\n", i)
		default:
			b.WriteString("  publisher = itu # { (BDT)},\n")
		}
		fmt.Fprintf(&b, "  year = %d,\n  month = %s,\n", 2000+i%25, months[i%12])
		fmt.Fprintf(&b, "  url = {https://www.itu.int/pub/D-%d},\n  langid = {english},\n  keywords = {connectivity, affordability},\n", i)
		b.WriteString("  abstract = {Annual estimates of connectivity: about 5.5~billion people online (68\\%), with gaps between regions.},\n")
		b.WriteString("  regions = {africa, arab-states},\n  countries = {DJ, NE}\n}\n\n")
	}
	return b.Bytes()
}

func BenchmarkReadBibTeX10000(b *testing.B) {
	src := genBib(10000)
	items, probs := ReadBibTeX("bench.bib", src)
	if len(items) != 10000 || len(probs) > 0 {
		b.Fatalf("%d items, %d problems (first: %v)", len(items), len(probs), probs[:min(1, len(probs))])
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		ReadBibTeX("bench.bib", src)
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "entries/s")
}

func BenchmarkWriteExports10000(b *testing.B) {
	items, _ := ReadBibTeX("bench.bib", genBib(10000))
	b.ResetTimer()
	for b.Loop() {
		WriteBibTeX(io.Discard, items...)
		WriteRIS(io.Discard, items...)
		WriteCSLJSON(io.Discard, items...)
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "entries/s")
}

func BenchmarkFormatCitations10000(b *testing.B) {
	items, _ := ReadBibTeX("bench.bib", genBib(10000))
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			FormatAPA(it, "en")
			FormatChicago(it, "en")
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "entries/s")
}
