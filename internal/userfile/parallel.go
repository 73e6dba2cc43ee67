package userfile

import (
	"runtime"
	"sync"
)

// csvBatchSize is the number of CSV lines a worker checks at a time: large enough that the
// hand-over costs nothing, small enough that a file of a few thousand lines still uses every
// core.
const csvBatchSize = 1024

// csvBatch is a run of consecutive CSV lines and, once done is closed, the records and
// problems a worker made of them.
type csvBatch struct {
	rows  [][]string
	lines []int
	out   *reader
	done  chan struct{}
}

// csvPipeline checks the lines of a CSV file on every core while the file is still being
// parsed: checking a record (patterns, lengths, zones) costs several times what parsing its
// line does, and all records must be checked before anything is sent. Results are merged in
// file order, so Read returns exactly what a check line after line would.
type csvPipeline struct {
	rd      *reader
	cols    []column
	work    chan *csvBatch
	batches []*csvBatch // in file order
	current *csvBatch
	wg      sync.WaitGroup
}

func (rd *reader) newCSVPipeline(cols []column) *csvPipeline {
	p := &csvPipeline{rd: rd, cols: cols, work: make(chan *csvBatch, runtime.GOMAXPROCS(0))}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Go(p.worker)
	}
	return p
}

// add queues one line; fields must not be reused by the caller.
func (p *csvPipeline) add(fields []string, line int) {
	if p.current == nil {
		p.current = &csvBatch{rows: make([][]string, 0, csvBatchSize), lines: make([]int, 0, csvBatchSize), done: make(chan struct{})}
	}
	p.current.rows = append(p.current.rows, fields)
	p.current.lines = append(p.current.lines, line)
	if len(p.current.rows) == csvBatchSize {
		p.flush()
	}
}

func (p *csvPipeline) flush() {
	if p.current == nil {
		return
	}
	p.batches = append(p.batches, p.current)
	p.work <- p.current
	p.current = nil
}

// worker checks batches into a reader of its own: readers are not safe for concurrent use.
func (p *csvPipeline) worker() {
	for b := range p.work {
		sub := &reader{mode: p.rd.mode, missing: p.rd.missing, zones: map[string]error{},
			records: make([]Record, 0, len(b.rows))}
		for i, fields := range b.rows {
			sub.csvRecord(p.cols, fields, b.lines[i])
		}
		b.rows, b.lines, b.out = nil, nil, sub
		close(b.done)
	}
}

// finish waits for the workers and adds their records and problems to the reader, in file
// order.
func (p *csvPipeline) finish() {
	p.flush()
	close(p.work)
	p.wg.Wait()
	n := len(p.rd.records)
	for _, b := range p.batches {
		n += len(b.out.records)
	}
	p.rd.records = append(make([]Record, 0, n), p.rd.records...)
	for _, b := range p.batches {
		p.rd.records = append(p.rd.records, b.out.records...)
		p.rd.problems = append(p.rd.problems, b.out.problems...)
	}
}
