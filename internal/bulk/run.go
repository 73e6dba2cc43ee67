package bulk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/ecctl/ecctl/internal/client"
)

// Run sends the batches to the customer in chunks and reports what became of every user.
// It returns an error only for invalid options; failed requests are in the report (see the
// package documentation for which failures stop the run and how an interrupt is handled).
func Run(ctx context.Context, c Client, customer string, o Options, batches ...Batch) (*Report, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Report{Customer: customer, Chunks: plan(o, batches)}
	startRetries := c.Retries()
	defer func() {
		r.Retries = c.Retries() - startRetries
		if o.Progress != nil {
			o.Progress.Finish()
		}
	}()
	if len(r.Chunks) == 0 {
		return r, nil
	}

	e := &engine{ctx: ctx, c: c, customer: customer, o: o, r: r, stop: make(chan struct{})}
	// Requests run on a context that ignores ctx's cancellation: a request in flight when the
	// user presses Ctrl-C is let finish, so that the report can say whether it was applied.
	// After the grace period it is cancelled all the same.
	callCtx, cancelCalls := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelCalls()
	e.callCtx = callCtx
	done := make(chan struct{})
	var watcher sync.WaitGroup
	watcher.Go(func() { e.watchInterrupt(done, cancelCalls) })
	// The watcher may write a notice; it must be gone before the caller writes the report.
	defer watcher.Wait()
	defer close(done)

	next := make(chan *Chunk)
	var wg sync.WaitGroup
	for range min(o.Concurrency, len(r.Chunks)) {
		wg.Go(func() {
			for ch := range next {
				e.process(ch)
			}
		})
	}
dispatch:
	for i := range r.Chunks {
		if e.halted() {
			break
		}
		select {
		case next <- &r.Chunks[i]:
		case <-ctx.Done():
			break dispatch
		case <-e.stop:
			break dispatch
		}
	}
	close(next)
	wg.Wait()
	r.Interrupted = ctx.Err() != nil
	return r, nil
}

// engine is the state of one Run shared by its workers.
type engine struct {
	ctx      context.Context // the caller's: cancelled on interrupt
	callCtx  context.Context // the requests': outlives ctx by the grace period
	c        Client
	customer string
	o        Options
	r        *Report

	mu       sync.Mutex
	running  int           // requests in flight, for the interrupt notice
	stop     chan struct{} // closed by a failure that ends the run
	stopOnce sync.Once
}

// halted reports whether no further chunk may be sent.
func (e *engine) halted() bool {
	if e.ctx.Err() != nil {
		return true
	}
	select {
	case <-e.stop:
		return true
	default:
		return false
	}
}

// process sends one chunk and records its outcome. Each chunk is written by exactly one
// worker, and read only after all workers are done, so the chunk needs no lock.
func (e *engine) process(ch *Chunk) {
	// A chunk handed over just as the run was interrupted or stopped stays unsent.
	if e.halted() {
		return
	}
	e.mu.Lock()
	e.running++
	e.mu.Unlock()
	ans, err := ch.batch.send(e.callCtx, e.c, e.customer, ch.lo, ch.hi)
	e.mu.Lock()
	e.running--
	e.mu.Unlock()

	if err == nil {
		ch.State, ch.Applied, ch.RequestID = Applied, ans.users, ans.id
	} else {
		ch.State, ch.Err = Failed, err
		ch.RequestID, ch.MaybeApplied = describe(err)
		if errors.Is(err, context.Canceled) && e.callCtx.Err() != nil {
			// Cancelled after the grace period, possibly after it reached the server.
			ch.MaybeApplied = true
			ch.Err = fmt.Errorf("interrupted while the request was in flight: %w", err)
		}
		if ends(err) {
			e.stopOnce.Do(func() {
				e.r.Stopped = err
				close(e.stop)
			})
		}
	}
	if e.o.Progress != nil {
		e.o.Progress.Add(len(ch.Users))
	}
}

// watchInterrupt notes an interrupt and cancels the requests in flight when the grace period
// has passed. It returns when done is closed.
func (e *engine) watchInterrupt(done <-chan struct{}, cancelCalls context.CancelFunc) {
	select {
	case <-done:
		return
	case <-e.ctx.Done():
	}
	e.mu.Lock()
	running := e.running
	e.mu.Unlock()
	if e.o.Notes != nil && running > 0 {
		fmt.Fprintf(e.o.Notes, "interrupted: sending nothing more; waiting up to %s for %d %s in flight\n",
			e.o.Grace, running, plural(running, "request", "requests"))
	}
	t := time.NewTimer(e.o.Grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		cancelCalls()
	}
}

// describe reads the request id of a failure and whether the request may have been applied.
func describe(err error) (id string, maybeApplied bool) {
	var ae *client.APIError
	var ne *client.NetworkError
	switch {
	case errors.As(err, &ae):
		return ae.ID, ae.MaybeApplied
	case errors.As(err, &ne):
		return "", ne.MaybeApplied
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "", false
	}
	// Any other error from the client follows a 2xx answer it could not read: the request
	// was most likely applied.
	return "", true
}

// ends reports failures that every further request would meet too: the credentials or the
// customer are refused, or the server cannot be reached at all.
func ends(err error) bool {
	var ae *client.APIError
	if errors.As(err, &ae) {
		return ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden
	}
	var ne *client.NetworkError
	return errors.As(err, &ne) && !ne.MaybeApplied
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
