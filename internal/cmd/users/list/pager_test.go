package list

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
)

// window counts the pages that hold a slot: from the start of their fetch until emit has
// returned for them.
type window struct {
	mu       sync.Mutex
	held     int
	max      int
	started  []int
	emitted  []int
	fetchErr map[int]error
}

func (w *window) fetch(ctx context.Context, i int) (*gen.UserList, error) {
	w.mu.Lock()
	w.held++
	w.max = max(w.max, w.held)
	w.started = append(w.started, i)
	err := w.fetchErr[i]
	w.mu.Unlock()
	// Later pages answer sooner, so that they arrive out of order.
	select {
	case <-time.After(time.Duration((7-i%7)*200) * time.Microsecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	return &gen.UserList{Offset: i, Users: []gen.User{{User: fmt.Sprintf("u%03d@example.com", i)}}}, nil
}

func (w *window) emit(i int, page *gen.UserList) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if page.Offset != i {
		return fmt.Errorf("emit(%d) got page %d", i, page.Offset)
	}
	w.emitted = append(w.emitted, i)
	w.held--
	return nil
}

func TestFetchOrderedEmitsInOrderWithinTheWindow(t *testing.T) {
	for _, parallel := range []int{1, 2, 4, 16} {
		t.Run(fmt.Sprint(parallel), func(t *testing.T) {
			w := &window{}
			if err := fetchOrdered(context.Background(), 50, parallel, w.fetch, w.emit); err != nil {
				t.Fatal(err)
			}
			if len(w.emitted) != 50 {
				t.Fatalf("emitted %d pages, want 50", len(w.emitted))
			}
			for i, got := range w.emitted {
				if got != i {
					t.Fatalf("emitted %v: not in page order", w.emitted)
				}
			}
			if w.max > parallel {
				t.Errorf("%d pages held at once, want at most %d", w.max, parallel)
			}
			if parallel > 1 && w.max < 2 {
				t.Errorf("pages were never fetched concurrently (parallel %d)", parallel)
			}
		})
	}
}

func TestFetchOrderedNoPages(t *testing.T) {
	w := &window{}
	if err := fetchOrdered(context.Background(), 0, 4, w.fetch, w.emit); err != nil || len(w.started) != 0 {
		t.Fatalf("err %v, started %v; want nothing", err, w.started)
	}
}

func TestFetchOrderedStopsAtTheFirstFailedPage(t *testing.T) {
	boom := errors.New("boom")
	w := &window{fetchErr: map[int]error{5: boom, 8: errors.New("later")}}
	err := fetchOrdered(context.Background(), 40, 4, w.fetch, w.emit)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the error of page 5", err)
	}
	if fmt.Sprint(w.emitted) != "[0 1 2 3 4]" {
		t.Errorf("emitted %v, want the pages before the failed one", w.emitted)
	}
	// Page 5 failed while pages up to 5+4 may have been started; nothing beyond.
	for _, i := range w.started {
		if i >= 5+4 {
			t.Errorf("page %d was started after page 5 had failed", i)
		}
	}
}

func TestFetchOrderedStopsWhenEmitFails(t *testing.T) {
	w := &window{}
	full := errors.New("disk full")
	emit := func(i int, page *gen.UserList) error {
		if i == 2 {
			return full
		}
		return w.emit(i, page)
	}
	if err := fetchOrdered(context.Background(), 40, 4, w.fetch, emit); !errors.Is(err, full) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if fmt.Sprint(w.emitted) != "[0 1]" {
		t.Errorf("emitted %v", w.emitted)
	}
}

func TestFetchOrderedStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &window{}
	emit := func(i int, page *gen.UserList) error {
		if i == 3 {
			cancel() // Ctrl-C while page 3 is being written
		}
		return w.emit(i, page)
	}
	err := fetchOrdered(ctx, 1000, 4, w.fetch, emit)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if fmt.Sprint(w.emitted) != "[0 1 2 3]" {
		t.Errorf("emitted %v after a cancel at page 3", w.emitted)
	}
	if len(w.started) > 4+4+1 {
		t.Errorf("started %d pages after a cancel at page 3", len(w.started))
	}
}
