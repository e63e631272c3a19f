package par

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		seen := make([]int32, n)
		For(n, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestForWorkersStartsEachWorkerOnce(t *testing.T) {
	var starts, calls atomic.Int32
	ForWorkers(100, func() func(int) {
		starts.Add(1)
		return func(int) { calls.Add(1) }
	})
	if calls.Load() != 100 || starts.Load() < 1 || starts.Load() > 100 {
		t.Errorf("starts %d, calls %d", starts.Load(), calls.Load())
	}
}
