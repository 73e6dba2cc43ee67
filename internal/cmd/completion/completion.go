// Package completion implements `ecctl completion`.
package completion

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewCmd returns `ecctl completion bash|zsh|fish|powershell`.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script",
		Long: `Print a completion script for your shell. It completes commands, flags and flag values:
output formats, languages, time zones, profiles and flag names. Needs no config file.

Load it in the current shell, or install it where your shell looks for completions:

  bash:        source <(ecctl completion bash)
               ecctl completion bash > /etc/bash_completion.d/ecctl
  zsh:         ecctl completion zsh > "${fpath[1]}/_ecctl"
  fish:        ecctl completion fish > ~/.config/fish/completions/ecctl.fish
  powershell:  ecctl completion powershell | Out-String | Invoke-Expression`,
		Example: `  $ source <(ecctl completion bash)
  $ ecctl completion zsh > "${fpath[1]}/_ecctl"`,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args:      cmdutil.ExactUsage(cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs)),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), f.IOStreams.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
}
