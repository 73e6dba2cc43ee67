package count

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func TestNewCmdFiltersAreThreeState(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	for _, tc := range []struct {
		args []string
		want string // failover filter: nil, true, false
	}{
		{[]string{"44444"}, "nil"},
		{[]string{"44444", "--failover"}, "true"},
		{[]string{"44444", "--failover=true"}, "true"},
		{[]string{"44444", "--failover=false"}, "false"},
	} {
		o, err := cmdtest.Parse(e, NewCmd, tc.args...)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		got := "nil"
		if o.Filter.Failover != nil {
			got = map[bool]string{true: "true", false: "false"}[*o.Filter.Failover]
		}
		if got != tc.want || o.Filter.Access != nil || o.Filter.Activation != nil {
			t.Errorf("%q: failover filter %s (%+v), want %s", tc.args, got, o.Filter, tc.want)
		}
	}
}

func TestNewCmdCustomerFromTheEnvironment(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.Vars["ECCTL_CUSTOMER"] = "55555"
	o, err := cmdtest.Parse(e, NewCmd, "--group", "emea")
	if err != nil {
		t.Fatal(err)
	}
	if o.Customer != "55555" || len(o.Filter.Groups) != 1 {
		t.Errorf("got %+v", o)
	}
}

func TestNewCmdStrayBooleanGetsTheHint(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	for _, args := range [][]string{{"44444", "--failover", "false"}, {"--access", "true"}} {
		_, err := cmdtest.Parse(e, NewCmd, args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage || !strings.Contains(err.Error(), "take their value with '='") {
			t.Errorf("%q: err = %v, want a usage error with the hint", args, err)
		}
	}
}

func TestRunFormats(t *testing.T) {
	for format, want := range map[string]string{
		"table": "14\n",
		"json":  "{\n  \"customer\": \"44444\",\n  \"count\": 14\n}\n",
		"jsonl": "{\"customer\":\"44444\",\"count\":14}\n",
		"yaml":  "customer: \"44444\"\ncount: 14\n",
		"csv":   "customer,count\n44444,14\n",
	} {
		e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput(format))
		opts := &Options{Customer: "44444"}
		opts.Filter.Groups = []string{"emea"}
		if err := run(context.Background(), e.F, opts); err != nil {
			t.Fatal(err)
		}
		if e.Out.String() != want {
			t.Errorf("-o %s: %q, want %q", format, e.Out, want)
		}
		if e.Mock.Requests() != 1 {
			t.Errorf("-o %s: %d requests, want one HEAD", format, e.Mock.Requests())
		}
	}
}
