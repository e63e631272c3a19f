package biblio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// Entry is one item written once in every export format, so that listings
// of many items (a library and each of its facets) join entries rather
// than write each item again for every listing it is in.
type Entry struct{ bib, ris, csl []byte }

// Formats are the export formats by file extension: BibTeX, RIS, CSL-JSON.
var Formats = []string{"bib", "ris", "json"}

// NewEntry writes it in every format.
func NewEntry(it *Item) Entry {
	write := func(f func(*bufio.Writer)) []byte {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		f(w)
		w.Flush()
		return b.Bytes()
	}
	return Entry{
		bib: write(func(w *bufio.Writer) { w.WriteByte('\n'); writeBibEntry(w, it) }),
		ris: write(func(w *bufio.Writer) { writeRISItem(w, it) }),
		csl: write(func(w *bufio.Writer) { w.WriteString("\n  {"); writeCSLItem(w, it); w.WriteString("\n  }") }),
	}
}

// WriteEntries writes entries as one file of the format ("bib", "ris" or
// "json"): the bytes WriteBibTeX, WriteRIS or WriteCSLJSON write for the
// same items.
func WriteEntries(w io.Writer, format string, entries ...Entry) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "bib":
		bw.WriteString("% Encoding: UTF-8\n")
		for _, e := range entries {
			bw.Write(e.bib)
		}
	case "ris":
		for _, e := range entries {
			bw.Write(e.ris)
		}
	case "json":
		bw.WriteString("[")
		for i, e := range entries {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.Write(e.csl)
		}
		if len(entries) > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]\n")
	default:
		return fmt.Errorf("unknown export format %q", format)
	}
	return bw.Flush()
}
