package delete

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

type env struct {
	f              *cmdutil.Factory
	srv            *mock.Server
	c              *client.Client
	stdin          *bytes.Buffer
	stdout, stderr *bytes.Buffer
}

// newEnv serves a fresh mock (20 users per customer) and returns a factory pointed at it,
// with buffer streams and an environment of its own.
func newEnv(t *testing.T) *env {
	t.Helper()
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); _ = srv.Close() })
	home := t.TempDir()
	vars := map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_STATE_HOME": home + "/.local/state",
		"ECCTL_ENDPOINT": hs.URL + "/", "ECCTL_USERNAME": "demo", "ECCTL_PASSWORD": "demo",
	}
	ios, stdin, stdout, stderr := iostreams.Test()
	f := cmdutil.New(ios)
	f.Getenv = func(k string) string { return vars[k] }
	fs := pflag.NewFlagSet("ecctl", pflag.ContinueOnError)
	for _, name := range []string{"profile", "endpoint", "username", "customer", "output", "config"} {
		fs.String(name, "", "")
	}
	f.RootFlags = fs
	c, err := client.New(client.Options{Endpoint: hs.URL, Username: "demo", Password: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	return &env{f: f, srv: srv, c: c, stdin: stdin, stdout: stdout, stderr: stderr}
}

// users returns the first n addresses of 44444.
func (e *env) users(t *testing.T, n int) []string {
	t.Helper()
	page, err := e.c.ListPage(context.Background(), "44444", client.Filter{}, 0, n)
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, u := range page.Users {
		users = append(users, u.User)
	}
	return users
}

func (e *env) run(args ...string) error {
	cmd := NewCmd(e.f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(e.stdout)
	cmd.SetErr(e.stderr)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return cmd.ExecuteContext(context.Background())
}

func exitCode(err error) int {
	var ee *cmdutil.ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return -1
}

func TestDeletePromptsOnTerminalWithPreview(t *testing.T) {
	e := newEnv(t)
	users := e.users(t, 7)
	e.f.IOStreams.SetStdinTTY(true)
	e.f.IOStreams.SetStderrTTY(true)
	e.stdin.WriteString("y\n")
	before := e.srv.Requests()
	if err := e.run(append([]string{"44444"}, users...)...); err != nil {
		t.Fatal(err)
	}
	errOut := e.stderr.String()
	want := fmt.Sprintf("About to delete 7 users of 44444. This removes their mailboxes and cannot be undone.\n"+
		"  %s\n  %s\n  %s\n  %s\n  %s\n  ... and 2 more\nDelete 7 users of 44444? [y/N]: ",
		users[0], users[1], users[2], users[3], users[4])
	if !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", errOut, want)
	}
	if !strings.Contains(errOut, "Deleted 7 of 7 users of 44444.") {
		t.Errorf("stderr lacks the report:\n%s", errOut)
	}
	if got := e.srv.Requests() - before; got != 1 {
		t.Errorf("%d requests, want one bulk delete", got)
	}
}

func TestDeleteDeclinedSendsNothing(t *testing.T) {
	e := newEnv(t)
	user := e.users(t, 1)[0]
	e.f.IOStreams.SetStdinTTY(true)
	e.f.IOStreams.SetStderrTTY(true)
	e.stdin.WriteString("n\n")
	before := e.srv.Requests()
	err := e.run("44444", user)
	if exitCode(err) != cmdutil.ExitNotConfirm {
		t.Fatalf("error %v, want exit 3", err)
	}
	if !strings.Contains(e.stderr.String(), "About to delete user "+user+" of 44444. This removes the mailbox") {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
	if got := e.srv.Requests() - before; got != 0 {
		t.Errorf("%d requests after declining, want 0", got)
	}
}

func TestDeleteNotInteractiveNeedsYes(t *testing.T) {
	e := newEnv(t)
	user := e.users(t, 1)[0]
	before := e.srv.Requests()
	err := e.run("44444", user)
	if exitCode(err) != cmdutil.ExitNotConfirm || !strings.Contains(err.Error(), "refusing to delete user "+user+" of 44444 without --yes") {
		t.Fatalf("error %v, want exit 3 asking for --yes", err)
	}
	if e.stderr.Len() != 0 {
		t.Errorf("no prompt expected, stderr:\n%s", e.stderr.String())
	}
	if got := e.srv.Requests() - before; got != 0 {
		t.Errorf("%d requests, want 0", got)
	}
	e.f.Global.Yes = true
	if err := e.run("44444", user); err != nil {
		t.Fatal(err)
	}
	if got := e.stderr.String(); got != "Deleted user "+user+" of 44444.\n" {
		t.Errorf("stderr %q", got)
	}
}

func TestDeleteArgumentErrors(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"44444"}, "give the users to delete, or -f FILE"},
		{[]string{"44444", "a@example.com", "A@example.com"}, "user A@example.com is named twice (also as a@example.com)"},
		{[]string{"44444", "not-an-address"}, "is not an e-mail address"},
		{[]string{"44444", "a@example.com", "-f", "x.txt"}, "give either USER... or -f FILE, not both"},
		{[]string{"44444", "-f", "x.txt", "--chunk-size", "1001"}, "--chunk-size: 1001 users per request is out of range"},
	} {
		err := e.run(tc.args...)
		if exitCode(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want a usage error with %q", tc.args, err, tc.want)
		}
	}
}
