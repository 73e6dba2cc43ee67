package failover

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

type restoreOptions struct {
	path   string
	reason string
	dryRun bool
}

func newRestoreCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restore SNAPSHOT [--dry-run]",
		Short: "Put the failover and access flags back as a snapshot recorded them",
		Long: `Put every user of a snapshot back to the failover and access flags the snapshot
recorded. Snapshots are taken by 'ecctl failover on|off' before they change anything, and
live in $XDG_STATE_HOME/ecctl/snapshots (their paths are in the output and the journal).

The customer comes from the snapshot, and the snapshot must have been taken against the
endpoint in use (a snapshot of a test system is never applied to production).

What happens, in this order:
  1. Read the current flags of the snapshot's users (the same way the snapshot was taken:
     a list pass for a customer or group scope, a read per user otherwise) and compare.
     Users deleted since the snapshot are listed, not errors. Users now in the scope whom
     the snapshot does not know are listed and left alone.
  2. Ask on a terminal; without one, go ahead and say so.
  3. Take a snapshot of the state being replaced (kind "restore"), so a restore can be
     undone in turn.
  4. Send the requests. Per flag, one customer- or group-wide request when that is exact
     (nobody new in the scope, and every user in scope had the same value in the
     snapshot); otherwise one request per differing user, a few at a time.
  5. Read the state again and compare; any user that still differs fails the command
     (exit 1) and is named.
  6. Append a line to the journal.

--dry-run shows what differs and the requests that would be sent, and changes nothing.`,
		Example: `  $ ecctl failover restore ~/.local/state/ecctl/snapshots/20260301T080000.000Z-44444-on.json
  $ ecctl failover restore SNAPSHOT --dry-run -o json
  $ ecctl journal --since 24h   # the snapshot of every failover change is in its line`,
		Args: cmdutil.ExactUsage(cobra.ExactArgs(1)),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return snapshotFiles(f), cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(opts.reason); err != nil {
				return err
			}
			opts.path = args[0]
			return runRestore(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.reason, "reason", "", "the reason `TEXT` for the journal (default: the snapshot's reason)")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "show what differs and the requests; change nothing")
	return cmd
}

// snapshotFiles lists the snapshots, newest first, for shell completion.
func snapshotFiles(f *cmdutil.Factory) []string {
	dir, err := f.StateDir()
	if err != nil {
		return nil
	}
	paths, _ := filepath.Glob(filepath.Join(dir, snapshotDir, "*.json"))
	slices.Sort(paths) // names start with the UTC time
	slices.Reverse(paths)
	return paths
}

func runRestore(ctx context.Context, f *cmdutil.Factory, opts *restoreOptions) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	snap, err := readSnapshot(opts.path)
	if err != nil {
		return cmdutil.UsageError(err)
	}
	if err := checkEndpoint(f, snap, opts.path); err != nil {
		return err
	}
	c, err := f.Client(ctx)
	if err != nil {
		return err
	}
	reason := opts.reason
	if reason == "" {
		reason = snap.Reason
	}
	r := &restorer{f: f, c: c, snap: snap, path: opts.path, command: "failover restore", reason: reason,
		errOut: f.IOStreams.ErrOut, keepReplaced: true}
	res := r.newResult()
	cur, p, err := r.prepare(ctx, res)
	if err != nil {
		return err
	}
	if res.Differ == 0 {
		r.say("nothing to restore: every remaining user is as in the snapshot")
		return printResult(f, format, res, res.table)
	}
	if opts.dryRun {
		res.DryRun = true
		r.say("dry run: would take a snapshot of the current state, then send:")
		for _, req := range res.Requests {
			r.say("  %s", req)
		}
		r.say("nothing was changed")
		return printResult(f, format, res, res.table)
	}
	question := fmt.Sprintf("Put back the flags of %d users of %s as of %s?", res.Differ, snap.Customer, snap.Time.Format("2006-01-02 15:04:05Z07:00"))
	if err := confirm(f, question); err != nil {
		return err
	}
	err = r.apply(ctx, cur, p, res)
	if res.Replaced == "" { // the replaced state could not be saved: nothing was sent
		return err
	}
	if ctx.Err() == nil {
		if verr := r.verify(ctx, p.differ, res); err == nil {
			err = verr
		}
	}
	r.record(ctx, res, err)
	if perr := printResult(f, format, res, res.table); perr != nil && err == nil {
		err = perr
	}
	return err
}

// checkEndpoint refuses a snapshot taken against another endpoint than the one in use.
func checkEndpoint(f *cmdutil.Factory, snap *Snapshot, path string) error {
	st, err := f.Settings()
	if err != nil {
		return err
	}
	norm := func(s string) string { return strings.TrimRight(s, "/") }
	if snap.Endpoint != "" && norm(snap.Endpoint) != norm(st.Endpoint) {
		return cmdutil.UsageErrorf("snapshot %s was taken at %s, but the endpoint in use is %s: choose the matching --profile or --endpoint",
			path, snap.Endpoint, st.Endpoint)
	}
	return nil
}

func (r *restoreResult) table() ([]string, [][]string) {
	rows := [][]string{
		{"customer", r.Customer},
		{"snapshot", r.Snapshot},
		{"snapshot time", r.SnapshotTime.Format("2006-01-02 15:04:05Z07:00")},
		{"users", fmt.Sprint(r.Users)},
		{"differ", fmt.Sprint(r.Differ)},
		{"restored", fmt.Sprint(r.Restored)},
		{"deleted", fmt.Sprint(len(r.Deleted))},
	}
	if len(r.Mismatched) > 0 {
		rows = append(rows, []string{"still differ", strings.Join(r.Mismatched, " ")})
	}
	if r.Replaced != "" {
		rows = append(rows, []string{"replaced state", r.Replaced})
	}
	return []string{"FIELD", "VALUE"}, rows
}
