package list

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/mock"
)

// Benchmarks of listing 100,000 users, the whole command but the server: the pages come
// from a cache filled once from ecmock, so the figures are ecctl's own (decoding, writing,
// paging, HTTP). cpu-s/op is the process's CPU time per listing (serving the cached pages
// included), steadier than ns/op on a busy machine. Run:
//
//	go test -run '^$' -bench ListUsers100k -benchmem ./internal/cmd/users/list/
//
// `make bench` measures the same against a curl loop over a real ecmock.

// pageCache answers each request from the body ecmock gave for the same URL the first time.
type pageCache struct {
	next http.Handler
	mu   sync.Mutex
	hit  map[string]*httptest.ResponseRecorder
}

func (c *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	rec := c.hit[r.URL.String()]
	if rec == nil {
		rec = httptest.NewRecorder()
		c.next.ServeHTTP(rec, r)
		c.hit[r.URL.String()] = rec
	}
	c.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func BenchmarkListUsers100k(b *testing.B) {
	const users = 100_000
	srv, err := mock.New(mock.Options{Seed: users, Accounts: []mock.Account{{User: "demo", Pass: "demo", Customers: []string{"44444"}}}})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(&pageCache{next: srv, hit: map[string]*httptest.ResponseRecorder{}})
	defer hs.Close()
	for _, format := range []string{"jsonl", "json", "csv"} {
		b.Run(format, func(b *testing.B) {
			e := newTestEnv(b, format)
			e.env["ECCTL_ENDPOINT"] = hs.URL + "/"
			e.ios.Out = io.Discard
			opts := &Options{Customer: "44444", PageSize: DefaultPageSize, Parallel: DefaultParallel}
			// One listing fills the cache (and checks the count) before the timed ones.
			var out bytes.Buffer
			e.ios.Out = &out
			if err := run(context.Background(), e.f, opts); err != nil {
				b.Fatal(err)
			}
			if format == "jsonl" && bytes.Count(out.Bytes(), []byte{'\n'}) != users {
				b.Fatalf("%d lines, want %d", bytes.Count(out.Bytes(), []byte{'\n'}), users)
			}
			e.ios.Out = io.Discard
			b.ReportAllocs()
			cpu := processCPU(b)
			for b.Loop() {
				if err := run(context.Background(), e.f, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(users)*float64(b.N)/b.Elapsed().Seconds(), "users/s")
			b.ReportMetric((processCPU(b)-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// processCPU is the user and system time of this process so far: on a machine shared with
// other work, CPU time per listing says more about ecctl's own cost than the wall time does.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
