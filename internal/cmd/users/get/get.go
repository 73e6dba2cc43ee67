// Package get implements `ecctl users get`.
package get

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// Options are the parsed arguments of `users get`.
type Options struct {
	Customer string
	// User is the address, normalised (%40 → @) and checked.
	User string
}

// NewCmd returns `ecctl users get`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "get [CUSTOMER] USER",
		Short: "Show one user",
		Long: `Show every field and the status (activation, access, failover) of one user.

USER is the user's e-mail address; an '@' typed or pasted as %40 is accepted. The customer
may be left out when it comes from --customer, ECCTL_CUSTOMER or the profile.

The table format lists field and value; -o json, jsonl and yaml print the API's User object;
-o csv prints the same columns as 'ecctl users list -o csv'. An unknown user ends with exit
code 5.`,
		Example: `  $ ecctl users get 44444 jane.doe@example.com
  $ ecctl users get jane.doe%40example.com --customer 44444
  $ ecctl users get 44444 jane.doe@example.com -o json`,
		Args:              cmdutil.ExactUsage(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Customer, opts.User, err = f.CustomerAndUser(cmd, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	u, err := c.GetUser(ctx, opts.Customer, opts.User)
	if err != nil {
		return err
	}
	return output.PrintUser(f.IOStreams.Out, format, *u)
}
