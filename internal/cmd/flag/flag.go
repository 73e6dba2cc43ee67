// Package flagcmd implements `ecctl flag set` and `ecctl flag unset`: one implementation
// that switches failover routing or web-mailbox access on or off for all users of a
// customer, the members of some failover groups, or one user.
package flagcmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/validate"
)

// Options are the parsed arguments of `flag set` and `flag unset`.
type Options struct {
	Flag gen.Flag
	// On is true for `flag set`, false for `flag unset`.
	On       bool
	Customer string
	// User, when set, limits the change to this user (normalised address).
	User string
	// Groups limit a customer-wide change to the members of any of them.
	Groups []string
	DryRun bool
}

// NewCmd returns `ecctl flag` with its subcommands set and unset.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "flag <command>",
		Short: "Switch failover routing or web-mailbox access on or off",
		Long: `Set or unset a user flag for all users of a customer, the members of some failover
groups, or one user:

  failover  the user's mail is routed to Email Continuity
  access    the user may log in to the Continuity web mailbox

Flag changes are reversible: on a terminal they ask first, showing how many users are in
scope and how many already have the new value; in scripts they proceed without asking.`,
		Example: `  $ ecctl flag set failover --customer 44444 --group emea
  $ ecctl flag unset failover 44444 --group emea --yes
  $ ecctl flag set access 44444 --user jane.doe@example.com
  $ ecctl flag set failover 44444 --dry-run`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		// Runnable, so that a mistyped subcommand is a usage error (exit 2) rather than
		// help and exit 0.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newChangeCmd(f, true, nil), newChangeCmd(f, false, nil))
	return cmd
}

// newChangeCmd returns `flag set` (on) or `flag unset`. runF, when not nil, replaces the
// run function (tests).
func newChangeCmd(f *cmdutil.Factory, on bool, runF func(*Options) error) *cobra.Command {
	opts := &Options{On: on}
	verb, doing, example := "set", "Set", "set"
	if !on {
		verb, doing, example = "unset", "Unset", "unset"
	}
	cmd := &cobra.Command{
		Use:   verb + " failover|access [CUSTOMER] [--user ADDRESS | --group GROUP...]",
		Short: doing + " failover or access for a customer, some failover groups or one user",
		Long: doing + ` the failover or access flag of users.

Without --user and --group the change applies to every user of the customer (one request);
with --group (repeatable, at most 16, never split on commas) to the members of any of the
groups; with --user to that one user. --user and --group cannot be combined.

Before a customer-wide or group-wide change ecctl counts the users in scope and the users
whose flag already has the new value (two HEAD requests). On a terminal it shows these
numbers and asks (-y/--yes answers for you); when nobody can be asked (a script, a pipe,
--no-input) it proceeds, because a flag change can be undone with the opposite command.
When every user in scope already has the new value it does not ask. A change for one user
is not asked about. When nobody is in scope (a mistyped --group, say) nothing is sent and
the command exits 5, like 'ecctl failover on'.

--dry-run prints the request that would be sent (method and URL) and the counts, and sends
no change; for one user it reads the user to show whether the flag would change.

The result is the API's answer with -o json, jsonl or yaml. For a customer or group change
that is {"affectedUsers":N,"id":...,"timestamp":...}, where N counts every user in scope
whether or not their flag changed, plus "changed": the users whose flag had the other
value in the count taken just before the request (the API does not report it). The table
format prints one line, such as
  failover unset for 28 users of 44444 in group apac (0 changed, 28 already unset)
Every change sent is recorded in the journal ($XDG_STATE_HOME/ecctl/journal.jsonl).`,
		Example: fmt.Sprintf(`  $ ecctl flag %[1]s failover --customer 44444 --group emea
  $ ecctl flag %[1]s failover 44444 --group emea --group apac --dry-run
  $ ecctl flag %[1]s access 44444 --user jane.doe@example.com
  $ ecctl flag %[1]s failover 44444 --yes -o json`, example),
		Args:              cmdutil.ExactUsageWithBoolHint(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: completeFlagName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := parseArgs(f, cmd, opts, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.User, "user", "", "change only the user with this e-mail `ADDRESS` (%40 for @ is accepted)")
	cmdutil.AddGroupFlag(cmd, &opts.Groups, "change only the members of this failover group (repeatable: members of any)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the request and the number of users it affects; send no change")
	_ = cmd.RegisterFlagCompletionFunc("user", cobra.NoFileCompletions)
	return cmd
}

// parseArgs checks every argument and flag before anything is sent.
func parseArgs(f *cmdutil.Factory, cmd *cobra.Command, opts *Options, args []string) error {
	name := gen.Flag(args[0])
	if !name.Valid() {
		return cmdutil.UsageErrorf("unknown flag %q: want %s or %s (activation is read-only)", args[0], gen.Failover, gen.Access)
	}
	opts.Flag = name
	if cmd.Flags().Changed("user") && len(opts.Groups) > 0 {
		return cmdutil.UsageErrorf("--user and --group cannot be combined: a change is for one user, or for the members of groups")
	}
	if cmd.Flags().Changed("user") {
		user, err := validate.NormalizeUser(opts.User)
		if err != nil {
			return cmdutil.UsageError(fmt.Errorf("--user: %w", err))
		}
		opts.User = user
	}
	if err := validate.GroupFilter(opts.Groups); err != nil {
		return cmdutil.UsageError(fmt.Errorf("--group: %w", err))
	}
	customer, _, err := f.CustomerArg(cmd, args[1:], cmdutil.OnlyCustomer)
	if err != nil {
		return err
	}
	opts.Customer = customer
	return nil
}

// completeFlagName completes the first argument: the flags that can be changed.
func completeFlagName(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{
		string(gen.Failover) + "\troute mail to Email Continuity",
		string(gen.Access) + "\tlog in to the web mailbox",
	}, cobra.ShellCompDirectiveNoFileComp
}
