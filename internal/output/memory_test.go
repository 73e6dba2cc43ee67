package output

import (
	"fmt"
	"io"
	"runtime"
	"testing"
)

const (
	memUsers      = 100_000
	memWarmup     = 10_000 // users written before the baseline: buffers and caches are full
	maxHeapGrowth = 4 << 20
)

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Writing 100,000 users must not keep them: the live heap after the last user is within a
// few MiB of the live heap after the first 10,000 (keeping every table row alone would be
// 100,000 × 8 cells ≈ 30 MiB). The figures are logged (go test -v -run Memory).
func TestUserWritersMemoryIsFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes 100,000 users per format; run without -short and -race")
	}
	for _, f := range formats() {
		t.Run(string(f), func(t *testing.T) {
			uw, err := NewUserWriter(f, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			var baseline uint64
			for i := range memUsers {
				if i == memWarmup {
					baseline = heapInUse()
				}
				if err := uw.Write(syntheticUser(i)); err != nil {
					t.Fatal(err)
				}
			}
			final := heapInUse()
			if err := uw.Close(); err != nil {
				t.Fatal(err)
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			growth := int64(final) - int64(baseline)
			t.Logf("%s: %d users: live heap %s after %d users, %s after all (%+d B); %.0f B and %.1f allocations per user",
				f, memUsers, mib(baseline), memWarmup, mib(final), growth,
				float64(after.TotalAlloc-before.TotalAlloc)/memUsers, float64(after.Mallocs-before.Mallocs)/memUsers)
			if growth > maxHeapGrowth {
				t.Errorf("live heap grew by %s while writing %d more users", mib(uint64(growth)), memUsers-memWarmup)
			}
		})
	}
}

func mib(b uint64) string { return fmt.Sprintf("%.2f MiB", float64(b)/(1<<20)) }

// BenchmarkUserWriter measures the cost of one user per format (go test -bench UserWriter
// -benchmem); syntheticUser's own cost is included.
func BenchmarkUserWriter(b *testing.B) {
	for _, f := range formats() {
		b.Run(string(f), func(b *testing.B) {
			uw, err := NewUserWriter(f, io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if err := uw.Write(syntheticUser(i)); err != nil {
					b.Fatal(err)
				}
			}
			if err := uw.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
