package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/itu-d/portal/generator/internal/chart"
	"github.com/itu-d/portal/generator/internal/diag"
)

func cmdChart(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("chart", "chart [-lang CODE] [-width N] [-o DIR] [-cpuprofile FILE] SPEC...", `
Chart draws Vega-Lite specs (JSON or YAML, within the subset the site
supports) as SVG, for previewing a chart before it goes into a dataset and
for tests. One spec without -o is written to standard output; with -o, each
name.json (or .yaml) becomes DIR/name.svg. Data URLs are read relative to
the spec. Problems are printed as path:line:col: message.`, stderr)
	lang := fs.String("lang", "en", "language of numbers, dates and the summary: "+strings.Join(chart.Languages(), ", "))
	width := fs.Int("width", -1, "width of the drawing in pixels (default: the spec's, else 640; 0: the size and look Vega-Lite gives it, without values on bars)")
	out := fs.String("o", "", "write each spec's SVG into this folder")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the drawing to `file` (go tool pprof reads it)")
	if err := parse(fs, args, -1); err != nil {
		return err
	}
	specs := fs.Args()
	if len(specs) == 0 || (*out == "" && len(specs) > 1) {
		fmt.Fprintln(stderr, "generator chart: give one spec, or several with -o DIR")
		fs.Usage()
		return errUsage
	}
	known := false
	for _, l := range chart.Languages() {
		known = known || l == *lang
	}
	if !known {
		fmt.Fprintf(stderr, "generator chart: -lang %q is not one of %s\n", *lang, strings.Join(chart.Languages(), ", "))
		return errUsage
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	// A batch job, as a build is: the same trade of memory for time.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(300))
	}
	loaders := map[string]chart.LoadFunc{} // by folder: specs side by side share their data
	buf := bufio.NewWriter(stdout)         // one line per spec, written together
	defer buf.Flush()
	stdout = buf
	failed := false
	for _, spec := range specs {
		src, err := os.ReadFile(spec)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", spec, err)
			failed = true
			continue
		}
		s, probs := chart.ParseSpec(filepath.ToSlash(spec), src)
		var c *chart.Chart
		if s != nil {
			var more []diag.Problem
			w := *width
			if w < 0 {
				w = 0 // the spec's size
				if !s.Sized() {
					w = 640
				}
			}
			dir := filepath.Dir(spec)
			if loaders[dir] == nil {
				loaders[dir] = chart.OnceLoader(chart.DirLoader(dir))
			}
			c, more = chart.Render(s, chart.Options{Lang: *lang, Width: w, LoadCSV: loaders[dir], BarValues: *width != 0, NoTable: true})
			probs = append(probs, more...)
		}
		bad := false
		for _, p := range probs {
			fmt.Fprintln(stderr, p)
			bad = bad || !p.Warning
		}
		if bad || c == nil {
			failed = true
			continue
		}
		if *out == "" {
			stdout.Write(c.SVG)
			fmt.Fprintln(stdout)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(spec), filepath.Ext(spec)) + ".svg"
		// Written in place: a preview is drawn again from its spec, and a
		// file left half written by a failed write is removed.
		target := filepath.Join(*out, name)
		if err := os.WriteFile(target, c.SVG, 0o644); err != nil {
			os.Remove(target)
			return err
		}
		fmt.Fprintf(stdout, "%s -> %s (%d marks)\n", spec, target, c.Rows)
	}
	if failed {
		return errReported
	}
	return nil
}
