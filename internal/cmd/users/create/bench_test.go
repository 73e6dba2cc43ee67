package create

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/userfile"
)

// BenchmarkCreateUsers100k measures `ecctl users create -f users.csv` of 100,000 users from
// file to report, against a server that answers each request at once (it only reads the
// addresses): the figures are ecctl's own cost, which is what bounds the command once the
// server is fast. cpu-s/op is the process's CPU time per create (the fake server's share
// included), steadier than ns/op on a busy machine. Run:
//
//	go test -run '^$' -bench CreateUsers100k -benchmem ./internal/cmd/users/create/
//
// `make bench` measures the same command against ecmock and a curl loop.
func BenchmarkCreateUsers100k(b *testing.B) {
	const users = 100_000
	path := filepath.Join(b.TempDir(), "users.csv")
	if err := os.WriteFile(path, usersCSV(users), 0o644); err != nil {
		b.Fatal(err)
	}
	var created atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body []struct {
			User string `json:"user"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		addrs := make([]string, len(body))
		for i, u := range body {
			addrs[i] = u.User
		}
		created.Add(int64(len(addrs)))
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "bench", "timestamp": time.Now().UTC().Format(time.RFC3339),
			"count": len(addrs), "users": addrs})
	}))
	defer hs.Close()
	home := b.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_STATE_HOME": home + "/.local/state",
		"ECCTL_ENDPOINT": hs.URL + "/", "ECCTL_USERNAME": "demo", "ECCTL_PASSWORD": "demo"}
	b.ReportAllocs()
	cpu := processCPU(b)
	for b.Loop() {
		ios, _, _, errOut := iostreams.Test()
		f := cmdutil.New(ios)
		f.Getenv = func(k string) string { return env[k] }
		created.Store(0)
		opts := &Options{Customer: "44444", File: path, Bulk: change.BulkFlags{ChunkSize: bulk.DefaultChunkSize, Concurrency: bulk.DefaultConcurrency}}
		if err := run(context.Background(), f, opts); err != nil {
			b.Fatalf("%v\n%s", err, errOut)
		}
		if created.Load() != users {
			b.Fatalf("%d users created, want %d", created.Load(), users)
		}
	}
	b.ReportMetric(float64(users)*float64(b.N)/b.Elapsed().Seconds(), "users/s")
	b.ReportMetric((processCPU(b)-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// usersCSV is an export of n users in ecctl's columns.
func usersCSV(n int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(userfile.Columns)
	zones := []string{"Europe/Berlin", "Europe/Oslo", "America/New_York", "Asia/Tokyo"}
	for i := range n {
		_ = w.Write([]string{fmt.Sprintf("user%06d@bench.example", i), fmt.Sprintf("Given%d Sur%d", i, i),
			fmt.Sprintf("Given%d", i), fmt.Sprintf("Sür%d", i), "de_DE", zones[i%len(zones)], "Sales",
			fmt.Sprintf("CC-%04d", i%1000), fmt.Sprintf("+49 30 %07d", i), "", "emea;germany", "true", "false", "false"})
	}
	w.Flush()
	return buf.Bytes()
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
