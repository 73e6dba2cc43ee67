package syncplan_test

import (
	"fmt"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/syncplan"
	"github.com/ecctl/ecctl/internal/userfile"
)

// scenario is n current users with every field set, and the records of an export of them
// with 1% changes: a third of those updates (department), a third deletes (missing from the
// file) and a third creates (new rows).
func scenario(tb testing.TB, n int) (current []gen.User, desired []userfile.Record, changes int) {
	tb.Helper()
	zones := []string{"Europe/Berlin", "Europe/Vienna", "America/New_York", "Asia/Tokyo"}
	current = make([]gen.User, n)
	for i := range current {
		current[i] = user(fmt.Sprintf("user%06d@example.com", i), fmt.Sprintf("Given%d Sur%d", i, i),
			"department=Sales", fmt.Sprintf("costcenter=%04d", i%1000), fmt.Sprintf("phone=+49 30 %07d", i),
			"failoverGroups=emea;germany", "timezone="+zones[i%len(zones)])
	}
	file := make([]gen.User, 0, n+n/300+1)
	for i, u := range current {
		switch i % 300 {
		case 0:
			u.Department = nullable.NewNullableWithValue("Marketing")
			changes++
		case 100:
			changes++ // left out of the file: deleted with prune
			continue
		case 200:
			file = append(file, user(fmt.Sprintf("new%06d@example.com", i), "New User"))
			changes++
		}
		file = append(file, u)
	}
	return current, records(tb, exportCSV(tb, file)), changes
}

func benchmarkPlan(b *testing.B, n int) {
	current, desired, changes := scenario(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := syncplan.Compute(desired, current, true)
		if err != nil {
			b.Fatal(err)
		}
		if p.Changes() != changes {
			b.Fatalf("%d changes, want %d", p.Changes(), changes)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/user")
}

// BenchmarkPlan10k and BenchmarkPlan100k plan a sync of 10,000 and 100,000 users with 1%
// changes; ns/user side by side shows the cost is linear.
func BenchmarkPlan10k(b *testing.B)  { benchmarkPlan(b, 10_000) }
func BenchmarkPlan100k(b *testing.B) { benchmarkPlan(b, 100_000) }

// An unchanged user costs no allocation of its own: planning n unchanged users allocates the
// index map (whose tables Go allocates one per 1,024 entries or so) and a few slices, so
// the count is a tiny fraction of n. Memory that grew with each user would show here as at
// least one allocation per user. Allocation counts are deterministic, unlike timings.
func TestComputeAllocationsDoNotGrowPerUser(t *testing.T) {
	const n = 20_000
	current, _, _ := scenario(t, n)
	desired := records(t, exportCSV(t, current))
	unchanged := testing.AllocsPerRun(3, func() {
		p, err := syncplan.Compute(desired, current, true)
		if err != nil || !p.Empty() {
			t.Fatalf("plan %+v, %v", p, err)
		}
	})
	if unchanged > n/100 {
		t.Errorf("planning %d unchanged users made %.0f allocations, want fewer than one per 100 users", n, unchanged)
	}
	// A change costs a few allocations (its field map, the patch's values).
	current, desired, changes := scenario(t, n)
	withChanges := testing.AllocsPerRun(3, func() {
		if _, err := syncplan.Compute(desired, current, true); err != nil {
			t.Fatal(err)
		}
	})
	if extra := withChanges - unchanged; extra > float64(changes)*8 {
		t.Errorf("%.0f allocations for %d changes, want at most 8 per change", extra, changes)
	}
}
