package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdLimited runs the generator as a process of its own, within a memory
// and time bound, and fails when it exceeds either:
//
//	limited MB SECONDS generator ARGS...
//
// Its output goes to limited.stdout and limited.stderr in the work folder
// (grep them); "! limited" expects the generator to fail, as "! exec" does.
// The peak resident memory is the kernel's count (getrusage), and a run
// still going at the time bound is killed and fails the script.
func cmdLimited(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 || args[2] != "generator" {
		ts.Fatalf("usage: limited MB SECONDS generator ARGS...")
	}
	mb, _ := strconv.Atoi(args[0])
	secs, _ := strconv.Atoi(args[1])
	exe, err := os.Executable()
	ts.Check(err)
	cmd := exec.Command(exe, args[3:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = append(os.Environ(), "GENERATOR_TEST_RUN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ts.Check(cmd.Start())
	timer := time.AfterFunc(time.Duration(secs)*time.Second, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	stopped := timer.Stop()
	ts.Check(os.WriteFile(ts.MkAbs("limited.stdout"), stdout.Bytes(), 0o644))
	ts.Check(os.WriteFile(ts.MkAbs("limited.stderr"), stderr.Bytes(), 0o644))
	if !stopped {
		ts.Fatalf("still running after %ds: killed", secs)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024 // KB to MB on Linux
	ts.Logf("peak memory %d MB", rss)
	if rss > int64(mb) {
		ts.Fatalf("peak memory %d MB, over %d MB", rss, mb)
	}
	if failed := err != nil; failed != neg {
		ts.Fatalf("exit error %v, want failure %v\n%s", err, neg, stderr.String())
	}
	if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
		ts.Fatalf("a panic:\n%s", stderr.String())
	}
}

// cmdHostile writes a hostile or huge input too big to keep in a script:
//
//	hostile KIND FILE
func cmdHostile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: hostile KIND FILE")
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	story := func(extra, body string) {
		fmt.Fprintf(w, "---\ntitle: Hostile\ndate: 2010-01-01\nsummary: x\nregion: africa\ncountry: DJ\nsectors: [health]\nsdgs: [3]\n%s---\n%s\n", extra, body)
	}
	switch args[0] {
	case "alias-bomb": // 9^10 values from a dozen lines
		var b strings.Builder
		b.WriteString(`lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
		for i := 1; i <= 9; i++ {
			fmt.Fprintf(&b, "lol%d: &a%d [", i, i)
			for j := 0; j < 9; j++ {
				if j > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "*a%d", i-1)
			}
			b.WriteString("]\n")
		}
		story(b.String(), "Text.")
	case "deep-flow": // 50,000 nested brackets
		story("keywords: "+strings.Repeat("[", 50000)+strings.Repeat("]", 50000)+"\n", "Text.")
	case "deep-block": // 1,000 levels of indentation
		var b strings.Builder
		for i := 0; i < 1000; i++ {
			fmt.Fprintf(&b, "%sk:\n", strings.Repeat(" ", i+1))
		}
		story("related:\n"+b.String(), "Text.")
	case "huge-story": // 50 MB of Markdown
		fmt.Fprint(w, "---\ntitle: Huge\ndate: 2010-01-01\nsummary: x\nregion: africa\ncountry: DJ\nsectors: [health]\nsdgs: [3]\n---\n")
		line := strings.Repeat("A long paragraph about broadband. ", 30) + "\n\n"
		for n := 0; n < 50<<20; n += len(line) {
			w.WriteString(line)
		}
	case "string-chain": // @string macros that double at each line
		w.WriteString("@string{s0 = {xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}}\n")
		for i := 1; i < 40; i++ {
			fmt.Fprintf(w, "@string{s%d = s%d # s%d}\n", i, i-1, i-1)
		}
		w.WriteString("@report{chain, title = s39, author = {{ITU}}, year = {2024}, institution = {ITU}}\n")
	case "macro-flood": // one 60 KB macro in 1,200 entries: 72 MB of text
		fmt.Fprintf(w, "@string{s = {%s}}\n", strings.Repeat("x", 60000))
		for i := 0; i < 1200; i++ {
			fmt.Fprintf(w, "@report{r%d, title = s, author = {{ITU}}, year = {2024}, institution = {ITU}}\n", i)
		}
	case "huge-abstract": // a 20 MB field
		w.WriteString("@report{huge, title = {Huge}, author = {{ITU}}, year = {2024}, institution = {ITU}, abstract = {")
		for n := 0; n < 20<<20; n += 64 {
			w.WriteString("Broadband for schools and clinics in every region of the world. ")
		}
		w.WriteString("}}\n")
	case "million-rows": // 1,000,001 data rows, one more than csvRows
		w.WriteString("code,year,value\n")
		for i := 0; i <= 1_000_000; i++ {
			fmt.Fprintf(w, "DJ,%d,%d.5\n", 1990+i%34, i%100)
		}
	case "million-rows-at-limit": // exactly csvRows data rows: 40 countries x 34 years x 736 series
		codes := strings.Fields("DJ NE KE SN GH NG ET TZ UG RW FR DE ES IT PL RU KZ UZ IN CN ID VN PH TH BR MX AR CO PE CL US CA AU NZ EG MA SA AE JO TN")
		w.WriteString("code,series,year,value\n")
		for i := 0; i < 1_000_000; i++ {
			fmt.Fprintf(w, "%s,s%d,%d,%d.5\n", codes[i%40], i/1360, 1990+(i/40)%34, i%100)
		}
	case "giant-png": // a 20000 x 20000 PNG header: only the header is read
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
		ihdr := make([]byte, 13)
		binary.BigEndian.PutUint32(ihdr[0:], 20000)
		binary.BigEndian.PutUint32(ihdr[4:], 20000)
		ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
		chunk := func(typ string, data []byte) {
			binary.Write(w, binary.BigEndian, uint32(len(data)))
			w.WriteString(typ)
			w.Write(data)
			binary.Write(w, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
		}
		chunk("IHDR", ihdr)
		chunk("IEND", nil)
	default:
		ts.Fatalf("hostile: unknown kind %q", args[0])
	}
}
