// Package auth groups the `ecctl auth` commands: login, status and logout.
package auth

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/auth/login"
	"github.com/ecctl/ecctl/internal/cmd/auth/logout"
	"github.com/ecctl/ecctl/internal/cmd/auth/status"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewCmd returns `ecctl auth` with its subcommands.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth <command>",
		Short: "Log in, check and remove API credentials",
		Long: `Manage the API credentials of a profile.

The API uses HTTP Basic authentication. ecctl takes the username from --username,
ECCTL_USERNAME or the profile, and the password from ECCTL_PASSWORD, else the profile's
password-command (a command that prints it, e.g. from a password manager), else the
password stored in the profile. The password is never a flag and never printed.

'auth login' checks credentials and stores them, 'auth status' shows what is in effect and
where it comes from, 'auth logout' removes a stored password.`,
		Example: `  $ ecctl auth login --username api-user --customer 44444
  $ ecctl auth status
  $ ecctl auth logout`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
	}
	cmd.AddCommand(
		login.NewCmd(f, nil),
		status.NewCmd(f, nil),
		logout.NewCmd(f, nil),
	)
	return cmd
}
