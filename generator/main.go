// Command generator builds the ITU-D Knowledge Portal: it checks every
// content and data file, derives what Hugo cannot (into .gen/), renders the
// site with Hugo in-process and publishes it atomically.
//
// Exit status: 0 on success, 1 when content or data has errors, 2 on usage
// errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `Usage: go run ./generator <command> [flags]

The generator turns success stories, datasets and publications into the
ITU-D Knowledge Portal. Run it from the repository root.

Commands:
  build    check, derive and render the site into public/
  serve    preview the site with live reload on 127.0.0.1
  check    check content and data only (fast; for a pre-commit hook)
  new      create a story, page, publication or dataset from its archetype
  preview  serve the last build as Netlify would (headers, 404s, compression)
  chart    draw Vega-Lite specs as SVG (a preview for editors)
  search   query the last build's search index from the terminal
  translations  what each language lacks, and translations left outdated

Run "go run ./generator <command> -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage is reported with exit status 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) error{
		"build":        cmdBuild,
		"serve":        cmdServe,
		"check":        cmdCheck,
		"new":          cmdNew,
		"chart":        cmdChart,
		"search":       cmdSearch,
		"preview":      cmdPreview,
		"translations": cmdTranslations,
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" || name == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", name, usage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "generator: error: %v\n", err)
		}
		return 1
	}
}

// errReported means the problems were already printed.
var errReported = errors.New("reported")

// newFlagSet returns a flag set whose usage reads like a man page and whose
// parse errors end in errUsage.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./generator %s\n\n%s\n", synopsis, strings.TrimSpace(about))
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if maxArgs >= 0 && fs.NArg() > maxArgs {
		fmt.Fprintf(fs.Output(), "generator %s: unexpected argument %q\n", fs.Name(), fs.Arg(maxArgs))
		fs.Usage()
		return errUsage
	}
	return nil
}
