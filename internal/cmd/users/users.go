// Package users groups the `ecctl users` commands.
package users

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/users/count"
	"github.com/ecctl/ecctl/internal/cmd/users/create"
	"github.com/ecctl/ecctl/internal/cmd/users/delete"
	"github.com/ecctl/ecctl/internal/cmd/users/get"
	"github.com/ecctl/ecctl/internal/cmd/users/list"
	"github.com/ecctl/ecctl/internal/cmd/users/sync"
	"github.com/ecctl/ecctl/internal/cmd/users/update"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewCmd returns `ecctl users` with its subcommands.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users <command>",
		Short: "Count, list, create, update, delete and sync Continuity users",
		Long: `Work with the Email Continuity users (mailboxes) of a customer.

CUSTOMER is the customer number (five digits and an optional two-letter suffix). Where a
command takes [CUSTOMER] it may also come from --customer, ECCTL_CUSTOMER or the profile.
USER is an e-mail address; an '@' typed as %40 is accepted.`,
		Example: `  $ ecctl users count 44444 --failover
  $ ecctl users list 44444 --group emea -o csv > emea.csv
  $ ecctl users get 44444 jane.doe@example.com
  $ ecctl users create 44444 -f new-users.csv
  $ ecctl users delete 44444 jane.doe@example.com --yes`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
	}
	cmd.AddCommand(
		count.NewCmd(f, nil),
		list.NewCmd(f, nil),
		get.NewCmd(f, nil),
		create.NewCmd(f, nil),
		update.NewCmd(f, nil),
		delete.NewCmd(f, nil),
		sync.NewCmd(f, nil),
	)
	return cmd
}
