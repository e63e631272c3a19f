package chart

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed theme.json
var themeJSON []byte

// theme is the presentation: sizes, gaps, font sizes, tick counts and the
// fallback colours written into each var(). It is data (theme.json) so that
// restyling touches no Go.
type theme struct {
	FontFamily    string  `json:"fontFamily"`
	Width         int     `json:"width"`
	Aspect        float64 `json:"aspect"`
	MinPlotHeight float64 `json:"minPlotHeight"`
	MaxPlotHeight float64 `json:"maxPlotHeight"`
	Margin        float64 `json:"margin"`
	FontSize      struct {
		Title, Subtitle, Label, AxisTitle, Legend, Header, MarkText float64
	} `json:"fontSize"`
	LineHeight float64 `json:"lineHeight"`
	Gap        struct {
		Title, Block, Tick, AxisTitle, LegendItem, Swatch, Facet, DirectLabel float64
	} `json:"gap"`
	TickSpacing   float64 `json:"tickSpacing"` // an axis aims at a tick per this many pixels
	BandPadding   float64 `json:"bandPadding"`
	BandStep      float64 `json:"bandStep"`
	GroupPadding  float64 `json:"groupPadding"`
	MaxLabelShare float64 `json:"maxLabelShare"`
	Line          struct {
		Width, Marker   float64
		MarkerMaxPoints int `json:"markerMaxPoints"`
	} `json:"line"`
	Point        struct{ Radius float64 } `json:"point"`
	Arc          struct{ MaxRadius, MinRadius float64 }
	Rule         struct{ Width float64 } `json:"rule"`
	Swatch       float64                 `json:"swatch"`
	DirectLabels struct {
		MaxSeries int     `json:"maxSeries"`
		MaxShare  float64 `json:"maxShare"`
	} `json:"directLabels"`
	Facet struct {
		MinCellWidth   float64 `json:"minCellWidth"`
		CellPlotHeight float64 `json:"cellPlotHeight"`
	} `json:"facet"`
	FlatTrend      float64 `json:"flatTrend"`
	SummaryMaxItem int     `json:"summaryMaxItems"`
	Colors         struct {
		Series              []string
		FG, Muted, Grid, BG string
	} `json:"colors"`
	Sequential []int `json:"sequential"`

	seriesVar       []string // series(i) for each palette slot
	fgVar, mutedVar string
	gridVar, bgVar  string
	seqVar          []string // sequential(i) for each step
}

var defaultTheme = mustTheme(themeJSON)

func mustTheme(b []byte) *theme {
	t := new(theme)
	if err := json.Unmarshal(b, t); err != nil {
		panic(fmt.Sprintf("chart: theme.json: %v", err))
	}
	if len(t.Colors.Series) == 0 || t.TickSpacing <= 0 || len(t.Sequential) == 0 {
		panic("chart: theme.json: colors.series, tickSpacing and sequential must be set")
	}
	for i, c := range t.Colors.Series {
		t.seriesVar = append(t.seriesVar, fmt.Sprintf("var(--chart-%d, %s)", i+1, c))
	}
	t.fgVar = "var(--chart-fg, " + t.Colors.FG + ")"
	t.mutedVar = "var(--chart-muted, " + t.Colors.Muted + ")"
	t.gridVar = "var(--chart-grid, " + t.Colors.Grid + ")"
	t.bgVar = "var(--chart-bg, " + t.Colors.BG + ")"
	for _, p := range t.Sequential {
		s := t.seriesVar[0]
		if p < 100 {
			s = fmt.Sprintf("color-mix(in srgb, %s %d%%, %s)", t.seriesVar[0], p, t.bgVar)
		}
		t.seqVar = append(t.seqVar, s)
	}
	return t
}

// Colours are only ever written as CSS custom properties, so the page's
// light and dark schemes restyle a chart without re-rendering it; the
// fallback keeps a standalone file readable.

func (t *theme) series(i int) string { return t.seriesVar[i%len(t.seriesVar)] }

func (t *theme) fg() string    { return t.fgVar }
func (t *theme) muted() string { return t.mutedVar }
func (t *theme) grid() string  { return t.gridVar }
func (t *theme) bg() string    { return t.bgVar }

// sequential returns class i of n of a one-hue ramp: the first series
// colour mixed into the background.
func (t *theme) sequential(i int) string {
	return t.seqVar[min(i, len(t.seqVar)-1)]
}
