package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/itu-d/portal/generator/internal/build"
	"github.com/itu-d/portal/generator/internal/hugosite"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [-source DIR] [-port N]", `
Serve previews the site on http://127.0.0.1:PORT/ with drafts shown and live
reload. When a content or data file changes it is checked again and the
derived files are rewritten; problems are printed as build prints them.`, stderr)
	var o build.Options
	fs.StringVar(&o.Source, "source", ".", "site root (the folder holding hugo.toml)")
	port := fs.Int("port", 1313, "port to listen on")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	o.Drafts = true
	o.Log = stderr
	if _, _, _, err := build.Derive(o); err != nil {
		fmt.Fprintln(stderr, "generator: fix the problems above; serving what Hugo can still render")
	}
	stop, err := watch(o, stderr)
	if err != nil {
		return err
	}
	defer stop()
	src, _ := filepath.Abs(o.Source)
	return hugosite.Serve(hugosite.Options{Source: src, Drafts: true}, *port)
}

// watch re-derives when a content or data file changes; Hugo notices the
// rewritten .gen/ files and reloads the browser.
func watch(o build.Options, stderr io.Writer) (func(), error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{"content", "data"} {
		filepath.WalkDir(filepath.Join(o.Source, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				w.Add(p)
			}
			return nil
		})
	}
	go func() {
		var timer *time.Timer
		for ev := range w.Events {
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.Add(ev.Name)
				}
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(200*time.Millisecond, func() {
				if _, _, _, err := build.Derive(o); err == nil {
					fmt.Fprintln(stderr, "generator: checked and derived again")
				}
			})
		}
	}()
	return func() { w.Close() }, nil
}
