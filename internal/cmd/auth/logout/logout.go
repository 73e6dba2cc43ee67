// Package logout implements `ecctl auth logout`.
package logout

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// Options are the parsed flags of `auth logout` (the profile is the global --profile).
type Options struct{}

// NewCmd returns `ecctl auth logout`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "logout",
		Short: "Remove the stored password from a profile",
		Long: `Remove the password stored in the active profile (--profile, ECCTL_PROFILE, else
"default"). Endpoint, username, customer and a password-command stay, so a later
'ecctl auth login' only needs the password again. A profile without a stored password is
left alone and logout still succeeds. Nothing is sent to the API: it keeps no sessions.`,
		Example: `  $ ecctl auth logout
  $ ecctl auth logout --profile staging`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(f)
		},
	}
}

func run(f *cmdutil.Factory) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	errOut := f.IOStreams.ErrOut
	removed, err := cfg.Logout("")
	if err != nil {
		return fmt.Errorf("logging out of profile %q: %w", cfg.Profile(), err)
	}
	if removed {
		fmt.Fprintf(errOut, "Removed the stored password of profile %q from %s.\n", cfg.Profile(), cfg.Path())
	} else {
		fmt.Fprintf(errOut, "Profile %q has no stored password in %s; nothing to remove.\n", cfg.Profile(), cfg.Path())
	}
	if command, err := cfg.Get(config.KeyPasswordCommand); err == nil && command != "" {
		fmt.Fprintf(errOut, "Note: the profile's password-command still provides a password; `ecctl config unset password-command` removes it.\n")
	}
	if f.Getenv("ECCTL_PASSWORD") != "" {
		fmt.Fprintln(errOut, "Note: ECCTL_PASSWORD is still set in this environment.")
	}
	return nil
}
