// Package get implements `ecctl config get`.
package get

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/config/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// Options are the parsed arguments of `config get`.
type Options struct {
	Key string
}

// NewCmd returns `ecctl config get`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "get KEY",
		Short: "Print a key of the active profile",
		Long: `Print the value of KEY as the active profile stores it in the config file. Keys: endpoint,
username, customer, output, password-command, password (shown as ********).

Flags and ECCTL_* environment variables are not applied here; 'ecctl auth status' shows the
values in effect and where each comes from. A key that is not set prints nothing and exits
with 1.`,
		Example: `  $ ecctl config get customer
  $ ecctl config get endpoint --profile staging`,
		Args:              cmdutil.ExactUsage(cobra.ExactArgs(1)),
		ValidArgsFunction: shared.CompleteKey(config.Keys()),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Key = args[0]
			if runF != nil {
				return runF(opts)
			}
			return run(f, opts)
		},
	}
}

func run(f *cmdutil.Factory, opts *Options) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	value, err := cfg.Get(opts.Key)
	if err != nil {
		return cmdutil.UsageError(err)
	}
	if value == "" {
		return cmdutil.WithCode(cmdutil.ExitFailure,
			fmt.Errorf("%s is not set in profile %q (%s)", opts.Key, cfg.Profile(), cfg.Path()))
	}
	_, err = fmt.Fprintln(f.IOStreams.Out, value)
	return err
}
