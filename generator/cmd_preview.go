package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"

	"github.com/itu-d/portal/generator/internal/netlify"
)

func cmdPreview(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("preview", "preview [-source DIR] [-out DIR] [-port N]", `
Preview serves the last build (public/) on http://127.0.0.1:PORT/ exactly as
Netlify would: with netlify.toml's headers (the Content-Security-Policy among
them), its localized 404 pages, and compressed text. Build first.`, stderr)
	src := fs.String("source", ".", "site root (the folder holding netlify.toml)")
	out := fs.String("out", "", "the built site (default SOURCE/public)")
	port := fs.Int("port", 8080, "port to listen on")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	cfg, err := netlify.Load(filepath.Join(*src, "netlify.toml"))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s on http://%s/\n", *out, ln.Addr())
	return http.Serve(ln, cfg.Handler(*out))
}
