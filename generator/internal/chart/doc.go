// Package chart renders a subset of Vega-Lite to static, accessible SVG at
// build time, so a chart can be read without JavaScript.
//
// It owns the way from a spec file (JSON or YAML) and its data (inline
// values or a CSV file) to an SVG: parsing and checking the spec with a
// position for every problem, reading and typing the data, filters,
// aggregates and stacks, scales and nice ticks, layout for the page's
// width and direction, the marks, and the text that makes a chart
// accessible: a <title> per data point, a summary in the page's language
// (also in the SVG's <desc>) and the data as a table.
//
// It is written here rather than taken from a library because no Go
// library renders Vega-Lite; Vega itself needs Node and a browser-like
// canvas, which a Go build does not have, and its SVG depends on
// JavaScript to be accessible. Anything outside what it draws is refused
// at path:line:col with a hint, never drawn differently.
//
// What it draws, measured against Vega-Lite's own example gallery by
// TestGallery (testdata/gallery/REPORT.md):
//
//   - marks: arc, area, bar, circle, image, line, point, rect, rule,
//     square, text, tick, trail and geoshape (drawn by a GeoRenderer,
//     package geo), and the composite marks boxplot, errorbar and
//     errorband;
//   - every encoding channel a still image can show (position, offsets,
//     x2/y2, theta and radius, color, fill, stroke, opacity, size, shape,
//     strokeDash and widths, angle, text, tooltip, detail, order, href,
//     latitude/longitude, errors, facet, row and column), with field types
//     inferred as Vega-Lite infers them;
//   - scale types linear, log, pow, sqrt, symlog, time, utc, band, point,
//     ordinal, quantize, quantile, threshold, bin-ordinal and identity;
//   - the transforms aggregate, bin, calculate, density, extent, filter,
//     flatten, fold, impute, joinaggregate, loess, lookup, pivot,
//     quantile, regression, sample, stack, timeUnit and window;
//   - Vega's expression language for filters, calculations and
//     conditions, parsed and evaluated here (expr.go): no code is run, and
//     the functions a chart drawn once cannot have (now(), scales) are
//     refused with why;
//   - composition: layer, facet, row/column, concat, hconcat, vconcat and
//     repeat, nested in any order;
//   - data: inline values, CSV, TSV, DSV, JSON and TopoJSON files with
//     format options, sequences, sphere and graticule, read through
//     Options.LoadCSV;
//   - width and height in pixels, "container" or {"step": N}; params
//     (selections, bound inputs) drawn in their initial state.
//
// The portal's stories add usermeta.translations and usermeta.units
// (below); number formats are d3-format's and time formats d3-time-format's
// (d3format.go, timefmt.go).
//
// Translations. A spec is written once, in English, and drawn in every page
// language. usermeta.translations maps a language to exact-text
// replacements, applied for the page's language (Options.Lang: the exact
// tag, such as "pt-br", else its base language):
//
//	usermeta:
//	  translations:
//	    fr: {"Year": "Année", "Africa": "Afrique"}
//	    ar: {"Year": "السنة", "Africa": "أفريقيا"}
//
// They replace whole texts, never parts: the title and subtitle, axis,
// legend and facet header titles (or the field names that stand in for
// them), usermeta.units, and the nominal and ordinal values of the data
// (category labels, legend entries, text marks). Tooltips (<title>), the
// table's caption, headers and cells, and the summary are built from the
// same texts, so they follow. Numbers and dates are formatted for the
// language and are not looked up. Text with no translation is drawn as
// written. Sorting uses the data as written, so categories keep their order
// and colours in every language. A translation of a text the chart does not
// have (usually a misspelt key) is reported as a warning where it is
// written. Spec.TitleIn gives the title in a language, for the page around
// the chart. Vega-Lite ignores usermeta, so a spec with translations stays
// valid Vega-Lite.
//
// Fitting. Layout measures text with the advance widths of the fonts pages
// draw charts with (text.go, package fonts) and keeps every label inside
// the drawing: y axis names take up to two lines, then a name spelled out
// before its acronym is shortened to the acronym ("Europe India Gateway
// (EIG)" becomes "EIG"), then cut with an ellipsis, the full text kept as
// the label's tooltip; x axis names
// wrap, then slant, with the plot moved over to keep the slant in;
// legend entries wider than the chart break over two lines; the plot's x range is inset so that text marks beside
// points fit, and a label that still does not fit turns to the other side
// of its point or moves in. On right-to-left pages Latin text is drawn in a
// bidi isolate so that "2023 Q4" does not turn into "Q4 2023". With
// Options.BarValues plain bars carry their values at their ends, all of
// them or none.
//
// The summary names the chart's kind, its measure and dimensions, the
// range of the measure with where its extremes are, and for sequences the
// latest values and trends. A chart without a quantity, such as a timeline
// of names against dates, is summarised by its items: how many, the span of
// dates and the items at each end.
//
// Presentation is data: theme.json holds sizes, gaps, font sizes, tick
// counts per width and the fallback colours; locales/*.json hold each
// language's phrases, month names and short-scale words. Colours are only
// written as CSS custom properties (var(--chart-1) to var(--chart-8),
// --chart-fg, --chart-muted, --chart-grid, --chart-bg) with a fallback, so
// the site's light and dark schemes restyle a chart without re-rendering.
// Arabic charts are mirrored: the y axis on the right and time running
// right to left.
//
// Output is deterministic: the same spec, data and options give the same
// bytes.
//
// The SVG is minified with tdewolff/minify, but not by running its SVG
// minifier over the finished text: that took as long as drawing the chart,
// and a site build renders every chart in every language. The chart is
// written minified instead (svgWriter), using the minifier's own parts for
// what it would change (minify.Number for numbers) and its own path
// shortener (pathmin.go) for path data: the chart's coordinates lie on a
// grid of hundredths, so relative coordinates are exact integer
// differences, where minify's shortener formats every coordinate twice
// through strconv; path data off that grid still goes through the
// minifier. TestMinified holds the output to be, byte for byte, what the
// minifier makes of the chart written out whole, path data aside, over
// every test spec at several widths and in several languages; each path
// draws what its input draws and is never longer than the minifier's.
// Minifying the output again changes nothing but path data, which the
// minifier itself does not always leave as it is on a second pass.
//
// Rendering is quick enough to run for every page build (see
// bench/charts.sh): a rendering keeps its scratch memory (elements, rows,
// values) in a pool for the next, and writes short texts into shared
// blocks rather than allocating each.
package chart
