package sync

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/mock"
	"github.com/ecctl/ecctl/internal/userfile"
)

// env is a Factory talking to a fresh ecmock (20 users for 44444 unless opts say otherwise),
// with buffer streams and its own home, config and state directories.
type env struct {
	t              testing.TB
	f              *cmdutil.Factory
	srv            *mock.Server
	c              *client.Client
	dir            string
	vars           map[string]string
	stdin          *bytes.Buffer
	stdout, stderr *bytes.Buffer
}

// newEnv starts the mock; wrap, when not nil, stands between ecctl and the mock.
func newEnv(t testing.TB, opts mock.Options, wrap func(http.Handler) http.Handler) *env {
	t.Helper()
	if opts.Seed == 0 {
		opts.Seed = 20
	}
	srv, err := mock.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() { hs.Close(); _ = srv.Close() })
	dir := t.TempDir()
	vars := map[string]string{
		"HOME": dir, "XDG_CONFIG_HOME": filepath.Join(dir, "config"), "XDG_STATE_HOME": filepath.Join(dir, "state"),
		"ECCTL_ENDPOINT": hs.URL + "/", "ECCTL_USERNAME": "demo", "ECCTL_PASSWORD": "demo",
	}
	ios, stdin, stdout, stderr := iostreams.Test()
	f := cmdutil.New(ios)
	f.Getenv = func(k string) string { return vars[k] }
	// The mock's own client reads past any wrapper.
	direct := httptest.NewServer(srv.Handler())
	t.Cleanup(direct.Close)
	c, err := client.New(client.Options{Endpoint: direct.URL, Username: "demo", Password: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, f: f, srv: srv, c: c, dir: dir, vars: vars, stdin: stdin, stdout: stdout, stderr: stderr}
}

// run runs `users sync ARGS` in a fresh command, as the root command would.
func (e *env) run(ctx context.Context, args ...string) error {
	e.stdout.Reset()
	e.stderr.Reset()
	cmd := NewCmd(e.f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(e.stdout)
	cmd.SetErr(e.stderr)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return cmd.ExecuteContext(ctx)
}

// current returns the users of 44444 by address.
func (e *env) current() map[string]gen.User {
	e.t.Helper()
	page, err := e.c.ListPage(context.Background(), "44444", client.Filter{}, 0, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	users := make(map[string]gen.User, len(page.Users))
	for _, u := range page.Users {
		users[u.User] = u
	}
	return users
}

// addresses are the users of 44444 in address order.
func (e *env) addresses() []string {
	return e.srv.SortedAddresses("44444")
}

// writeFile writes a sync file of users (the export's columns) and returns its path.
func (e *env) writeFile(name string, users []gen.User) string {
	e.t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(userfile.Columns)
	for _, u := range users {
		_ = w.Write(userfile.Row(u))
	}
	w.Flush()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// journal returns the audit entries written so far.
func (e *env) journal() []journal.Entry {
	e.t.Helper()
	entries, err := journal.Read(filepath.Join(e.dir, "state", "ecctl"), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return entries
}

func exitCode(err error) int {
	var ee *cmdutil.ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return -1
}
