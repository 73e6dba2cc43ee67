// Package cli builds ecctl's command tree and turns the outcome of a run into an exit code.
package cli

import (
	"fmt"
	"regexp"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/build"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// NewRootCmd builds a fresh command tree. Every call returns new commands with their own
// flag state, so tests can build as many as they like.
func NewRootCmd(f *cmdutil.Factory) *cobra.Command {
	version, commit := build.Info()
	root := &cobra.Command{
		Use:   "ecctl <command> <subcommand> [flags]",
		Short: "Manage Retarus Email Continuity from the command line",
		Long: `ecctl manages Retarus Email Continuity through its REST API (v2): count, list and
change users in bulk or one by one, switch failover routing and web-mailbox access for a whole
customer, some failover groups or one user, hand out activation tokens, keep the user list in
step with a directory export, and run failover safely during an outage.

Credentials come from flags, ECCTL_* environment variables or a profile in the config file
(see 'ecctl auth login' and 'ecctl config'). Data goes to stdout in the format chosen with -o;
prompts, progress and warnings go to stderr.

Exit codes: 0 success, 1 failure, 2 usage error or invalid input (nothing sent), 3 not
confirmed, 4 authentication or authorization failed, 5 not found, 6 partial failure of a bulk
operation, 7 a plan has changes (with --detailed-exitcode), 130 interrupted.`,
		Example: `  $ ecctl auth login --endpoint http://127.0.0.1:8080/ --username demo --customer 44444
  $ ecctl users count --failover
  $ ecctl users list 44444 --failover=false
  $ ecctl users list 44444 -o json | jq '.[].user'
  $ ecctl flag set failover --customer 44444 --group emea`,
		Version:       fmt.Sprintf("%s (commit %s, %s)", version, commit, runtime.Version()),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("ecctl {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return cmdutil.UsageErrorf("%s\nRun '%s --help' for usage.", plainFlagError(err), cmd.CommandPath())
	})
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		switch {
		case f.Global.Timeout <= 0:
			return cmdutil.UsageErrorf("--timeout %s: want a positive duration such as 30s or 2m", f.Global.Timeout)
		case f.Global.Retries < 0:
			return cmdutil.UsageErrorf("--retries %d: want 0 or more", f.Global.Retries)
		}
		return nil
	}
	root.SetIn(f.IOStreams.In)
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)

	pf := root.PersistentFlags()
	pf.String("profile", "", "profile in the config file (env ECCTL_PROFILE; default \"default\"; names are case-insensitive)")
	pf.String("endpoint", "", "API base URL (env ECCTL_ENDPOINT; default https://api.retarus.com/email/continuity/v2/)")
	pf.String("username", "", "API user (env ECCTL_USERNAME); the password is never a flag: ECCTL_PASSWORD or the profile")
	pf.String("customer", "", "default customer number (env ECCTL_CUSTOMER)")
	pf.StringP("output", "o", "", "output format: table, json, jsonl, yaml, csv (env ECCTL_OUTPUT; default table)")
	pf.String("config", "", "config file (env ECCTL_CONFIG; default $XDG_CONFIG_HOME/ecctl/config.yaml)")
	pf.DurationVar(&f.Global.Timeout, "timeout", 30*time.Second, "timeout of each HTTP request")
	pf.IntVar(&f.Global.Retries, "retries", 3, "retries of a request after a throttled, unavailable or (where safe) failed connection")
	pf.BoolVar(&f.Global.Debug, "debug", false, "trace HTTP requests on stderr, secrets redacted (env ECCTL_DEBUG=1)")
	pf.BoolVarP(&f.Global.Yes, "yes", "y", false, "answer yes to every prompt")
	pf.BoolVar(&f.Global.NoInput, "no-input", false, "never prompt (env ECCTL_NO_INPUT=1)")
	f.RootFlags = pf
	registerFlagCompletions(f, root)

	addCommands(f, root)
	requireKnownSubcommands(root)
	return root
}

// requireKnownSubcommands makes every command group (a command that only holds
// subcommands) print its help when called alone, and refuse an unknown subcommand with a
// usage error (exit 2). Cobra would otherwise print the help and exit 0 for `ecctl users
// frobnicate`, which hides typos in scripts.
func requireKnownSubcommands(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		requireKnownSubcommands(c)
	}
	if cmd.HasParent() && cmd.HasSubCommands() && !cmd.Runnable() {
		cmd.Args = cobra.ArbitraryArgs
		cmd.RunE = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cmdutil.UsageErrorf("unknown command %q for %q\nRun '%s --help' for usage.", args[0], c.CommandPath(), c.CommandPath())
			}
			return c.Help()
		}
	}
}

// Go's parse errors name Go functions ("strconv.ParseBool: parsing \"maybe\": invalid
// syntax"); an administrator wants to know what to type instead.
var flagErrorRewrites = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`strconv\.ParseBool: parsing "[^"]*": invalid syntax`), "want true or false (--flag=false)"},
	{regexp.MustCompile(`strconv\.Parse(Int|Uint|Float): parsing "[^"]*": (invalid syntax|value out of range)`), "want a number"},
	{regexp.MustCompile(`time: (missing unit in|invalid|unknown unit "[^"]*" in) duration "[^"]*"`), "want a duration such as 30s, 2m or 1h"},
}

func plainFlagError(err error) string {
	msg := err.Error()
	for _, r := range flagErrorRewrites {
		msg = r.re.ReplaceAllString(msg, r.with)
	}
	return msg
}
