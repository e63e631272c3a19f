package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/itu-d/portal/generator/internal/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [-source DIR] [-port N] [-cms]", `
Serve previews the site on http://127.0.0.1:PORT/ with drafts shown, as
Netlify serves it (netlify.toml's headers), search included. It builds into
a scratch folder, never public/. When a content or data file changes the
site is built again and the browser reloads; while a file has errors, every
page shows them (file, line, message, hint) until they are fixed.

With -cms the web editor at http://127.0.0.1:PORT/admin/ reads and writes
the files of this repository (no GitHub account needed): what it saves is
checked and shown at once, and committed with git as any other change.`, stderr)
	src := fs.String("source", ".", "site root (the folder holding hugo.toml)")
	port := fs.Int("port", 1313, "port to listen on")
	withCMS := fs.Bool("cms", false, "let the web editor (/admin/) edit the files of this repository")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return err
	}
	// Ctrl+C, or a stop from a process manager: either way the scratch
	// folder is removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "serving on http://%s/ (Ctrl+C to stop)\n", ln.Addr())
	if *withCMS {
		fmt.Fprintf(stdout, "web editor: http://%s/admin/\n", ln.Addr())
	}
	return serve.Run(ctx, ln, serve.Options{Source: *src, CMS: *withCMS, Log: stderr})
}
