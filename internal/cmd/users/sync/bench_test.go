package sync

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/mock"
	"github.com/ecctl/ecctl/internal/syncplan"
	"github.com/ecctl/ecctl/internal/userfile"
)

// BenchmarkSyncApply100k measures a sync of 100,000 users with 1% changes (a third each
// updated, deleted and created) against an in-process ecmock seeded with 100,000 users per
// customer, phase by phase, with the command's own functions and its defaults (page size
// 1000, chunk size 1000, 4 requests at a time): reading and checking the file, reading all
// users, planning, and applying the 1,000 changes in bulk requests. Then it runs the whole
// command again, which finds nothing to do (the idempotent re-run). Each iteration gets a
// fresh mock (not timed). Wall-clock seconds per phase are reported as metrics; the mock
// shares the process's CPUs and heap with ecctl, so they are upper bounds for ecctl itself.
func BenchmarkSyncApply100k(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	var read, fetch, plan, applied, rerun time.Duration
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b, mock.Options{Seed: n}, nil)
		e.F.Global.Yes = true
		file := e.writeFile("desired.csv", desiredOnePercent(b, e))
		opts := &Options{Customer: "44444", File: file, Prune: true, MaxDelete: 1000}
		opts.Bulk.ChunkSize, opts.Bulk.Concurrency = bulk.DefaultChunkSize, bulk.DefaultConcurrency
		ctx := context.Background()
		c, err := e.F.Client(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		t0 := time.Now()
		records, err := change.ReadFile(e.F, file, userfile.ModeSync)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		current, err := fetchCurrent(ctx, e.F, c, opts)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		p, err := syncplan.Compute(records, current, true)
		if err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		r, err := apply(ctx, e.F, c, opts, p)
		if err != nil || r.Outcome() != bulk.OutcomeOK {
			b.Fatalf("apply: %v, %v", err, r.FirstError())
		}
		t4 := time.Now()
		if err := e.run(ctx, "44444", "-f", file, "--prune", "--detailed-exitcode"); err != nil {
			b.Fatalf("re-run: %v\n%s", err, e.Out)
		}
		t5 := time.Now()
		read, fetch, plan, applied, rerun = read+t1.Sub(t0), fetch+t2.Sub(t1), plan+t3.Sub(t2), applied+t4.Sub(t3), rerun+t5.Sub(t4)

		b.StopTimer()
		if p.Changes() != 1000 || len(e.addresses()) != n {
			b.Fatalf("%d changes, %d users after the sync; want 1000 and %d", p.Changes(), len(e.addresses()), n)
		}
		b.StartTimer()
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	b.ReportMetric(per(read), "read-s/op")
	b.ReportMetric(per(fetch), "fetch-s/op")
	b.ReportMetric(per(plan), "plan-s/op")
	b.ReportMetric(per(applied), "apply-s/op")
	b.ReportMetric(per(rerun), "rerun-s/op")
}

// desiredOnePercent is every current user, with 1% changed: every 300th updated, deleted
// or joined by a new user.
func desiredOnePercent(b *testing.B, e *env) []gen.User {
	b.Helper()
	current, err := syncplan.FetchAll(context.Background(), e.c, "44444", syncplan.FetchOptions{Parallel: 4})
	if err != nil {
		b.Fatal(err)
	}
	desired := make([]gen.User, 0, len(current)+len(current)/300+1)
	for i, u := range current {
		switch i % 300 {
		case 0:
			u.Department = nullable.NewNullableWithValue(fmt.Sprintf("Department %d", i))
		case 100:
			continue
		case 200:
			desired = append(desired, gen.User{
				User: fmt.Sprintf("new%06d@kestrel.example", i), DisplayName: "New User", GivenName: "New", SurName: "User",
				Language: "de_DE", Timezone: "Europe/Berlin",
			})
		}
		desired = append(desired, u)
	}
	return desired
}
