package flagcmd

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
)

func parse(t *testing.T, e *testEnv, on bool, args ...string) (*Options, error) {
	t.Helper()
	var got *Options
	cmd := newChangeCmd(e.f, on, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	return got, cmd.Execute()
}

func TestNewCmdParsesScope(t *testing.T) {
	e := newTestEnv(t, "table")
	e.env["ECCTL_CUSTOMER"] = "55555"
	o, err := parse(t, e, false, "access", "--user", "jane%40example.com", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if o.Flag != gen.Access || o.On || o.Customer != "55555" || o.User != "jane@example.com" || !o.DryRun {
		t.Errorf("got %+v", o)
	}
	o, err = parse(t, e, true, "failover", "44444", "--group", "Sales, EMEA", "--group", "apac")
	if err != nil {
		t.Fatal(err)
	}
	if o.Flag != gen.Failover || !o.On || o.Customer != "44444" || strings.Join(o.Groups, "|") != "Sales, EMEA|apac" {
		t.Errorf("got %+v", o)
	}
}

func TestNewCmdRefusesBadInputWithExit2(t *testing.T) {
	e := newTestEnv(t, "table")
	for _, args := range [][]string{
		{"activation", "44444"},
		{"Failover", "44444"},
		{"failover", "44444", "--user", "jane@example.com", "--group", "emea"},
		{"failover", "44444", "--user", "nobody"},
		{"failover", "44444", "--group", ""},
		{"failover", "44444", "--dry-run", "false"},
		{"failover", "4444"},
		{},
	} {
		_, err := parse(t, e, true, args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	if e.srv.Requests() != 0 {
		t.Errorf("%d requests sent for bad input", e.srv.Requests())
	}
}

func count(t *testing.T, e *testEnv, f client.Filter) int64 {
	t.Helper()
	c, err := e.f.Client(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.Count(context.Background(), "44444", f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func failoverIn(groups ...string) client.Filter {
	on := true
	return client.Filter{Failover: &on, Groups: groups}
}

func TestRunAsksOnATerminalWithTheCounts(t *testing.T) {
	e := newTestEnv(t, "table")
	e.terminal()
	e.in.WriteString("y\n")
	opts := &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea"}}
	if err := run(context.Background(), e.f, opts); err != nil {
		t.Fatal(err)
	}
	if want := "Set failover for 14 users of 44444 in group emea (0 already have it)? [y/N]: "; e.errOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.errOut, want)
	}
	if e.out.String() != "failover set for 14 users of 44444 in group emea\n" {
		t.Errorf("stdout = %q", e.out)
	}
	if n := count(t, e, failoverIn("emea")); n != 14 {
		t.Errorf("%d users of emea in failover, want 14", n)
	}

	// Unset for two groups, of which one has no user in failover.
	e.errOut.Reset()
	e.in.WriteString("yes\n")
	opts = &Options{Flag: gen.Failover, On: false, Customer: "44444", Groups: []string{"emea", "americas"}}
	if err := run(context.Background(), e.f, opts); err != nil {
		t.Fatal(err)
	}
	if want := "Unset failover for 18 users of 44444 in groups emea, americas (4 already without it)? [y/N]: "; e.errOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.errOut, want)
	}
	if n := count(t, e, failoverIn()); n != 0 {
		t.Errorf("%d users in failover, want 0", n)
	}
}

func TestRunDeclinedChangesNothing(t *testing.T) {
	e := newTestEnv(t, "table")
	e.terminal()
	e.in.WriteString("n\n")
	err := run(context.Background(), e.f, &Options{Flag: gen.Access, On: true, Customer: "44444"})
	var exit *cmdutil.ExitError
	if !errors.As(err, &exit) || exit.Code != cmdutil.ExitNotConfirm {
		t.Fatalf("err = %v, want exit 3", err)
	}
	if e.srv.Changes() != 0 || e.out.Len() != 0 {
		t.Errorf("%d changes, stdout %q after a declined prompt", e.srv.Changes(), e.out)
	}
	if entries, _ := journal.Read(e.stateDir, time.Time{}); len(entries) != 0 {
		t.Errorf("journal has %d entries after a declined prompt", len(entries))
	}
}

func TestRunDoesNotAsk(t *testing.T) {
	for name, setup := range map[string]func(e *testEnv){
		"not a terminal": func(e *testEnv) {},
		"--yes":          func(e *testEnv) { e.terminal(); e.f.Global.Yes = true },
		"--no-input":     func(e *testEnv) { e.terminal(); e.f.Global.NoInput = true },
		"ECCTL_NO_INPUT": func(e *testEnv) { e.terminal(); e.env["ECCTL_NO_INPUT"] = "1" },
	} {
		e := newTestEnv(t, "table")
		setup(e)
		if err := run(context.Background(), e.f, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"apac"}}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e.errOut.Len() != 0 {
			t.Errorf("%s: stderr = %q, want no prompt", name, e.errOut)
		}
		if n := count(t, e, failoverIn()); n != 1 {
			t.Errorf("%s: %d users in failover, want the one of apac", name, n)
		}
	}

	// Nothing would switch: no question, even on a terminal.
	e := newTestEnv(t, "table")
	e.terminal()
	if err := run(context.Background(), e.f, &Options{Flag: gen.Failover, On: false, Customer: "44444"}); err != nil {
		t.Fatal(err)
	}
	if e.errOut.Len() != 0 {
		t.Errorf("stderr = %q, want no prompt when every user already has the value", e.errOut)
	}

	// One user: no question.
	if err := run(context.Background(), e.f, &Options{Flag: gen.Access, On: true, Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	if e.errOut.Len() != 0 {
		t.Errorf("stderr = %q, want no prompt for one user", e.errOut)
	}
}

func TestRunWarnsWhenNobodyIsInScope(t *testing.T) {
	e := newTestEnv(t, "json")
	if err := run(context.Background(), e.f, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emae"}}); err != nil {
		t.Fatal(err)
	}
	if want := "warning: no users of 44444 in group emae: nothing to change\n"; e.errOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.errOut, want)
	}
	if !strings.Contains(e.out.String(), `"affectedUsers": 0`) {
		t.Errorf("stdout = %q", e.out)
	}
}

func TestRunRecordsEveryChangeInTheJournal(t *testing.T) {
	e := newTestEnv(t, "json")
	if err := run(context.Background(), e.f, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"americas"}}); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), e.f, &Options{Flag: gen.Access, On: false, Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	// A dry run changes nothing and records nothing.
	if err := run(context.Background(), e.f, &Options{Flag: gen.Access, On: false, Customer: "44444", DryRun: true}); err != nil {
		t.Fatal(err)
	}
	entries, err := journal.Read(e.stateDir, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d journal entries, want 2", len(entries))
	}
	g := entries[0]
	if g.Command != "flag set" || g.Customer != "44444" || g.Scope.Flag != "failover" || g.Scope.Value == nil || !*g.Scope.Value ||
		strings.Join(g.Scope.Groups, ",") != "americas" || g.Scope.All || g.Counts["inScope"] != 4 || g.Counts["affectedUsers"] != 4 || g.Counts["toChange"] != 4 ||
		len(g.RequestIDs) != 1 || g.Outcome != "ok" || g.APIUser != "demo" {
		t.Errorf("group change recorded as %+v", g)
	}
	u := entries[1]
	if u.Command != "flag unset" || u.Scope.Flag != "access" || u.Scope.Value == nil || *u.Scope.Value ||
		strings.Join(u.Scope.Users, ",") != "wei.tan@kestrel-44444.example" || len(u.RequestIDs) != 1 || u.Outcome != "ok" {
		t.Errorf("user change recorded as %+v", u)
	}
}

