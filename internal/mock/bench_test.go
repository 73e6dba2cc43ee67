package mock_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ecctl/ecctl/internal/mock"
)

// Benchmarks at 100,000 users in one customer. Run:
//
//	go test -run '^$' -bench . -benchtime 2s ./internal/mock/
//
// Each reports req/s. The 1k variants are baselines on a customer of 1,000 users: a page
// costs the same at 100k as at 1k (nothing is sorted or copied per request), a filtered
// count grows with the customer (one pass, no allocation).

var (
	benchMu      sync.Mutex
	benchServers = map[int]*mock.Server{}
)

// benchServer returns a server with n seeded users in 44444, built once per size.
func benchServer(b *testing.B, n int) *mock.Server {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if s := benchServers[n]; s != nil {
		return s
	}
	s, err := mock.New(mock.Options{Seed: n, Accounts: []mock.Account{{User: "u", Pass: "p", Customers: []string{"44444"}}}})
	if err != nil {
		b.Fatal(err)
	}
	benchServers[n] = s
	return s
}

// discard is a ResponseWriter that drops the body: the benchmark measures the server.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(code int)        { d.status = code }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }

func benchHandler(b *testing.B, users int, method, target string) {
	s := benchServer(b, users)
	req := httptest.NewRequest(method, target, nil)
	req.SetBasicAuth("u", "p")
	w := &discard{h: http.Header{}}
	s.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		b.Fatalf("%s %s: %d", method, target, w.status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		s.ServeHTTP(w, req)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func BenchmarkListPage100k(b *testing.B) {
	benchHandler(b, 100_000, http.MethodGet, "/44444?offset=50000&size=1000")
}

func BenchmarkListPage1k(b *testing.B) {
	benchHandler(b, 1000, http.MethodGet, "/44444?offset=0&size=1000")
}

func BenchmarkListPageFiltered100k(b *testing.B) {
	benchHandler(b, 100_000, http.MethodGet, "/44444?offset=5000&size=1000&group=sales&group=apac&activation=true")
}

func BenchmarkCountUnfiltered100k(b *testing.B) { benchHandler(b, 100_000, http.MethodHead, "/44444") }

func BenchmarkCountFlagsOnly100k(b *testing.B) {
	benchHandler(b, 100_000, http.MethodHead, "/44444?access=true&failover=false")
}

func BenchmarkCountFiltered100k(b *testing.B) {
	benchHandler(b, 100_000, http.MethodHead, "/44444?group=sales&group=apac&activation=true")
}

func BenchmarkCountFiltered1k(b *testing.B) {
	benchHandler(b, 1000, http.MethodHead, "/44444?group=sales&group=apac&activation=true")
}

// Over loopback TCP with parallel clients: what a client such as ecctl sees.
func benchTCP(b *testing.B, method, target string) {
	ts := httptest.NewServer(benchServer(b, 100_000))
	defer ts.Close()
	client := ts.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(method, ts.URL+target, nil)
			req.SetBasicAuth("u", "p")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = bufio.NewReader(resp.Body).WriteTo(devNull{})
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkListPage100kTCP(b *testing.B) {
	benchTCP(b, http.MethodGet, "/44444?offset=50000&size=1000")
}

func BenchmarkCountFiltered100kTCP(b *testing.B) {
	benchTCP(b, http.MethodHead, "/44444?group=sales&group=apac&activation=true")
}

// BenchmarkSeed100k builds a server with 100,000 users and reports the live heap and the
// process's resident memory (VmRSS) afterwards. Run it alone with -benchtime 1x.
func BenchmarkSeed100k(b *testing.B) {
	var keep *mock.Server
	for b.Loop() {
		s, err := mock.New(mock.Options{Seed: 100_000, Accounts: []mock.Account{{User: "u", Pass: "p", Customers: []string{"44444"}}}})
		if err != nil {
			b.Fatal(err)
		}
		keep = s
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	if rss, ok := vmRSS(); ok {
		b.ReportMetric(rss/1024, "rss-MiB")
	}
	runtime.KeepAlive(keep)
}

// vmRSS reads the resident set size in KiB from /proc/self/status (Linux only).
func vmRSS() (float64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb float64
			if _, err := fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb); err == nil {
				return kb, true
			}
		}
	}
	return 0, false
}
