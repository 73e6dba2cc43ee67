package cmdutil_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/mock"
)

func TestEachUserReadsEveryPageOnce(t *testing.T) {
	srv, err := mock.New(mock.Options{Seed: 2500})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	c, err := client.New(client.Options{Endpoint: hs.URL, Username: "demo", Password: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	before := srv.Requests()
	err = cmdutil.EachUser(context.Background(), c, "44444", client.Filter{}, func(u gen.User) error {
		seen[u.User] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2500 {
		t.Errorf("saw %d users, want 2500", len(seen))
	}
	if n := srv.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3 pages", n)
	}
	stop := errors.New("stop")
	if err := cmdutil.EachUser(context.Background(), c, "44444", client.Filter{}, func(gen.User) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("fn's error: got %v", err)
	}
}

// pager serves pages of made-up users; page(offset, pass) says which users and which total.
func pager(t *testing.T, page func(offset, pass int) (users []string, total int)) (*client.Client, *atomic.Int64) {
	t.Helper()
	var passes atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		if offset == 0 {
			passes.Add(1)
		}
		names, total := page(offset, int(passes.Load()))
		list := gen.UserList{Id: "x", Timestamp: "t", Offset: offset, Size: cmdutil.ListPageSize, Total: total, Count: len(names), Users: []gen.User{}}
		for _, n := range names {
			list.Users = append(list.Users, gen.User{User: n, Customer: "44444", Domain: "example.com"})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(list)
	}))
	t.Cleanup(hs.Close)
	c, err := client.New(client.Options{Endpoint: hs.URL, Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	return c, &passes
}

func names(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("u%05d@example.com", from+i)
	}
	return out
}

func TestEachUserDetectsChangesDuringThePass(t *testing.T) {
	for name, page := range map[string]func(offset, pass int) ([]string, int){
		// a user was deleted between the pages: the total drops
		"total changed": func(offset, _ int) ([]string, int) {
			if offset == 0 {
				return names(0, 1000), 1500
			}
			return names(1001, 499), 1499
		},
		// a user was created before the offset: the last of page one comes again
		"repeated user": func(offset, _ int) ([]string, int) {
			if offset == 0 {
				return names(0, 1000), 1500
			}
			return names(999, 500), 1500
		},
		// the pages end before the total
		"short": func(offset, _ int) ([]string, int) {
			if offset == 0 {
				return names(0, 1000), 1500
			}
			return nil, 1500
		},
	} {
		c, _ := pager(t, page)
		err := cmdutil.EachUser(context.Background(), c, "44444", client.Filter{}, func(gen.User) error { return nil })
		if !errors.Is(err, cmdutil.ErrListChanged) {
			t.Errorf("%s: %v, want ErrListChanged", name, err)
		}
	}
}

func TestEachUserRetryStartsOver(t *testing.T) {
	c, passes := pager(t, func(offset, pass int) ([]string, int) {
		if pass == 1 && offset > 0 {
			return names(1001, 499), 1499 // changed during the first pass
		}
		if offset == 0 {
			return names(0, 1000), 1500
		}
		return names(1000, 500), 1500
	})
	var seen, resets int
	err := cmdutil.EachUserRetry(context.Background(), c, "44444", client.Filter{}, 3, func() { seen = 0; resets++ }, func(gen.User) error {
		seen++
		return nil
	})
	if err != nil || seen != 1500 || resets != 2 || passes.Load() != 2 {
		t.Errorf("err %v, seen %d, resets %d, passes %d", err, seen, resets, passes.Load())
	}

	// A list that never holds still: the last error, after the given number of passes.
	c, passes = pager(t, func(offset, _ int) ([]string, int) {
		if offset == 0 {
			return names(0, 1000), 1500
		}
		return names(1001, 499), 1499
	})
	err = cmdutil.EachUserRetry(context.Background(), c, "44444", client.Filter{}, 3, func() {}, func(gen.User) error { return nil })
	if !errors.Is(err, cmdutil.ErrListChanged) || passes.Load() != 3 {
		t.Errorf("err %v after %d passes", err, passes.Load())
	}
}

func TestParallelReturnsTheFirstFailureAndCancelsTheRest(t *testing.T) {
	boom := errors.New("boom")
	var cancelled atomic.Bool
	err := cmdutil.Parallel(context.Background(),
		func(context.Context) error { return boom },
		func(ctx context.Context) error {
			select {
			case <-ctx.Done():
				cancelled.Store(true)
				return ctx.Err()
			case <-time.After(10 * time.Second):
				return nil
			}
		},
	)
	if !errors.Is(err, boom) || !cancelled.Load() {
		t.Errorf("err %v, cancelled %v", err, cancelled.Load())
	}
	var ran atomic.Int64
	err = cmdutil.Parallel(context.Background(),
		func(context.Context) error { ran.Add(1); return nil },
		func(context.Context) error { ran.Add(1); return nil },
	)
	if err != nil || ran.Load() != 2 {
		t.Errorf("err %v, ran %d", err, ran.Load())
	}
}
