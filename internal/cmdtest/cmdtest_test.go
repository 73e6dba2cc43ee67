package cmdtest_test

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/mock"
)

// options and newCmd are a command in the shape of ecctl's: it prints the resolved settings,
// or the number of users of its customer argument.
type options struct{ Customer string }

func newCmd(f *cmdutil.Factory, runF func(*options) error) *cobra.Command {
	opts := &options{}
	return &cobra.Command{
		Use:  "probe [CUSTOMER]",
		Args: cmdutil.ExactUsage(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Customer, _, err = f.CustomerArg(cmd, args, cmdutil.OnlyCustomer); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return probe(cmd.Context(), f, opts)
		},
	}
}

func probe(ctx context.Context, f *cmdutil.Factory, opts *options) error {
	s, err := f.Settings()
	if err != nil {
		return err
	}
	c, err := f.Client(ctx)
	if err != nil {
		return err
	}
	n, err := c.Count(ctx, opts.Customer, client.Filter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(f.IOStreams.Out, "%s %s %s %d\n", s.Username, s.Output, opts.Customer, n)
	fmt.Fprintln(f.IOStreams.ErrOut, "done")
	return nil
}

func TestNewKeepsTheProcessEnvironmentOut(t *testing.T) {
	t.Setenv("ECCTL_CUSTOMER", "55555")
	e := cmdtest.New(t)
	if got := e.F.Getenv("HOME"); got != e.Home || e.Home == os.Getenv("HOME") {
		t.Errorf("HOME = %q, want the fresh %q", got, e.Home)
	}
	for _, k := range []string{"ECCTL_CUSTOMER", "PATH", "XDG_CONFIG_HOME"} {
		if got := e.F.Getenv(k); got != "" {
			t.Errorf("%s = %q leaked in", k, got)
		}
	}
	cfg, err := e.F.Config()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Path() != e.ConfigPath || e.ConfigPath != filepath.Join(e.Home, ".config", "ecctl", "config.yaml") {
		t.Errorf("config %s, ConfigPath %s", cfg.Path(), e.ConfigPath)
	}
	if e.StateDir() != filepath.Join(e.Home, ".local", "state", "ecctl") {
		t.Errorf("StateDir = %s", e.StateDir())
	}
	if e.Mock != nil || e.URL != "" {
		t.Errorf("a mock without WithMock: %q", e.URL)
	}
}

func TestWithMockPointsEcctlAtIt(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 20}), cmdtest.WithOutput("json"))
	if err := e.Run(newCmd(e.F, nil), "44444"); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != "demo json 44444 20\n" || e.ErrOut.String() != "done\n" {
		t.Errorf("stdout %q, stderr %q", e.Out, e.ErrOut)
	}
	if e.Mock.Requests() != 1 || !strings.HasSuffix(e.URL, "/") || e.Vars["ECCTL_ENDPOINT"] != e.URL {
		t.Errorf("%d requests, URL %q, vars %v", e.Mock.Requests(), e.URL, e.Vars)
	}
}

func TestWithMockUsesTheFirstAccount(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 1, Accounts: []mock.Account{
		{User: "ops", Pass: "Pw-1", Customers: []string{"66666"}},
		{User: "other", Pass: "Pw-2", Customers: []string{"44444"}},
	}}))
	if e.Vars["ECCTL_USERNAME"] != "ops" || e.Vars["ECCTL_PASSWORD"] != "Pw-1" {
		t.Errorf("vars %v", e.Vars)
	}
	n, err := e.Client().Count(context.Background(), "66666", client.Filter{})
	if err != nil || n != 1 {
		t.Errorf("Client counts %d users of 66666 (%v), want 1", n, err)
	}
}

func TestWithHandlerStandsBeforeEcctlOnly(t *testing.T) {
	var seen atomic.Int64
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 2}), cmdtest.WithHandler(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen.Add(1)
			next.ServeHTTP(w, r)
		})
	}))
	if err := e.Run(newCmd(e.F, nil), "44444"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client().Count(context.Background(), "44444", client.Filter{}); err != nil {
		t.Fatal(err)
	}
	if seen.Load() != 1 || e.Mock.Requests() != 2 {
		t.Errorf("the wrapper saw %d requests, the mock %d; want 1 and 2", seen.Load(), e.Mock.Requests())
	}
}

