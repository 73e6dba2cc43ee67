// Package login implements `ecctl auth login`.
package login

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/auth/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// Options are the parsed flags of `auth login`. Endpoint, username, customer and profile
// are the global flags and are read through the factory.
type Options struct {
	// PasswordStdin reads the password from standard input instead of prompting.
	PasswordStdin bool
	// NoStorePassword checks the password but leaves it out of the config file.
	NoStorePassword bool
}

// NewCmd returns `ecctl auth login`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Check API credentials and store them in a profile",
		Long: `Check API credentials and store them in a profile of the config file.

The endpoint, username and customer come from --endpoint, --username and --customer, else
ECCTL_ENDPOINT, ECCTL_USERNAME and ECCTL_CUSTOMER, else the profile; on a terminal, what is
missing is asked for (the profile's values are the defaults); the endpoint defaults to
` + config.DefaultEndpoint + `.

The credentials are checked before anything is written, by counting the users of the
customer (HEAD /CUSTOMER): the API has no other way to verify them, so a customer is
needed. When the API rejects them (401, 403) login exits with 4 and changes nothing.

On success the profile (--profile, ECCTL_PROFILE, else "default"; names are
case-insensitive) gets endpoint, username, customer and password, and nothing else, in a
file of mode 0600 in a directory of mode 0700 (see 'ecctl config path').

Where the password comes from: standard input with --password-stdin, else the profile's
password-command (see below), else a prompt without echo on a terminal. It is never a flag,
so it never ends up in the shell history or the process list.

Storing the password in the file is allowed but discouraged: anyone who can read the file
as you, or a backup of it, has it. Prefer a password manager. Give the profile a command
that prints the password, and log in without typing it:

  ecctl config set password-command "pass show retarus/continuity"
  ecctl auth login --customer 44444

A profile with a password-command never gets a stored password; --no-store-password leaves
it out too (the password must then come from ECCTL_PASSWORD). In CI, skip login and set
ECCTL_USERNAME and ECCTL_PASSWORD instead.`,
		Example: `  $ ecctl auth login
  $ ecctl auth login --endpoint http://127.0.0.1:8080/ --username demo --customer 44444
  $ ecctl auth login --username api-user --customer 44444 --password-stdin < password.txt
  $ ecctl auth login --profile staging --no-store-password`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.PasswordStdin, "password-stdin", false, "read the password from standard input (one line)")
	fl.BoolVar(&opts.NoStorePassword, "no-store-password", false, "check the password but do not store it (use ECCTL_PASSWORD or a password-command)")
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	if cfg.Path() == "" {
		// Found out now, not after the password was typed and checked.
		return cmdutil.UsageErrorf("no config file location: neither XDG_CONFIG_HOME nor HOME is set; give --config or set ECCTL_CONFIG")
	}
	in, err := gather(ctx, f, cfg, opts)
	if err != nil {
		return err
	}
	c, err := f.ClientFor(in.endpoint.value, in.username.value, in.password)
	if err != nil {
		return err
	}
	n, err := shared.CheckCredentials(ctx, c, in.username.value, in.customer.value)
	if err != nil {
		return fmt.Errorf("login failed, nothing was stored: %w", err)
	}
	if err := store(f, cfg, in, opts); err != nil {
		return err
	}
	fmt.Fprintf(f.IOStreams.ErrOut, "Logged in to %s as %s (%d users in %s).\nSaved profile %q in %s.\n",
		in.endpoint.value, in.username.value, n, in.customer.value, cfg.Profile(), cfg.Path())
	return nil
}
