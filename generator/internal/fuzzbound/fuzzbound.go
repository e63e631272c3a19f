// Package fuzzbound lets a fuzz target fail on an input that costs more
// than a bound proportional to its size: a reader linear in its input
// passes, while an alias bomb, a quadratic path or an exponential search
// fails as soon as the fuzzer finds one, rather than only when it runs the
// machine out of memory or time.
package fuzzbound

import (
	"runtime"
	"testing"
	"time"
)

// Bound is what reading one input may cost: Fixed plus PerByte for each
// byte of the input, in bytes allocated, and Time in all.
type Bound struct {
	Fixed, PerByte uint64
	Time           time.Duration
}

// Check runs read on an input of n bytes and fails t when it allocates or
// takes more than b allows. Allocation is counted over the process, which
// a fuzz worker runs one input at a time.
func Check(t testing.TB, b Bound, n int, read func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	read()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if limit := b.Fixed + b.PerByte*uint64(n); after.TotalAlloc-before.TotalAlloc > limit {
		t.Errorf("reading %d bytes allocated %d bytes, over the bound of %d", n, after.TotalAlloc-before.TotalAlloc, limit)
	}
	if b.Time > 0 && took > b.Time {
		t.Errorf("reading %d bytes took %v, over the bound of %v", n, took, b.Time)
	}
}