// cancelOnChange cancels the command (Ctrl-C) as the change request goes out.
type cancelOnChange struct {
	cancel context.CancelFunc
	next   http.RoundTripper
}

func (c *cancelOnChange) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut {
		c.cancel()
	}
	return c.next.RoundTrip(r)
}

func TestRunInterruptedChangeIsRecorded(t *testing.T) {
	e := newTestEnv(t, "table")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.f.HTTPClient = &http.Client{Transport: &cancelOnChange{cancel: cancel, next: http.DefaultTransport}}
	err := run(ctx, e.f, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea"}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	entries, err := journal.Read(e.stateDir, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Outcome != "interrupted" || entries[0].Counts["inScope"] != 14 {
		t.Errorf("journal %+v, want one interrupted entry", entries)
	}
}

func TestDryRunSendsNoChange(t *testing.T) {
	e := newTestEnv(t, "table")
	e.terminal() // a dry run never asks
	err := run(context.Background(), e.f, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea", "Sales, EMEA"}, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "dry run, nothing sent: PUT " + e.env["ECCTL_ENDPOINT"] + "44444/failover?group=emea&group=Sales%2C+EMEA\n" +
		"would set failover for 14 users of 44444 in groups emea, Sales, EMEA: 14 would change, 0 already set\n"
	if e.out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", e.out, want)
	}
	if e.srv.Changes() != 0 || e.srv.Requests() != 2 || e.errOut.Len() != 0 {
		t.Errorf("%d changes, %d requests, stderr %q; want 0 changes and two counts", e.srv.Changes(), e.srv.Requests(), e.errOut)
	}
}
