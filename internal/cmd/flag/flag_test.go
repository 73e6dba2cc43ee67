package flagcmd

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func parse(t *testing.T, e *cmdtest.Env, on bool, args ...string) (*Options, error) {
	t.Helper()
	var got *Options
	cmd := newChangeCmd(e.F, on, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	return got, cmd.Execute()
}

func TestNewCmdParsesScope(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.Vars["ECCTL_CUSTOMER"] = "55555"
	o, err := parse(t, e, false, "access", "--user", "jane%40example.com", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if o.Flag != gen.Access || o.On || o.Customer != "55555" || o.User != "jane@example.com" || !o.DryRun {
		t.Errorf("got %+v", o)
	}
	o, err = parse(t, e, true, "failover", "44444", "--group", "Sales & EMEA", "--group", "apac")
	if err != nil {
		t.Fatal(err)
	}
	if o.Flag != gen.Failover || !o.On || o.Customer != "44444" || strings.Join(o.Groups, "|") != "Sales & EMEA|apac" {
		t.Errorf("got %+v", o)
	}
}

func TestNewCmdRefusesBadInputWithExit2(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
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
	if e.Mock.Requests() != 0 {
		t.Errorf("%d requests sent for bad input", e.Mock.Requests())
	}
}

func count(t *testing.T, e *cmdtest.Env, f client.Filter) int64 {
	t.Helper()
	c, err := e.F.Client(context.Background())
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
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.TTY()
	e.In.WriteString("y\n")
	opts := &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea"}}
	if err := run(context.Background(), e.F, opts); err != nil {
		t.Fatal(err)
	}
	if want := "Set failover for 14 users of 44444 in group emea (0 already have it)? [y/N]: "; e.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.ErrOut, want)
	}
	if e.Out.String() != "failover set for 14 users of 44444 in group emea (14 changed, 0 already set)\n" {
		t.Errorf("stdout = %q", e.Out)
	}
	if n := count(t, e, failoverIn("emea")); n != 14 {
		t.Errorf("%d users of emea in failover, want 14", n)
	}

	// Unset for two groups, of which one has no user in failover.
	e.ErrOut.Reset()
	e.In.WriteString("yes\n")
	opts = &Options{Flag: gen.Failover, On: false, Customer: "44444", Groups: []string{"emea", "americas"}}
	if err := run(context.Background(), e.F, opts); err != nil {
		t.Fatal(err)
	}
	if want := "Unset failover for 18 users of 44444 in groups emea, americas (4 already without it)? [y/N]: "; e.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.ErrOut, want)
	}
	if n := count(t, e, failoverIn()); n != 0 {
		t.Errorf("%d users in failover, want 0", n)
	}
}

func TestRunDeclinedChangesNothing(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.TTY()
	e.In.WriteString("n\n")
	err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: true, Customer: "44444"})
	var exit *cmdutil.ExitError
	if !errors.As(err, &exit) || exit.Code != cmdutil.ExitNotConfirm {
		t.Fatalf("err = %v, want exit 3", err)
	}
	if e.Mock.Changes() != 0 || e.Out.Len() != 0 {
		t.Errorf("%d changes, stdout %q after a declined prompt", e.Mock.Changes(), e.Out)
	}
	if entries := e.Journal(); len(entries) != 0 {
		t.Errorf("journal has %d entries after a declined prompt", len(entries))
	}
}

func TestRunDoesNotAsk(t *testing.T) {
	for name, setup := range map[string]func(e *cmdtest.Env){
		"not a terminal": func(e *cmdtest.Env) {},
		"--yes":          func(e *cmdtest.Env) { e.TTY(); e.F.Global.Yes = true },
		"--no-input":     func(e *cmdtest.Env) { e.TTY(); e.F.Global.NoInput = true },
		"ECCTL_NO_INPUT": func(e *cmdtest.Env) { e.TTY(); e.Vars["ECCTL_NO_INPUT"] = "1" },
	} {
		e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
		setup(e)
		if err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"apac"}}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e.ErrOut.Len() != 0 {
			t.Errorf("%s: stderr = %q, want no prompt", name, e.ErrOut)
		}
		if n := count(t, e, failoverIn()); n != 1 {
			t.Errorf("%s: %d users in failover, want the one of apac", name, n)
		}
	}

	// Nothing would switch: no question, even on a terminal.
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.TTY()
	if err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: false, Customer: "44444"}); err != nil {
		t.Fatal(err)
	}
	if e.ErrOut.Len() != 0 {
		t.Errorf("stderr = %q, want no prompt when every user already has the value", e.ErrOut)
	}

	// One user: no question.
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: true, Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	if e.ErrOut.Len() != 0 {
		t.Errorf("stderr = %q, want no prompt for one user", e.ErrOut)
	}
}

