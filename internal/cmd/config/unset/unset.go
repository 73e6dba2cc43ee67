// Package unset implements `ecctl config unset`.
package unset

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/config/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// Options are the parsed arguments of `config unset`.
type Options struct {
	Key string
}

// NewCmd returns `ecctl config unset`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "unset KEY",
		Short: "Remove a key from the active profile",
		Long: `Remove KEY from the active profile, so that the environment or the default applies
again. Keys: endpoint, username, customer, output, password-command, password ('unset
password' is the same as 'ecctl auth logout'). A key that is not set is not an error.`,
		Example: `  $ ecctl config unset customer
  $ ecctl config unset password-command --profile staging`,
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
	removed, err := cfg.Unset(opts.Key)
	if err != nil {
		return shared.EditError(fmt.Errorf("removing %s from profile %q: %w", opts.Key, cfg.Profile(), err))
	}
	key := strings.ToLower(strings.TrimSpace(opts.Key))
	if removed {
		fmt.Fprintf(f.IOStreams.ErrOut, "Removed %s from profile %q (%s).\n", key, cfg.Profile(), cfg.Path())
	} else {
		fmt.Fprintf(f.IOStreams.ErrOut, "%s is not set in profile %q; nothing to remove.\n", key, cfg.Profile())
	}
	return nil
}
