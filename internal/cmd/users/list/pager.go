package list

import (
	"context"
	"sync"
)

// fetchResult is the answer to one page request.
type fetchResult[P any] struct {
	page P
	err  error
}

// fetchOrdered fetches pages 0..n-1 with up to parallel requests at a time and hands each
// page to emit strictly in page order.
//
// A page holds a slot from the moment its request starts until emit has returned for it,
// so at most parallel pages are being fetched or waiting for an earlier page at any time:
// memory is bounded by parallel × page size however many pages there are. When a slow page
// holds up the ones after it, no new requests start beyond the window.
//
// The first error, of a fetch (in page order) or of emit, or the cancellation of ctx stops
// the work: requests not yet started are not started, those in flight are cancelled, no
// further page is emitted, and fetchOrdered returns the error once every goroutine it
// started has finished. Pages before the failed one have been emitted.
func fetchOrdered[P any](ctx context.Context, n, parallel int, fetch func(ctx context.Context, i int) (P, error), emit func(i int, page P) error) error {
	if n <= 0 {
		return nil
	}
	parallel = max(1, min(parallel, n))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	slots := make(chan struct{}, parallel)
	// queue holds the result channels in page order; it never holds more than parallel.
	queue := make(chan chan fetchResult[P], parallel)
	var wg sync.WaitGroup
	go func() {
		defer close(queue)
		for i := range n {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			if ctx.Err() != nil {
				// Both cases were ready and the slot won: still stop here.
				return
			}
			result := make(chan fetchResult[P], 1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				page, err := fetch(ctx, i)
				result <- fetchResult[P]{page, err}
			}()
			queue <- result
		}
	}()

	var err error
	i := 0
	for result := range queue {
		r := <-result
		if r.err == nil {
			// After a cancel (Ctrl-C) nothing more is written, even pages that arrived.
			r.err = ctx.Err()
		}
		if r.err == nil {
			r.err = emit(i, r.page)
		}
		<-slots
		i++
		if r.err != nil {
			err = r.err
			break
		}
	}
	if err == nil && i < n {
		// The dispatcher stopped early: the parent context was cancelled between pages.
		err = ctx.Err()
	}
	cancel()
	for range queue {
		// Drain so that the dispatcher can finish; its pages are abandoned.
	}
	wg.Wait()
	return err
}
