// Package configcmd groups the `ecctl config` commands: get, set, unset, list and path.
package configcmd

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/config/get"
	"github.com/ecctl/ecctl/internal/cmd/config/list"
	"github.com/ecctl/ecctl/internal/cmd/config/path"
	"github.com/ecctl/ecctl/internal/cmd/config/set"
	"github.com/ecctl/ecctl/internal/cmd/config/unset"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewCmd returns `ecctl config` with its subcommands.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config <command>",
		Short: "Read and change the profiles of the config file",
		Long: `Read and change the active profile of the config file (YAML; see 'ecctl config path').

The file holds named profiles; --profile or ECCTL_PROFILE picks one, else "default".
Profile names are case-insensitive ("Prod" is the profile "prod"). A profile may hold:

  profiles:
    default:
      endpoint: https://api.retarus.com/email/continuity/v2/
      username: api-user
      customer: "44444"
      output: table
      password-command: pass show retarus/continuity

Settings apply with the precedence flag > environment (ECCTL_ENDPOINT, ECCTL_USERNAME,
ECCTL_CUSTOMER, ECCTL_OUTPUT) > profile > default. The password comes from ECCTL_PASSWORD,
else the password-command, else a password stored by 'ecctl auth login'. A file holding a
password must not be readable by group or others: ecctl refuses it until 'chmod 600'.`,
		Example: `  $ ecctl config set customer 44444
  $ ecctl config get customer
  $ ecctl config list --profile staging
  $ ecctl config path`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
	}
	cmd.AddCommand(
		get.NewCmd(f, nil),
		set.NewCmd(f, nil),
		unset.NewCmd(f, nil),
		list.NewCmd(f, nil),
		path.NewCmd(f, nil),
	)
	return cmd
}
