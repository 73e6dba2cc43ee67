package cli_test

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecctl/ecctl/internal/cli"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/mock"
	"github.com/ecctl/ecctl/internal/userfile"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the golden parts of testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ecctl": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: ecctl as a user types it,
// against an in-process ecmock (seeded with 20 users for 44444 and 55555) that each script
// gets fresh. HOME, XDG_CONFIG_HOME and XDG_STATE_HOME point into the script's work dir,
// and ECCTL_ENDPOINT/ECCTL_USERNAME/ECCTL_PASSWORD reach the mock as demo/demo.
//
// Besides ecctl, scripts have the command `mock`, which looks at or steers the server
// without going through ecctl (see mockCmd).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: setupScript,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"mock":  mockCmd,
			"exits": exitsCmd,
		},
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
	})
}

type scriptMock struct {
	srv  *mock.Server
	url  string
	mark int64
}

func setupScript(env *testscript.Env) error {
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		return err
	}
	hs := httptest.NewServer(srv.Handler())
	env.Defer(func() {
		hs.Close()
		_ = srv.Close()
	})
	env.Values["mock"] = &scriptMock{srv: srv, url: hs.URL + "/"}
	home := filepath.Join(env.WorkDir, "home")
	for _, kv := range [][2]string{
		{"HOME", home},
		{"XDG_CONFIG_HOME", filepath.Join(home, ".config")},
		{"XDG_STATE_HOME", filepath.Join(home, ".local", "state")},
		{"ECCTL_ENDPOINT", hs.URL + "/"},
		{"ECCTL_USERNAME", "demo"},
		{"ECCTL_PASSWORD", "demo"},
		{"MOCK_URL", hs.URL + "/"},
		{"NO_COLOR", "1"},
	} {
		env.Setenv(kv[0], kv[1])
	}
	return os.MkdirAll(home, 0o700)
}

// mockCmd implements the script command `mock`:
//
//	mock mark                         remember the server's request count
//	mock requests N                   fail unless exactly N requests arrived since the mark
//	mock changes N                    fail unless exactly N changes were applied since start
//	mock export CUSTOMER FILE         write all users of CUSTOMER as CSV (ecctl's columns) to FILE
//	mock count CUSTOMER [k=v ...]     print the number of users matching activation=, access=,
//	                                  failover= and group= (repeatable) filters
//	mock faults [fail-rate=F] [latency=D] [rate-limit=R]   change the fault injection
//	mock invariants                   fail if the store's invariants do not hold
func mockCmd(ts *testscript.TestScript, neg bool, args []string) {
	m := ts.Value("mock").(*scriptMock)
	if len(args) == 0 {
		ts.Fatalf("usage: mock mark|requests|changes|export|count|faults|invariants ...")
	}
	fail := func(format string, a ...any) {
		if !neg {
			ts.Fatalf(format, a...)
		}
	}
	switch args[0] {
	case "mark":
		m.mark = m.srv.Requests()
	case "requests":
		want := atoi(ts, args, 1)
		if got := m.srv.Requests() - m.mark; got != want {
			fail("mock received %d requests since the mark, want %d", got, want)
		} else if neg {
			ts.Fatalf("mock received %d requests since the mark", got)
		}
	case "changes":
		want := atoi(ts, args, 1)
		if got := m.srv.Changes(); got != want {
			fail("mock applied %d changes, want %d", got, want)
		} else if neg {
			ts.Fatalf("mock applied %d changes", got)
		}
	case "export":
		if len(args) != 3 {
			ts.Fatalf("usage: mock export CUSTOMER FILE")
		}
		ts.Check(exportCSV(m, args[1], ts.MkAbs(args[2])))
	case "count":
		if len(args) < 2 {
			ts.Fatalf("usage: mock count CUSTOMER [k=v ...]")
		}
		f, err := parseFilter(args[2:])
		ts.Check(err)
		before := m.srv.Requests()
		n, err := m.client(ts).Count(context.Background(), args[1], f)
		ts.Check(err)
		m.mark += m.srv.Requests() - before
		fmt.Fprintln(ts.Stdout(), n)
	case "faults":
		faults := m.srv.Faults()
		for _, kv := range args[1:] {
			k, v, _ := strings.Cut(kv, "=")
			var err error
			switch k {
			case "fail-rate":
				faults.FailRate, err = strconv.ParseFloat(v, 64)
			case "latency":
				faults.Latency, err = time.ParseDuration(v)
			case "rate-limit":
				faults.RateLimit, err = strconv.ParseFloat(v, 64)
			default:
				ts.Fatalf("mock faults: unknown %q", k)
			}
			ts.Check(err)
		}
		ts.Check(m.srv.SetFaults(faults))
	case "invariants":
		ts.Check(m.srv.CheckInvariants())
	default:
		ts.Fatalf("mock: unknown command %q", args[0])
	}
}

// exitsCmd implements `exits N PROGRAM ARGS...`: run PROGRAM like exec and fail unless it
// exits with code N. Its stdout and stderr are left for the stdout/stderr assertions.
func exitsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("running %s: %v", args[1], err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Logf("stdout:\n%s\nstderr:\n%s", ts.ReadFile("stdout"), ts.ReadFile("stderr"))
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

func (m *scriptMock) client(ts *testscript.TestScript) *client.Client {
	c, err := client.New(client.Options{Endpoint: m.url, Username: "demo", Password: "demo", Retries: 5,
		Sleep: func(ctx context.Context, d time.Duration) error { return nil }})
	ts.Check(err)
	return c
}

func parseFilter(args []string) (client.Filter, error) {
	var f client.Filter
	for _, kv := range args {
		k, v, _ := strings.Cut(kv, "=")
		if k == "group" {
			f.Groups = append(f.Groups, v)
			continue
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, fmt.Errorf("mock count: %s: %w", kv, err)
		}
		switch k {
		case "activation":
			f.Activation = &b
		case "access":
			f.Access = &b
		case "failover":
			f.Failover = &b
		default:
			return f, fmt.Errorf("mock count: unknown filter %q", k)
		}
	}
	return f, nil
}

// exportCSV writes every user of customer, in address order, with ecctl's CSV columns.
// It reads through the API (not ecctl) so a script can compare the server's state before
// and after ecctl ran.
func exportCSV(m *scriptMock, customer, path string) error {
	c, err := client.New(client.Options{Endpoint: m.url, Username: "demo", Password: "demo"})
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(userfile.Columns); err != nil {
		return err
	}
	// The exporter must not shift the fault injection's dice or the request mark.
	faults := m.srv.Faults()
	if err := m.srv.SetFaults(mock.Faults{}); err != nil {
		return err
	}
	defer func() { _ = m.srv.SetFaults(faults) }()
	before := m.srv.Requests()
	for offset := 0; ; {
		page, err := c.ListPage(context.Background(), customer, client.Filter{}, offset, 1000)
		if err != nil {
			return err
		}
		for _, u := range page.Users {
			if err := w.Write(userfile.Row(u)); err != nil {
				return err
			}
		}
		offset += page.Count
		if page.Count == 0 || offset >= page.Total {
			break
		}
	}
	m.mark += m.srv.Requests() - before
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

func atoi(ts *testscript.TestScript, args []string, i int) int64 {
	if len(args) <= i {
		ts.Fatalf("mock %s: missing number", args[0])
	}
	n, err := strconv.ParseInt(args[i], 10, 64)
	ts.Check(err)
	return n
}
