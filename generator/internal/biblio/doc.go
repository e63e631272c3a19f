// Package biblio reads bibliographies (BibTeX and BibLaTeX, RIS, CSL-JSON)
// into one model, a CSL-JSON item, and writes them out again: exports in
// the three formats, APA 7 and Chicago author-date citations in text and
// HTML, and the page metadata that reference managers and Google Scholar
// read (Highwire citation_* tags, Dublin Core, COinS, schema.org JSON-LD).
//
// Readers never fail. They return what they could read and a problem at
// path:line:col for everything else, so a build can list every mistake in
// every file at once. Writers are deterministic, and reading an export
// gives the same item back.
//
// The parsers are our own. The Go BibTeX libraries we found (such as
// github.com/nickng/bibtex) parse the syntax but do not decode LaTeX to
// Unicode, parse names, read BibLaTeX dates or report positions, and none
// reads RIS or CSL-JSON; the one parser that does most of this, the one
// behind Zotero's Better BibTeX, is JavaScript. What we need is small and
// well specified, so it is written here with no dependency but
// golang.org/x/text for Unicode normalisation.
//
// Exports lose only what a format cannot say: CSL-JSON has no subtitle
// and one publisher; RIS keeps fields it has no tag for (custom fields such
// as regions) as "N1  - key: value" notes, which ReadRIS reads back; and a
// BibTeX @misc with a URL but no publisher reads as a web page.
//
// Citation terms (n.d., Report No., edited by, month names, the order of a
// date) in the six UN languages come from the Citation Style Language
// project's locale files, embedded unchanged in locales/ (CC BY-SA 3.0),
// with a short documented table of our own in overrides.xml; other
// languages take English terms. A citation in one language of a record in
// another marks the record's text with its language, and isolates it where
// the two run in opposite directions (an English title in Arabic).
package biblio
