package get

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func TestNewCmdCustomerIsOptionalAndPercent40IsAnAt(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.Vars["ECCTL_CUSTOMER"] = "55555"
	for _, tc := range []struct {
		args           []string
		customer, user string
	}{
		{[]string{"44444", "jane@example.com"}, "44444", "jane@example.com"},
		{[]string{"jane%40example.com"}, "55555", "jane@example.com"},
		{[]string{"44444AB", "jane%40example.com"}, "44444AB", "jane@example.com"},
	} {
		o, err := cmdtest.Parse(e, NewCmd, tc.args...)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if o.Customer != tc.customer || o.User != tc.user {
			t.Errorf("%q: got %s %s, want %s %s", tc.args, o.Customer, o.User, tc.customer, tc.user)
		}
	}
}

func TestNewCmdBadArgumentsAreUsageErrors(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	for _, args := range [][]string{
		{"44444"},
		{"44444", "not-an-address"},
		{"44444", "jane%2540example.com"},
		{"4444", "jane@example.com"},
		{"44444", "jane@example.com", "extra"},
		{},
	} {
		_, err := cmdtest.Parse(e, NewCmd, args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	if e.Mock.Requests() != 0 {
		t.Errorf("%d requests sent for bad arguments", e.Mock.Requests())
	}
}

func TestRunPrintsTheUserOrNotFound(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("yaml"))
	if err := run(context.Background(), e.F, &Options{Customer: "44444", User: "wei.tan@kestrel-44444.example"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Out.String(), "user: wei.tan@kestrel-44444.example\n") {
		t.Errorf("stdout = %q", e.Out)
	}

	e = cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	err := run(context.Background(), e.F, &Options{Customer: "44444", User: "nobody@example.com"})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 404 {
		t.Fatalf("err = %v, want a 404 APIError (exit 5)", err)
	}
	if e.Out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", e.Out)
	}
}
