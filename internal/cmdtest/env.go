package cmdtest

import (
	"bytes"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/mock"
)

// Env is one run of ecctl on a machine of its own: a Factory whose streams are buffers and
// whose environment is Vars alone.
type Env struct {
	F *cmdutil.Factory
	// In is stdin; write the answers to prompts here. Out and ErrOut are stdout and stderr.
	In, Out, ErrOut *bytes.Buffer
	// Vars is the whole environment F sees. F.Getenv reads it on every call, so a test may
	// change it until F first loads the config (Settings, Client, CustomerArg ...), which
	// F does once.
	Vars map[string]string
	// Home is $HOME, a fresh temporary directory.
	Home string
	// ConfigPath is the default config file, $HOME/.config/ecctl/config.yaml: the one in use
	// unless Vars or the flags name another (XDG_CONFIG_HOME, ECCTL_CONFIG, --config).
	ConfigPath string
	// Mock and URL (ending in "/") are the mock ecctl talks to; nil and "" without WithMock.
	Mock *mock.Server
	URL  string

	t       testing.TB
	account mock.Account // the mock's first account: ecctl's credentials and Client's
	direct  func() string
}

// Option configures New and Again.
type Option func(*setup)

type setup struct {
	mock   *mock.Options
	wrap   func(http.Handler) http.Handler
	vars   map[string]string
	config *string
	flags  map[string]string
	output string
}

// WithMock serves an in-process ecmock made with opts (no accounts means
// mock.DefaultAccounts: demo/demo for 44444 and 55555) and points ECCTL_ENDPOINT,
// ECCTL_USERNAME and ECCTL_PASSWORD at it with its first account.
func WithMock(opts mock.Options) Option {
	return func(s *setup) { s.mock = &opts }
}

// WithSeededMock is WithMock with the fixture of the end-to-end scripts: 20 users for each
// of 44444 and 55555, reached as demo/demo.
func WithSeededMock() Option {
	return WithMock(mock.Options{Seed: 20})
}

// WithHandler puts wrap between ecctl and the mock, to inject faults or count requests.
// Client goes around it. It needs WithMock.
func WithHandler(wrap func(http.Handler) http.Handler) Option {
	return func(s *setup) { s.wrap = wrap }
}

// WithVars adds vars to the environment, over what New sets (HOME, and the ECCTL_ variables
// of WithMock).
func WithVars(vars map[string]string) Option {
	return func(s *setup) {
		if s.vars == nil {
			s.vars = map[string]string{}
		}
		maps.Copy(s.vars, vars)
	}
}

// WithOutput sets ECCTL_OUTPUT, the output format when no -o flag is given.
func WithOutput(format string) Option {
	return func(s *setup) { s.output = format }
}

// WithConfig writes content to ConfigPath, readable by the owner only.
func WithConfig(content string) Option {
	return func(s *setup) { s.config = &content }
}

// WithFlags sets global flags (name → value) as if given on the command line.
func WithFlags(flags map[string]string) Option {
	return func(s *setup) {
		if s.flags == nil {
			s.flags = map[string]string{}
		}
		maps.Copy(s.flags, flags)
	}
}

// New returns a fresh Env: a new home directory and, with WithMock, a new mock.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	var s setup
	for _, o := range opts {
		o(&s)
	}
	home := t.TempDir()
	e := &Env{
		t:          t,
		Home:       home,
		ConfigPath: filepath.Join(home, ".config", "ecctl", "config.yaml"),
		Vars:       map[string]string{"HOME": home},
	}
	switch {
	case s.mock != nil:
		e.serve(*s.mock, s.wrap)
	case s.wrap != nil:
		t.Fatal("cmdtest.WithHandler needs cmdtest.WithMock")
	}
	e.build(s)
	return e
}

// Again returns an Env for another run of ecctl on the same machine: the same home, config
// file and mock, a copy of Vars with opts applied, and a fresh Factory, streams and global
// flags. WithMock and WithHandler cannot be given here.
func (e *Env) Again(opts ...Option) *Env {
	e.t.Helper()
	var s setup
	for _, o := range opts {
		o(&s)
	}
	if s.mock != nil || s.wrap != nil {
		e.t.Fatal("cmdtest: Again shares the mock; give WithMock and WithHandler to New")
	}
	next := &Env{
		t: e.t, Home: e.Home, ConfigPath: e.ConfigPath, Vars: maps.Clone(e.Vars),
		Mock: e.Mock, URL: e.URL, account: e.account, direct: e.direct,
	}
	next.build(s)
	return next
}

