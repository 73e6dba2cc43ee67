package failover

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

// switchOptions are the parsed arguments of `failover on` and `failover off`.
type switchOptions struct {
	on     bool
	target target
	reason string
	dryRun bool
}

func newSwitchCmd(f *cmdutil.Factory, on bool) *cobra.Command {
	opts := &switchOptions{on: on}
	var groups, users []string
	word := onOff(on)
	effect := "routed to Email Continuity"
	if !on {
		effect = "delivered to the customer's own mail system again"
	}
	cmd := &cobra.Command{
		Use:   word + " [CUSTOMER] [--group G]... | [--user U]...",
		Short: "Switch failover routing " + word + " for a customer, some groups or some users",
		Long: fmt.Sprintf(`Switch failover routing %[1]s: the mail of the users in scope is %[2]s.

The scope is all users of the customer, the members of at least one of the --group groups,
or the --user users (not both --group and --user).

What happens, in this order:
  1. Count the users in scope and those whose failover is not yet %[1]s; show both.
  2. Ask on a terminal. When nobody can be asked (a script, --no-input) go on without a
     prompt and say so: flag changes are reversible (see 'ecctl failover restore').
  3. Take a snapshot of every in-scope user's failover and access flags:
     $XDG_STATE_HOME/ecctl/snapshots/<time>-<customer>-%[1]s.json (mode 0600).
     Without a written snapshot nothing is changed.
  4. Change: one customer- or group-wide request (%[3]s /CUSTOMER/failover[?group=G]),
     which switches exactly the users in scope; with --user one request per user that
     needs it.
  5. Verify with fresh counts that nobody in scope still has failover %[4]s; if anyone
     has, exit 1 and say how many.
  6. Append a line to the journal ('ecctl journal').

Progress and the report go to stderr; with -o json (or yaml, jsonl) the result object
goes to stdout: customer, action, scope, toChange, changed, before, after, requests,
snapshot, requestIds (and failed users, if any).

--dry-run shows the scope, the numbers and the request that would be sent, and sends no
change (no snapshot either).

Exit codes: 0 done and verified (or nothing to change), 1 failed or not verified, 2
invalid arguments (nothing sent), 3 declined, 4 credentials, 5 no users in scope or a
--user unknown (nothing changed), 6 some per-user requests failed, 130 interrupted.`,
			word, effect, method(on), onOff(!on)),
		Example: fmt.Sprintf(`  $ ecctl failover %[1]s 44444 --group emea --reason "Exchange outage INC-4711"
  $ ecctl failover %[1]s --group emea --group nordics --dry-run
  $ ecctl failover %[1]s 44444 --user jane.doe@example.com --yes -o json`, word),
		Args: cmdutil.ExactUsage(cobra.MaximumNArgs(1)),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			normalized, err := checkTarget(groups, users)
			if err != nil {
				return err
			}
			if err := checkReason(opts.reason); err != nil {
				return err
			}
			customer, _, err := f.CustomerArg(cmd, args, cmdutil.OnlyCustomer)
			if err != nil {
				return err
			}
			opts.target = target{customer: customer, groups: groups, users: normalized}
			return runSwitch(cmd.Context(), f, opts)
		},
	}
	cmdutil.AddGroupFlag(cmd, &groups, "switch the members of failover group `G` (repeatable: members of any)")
	cmd.Flags().StringArrayVar(&users, "user", nil, "switch user `U` (repeatable; not with --group)")
	cmd.Flags().StringVar(&opts.reason, "reason", "", "the reason `TEXT` for the journal and the snapshot (e.g. an incident number)")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "show the scope, the numbers and the request; change nothing")
	return cmd
}

func runSwitch(ctx context.Context, f *cmdutil.Factory, opts *switchOptions) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	s := &switcher{f: f, c: c, t: opts.target, on: opts.on, reason: opts.reason,
		command: "failover " + onOff(opts.on), errOut: f.IOStreams.ErrOut}
	res := s.newResult()
	if err := s.preview(ctx, res); err != nil {
		return err
	}
	if res.ToChange == 0 {
		s.say("nothing to change: all %d users in scope already have failover %s", res.Before.InScope, onOff(s.on))
		res.After = &res.Before
		return printResult(f, format, res, res.table)
	}
	if opts.dryRun {
		res.DryRun = true
		s.say("dry run: would take a snapshot of the users in scope, then send:")
		for _, r := range res.Requests {
			s.say("  %s", r)
		}
		s.say("nothing was changed")
		return printResult(f, format, res, res.table)
	}
	question := fmt.Sprintf("Switch failover %s for %d of %d users (%s)?",
		onOff(s.on), res.ToChange, res.Before.InScope, s.t.describe())
	if err := confirm(f, question); err != nil {
		return err
	}
	err = s.change(ctx, res)
	if res.Snapshot == "" { // no snapshot: nothing was sent, nothing to record
		return err
	}
	// A partial per-user change is verified too, so that the report has the numbers after.
	if err == nil || isPartial(err) {
		if verr := s.check(ctx, res); err == nil {
			err = verr
		}
	}
	s.record(ctx, res, err)
	s.say("undo with: ecctl failover restore %s", res.Snapshot)
	if perr := printResult(f, format, res, res.table); perr != nil && err == nil {
		err = perr
	}
	return err
}

func isPartial(err error) bool {
	var exit *cmdutil.ExitError
	return errors.As(err, &exit) && exit.Code == cmdutil.ExitPartial
}

// confirm asks before a change on a terminal. Flag changes are reversible, so without a
// terminal (or with --no-input) the change goes ahead, and stderr says so.
func confirm(f *cmdutil.Factory, question string) error {
	if !f.Global.Yes && !f.CanPrompt() {
		fmt.Fprintln(f.IOStreams.ErrOut, "not asking (no terminal or --no-input): going ahead, flag changes are reversible")
	}
	return f.Confirm(question, false)
}

func (r *switchResult) table() ([]string, [][]string) {
	rows := [][]string{
		{"customer", r.Customer},
		{"action", "failover " + r.Action},
		{"in scope", fmt.Sprint(r.Before.InScope)},
		{"failover on before", fmt.Sprint(r.Before.Failover)},
		{"to change", fmt.Sprint(r.ToChange)},
		{"changed", fmt.Sprint(r.Changed)},
	}
	if r.After != nil {
		rows = append(rows, []string{"failover on after", fmt.Sprint(r.After.Failover)})
	}
	if r.Snapshot != "" {
		rows = append(rows, []string{"snapshot", r.Snapshot})
	}
	return []string{"FIELD", "VALUE"}, rows
}
