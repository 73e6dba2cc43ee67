// Package set implements `ecctl config set`.
package set

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/config/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
	"github.com/ecctl/ecctl/internal/output"
)

// Options are the parsed arguments of `config set`.
type Options struct {
	Key   string
	Value string
}

// NewCmd returns `ecctl config set`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Store a key in the active profile",
		Long: `Store KEY = VALUE in the active profile (--profile, ECCTL_PROFILE, else "default"),
creating the profile and the config file (mode 0600, directory 0700) when needed. Other
keys, profiles and comments in the file are kept. Profile names are case-insensitive.

Keys:
  endpoint          API base URL (http:// or https://, no credentials in it)
  username          API user
  customer          default customer number (44444 or 44444AB)
  output            default output format: table, json, jsonl, yaml, csv
  password-command  command whose first line of output is the password, run with sh -c
                    only by commands that call the API (e.g. "pass show retarus/continuity")

The password cannot be set here: a password typed as an argument stays in the shell
history. Use 'ecctl auth login', a password-command, or ECCTL_PASSWORD.`,
		Example: `  $ ecctl config set customer 44444
  $ ecctl config set password-command "pass show retarus/continuity"
  $ ecctl config set endpoint http://127.0.0.1:8080/ --profile staging`,
		Args:              cmdutil.ExactUsage(cobra.ExactArgs(2)),
		ValidArgsFunction: complete,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Key, opts.Value = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return run(f, opts)
		},
	}
}

func run(f *cmdutil.Factory, opts *Options) error {
	key := strings.ToLower(strings.TrimSpace(opts.Key))
	// Refused before anything is loaded, and the value is never repeated.
	if key == config.KeyPassword {
		return cmdutil.UsageErrorf("the password cannot be set with `config set`: an argument stays in the shell history; " +
			"use `ecctl auth login` (it prompts, or reads --password-stdin), " +
			"`ecctl config set password-command \"pass show ...\"`, or ECCTL_PASSWORD")
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	if err := cfg.Set(key, opts.Value); err != nil {
		return shared.EditError(fmt.Errorf("setting %s in profile %q: %w", opts.Key, cfg.Profile(), err))
	}
	errOut := f.IOStreams.ErrOut
	fmt.Fprintf(errOut, "Set %s in profile %q (%s).\n", key, cfg.Profile(), cfg.Path())
	if env := envVar(key); env != "" && f.Getenv(env) != "" {
		fmt.Fprintf(errOut, "Note: %s is set in this environment and wins over the profile.\n", env)
	}
	if key == config.KeyPasswordCommand {
		if stored, err := cfg.Get(config.KeyPassword); err == nil && stored != "" {
			fmt.Fprintln(errOut, "Note: the password stored in the profile is no longer used; `ecctl auth logout` removes it.")
		}
	}
	return nil
}

// envVar is the environment variable that overrides key, if any.
func envVar(key string) string {
	switch key {
	case config.KeyEndpoint, config.KeyUsername, config.KeyCustomer, config.KeyOutput:
		return "ECCTL_" + strings.ToUpper(key)
	}
	return ""
}

// complete offers the settable keys, then values for the keys that have a known set.
func complete(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return shared.SettableKeys(), cobra.ShellCompDirectiveNoFileComp
	case 1:
		switch strings.ToLower(args[0]) {
		case config.KeyOutput:
			return output.Formats(), cobra.ShellCompDirectiveNoFileComp
		case config.KeyEndpoint:
			return []string{config.DefaultEndpoint}, cobra.ShellCompDirectiveNoFileComp
		}
	}
	return nil, cobra.ShellCompDirectiveNoFileComp
}
