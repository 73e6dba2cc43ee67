// Command soak checks that ecctl survives a misbehaving service and an interrupt, in a bounded
// time (well under five minutes):
//
//  1. sync: a customer of 10,000 users is synced to a file that changes 30% of them
//     (updates, creates, deletes) against `ecmock --fail-rate 0.2 --rate-limit 300 --latency
//     5ms`. The command must exit 0 and report its retries; afterwards the customer must equal
//     the file exactly (the exports compared row by row, no address twice), and a second sync
//     must find nothing to do.
//  2. interrupt: a create of 10,000 users gets SIGINT at a random moment. The command must
//     exit 130 and its report must be exact: every user it lists as created exists, no user it
//     lists as not sent or as failed (unless "may have been applied") exists, and nothing else
//     exists. A sync of the same file must then converge to the file.
//
// Every round uses fresh customers; -rounds repeats both. The random moments come from -seed,
// printed so that a failing run can be repeated.
//
// Usage (make soak):
//
//	go run ./scripts/soak [-rounds 3] [-seed N]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/ecctl/ecctl/scripts/internal/harness"
)

// faultFlags are the faults of the issue: a fifth of all requests answered 503, at most 300
// requests a second, 5 ms more per request.
func faultFlags() []string {
	return []string{"--fail-rate", "0.2", "--rate-limit", "300", "--latency", "5ms"}
}

const (
	users = 10_000
	// budget bounds the whole soak.
	budget = 4*time.Minute + 30*time.Second
)

func main() {
	rounds := flag.Int("rounds", 3, "rounds of both scenarios, each on fresh customers")
	seed := flag.Uint64("seed", 0, "seed of the random moments (0: from the clock)")
	keep := flag.Bool("keep", false, "keep the temporary directory")
	flag.Parse()
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	if err := run(ctx, *rounds, *seed, *keep); err != nil {
		fmt.Fprintf(os.Stderr, "soak: FAILED (seed %d): %v\n", *seed, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, rounds int, seed uint64, keep bool) error {
	if rounds < 1 {
		return errors.New("-rounds must be at least 1")
	}
	root, err := harness.ModuleRoot()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "ecctl-soak-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(os.Stderr, "soak: keeping", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Printf("soak: [%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}
	logf("seed %d; building into %s", seed, dir)
	bins, err := harness.Build(ctx, root, filepath.Join(dir, "bin"))
	if err != nil {
		return err
	}
	s := &soak{ctx: ctx, bins: bins, dir: dir, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), logf: logf}
	// Two ecmocks with the same faults: one seeded for the syncs, one empty for the creates.
	// Each round takes fresh customers of both; a create that ends before its interrupt
	// comes takes another customer (see interruptedCreate).
	var syncCustomers []string
	for i := range rounds {
		syncCustomers = append(syncCustomers, fmt.Sprintf("%05d", 10001+i))
	}
	for i := range rounds * createAttempts {
		s.createCustomers = append(s.createCustomers, fmt.Sprintf("%05d", 20001+i))
	}
	logf("starting two ecmocks %v: %d customers of %d users, %d empty customers", faultFlags(), rounds, users, len(s.createCustomers))
	s.seeded, err = harness.StartMock(ctx, bins.Ecmock, filepath.Join(dir, "ecmock-seeded.log"),
		append([]string{"--seed", fmt.Sprint(users), "--account", "demo:demo:" + strings.Join(syncCustomers, ",")}, faultFlags()...)...)
	if err != nil {
		return err
	}
	defer s.seeded.Stop()
	s.empty, err = harness.StartMock(ctx, bins.Ecmock, filepath.Join(dir, "ecmock-empty.log"),
		append([]string{"--account", "demo:demo:" + strings.Join(s.createCustomers, ",")}, faultFlags()...)...)
	if err != nil {
		return err
	}
	defer s.empty.Stop()
	for i := range rounds {
		if err := s.syncUnderFaults(syncCustomers[i]); err != nil {
			return fmt.Errorf("round %d, sync under faults: %w", i+1, err)
		}
		if err := s.interruptedCreate(i + 1); err != nil {
			return fmt.Errorf("round %d, interrupted create: %w", i+1, err)
		}
	}
	fmt.Println()
	fmt.Print(s.summary())
	logf("PASSED: %d rounds", rounds)
	return nil
}