func TestRunSendsNothingWhenNobodyIsInScope(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("json"))
	err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emae"}})
	if code := cmdtest.ExitCode(err); code != cmdutil.ExitNotFound {
		t.Fatalf("err = %v (exit %d), want exit 5", err, code)
	}
	if want := "no users of 44444 in group emae; nothing sent"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want it to start with %q", err, want)
	}
	// The two counts, and no change request.
	if e.Mock.Requests() != 2 || e.Mock.Changes() != 0 || e.Out.Len() != 0 {
		t.Errorf("%d requests, %d changes, stdout %q; want the two counts only", e.Mock.Requests(), e.Mock.Changes(), e.Out)
	}
	if entries := e.Journal(); len(entries) != 0 {
		t.Errorf("journal has %d entries, but nothing was sent", len(entries))
	}

	// --dry-run still shows the plan for nobody.
	e.Out.Reset()
	if err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emae"}, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Out.String(), `"usersInScope": 0`) {
		t.Errorf("dry run stdout = %q", e.Out)
	}
}

func TestRunSaysHowManyChanged(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	// Nobody of apac is in failover: the API still answers with every user in scope.
	if err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: false, Customer: "44444", Groups: []string{"apac"}}); err != nil {
		t.Fatal(err)
	}
	if want := "failover unset for 1 user of 44444 in group apac (0 changed, 1 already unset)\n"; e.Out.String() != want {
		t.Errorf("stdout = %q, want %q", e.Out, want)
	}

	// 13 of the 20 have access: 7 already without it.
	e.Out.Reset()
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: false, Customer: "44444"}); err != nil {
		t.Fatal(err)
	}
	if want := "access unset for all 20 users of 44444 (13 changed, 7 already unset)\n"; e.Out.String() != want {
		t.Errorf("stdout = %q, want %q", e.Out, want)
	}

	// JSON: the API's body, and the changed users from the count before.
	e.Out.Reset()
	e.SetFlag("output", "json")
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: true, Customer: "44444", Groups: []string{"americas", "apac"}}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(e.Out.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, e.Out)
	}
	if got["affectedUsers"] != 5.0 || got["changed"] != 5.0 || got["id"] == "" || got["timestamp"] == "" || len(got) != 4 {
		t.Errorf("json = %v, want affectedUsers 5, changed 5, id and timestamp", got)
	}
	e.Out.Reset()
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: true, Customer: "44444", Groups: []string{"americas", "apac"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Out.String(), `"affectedUsers": 5,`) || !strings.Contains(e.Out.String(), `"changed": 0`) {
		t.Errorf("repeated change: stdout = %s, want affectedUsers 5 and changed 0", e.Out)
	}
}

func TestRunRecordsEveryChangeInTheJournal(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("json"))
	if err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"americas"}}); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: false, Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	// A dry run changes nothing and records nothing.
	if err := run(context.Background(), e.F, &Options{Flag: gen.Access, On: false, Customer: "44444", DryRun: true}); err != nil {
		t.Fatal(err)
	}
	entries := e.Journal()
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
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.F.HTTPClient = &http.Client{Transport: &cancelOnChange{cancel: cancel, next: http.DefaultTransport}}
	err := run(ctx, e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea"}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	entries := e.Journal()
	if len(entries) != 1 || entries[0].Outcome != "interrupted" || entries[0].Counts["inScope"] != 14 {
		t.Errorf("journal %+v, want one interrupted entry", entries)
	}
}

func TestDryRunSendsNoChange(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.TTY() // a dry run never asks
	err := run(context.Background(), e.F, &Options{Flag: gen.Failover, On: true, Customer: "44444", Groups: []string{"emea", "Sales & EMEA"}, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "dry run, nothing sent: PUT " + e.Vars["ECCTL_ENDPOINT"] + "44444/failover?group=emea&group=Sales+%26+EMEA\n" +
		"would set failover for 14 users of 44444 in groups emea, Sales & EMEA: 14 would change, 0 already set\n"
	if e.Out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", e.Out, want)
	}
	if e.Mock.Changes() != 0 || e.Mock.Requests() != 2 || e.ErrOut.Len() != 0 {
		t.Errorf("%d changes, %d requests, stderr %q; want 0 changes and two counts", e.Mock.Changes(), e.Mock.Requests(), e.ErrOut)
	}
}
