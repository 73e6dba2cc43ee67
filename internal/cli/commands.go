package cli

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/auth"
	"github.com/ecctl/ecctl/internal/cmd/completion"
	configcmd "github.com/ecctl/ecctl/internal/cmd/config"
	"github.com/ecctl/ecctl/internal/cmd/failover"
	flagcmd "github.com/ecctl/ecctl/internal/cmd/flag"
	journalcmd "github.com/ecctl/ecctl/internal/cmd/journal"
	"github.com/ecctl/ecctl/internal/cmd/password"
	"github.com/ecctl/ecctl/internal/cmd/status"
	"github.com/ecctl/ecctl/internal/cmd/token"
	"github.com/ecctl/ecctl/internal/cmd/users"
	"github.com/ecctl/ecctl/internal/cmd/version"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// addCommands attaches every top-level command.
func addCommands(f *cmdutil.Factory, root *cobra.Command) {
	root.AddCommand(
		users.NewCmd(f),
		flagcmd.NewCmd(f),
		token.NewCmd(f),
		password.NewCmd(f),
		status.NewCmd(f),
		failover.NewCmd(f),
		journalcmd.NewCmd(f),
		auth.NewCmd(f),
		configcmd.NewCmd(f),
		completion.NewCmd(f),
		version.NewCmd(f),
	)
}
