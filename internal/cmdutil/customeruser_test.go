package cmdutil_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func TestCustomerAndUser(t *testing.T) {
	cmd := &cobra.Command{Use: "get [CUSTOMER] USER"}
	for _, tc := range []struct {
		args                []string
		customer, user, err string
	}{
		{[]string{"44444", "jane%40example.com"}, "44444", "jane@example.com", ""},
		{[]string{"44444AB", "jane@example.com"}, "44444AB", "jane@example.com", ""},
		{[]string{"jane%40example.com"}, "55555", "jane@example.com", ""},
		{[]string{"44444"}, "", "", "want one USER after the customer, got 0 arguments\nUsage: get [CUSTOMER] USER"},
		{[]string{"44444", "a@example.com", "b@example.com"}, "", "", "got 2 arguments"},
		{[]string{"44444", "not-an-address"}, "", "", "user"},
		{[]string{"44444", "jane%2540example.com"}, "", "", "user"},
		{[]string{"4444", "jane@example.com"}, "", "", "4444"},
	} {
		e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "55555"}))
		customer, user, err := e.F.CustomerAndUser(cmd, tc.args)
		if tc.err == "" {
			if err != nil || customer != tc.customer || user != tc.user {
				t.Errorf("%q: %q %q %v, want %q %q", tc.args, customer, user, err, tc.customer, tc.user)
			}
			continue
		}
		if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.err) || customer != "" || user != "" {
			t.Errorf("%q: %q %q %v, want a usage error with %q", tc.args, customer, user, err, tc.err)
		}
	}
}
