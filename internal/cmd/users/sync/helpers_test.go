package sync

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/mock"
	"github.com/ecctl/ecctl/internal/userfile"
)

// env is a Factory talking to a fresh ecmock (20 users for 44444 unless opts say otherwise),
// with buffer streams and its own home, config and state directories.
type env struct {
	*cmdtest.Env
	t testing.TB
	c *client.Client // straight to the mock, past any wrapper
}

// newEnv starts the mock; wrap, when not nil, stands between ecctl and the mock.
func newEnv(t testing.TB, opts mock.Options, wrap func(http.Handler) http.Handler) *env {
	t.Helper()
	if opts.Seed == 0 {
		opts.Seed = 20
	}
	options := []cmdtest.Option{cmdtest.WithMock(opts)}
	if wrap != nil {
		options = append(options, cmdtest.WithHandler(wrap))
	}
	e := cmdtest.New(t, options...)
	return &env{Env: e, t: t, c: e.Client()}
}

// run runs `users sync ARGS` in a fresh command, as the root command would.
func (e *env) run(ctx context.Context, args ...string) error {
	e.Out.Reset()
	e.ErrOut.Reset()
	return e.RunContext(ctx, NewCmd(e.F, nil), args...)
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
	return e.Mock.SortedAddresses("44444")
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
	path := filepath.Join(e.Home, name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}
