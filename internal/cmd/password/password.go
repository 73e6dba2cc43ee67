// Package password implements `ecctl password set`.
package password

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewCmd returns `ecctl password` with its subcommand set.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "password <command>",
		Short: "Set a user's web-mailbox password with a token",
		Long: `Set the password of a user's Continuity web mailbox with a token from
'ecctl token create'. This needs no API credentials: the token is the proof.`,
		Example: `  $ ecctl password set jane.doe@example.com --token "$TOKEN"
  $ printf '%s\n' "$NEW_PASSWORD" | ecctl password set jane.doe@example.com --token "$TOKEN" --password-stdin`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		// Runnable, so that a mistyped subcommand is a usage error (exit 2) rather than
		// help and exit 0.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(NewSetCmd(f, nil))
	return cmd
}
