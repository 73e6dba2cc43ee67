package list

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func parse(t *testing.T, e *testEnv, args ...string) (*Options, error) {
	t.Helper()
	var got *Options
	cmd := NewCmd(e.f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	err := cmd.Execute()
	return got, err
}

func TestNewCmdParsesThreeStateFiltersAndPaging(t *testing.T) {
	e := newTestEnv(t, "table")
	o, err := parse(t, e, "44444")
	if err != nil {
		t.Fatal(err)
	}
	if o.Customer != "44444" || o.Filter.Failover != nil || o.Filter.Access != nil || o.Filter.Activation != nil {
		t.Errorf("no filter flags: got %+v", o)
	}
	if o.PageSize != DefaultPageSize || o.Parallel != DefaultParallel || o.Limit != 0 || o.Offset != 0 {
		t.Errorf("paging defaults: got %+v", o)
	}

	o, err = parse(t, e, "44444", "--failover=false", "--access", "--group", "Sales & EMEA", "--group", "apac",
		"--limit", "5", "--offset", "3", "--page-size", "2")
	if err != nil {
		t.Fatal(err)
	}
	if o.Filter.Failover == nil || *o.Filter.Failover || o.Filter.Access == nil || !*o.Filter.Access || o.Filter.Activation != nil {
		t.Errorf("filters: got %+v", o.Filter)
	}
	if strings.Join(o.Filter.Groups, "|") != "Sales & EMEA|apac" {
		t.Errorf("groups %q: want two, not split on commas", o.Filter.Groups)
	}
	if o.Limit != 5 || o.Offset != 3 || o.PageSize != 2 {
		t.Errorf("paging: got %+v", o)
	}
}

func TestNewCmdRefusesBadInputWithExit2(t *testing.T) {
	e := newTestEnv(t, "table")
	for _, args := range [][]string{
		{"44444", "--failover", "false"},
		{"44444", "--page-size", "0"},
		{"44444", "--page-size", "1001"},
		{"44444", "--limit", "-1"},
		{"44444", "--limit", "0"},
		{"44444", "--offset", "-1"},
		{"44444", "--parallel", "0"},
		{"4444"},
		{"44444", "55555"},
		{"44444", "--group", ""},
	} {
		_, err := parse(t, e, args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	_, err := parse(t, e, "44444", "--failover", "false")
	if err == nil || !strings.Contains(err.Error(), "--failover=false") {
		t.Errorf("--failover false: err = %v, want the hint", err)
	}
	if e.srv.Requests() != 0 {
		t.Errorf("%d requests sent for bad input", e.srv.Requests())
	}
}

// cancelAt is a transport that cancels the command (Ctrl-C) when a page at the given offset
// is requested, before the request goes out.
type cancelAt struct {
	offset string
	cancel context.CancelFunc
	next   http.RoundTripper
}

func (c *cancelAt) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Query().Get("offset") == c.offset {
		c.cancel()
	}
	return c.next.RoundTrip(r)
}

func TestRunInterruptedPrintsACompleteDocument(t *testing.T) {
	for _, parallel := range []int{1, 4} {
		e := newTestEnv(t, "json")
		ctx, cancel := context.WithCancel(context.Background())
		e.f.HTTPClient = &http.Client{Transport: &cancelAt{offset: "9", cancel: cancel, next: http.DefaultTransport}}
		err := run(ctx, e.f, &Options{Customer: "44444", PageSize: 3, Parallel: parallel})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("parallel %d: err = %v, want context.Canceled", parallel, err)
		}
		var users []gen.User
		if err := json.Unmarshal(e.out.Bytes(), &users); err != nil {
			t.Fatalf("parallel %d: stdout is not a complete JSON array: %v\n%s", parallel, err, e.out)
		}
		if len(users) > 9 || len(users)%3 != 0 || (parallel == 1 && len(users) != 9) {
			t.Errorf("parallel %d: %d users listed before the page at offset 9 was cancelled", parallel, len(users))
		}
	}
}

func TestRunEmptyListNotesNoMatchOnlyOnATerminal(t *testing.T) {
	e := newTestEnv(t, "table")
	opts := &Options{Customer: "44444", Filter: filterGroups("no-such-group"), PageSize: 10, Parallel: 2}
	if err := run(context.Background(), e.f, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(e.out.String(), "USER ") || strings.Count(e.out.String(), "\n") != 1 {
		t.Errorf("stdout = %q, want the header alone", e.out)
	}
	if e.errOut.Len() != 0 {
		t.Errorf("stderr = %q, want nothing when stderr is not a terminal", e.errOut)
	}

	e = newTestEnv(t, "table")
	e.ios.SetStderrTTY(true)
	if err := run(context.Background(), e.f, opts); err != nil {
		t.Fatal(err)
	}
	if e.errOut.String() != "no users match\n" {
		t.Errorf("stderr = %q, want the note", e.errOut)
	}

	e = newTestEnv(t, "csv")
	e.ios.SetStderrTTY(true)
	if err := run(context.Background(), e.f, opts); err != nil {
		t.Fatal(err)
	}
	if e.errOut.Len() != 0 {
		t.Errorf("-o csv: stderr = %q, want no note for a data format", e.errOut)
	}
}

func TestRunListsEveryPageOfTheServer(t *testing.T) {
	e := newTestEnv(t, "jsonl")
	if err := run(context.Background(), e.f, &Options{Customer: "55555", PageSize: 3, Parallel: 4}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(e.out.String()), "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20", len(lines))
	}
	prev := ""
	for _, l := range lines {
		var u gen.User
		if err := json.Unmarshal([]byte(l), &u); err != nil {
			t.Fatal(err)
		}
		if u.User <= prev {
			t.Errorf("%s after %s: not in address order (pages out of order?)", u.User, prev)
		}
		prev = u.User
	}
	if e.errOut.Len() != 0 {
		t.Errorf("stderr = %q", e.errOut)
	}
}
