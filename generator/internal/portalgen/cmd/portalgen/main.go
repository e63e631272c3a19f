// Command portalgen writes a generated portal for bench/portal.sh: about
// -pages HTML pages in the six languages (see package portalgen).
//
//	go run ./generator/internal/portalgen/cmd/portalgen -pages 5000 -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/itu-d/portal/generator/internal/portalgen"
)

func main() {
	pages := flag.Int("pages", 5000, "about how many HTML pages the portal makes")
	out := flag.String("out", "", "folder to write the portal into (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "portalgen: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "portalgen: %s exists\n", *out)
		os.Exit(2)
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "..")
	s := portalgen.ForPages(*pages)
	if err := portalgen.Write(root, *out, s); err != nil {
		fmt.Fprintln(os.Stderr, "portalgen:", err)
		os.Exit(1)
	}
	fmt.Printf("%d stories, %d publications, %d datasets\n", s.Stories, s.Publications, s.Datasets)
}
