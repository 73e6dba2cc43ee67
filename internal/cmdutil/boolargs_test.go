package cmdutil

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// boolTree is ecctl in small: a root with the persistent booleans --yes/-y and --debug, and
// commands with booleans of their own, each validating its arguments with validate.
func boolTree(validate func(*cobra.Command, []string) error) *cobra.Command {
	root := &cobra.Command{Use: "ecctl", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().BoolP("yes", "y", false, "")
	root.PersistentFlags().Bool("debug", false, "")
	root.PersistentFlags().StringP("output", "o", "table", "")
	run := func(*cobra.Command, []string) error { return nil }

	count := &cobra.Command{Use: "count [CUSTOMER]", RunE: run,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := validate(cmd, args); err != nil {
				return err
			}
			return ExactUsage(cobra.MaximumNArgs(1))(cmd, args)
		}}
	count.Flags().Bool("failover", false, "")
	count.Flags().Bool("access", false, "")
	count.Flags().Bool("dry-run", false, "")
	count.Flags().StringArray("group", nil, "")

	users := &cobra.Command{Use: "users"}
	del := &cobra.Command{Use: "delete USER...", RunE: run, Args: validate}
	create := &cobra.Command{Use: "create [CUSTOMER] USER", RunE: run, Args: validate}
	create.Flags().Bool("mail-notification", false, "")
	create.Flags().String("display-name", "", "")
	users.AddCommand(del, create)
	root.AddCommand(count, users)
	return root
}

func runTree(root *cobra.Command, args ...string) error {
	root.SetArgs(args)
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	return root.Execute()
}

func TestStrayBoolArgNamesTheFlagGiven(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" = no error
	}{
		{[]string{"count", "44444"}, ""},
		{[]string{"count", "44444", "--failover=false"}, ""},
		{[]string{"count", "44444", "--failover", "false"}, `unexpected argument "false": boolean flags take their value with '=', e.g. --failover=false`},
		{[]string{"count", "--access", "true"}, `e.g. --access=true`},
		{[]string{"count", "44444", "--dry-run", "false"}, `e.g. --dry-run=false`},
		// A persistent flag of the root, long and short.
		{[]string{"users", "delete", "x@y.example", "--yes", "false"}, `e.g. --yes=false`},
		{[]string{"users", "delete", "-y", "false", "x@y.example"}, `e.g. --yes=false`},
		{[]string{"users", "delete", "x@y.example", "--yes=false"}, ""},
		{[]string{"users", "create", "44444", "x@y.example", "--mail-notification", "false", "--display-name", "X"},
			`unexpected argument "false": boolean flags take their value with '=', e.g. --mail-notification=false`},
		// A flag given as --flag=false cannot have left the word behind.
		{[]string{"users", "create", "x@y.example", "--mail-notification=false", "--yes", "false"}, `e.g. --yes=false`},
		// Several candidates: all of them, in the order given.
		{[]string{"count", "44444", "--dry-run", "--access", "false"}, `e.g. --dry-run=false or --access=false`},
		{[]string{"count", "--debug", "44444", "--failover", "-y", "false"}, `e.g. --debug=false, --failover=false or --yes=false`},
		// None: the general form, not a guess.
		{[]string{"count", "44444", "false"}, `e.g. --FLAG=false`},
		{[]string{"count", "44444", "--failover=false", "true"}, `e.g. --FLAG=true`},
	} {
		err := runTree(boolTree(StrayBoolArg), tc.args...)
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

// The hint does not change how the flags are listed in help: the flag set is sorted again.
func TestStrayBoolArgKeepsTheFlagsSorted(t *testing.T) {
	var sorted bool
	root := boolTree(func(cmd *cobra.Command, args []string) error {
		err := StrayBoolArg(cmd, args)
		sorted = cmd.Flags().SortFlags
		return err
	})
	if err := runTree(root, "count", "--failover", "false"); err == nil || !sorted {
		t.Errorf("err = %v, SortFlags after the hint = %v", err, sorted)
	}
}

func TestExactUsageWithBoolHint(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" = no error
	}{
		{[]string{"44444"}, ""},
		{[]string{"44444", "--failover", "false"}, `e.g. --failover=false`},
		{[]string{"44444", "--yes", "false"}, `e.g. --yes=false`},
		// The stray word is reported before the count of arguments.
		{[]string{"44444", "55555", "true", "--access"}, `e.g. --access=true`},
		{[]string{"44444", "55555"}, "accepts at most 1 arg(s), received 2"},
	} {
		root := &cobra.Command{Use: "ecctl"}
		root.PersistentFlags().BoolP("yes", "y", false, "")
		cmd := &cobra.Command{
			Use:  "count [CUSTOMER]",
			Args: ExactUsageWithBoolHint(cobra.MaximumNArgs(1)),
			RunE: func(*cobra.Command, []string) error { return nil },
		}
		cmd.Flags().Bool("failover", false, "")
		cmd.Flags().Bool("access", false, "")
		root.AddCommand(cmd)
		err := runTree(root, append([]string{"count"}, tc.args...)...)
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