func TestConfigFlagsAndVars(t *testing.T) {
	e := cmdtest.New(t,
		cmdtest.WithConfig("profiles:\n  default:\n    customer: \"44444\"\n    username: from-file\n"),
		cmdtest.WithVars(map[string]string{"ECCTL_USERNAME": "from-env"}),
		cmdtest.WithFlags(map[string]string{"output": "yaml"}))
	e.SetFlag("customer", "55555")
	s, err := e.F.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if s.Customer != "55555" || s.Username != "from-env" || s.Output != "yaml" {
		t.Errorf("settings %+v", s)
	}
	if got := e.ReadConfig(); !strings.Contains(got, "from-file") {
		t.Errorf("config %q", got)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(e.ConfigPath)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("config file mode %v (%v), want 0600", info.Mode(), err)
		}
	}
	e.WriteConfig("profiles: {}\n")
	if e.ReadConfig() != "profiles: {}\n" {
		t.Errorf("WriteConfig did not replace the file")
	}
}

func TestAgainIsANewRunOnTheSameMachine(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 3}), cmdtest.WithOutput("json"))
	e.SetFlag("customer", "44444")
	e.Out.WriteString("first run")
	next := e.Again(cmdtest.WithOutput("yaml"), cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "55555"}))
	if next.Home != e.Home || next.Mock != e.Mock || next.URL != e.URL || next.ConfigPath != e.ConfigPath {
		t.Error("Again is on another machine")
	}
	if next.F == e.F || next.Out.Len() != 0 || next.F.RootFlags.Changed("customer") {
		t.Error("Again shares the factory, the streams or the flags")
	}
	if e.Vars["ECCTL_OUTPUT"] != "json" || next.Vars["ECCTL_OUTPUT"] != "yaml" || e.Vars["ECCTL_CUSTOMER"] != "" {
		t.Errorf("vars leak between runs: %v / %v", e.Vars, next.Vars)
	}
	if err := next.Run(newCmd(next.F, nil)); err != nil {
		t.Fatal(err)
	}
	if want := "demo yaml 55555 3\n"; next.Out.String() != want {
		t.Errorf("stdout %q, want %q", next.Out, want)
	}
}

func TestTTY(t *testing.T) {
	e := cmdtest.New(t)
	if e.F.CanPrompt() {
		t.Error("buffers are terminals before TTY")
	}
	e.TTY()
	ios := e.F.IOStreams
	if !ios.IsStdinTTY() || !ios.IsStdoutTTY() || !ios.IsStderrTTY() || !e.F.CanPrompt() {
		t.Error("TTY did not make all three streams terminals")
	}
}

func TestParseStopsBeforeRunning(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 1}))
	o, err := cmdtest.Parse(e, newCmd, "44444")
	if err != nil || o == nil || o.Customer != "44444" {
		t.Fatalf("got %+v, %v", o, err)
	}
	if e.Mock.Requests() != 0 || e.Out.Len() != 0 {
		t.Errorf("parsing sent %d requests or printed %q", e.Mock.Requests(), e.Out)
	}
	o, err = cmdtest.Parse(e, newCmd, "44444", "55555")
	if o != nil || cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage {
		t.Errorf("two customers: %+v, %v", o, err)
	}
}

func TestRunReturnsErrorsWithTheirExitCodes(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 1}))
	err := e.Run(newCmd(e.F, nil), "99999")
	if cmdtest.ExitCode(err) != cmdutil.ExitAuth {
		t.Errorf("foreign customer: %v (exit %d), want exit 4", err, cmdtest.ExitCode(err))
	}
	if e.Out.Len() != 0 || e.ErrOut.Len() != 0 {
		t.Errorf("the error was printed: %q %q", e.Out, e.ErrOut)
	}
	if code := cmdtest.ExitCode(e.Run(newCmd(e.F, nil), "--frob")); code != cmdutil.ExitUsage {
		t.Errorf("unknown flag: exit %d, want 2 as the CLI maps it", code)
	}
	if code := cmdtest.ExitCode(nil); code != cmdutil.ExitOK {
		t.Errorf("no error: exit %d", code)
	}
}

// fatalRecorder stands in for a test, to see MustExitCode fail one.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestMustExitCodeWantsAnExitError(t *testing.T) {
	if got := cmdtest.MustExitCode(t, fmt.Errorf("wrapped: %w", cmdutil.Partial("2 failed"))); got != cmdutil.ExitPartial {
		t.Errorf("MustExitCode = %d, want 6", got)
	}
	for _, err := range []error{nil, &client.APIError{Status: 404}, errors.New("plain")} {
		r := &fatalRecorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			cmdtest.MustExitCode(r, err)
		}()
		<-done
		if !strings.Contains(r.msg, "carries no exit code") {
			t.Errorf("%v: the test did not fail (%q)", err, r.msg)
		}
	}
}

// The package pulls httptest and the mock into whatever imports it: only tests may.
func TestImportedOnlyByTests(t *testing.T) {
	const self = "github.com/ecctl/ecctl/internal/cmdtest"
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || name == "vendor" || (strings.HasPrefix(name, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == self {
				t.Errorf("%s imports %s; only _test.go files may", path, self)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
