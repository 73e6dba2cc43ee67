package cmdutil

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestExactUsageWithBoolHint(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" = no error
	}{
		{[]string{"44444"}, ""},
		{[]string{"44444", "--failover=false"}, ""},
		{[]string{"44444", "--failover", "false"}, `unexpected argument "false": boolean flags take their value with '=', e.g. --failover=false`},
		{[]string{"--access", "true"}, `e.g. --access=true`},
		{[]string{"44444", "--dry-run", "false"}, `e.g. --dry-run=false`},
		{[]string{"44444", "--dry-run", "--access", "false"}, `e.g. --failover=false`},
		{[]string{"44444", "55555"}, "accepts at most 1 arg(s), received 2"},
	} {
		root := &cobra.Command{Use: "ecctl"}
		root.PersistentFlags().Bool("dry-run", false, "")
		cmd := &cobra.Command{
			Use:  "count [CUSTOMER]",
			Args: ExactUsageWithBoolHint(cobra.MaximumNArgs(1)),
			RunE: func(*cobra.Command, []string) error { return nil },
		}
		cmd.Flags().Bool("failover", false, "")
		cmd.Flags().Bool("access", false, "")
		root.AddCommand(cmd)
		root.SetArgs(append([]string{"count"}, tc.args...))
		root.SetOut(io.Discard)
		root.SetErr(io.Discard)
		err := root.Execute()
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.args, err)
			}
			continue
		}
		var exit *ExitError
		if !errors.As(err, &exit) || exit.Code != ExitUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want a usage error containing %q", tc.args, err, tc.want)
		}
	}
}
