// Command ecmock is a stateful local server of the Retarus Email Continuity API v2, for
// demos, tests and rehearsing scripts before touching production. See internal/mock.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ecctl/ecctl/internal/mock"
)

const usage = `Usage: ecmock [flags]

ecmock serves the Email Continuity API v2 on a local address, with users that persist
while it runs (and across restarts with --state). Every request is checked against the
API's OpenAPI document; errors look like the real service's. The first line on stdout is
the base URL to point a client at; one log line per request goes to stderr.

Flags:
`

const examples = `
Examples:
  # demo/demo for customers 44444 and 55555, 500 generated users each
  ecmock --seed 500

  # a free port; the first stdout line is the base URL
  ecmock --addr 127.0.0.1:0 --account api:secret:44444,44444AB

  # keep data across restarts, and misbehave like a busy service
  ecmock --state ./ecmock-state.json --latency 200ms --fail-rate 0.1 --rate-limit 5

Shutdown: SIGINT or SIGTERM; with --state the last changes are written first.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type config struct {
	addr        string
	allowRemote bool
	opts        mock.Options
}

// parseFlags returns the configuration, or an exit code: 0 after --help (help on stdout),
// 2 for a usage error (message on stderr).
func parseFlags(args []string, stdout, stderr io.Writer) (*config, int) {
	cfg := &config{}
	fs := flag.NewFlagSet("ecmock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // the error itself is printed by flag; help is printed below
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on; port 0 picks a free port")
	fs.Func("account", "an API account and its customers, `USER:PASS:CUST[,CUST...]` (repeatable; default demo:demo:44444,55555)", func(s string) error {
		a, err := mock.ParseAccount(s)
		if err != nil {
			return err
		}
		cfg.opts.Accounts = append(cfg.opts.Accounts, a)
		return nil
	})
	fs.IntVar(&cfg.opts.Seed, "seed", 0, "generate `N` realistic users per account customer (deterministic; only when there is no state yet)")
	fs.StringVar(&cfg.opts.StatePath, "state", "", "keep the data in JSON `FILE` across restarts (written atomically after changes)")
	fs.DurationVar(&cfg.opts.Latency, "latency", 0, "add `D` (e.g. 200ms) to every request")
	fs.Float64Var(&cfg.opts.FailRate, "fail-rate", 0, "answer share `F` (0..1) of requests with 503 and Retry-After: 1, changing nothing")
	fs.Float64Var(&cfg.opts.RateLimit, "rate-limit", 0, "accept at most `RPS` requests per second, 429 with Retry-After above (0: no limit)")
	fs.IntVar(&cfg.opts.MaxBulk, "max-bulk", mock.DefaultMaxBulk, "largest number `N` of users in one bulk request (413 above)")
	fs.BoolVar(&cfg.allowRemote, "allow-remote", false, "allow an --addr that is not a loopback address (the mock has demo credentials: think twice)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprint(stdout, usage)
			printFlags(fs)
			fmt.Fprint(stdout, examples)
			return nil, 0
		}
		fmt.Fprintln(stderr, "see ecmock --help")
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "ecmock: unexpected argument %q (see ecmock --help)\n", fs.Arg(0))
		return nil, 2
	}
	for _, bad := range []struct {
		when bool
		msg  string
	}{
		{cfg.opts.MaxBulk < 1, "--max-bulk must be at least 1"},
		{cfg.opts.Seed < 0, "--seed must not be negative"},
		{cfg.opts.Latency < 0, "--latency must not be negative"},
		{cfg.opts.FailRate < 0 || cfg.opts.FailRate > 1, "--fail-rate must be between 0 and 1"},
		{cfg.opts.RateLimit < 0, "--rate-limit must not be negative"},
	} {
		if bad.when {
			fmt.Fprintf(stderr, "ecmock: %s\n", bad.msg)
			return nil, 2
		}
	}
	if !cfg.allowRemote {
		if err := checkLoopback(cfg.addr); err != nil {
			fmt.Fprintf(stderr, "ecmock: %v\n", err)
			return nil, 2
		}
	}
	return cfg, -1
}

// printFlags lists the flags GNU-style (--name VALUE), the way the contract writes them.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(fs.Output(), "  --%s%s\n        %s%s\n", f.Name, name, text, def)
	})
}

// checkLoopback refuses addresses other machines could reach, unless --allow-remote.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr %q is not a loopback address; ecmock binds to 127.0.0.1 or ::1 unless --allow-remote is given", addr)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, code := parseFlags(args, stdout, stderr)
	if cfg == nil {
		return code
	}
	cfg.opts.Logger = stderr
	srv, err := mock.New(cfg.opts)
	if err != nil {
		fmt.Fprintf(stderr, "ecmock: %v\n", err)
		return 1
	}
	defer func() {
		if err := srv.Close(); err != nil {
			fmt.Fprintf(stderr, "ecmock: %v\n", err)
		}
	}()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(stderr, "ecmock: %v\n", err)
		return 1
	}
	// The contract: the first stdout line is the base URL. Stdout is not buffered.
	fmt.Fprintf(stdout, "http://%s/\n", ln.Addr())
	fmt.Fprintf(stderr, "ecmock: serving http://%s/ (%s)\n", ln.Addr(), describe(cfg.opts))

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(stderr, "ecmock: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "ecmock: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "ecmock: shutting down: %v\n", err)
	}
	fmt.Fprintln(stderr, "ecmock: stopped")
	return 0
}

// describe summarises the configuration for the start-up line (never a password).
func describe(o mock.Options) string {
	accounts := o.Accounts
	if len(accounts) == 0 {
		accounts = mock.DefaultAccounts()
	}
	var parts []string
	for _, a := range accounts {
		parts = append(parts, fmt.Sprintf("account %s: %s", a.User, strings.Join(a.Customers, ",")))
	}
	if o.StatePath != "" {
		parts = append(parts, "state "+o.StatePath)
	}
	if o.Seed > 0 {
		parts = append(parts, fmt.Sprintf("seed %d", o.Seed))
	}
	return strings.Join(parts, "; ")
}
