// Package status implements `ecctl auth status`.
package status

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/auth/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// Options are the parsed flags of `auth status`.
type Options struct {
	// Offline skips the credential check: nothing is sent.
	Offline bool
}

// NewCmd returns `ecctl auth status`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the credentials in effect, where each comes from, and whether they work",
		Long: `Show the settings of the active profile as the other commands would use them: endpoint,
username, customer and output, each with where it comes from (flag, environment variable,
profile, default), the config file with its mode, and whether a password is set and where
it comes from. The password itself is never shown.

Then the credentials are checked by counting the users of the customer (HEAD /CUSTOMER),
unless --offline is given. Exit status: 0 when they work (or with --offline), 4 when the
API rejects them or there is no username or password, 2 when there is no customer to
count, 1 when the check could not be made (network, server).`,
		Example: `  $ ecctl auth status
  $ ecctl auth status --profile staging --offline
  $ ecctl auth status -o json`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Offline, "offline", false, "do not check the credentials with the API")
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	s, err := f.Settings()
	if err != nil {
		return err
	}
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	r := newReport(s, cfg)

	password, pwSource, pwErr := cfg.Password(ctx)
	r.setPassword(password != "", pwSource, pwErr)

	checkErr := pwErr
	if checkErr == nil {
		checkErr = check(ctx, f, opts, s, password, r)
	}
	if err := r.print(f.IOStreams.Out, format); err != nil {
		return err
	}
	return checkErr
}

// check fills in r.Credentials and returns the error the command ends with, if any.
func check(ctx context.Context, f *cmdutil.Factory, opts *Options, s config.Settings, password string, r *Report) error {
	switch {
	case opts.Offline:
		r.Credentials = Credentials{Status: "unchecked", Reason: "--offline"}
		return nil
	case s.Username == "" || password == "":
		r.Credentials = Credentials{Status: "unchecked", Reason: "no username or password"}
		return cmdutil.WithCode(cmdutil.ExitAuth, fmt.Errorf(
			"no credentials for profile %q: run `ecctl auth login`, or set ECCTL_USERNAME and ECCTL_PASSWORD", s.Profile))
	case s.Customer == "":
		r.Credentials = Credentials{Status: "unchecked", Reason: "no customer to count the users of"}
		return cmdutil.UsageErrorf("cannot check the credentials without a customer: the only way the API offers is " +
			"counting a customer's users; give --customer, set ECCTL_CUSTOMER or `ecctl config set customer NUMBER` (or use --offline)")
	}
	c, err := f.ClientFor(s.Endpoint, s.Username, password)
	if err != nil {
		return err
	}
	n, err := shared.CheckCredentials(ctx, c, s.Username, s.Customer)
	r.setCheck(s.Customer, n, err)
	return err
}

// fileInfo describes the config file without reading it again: path, whether it exists,
// and its permission bits.
func fileInfo(path string) ConfigFile {
	cf := ConfigFile{Path: path}
	if path == "" {
		return cf
	}
	info, err := os.Stat(path)
	switch {
	case err == nil:
		cf.Exists = true
		cf.Mode = fmt.Sprintf("%04o", info.Mode().Perm())
	case errors.Is(err, fs.ErrNotExist):
	default:
		cf.Error = err.Error()
	}
	return cf
}
