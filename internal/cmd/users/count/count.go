// Package count implements `ecctl users count`.
package count

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// Options are the parsed arguments of `users count`.
type Options struct {
	Customer string
	Filter   client.Filter
}

// Result is what `users count` prints with -o json, jsonl and yaml.
type Result struct {
	Customer string `json:"customer"`
	Count    int64  `json:"count"`
}

// NewCmd returns `ecctl users count`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	var filters *cmdutil.FilterFlags
	cmd := &cobra.Command{
		Use:   "count [CUSTOMER]",
		Short: "Count a customer's users, optionally filtered",
		Long: `Count the users of a customer with one HEAD request: no user data is transferred,
so this is the quick way to see how many users are activated, have web-mailbox access or
are in failover.

Filters are three-state: a filter flag that is not given does not filter; --failover (or
--failover=true) counts users in failover, --failover=false those not in failover. Boolean
flags take their value with '=': "--failover false" is a usage error. The status filters
combine with AND. --group is repeatable (at most 16) and selects the members of any of the
groups; a group name is never split on commas.

With the table format (the default) only the number is printed, so that
$(ecctl users count ...) can be used in a shell. -o json, jsonl and yaml print
{"customer":"44444","count":N}; -o csv prints a customer,count header and one row.`,
		Example: `  $ ecctl users count 44444
  $ ecctl users count 44444 --failover
  $ ecctl users count 44444 --activation=false --group emea --group apac
  $ ecctl users count --customer 44444 --access -o json`,
		Args:              cmdutil.ExactUsageWithBoolHint(cobra.MaximumNArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Filter, err = filters.Filter(); err != nil {
				return err
			}
			if opts.Customer, _, err = f.CustomerArg(cmd, args, cmdutil.OnlyCustomer); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	filters = cmdutil.AddFilterFlags(cmd)
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	n, err := c.Count(ctx, opts.Customer, opts.Filter)
	if err != nil {
		return err
	}
	if format == output.Table {
		_, err := fmt.Fprintln(f.IOStreams.Out, n)
		return err
	}
	return output.Print(f.IOStreams.Out, format, Result{Customer: opts.Customer, Count: n}, func() ([]string, [][]string) {
		return []string{"customer", "count"}, [][]string{{opts.Customer, strconv.FormatInt(n, 10)}}
	})
}
