package chart

import "sync"

// scratch is the memory a rendering needs only while it runs: its SVG
// elements and their lists of children, mark rows with their values and
// texts, and the cells and lines of CSV files. Render gives it back to a
// pool for the next rendering rather than leaving it to the garbage
// collector, which took a sixth of the time of a batch of charts. Nothing
// a Chart holds points into it: texts live in renderer.keep's blocks,
// which are never reused.
type scratch struct {
	elems slab[elem]
	kids  slab[*elem]
	rows  slab[mrow]
	vals  slab[value]
	texts slab[string]
	cells slab[cell]
	lines slab[[]cell]
}

// Blocks hold about what a chart of a hundred rows needs: the pool keeps
// them, and the garbage collector scans them at every cycle.
var scratches = sync.Pool{New: func() any {
	return &scratch{
		elems: slab[elem]{size: 128},
		kids:  slab[*elem]{size: 512},
		rows:  slab[mrow]{size: 128},
		vals:  slab[value]{size: 1024},
		texts: slab[string]{size: 512},
		cells: slab[cell]{size: 512},
		lines: slab[[]cell]{size: 128},
	}
}}

func (s *scratch) reset() {
	s.elems.reset()
	s.kids.reset()
	s.rows.reset()
	s.vals.reset()
	s.texts.reset()
	s.cells.reset()
	s.lines.reset()
}

// slab hands out zeroed runs of T from blocks that it keeps across resets.
type slab[T any] struct {
	blocks [][]T
	used   []int // how much of each block was handed out
	i      int   // the block in use
	size   int   // of a new block
}

func (s *slab[T]) take(k int) []T {
	for s.i < len(s.blocks) && len(s.blocks[s.i])-s.used[s.i] < k {
		s.i++
	}
	if s.i == len(s.blocks) {
		s.blocks = append(s.blocks, make([]T, max(k, s.size)))
		s.used = append(s.used, 0)
	}
	n := s.used[s.i]
	s.used[s.i] += k
	return s.blocks[s.i][n : n+k : n+k]
}

// reset zeroes what was handed out, so that a slab in the pool holds no
// pointers for the garbage collector to follow.
func (s *slab[T]) reset() {
	for i, n := range s.used {
		clear(s.blocks[i][:n])
		s.used[i] = 0
	}
	s.i = 0
}
