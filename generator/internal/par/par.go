// Package par runs the per-item work of a build (a record, a page) on
// every core. It is the one place that decides how work is split.
package par

import (
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n), on GOMAXPROCS goroutines. Worker
// w takes i = w, w+workers, ...: items of similar cost that sit together
// (pages of one section) are spread over the workers. fn must only write
// to what belongs to its i.
func For(n int, fn func(i int)) {
	ForWorkers(n, func() func(int) { return fn })
}

// ForWorkers is For with per-worker state: each worker calls start once
// and uses the function it returns for its items.
func ForWorkers(n int, start func() func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := start()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
