package syncplan_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/mock"
	"github.com/ecctl/ecctl/internal/syncplan"
)

// fakeLister serves users in pages of at most maxPage; fail, when set, may fail a request.
type fakeLister struct {
	users    []gen.User
	maxPage  int
	total    func(offset int) int // the total a page reports; nil: len(users)
	fail     func(offset int) error
	calls    atomic.Int64
	inFlight atomic.Int64
	maxSeen  atomic.Int64
	gate     chan struct{} // when set, requests after the first wait for it
}

func (f *fakeLister) ListPage(ctx context.Context, customer string, _ client.Filter, offset, size int) (*gen.UserList, error) {
	n := f.calls.Add(1)
	cur := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for old := f.maxSeen.Load(); cur > old && !f.maxSeen.CompareAndSwap(old, cur); old = f.maxSeen.Load() {
	}
	if f.gate != nil && n > 1 {
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, fmt.Errorf("listing users of %s: %w", customer, ctx.Err())
		}
	}
	if f.fail != nil {
		if err := f.fail(offset); err != nil {
			return nil, err
		}
	}
	if f.maxPage > 0 {
		size = min(size, f.maxPage)
	}
	lo, hi := min(offset, len(f.users)), min(offset+size, len(f.users))
	total := len(f.users)
	if f.total != nil {
		total = f.total(offset)
	}
	page := f.users[lo:hi]
	return &gen.UserList{Offset: offset, Size: size, Count: len(page), Total: total, Users: page}, nil
}

func manyUsers(n int) []gen.User {
	users := make([]gen.User, n)
	for i := range users {
		users[i] = user(fmt.Sprintf("user%05d@example.com", i), fmt.Sprintf("User %d", i))
	}
	return users
}

func TestFetchAllReadsEveryPageInOrder(t *testing.T) {
	for _, tc := range []struct {
		name              string
		n, size, parallel int
		maxPage           int
	}{
		{"empty", 0, 10, 4, 0},
		{"one page", 7, 10, 4, 0},
		{"exact pages", 30, 10, 4, 0},
		{"last page short", 35, 10, 3, 0},
		{"sequential", 35, 10, 1, 0},
		{"server pages smaller than asked", 35, 10, 4, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeLister{users: manyUsers(tc.n), maxPage: tc.maxPage}
			var seen atomic.Int64
			got, err := syncplan.FetchAll(context.Background(), f, "44444", syncplan.FetchOptions{
				PageSize: tc.size, Parallel: tc.parallel,
				Progress: func(users, total int) {
					if total != tc.n {
						t.Errorf("progress total %d, want %d", total, tc.n)
					}
					seen.Add(int64(users))
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.n {
				t.Fatalf("%d users, want %d", len(got), tc.n)
			}
			for i, u := range got {
				if u.User != f.users[i].User {
					t.Fatalf("user %d is %s, want %s", i, u.User, f.users[i].User)
				}
			}
			if seen.Load() != int64(tc.n) {
				t.Errorf("progress saw %d users, want %d", seen.Load(), tc.n)
			}
		})
	}
}

func TestFetchAllParallelPages(t *testing.T) {
	f := &fakeLister{users: manyUsers(100), gate: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := syncplan.FetchAll(context.Background(), f, "44444", syncplan.FetchOptions{PageSize: 10, Parallel: 3})
		done <- err
	}()
	// Requests after the first wait at the gate until three of them are waiting: fewer would
	// mean the pages are not read in parallel; the limit is checked after.
	for f.inFlight.Load() < 3 {
		select {
		case err := <-done:
			t.Fatalf("FetchAll returned early: %v", err)
		default:
		}
		runtime.Gosched()
	}
	close(f.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := f.maxSeen.Load(); got != 3 {
		t.Errorf("at most %d requests in flight, want 3", got)
	}
}

// A page reporting another total means the users changed while they were read; the plan
// would be wrong, so FetchAll refuses.
func TestFetchAllDetectsChangesWhileReading(t *testing.T) {
	f := &fakeLister{users: manyUsers(30), total: func(offset int) int {
		if offset >= 20 {
			return 31
		}
		return 30
	}}
	_, err := syncplan.FetchAll(context.Background(), f, "44444", syncplan.FetchOptions{PageSize: 10, Parallel: 1})
	if err == nil || !strings.Contains(err.Error(), "changed from 30 to 31 while they were read") {
		t.Errorf("error %v, want the change detected", err)
	}
}

// The first failure is reported, not the cancellations it causes.
func TestFetchAllReportsTheFirstFailure(t *testing.T) {
	boom := errors.New("listing users of 44444: 500 Internal Server Error")
	var once sync.Once
	f := &fakeLister{users: manyUsers(100)}
	f.fail = func(offset int) error {
		if offset == 50 {
			var err error
			once.Do(func() { err = boom })
			return err
		}
		return nil
	}
	_, err := syncplan.FetchAll(context.Background(), f, "44444", syncplan.FetchOptions{PageSize: 10, Parallel: 4})
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
}

func TestFetchAllCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	f := &fakeLister{users: manyUsers(100), gate: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := syncplan.FetchAll(ctx, f, "44444", syncplan.FetchOptions{PageSize: 10, Parallel: 2})
		done <- err
	}()
	for f.inFlight.Load() < 2 {
		runtime.Gosched()
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// Against ecmock through the real client: every user of a seeded customer, in address order.
func TestFetchAllAgainstMock(t *testing.T) {
	srv, err := mock.New(mock.Options{Seed: 2500})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	c, err := client.New(client.Options{Endpoint: hs.URL, Username: "demo", Password: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	users, err := syncplan.FetchAll(context.Background(), c, "44444", syncplan.FetchOptions{Parallel: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := srv.SortedAddresses("44444")
	if len(users) != len(want) || len(users) != 2500 {
		t.Fatalf("%d users, want %d", len(users), len(want))
	}
	for i := range users {
		if users[i].User != want[i] {
			t.Fatalf("user %d is %s, want %s", i, users[i].User, want[i])
		}
	}
}