// build applies the settings that do not concern the mock and makes the Factory.
func (e *Env) build(s setup) {
	e.t.Helper()
	maps.Copy(e.Vars, s.vars)
	if s.output != "" {
		e.Vars["ECCTL_OUTPUT"] = s.output
	}
	if s.config != nil {
		e.WriteConfig(*s.config)
	}
	ios, in, out, errOut := iostreams.Test()
	e.F = cmdutil.New(ios)
	e.F.Getenv = func(k string) string { return e.Vars[k] }
	e.In, e.Out, e.ErrOut = in, out, errOut
	// The root command's persistent flags that are config keys, as strings as the root
	// command has them, so that a flag set with SetFlag wins over environment and profile.
	fs := pflag.NewFlagSet("ecctl", pflag.ContinueOnError)
	for _, name := range []string{"profile", "endpoint", "username", "customer", "output", "config"} {
		fs.String(name, "", "")
	}
	e.F.RootFlags = fs
	for name, value := range s.flags {
		e.SetFlag(name, value)
	}
}

// serve starts the mock and points the environment at it.
func (e *Env) serve(opts mock.Options, wrap func(http.Handler) http.Handler) {
	e.t.Helper()
	srv := newMock(e.t, opts)
	h := srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	e.Mock, e.URL = srv, listen(e.t, h)
	e.direct = func() string { return e.URL }
	if wrap != nil {
		// The test's own view of the server must not go through the faults and counters
		// it puts in front of ecctl: a second listener serves the mock alone, once needed.
		e.direct = sync.OnceValue(func() string { return listen(e.t, srv.Handler()) })
	}
	e.account = mock.DefaultAccounts()[0]
	if len(opts.Accounts) > 0 {
		e.account = opts.Accounts[0]
	}
	e.Vars["ECCTL_ENDPOINT"] = e.URL
	e.Vars["ECCTL_USERNAME"] = e.account.User
	e.Vars["ECCTL_PASSWORD"] = e.account.Pass
}

// ServeMock serves a fresh in-process ecmock made with opts on an httptest server, closed
// when the test ends, and returns it with its URL (ending in "/"). For tests that hand the
// endpoint to ecctl themselves (flags, a config file) rather than through WithMock.
func ServeMock(t testing.TB, opts mock.Options) (*mock.Server, string) {
	t.Helper()
	srv := newMock(t, opts)
	return srv, listen(t, srv.Handler())
}

func newMock(t testing.TB, opts mock.Options) *mock.Server {
	t.Helper()
	srv, err := mock.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// listen serves h until the test ends (cleanups run last-in first-out, so the listener
// closes before the mock does).
func listen(t testing.TB, h http.Handler) string {
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return hs.URL + "/"
}

// Client is an API client of the mock with its first account, around any WithHandler
// wrapper: what a test uses to set up data or look at the result.
func (e *Env) Client() *client.Client {
	e.t.Helper()
	if e.Mock == nil {
		e.t.Fatal("cmdtest: Client needs WithMock")
	}
	c, err := client.New(client.Options{Endpoint: e.direct(), Username: e.account.User, Password: e.account.Pass})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// SetFlag sets a global flag as if given on the command line.
func (e *Env) SetFlag(name, value string) {
	e.t.Helper()
	if err := e.F.RootFlags.Set(name, value); err != nil {
		e.t.Fatal(err)
	}
}

// TTY makes stdin, stdout and stderr terminals, so that ecctl may ask.
func (e *Env) TTY() {
	e.F.IOStreams.SetStdinTTY(true)
	e.F.IOStreams.SetStdoutTTY(true)
	e.F.IOStreams.SetStderrTTY(true)
}

// StateDir is where ecctl keeps the journal and snapshots: $XDG_STATE_HOME/ecctl, else
// $HOME/.local/state/ecctl.
func (e *Env) StateDir() string {
	if dir := e.Vars["XDG_STATE_HOME"]; dir != "" {
		return filepath.Join(dir, "ecctl")
	}
	return filepath.Join(e.Vars["HOME"], ".local", "state", "ecctl")
}

// Journal returns the audit entries ecctl wrote on this machine, oldest first; none when
// there is no journal yet.
func (e *Env) Journal() []journal.Entry {
	e.t.Helper()
	entries, err := journal.Read(e.StateDir(), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return entries
}

// WriteConfig writes content to ConfigPath (mode 0600, directories 0700).
func (e *Env) WriteConfig(content string) {
	e.t.Helper()
	if err := os.MkdirAll(filepath.Dir(e.ConfigPath), 0o700); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(e.ConfigPath, []byte(content), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// ReadConfig returns the content of ConfigPath.
func (e *Env) ReadConfig() string {
	e.t.Helper()
	data, err := os.ReadFile(e.ConfigPath)
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}
