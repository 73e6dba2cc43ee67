package iostreams

import (
	"fmt"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress reports how far a long operation has got. Add may be called from
// several goroutines at once. Call Finish once at the end, also on failure.
type Progress interface {
	Add(n int)
	Finish()
}

// NewProgress returns a progress bar on ErrOut for total units of work (a
// spinner when total <= 0), or a Progress that does nothing when stderr is
// not a terminal, so scripts and logs never see bar drawing.
func (s *IOStreams) NewProgress(total int64, label string) Progress {
	if !s.stderrTTY {
		return noProgress{}
	}
	errOut := s.ErrOut
	max := total
	if max <= 0 {
		max = -1 // progressbar's "length unknown": a spinner
	}
	bar := progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(errOut),
		progressbar.OptionSetDescription(label),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(errOut) }),
	)
	return &barProgress{bar: bar, total: total, lastDraw: time.Now()}
}

// redrawInterval limits how often the bar is drawn: redrawing on every Add
// of a 100k-user job would flood the terminal.
const redrawInterval = 65 * time.Millisecond

type noProgress struct{}

func (noProgress) Add(int) {}
func (noProgress) Finish() {}

// barProgress keeps its own count so it can stop at total (progressbar
// reports an error past its maximum) and, on Finish, tell a completed run
// from an aborted one. It throttles drawing itself, by holding back pending
// units, because progressbar's own throttle would drop the last update of a
// run that stops early.
type barProgress struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	total    int64
	done     int64
	pending  int64
	lastDraw time.Time
	finished bool
}

func (p *barProgress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished || n <= 0 {
		return
	}
	add := int64(n)
	if p.total > 0 {
		add = min(add, p.total-p.done)
		if add <= 0 {
			return
		}
	}
	p.done += add
	p.pending += add
	if p.done == p.total || time.Since(p.lastDraw) >= redrawInterval {
		p.draw()
	}
}

// draw hands the pending units to the bar, which renders them.
func (p *barProgress) draw() {
	if p.pending > 0 {
		// A progress bar that cannot draw is not worth failing the work for.
		_ = p.bar.Add64(p.pending)
		p.pending = 0
	}
	p.lastDraw = time.Now()
}

func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.finished = true
	p.draw()
	if p.total > 0 && p.done < p.total {
		// Stopped early: leave the bar where it got to instead of filling it.
		_ = p.bar.Exit()
		return
	}
	_ = p.bar.Finish()
}
