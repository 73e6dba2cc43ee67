package get

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func parse(t *testing.T, e *testEnv, args ...string) (*Options, error) {
	t.Helper()
	var got *Options
	cmd := NewCmd(e.f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	return got, cmd.Execute()
}

func TestNewCmdCustomerIsOptionalAndPercent40IsAnAt(t *testing.T) {
	e := newTestEnv(t, "table")
	e.env["ECCTL_CUSTOMER"] = "55555"
	for _, tc := range []struct {
		args           []string
		customer, user string
	}{
		{[]string{"44444", "jane@example.com"}, "44444", "jane@example.com"},
		{[]string{"jane%40example.com"}, "55555", "jane@example.com"},
		{[]string{"44444AB", "jane%40example.com"}, "44444AB", "jane@example.com"},
	} {
		o, err := parse(t, e, tc.args...)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if o.Customer != tc.customer || o.User != tc.user {
			t.Errorf("%q: got %s %s, want %s %s", tc.args, o.Customer, o.User, tc.customer, tc.user)
		}
	}
}

func TestNewCmdBadArgumentsAreUsageErrors(t *testing.T) {
	e := newTestEnv(t, "table")
	for _, args := range [][]string{
		{"44444"},
		{"44444", "not-an-address"},
		{"44444", "jane%2540example.com"},
		{"4444", "jane@example.com"},
		{"44444", "jane@example.com", "extra"},
		{},
	} {
		_, err := parse(t, e, args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	if e.srv.Requests() != 0 {
		t.Errorf("%d requests sent for bad arguments", e.srv.Requests())
	}
}

func TestRunPrintsTheUserOrNotFound(t *testing.T) {
	e := newTestEnv(t, "yaml")
	if err := run(context.Background(), e.f, &Options{Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.out.String(), "user: wei.tan@kestrel-44444.example\n") {
		t.Errorf("stdout = %q", e.out)
	}

	e = newTestEnv(t, "table")
	err := run(context.Background(), e.f, &Options{Customer: "44444", User: "nobody@example.com"})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 404 {
		t.Fatalf("err = %v, want a 404 APIError (exit 5)", err)
	}
	if e.out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", e.out)
	}
}
