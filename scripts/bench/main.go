// Command bench measures ecctl at 100,000 users, each figure against a baseline measured in
// the same run (docs/benchmarks.md explains the method): listing against a sequential curl
// loop over the same pages, peak memory at 100k against 10k users, bulk create against a
// sequential curl loop sending the same 1000-user bodies, sync's plan and apply, and
// start-up against a hello-world Go binary. It builds everything it runs into a temporary
// directory, prints a table, writes it with the machine's description to -out, and exits
// 1 when a target is missed.
//
// Usage (make bench):
//
//	go run ./scripts/bench [-users 100000] [-reps 5] [-out docs/benchmarks.md]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/ecctl/ecctl/scripts/internal/harness"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == prepareCommand {
		if err := runPrepare(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench prepare:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	flag.IntVar(&o.users, "users", 100_000, "users of the large customer (a multiple of 1000)")
	flag.IntVar(&o.reps, "reps", 5, "repetitions of each timed measurement (the median is reported)")
	flag.IntVar(&o.startups, "startups", 41, "runs of each program in the start-up comparison")
	flag.StringVar(&o.out, "out", filepath.Join("docs", "benchmarks.md"), "markdown file to write the results to (empty: none)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (binaries, data, ecmock logs)")
	flag.Parse()
	if o.users < 10*chunkSize || o.users%chunkSize != 0 || o.reps < 1 || o.startups < 1 {
		fmt.Fprintln(os.Stderr, "bench: -users must be a multiple of 1000 of at least 10000; -reps and -startups at least 1")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	missed, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if missed > 0 {
		fmt.Fprintf(os.Stderr, "bench: %d %s missed\n", missed, map[bool]string{true: "target", false: "targets"}[missed == 1])
		os.Exit(1)
	}
}

type options struct {
	users, reps, startups int
	out                   string
	keep                  bool
}

func run(ctx context.Context, o options) (missed int, err error) {
	if _, err := exec.LookPath("curl"); err != nil {
		return 0, errors.New("curl is not installed: the baselines of the list and create measurements are curl loops; install curl (it is not needed by `make test`)")
	}
	root, err := harness.ModuleRoot()
	if err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp("", "ecctl-bench-")
	if err != nil {
		return 0, err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "bench: keeping", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	machine := describeMachine()
	fmt.Fprintf(os.Stderr, "bench: building into %s\n", dir)
	bins, err := harness.Build(ctx, root, filepath.Join(dir, "bin"))
	if err != nil {
		return 0, err
	}
	b := &bench{ctx: ctx, o: o, bins: bins, dir: dir}
	defer b.stopMocks()
	if err := b.measureAll(); err != nil {
		return 0, err
	}
	report := b.report(machine)
	fmt.Print(report.table())
	if o.out != "" {
		path := o.out
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		if err := os.WriteFile(path, []byte(report.markdown()), 0o644); err != nil {
			return 0, err
		}
		fmt.Fprintf(os.Stderr, "bench: wrote %s\n", path)
	}
	return report.missed(), nil
}

// step announces a phase on stderr with the time since the start.
func (b *bench) step(format string, a ...any) {
	if b.start.IsZero() {
		b.start = time.Now()
	}
	fmt.Fprintf(os.Stderr, "bench: [%5.1fs] %s\n", time.Since(b.start).Seconds(), fmt.Sprintf(format, a...))
}
