package failover

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// defaultHold is how long a drill keeps failover on when --hold is not given.
const defaultHold = 30 * time.Second

// restoreTimeout bounds a drill's restore. The restore runs on a context that Ctrl-C does
// not cancel (it must put the users back), so something else has to end it if the API
// never answers.
const restoreTimeout = 10 * time.Minute

type drillOptions struct {
	target target
	hold   time.Duration
	reason string
	dryRun bool
}

func newDrillCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &drillOptions{}
	var groups []string
	cmd := &cobra.Command{
		Use:   "drill [CUSTOMER] --group G... [--hold D]",
		Short: "Rehearse a failover: on, verify, hold, restore, verify, with a timed report",
		Long: `Rehearse a failover for some failover groups, the way it would run in an outage:

  preview         count the users in scope and those whose failover is off
  on              take a snapshot, then switch failover on for the groups (one request)
  verify on       count again: nobody in scope may have failover off
  hold            keep failover on for --hold (default 30s)
  restore         put every user back as the snapshot recorded them
  verify restore  read again: every user must be as in the snapshot

Once the drill has switched failover on it always restores: after a failed step, and on
Ctrl-C, which ends the hold (or the step running) early. The restore itself is not
stopped by Ctrl-C; it gives up after 10 minutes, and then names the snapshot to restore
by hand with 'ecctl failover restore'.

The report lists every step with its start, duration and outcome: a table on stdout, or
the result object with -o json. Each change and the drill itself get a journal line.

Exit codes: 0 every step passed, 1 a step failed (5 when nobody is in the groups),
130 interrupted (after the restore).`,
		Example: `  $ ecctl failover drill 44444 --group emea
  $ ecctl failover drill --group emea --group nordics --hold 5m --reason "quarterly drill"
  $ ecctl failover drill 44444 --group emea --dry-run`,
		Args: cmdutil.ExactUsage(cobra.MaximumNArgs(1)),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(groups) == 0 {
				return cmdutil.UsageErrorf("--group is required: a drill switches the members of failover groups")
			}
			if _, err := checkTarget(groups, nil); err != nil {
				return err
			}
			if opts.hold <= 0 {
				return cmdutil.UsageErrorf("--hold %s: must be longer than 0", opts.hold)
			}
			if err := checkReason(opts.reason); err != nil {
				return err
			}
			customer, _, err := f.CustomerArg(cmd, args, cmdutil.OnlyCustomer)
			if err != nil {
				return err
			}
			opts.target = target{customer: customer, groups: groups}
			return runDrill(cmd.Context(), f, opts)
		},
	}
	cmdutil.AddGroupFlag(cmd, &groups, "drill the members of failover group `G` (repeatable; required)")
	cmd.Flags().DurationVar(&opts.hold, "hold", defaultHold, "how long failover stays on: a duration `D` such as 30s or 5m")
	cmd.Flags().StringVar(&opts.reason, "reason", "", "the reason `TEXT` for the journal and the snapshot")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "show the scope, the numbers and the requests; change nothing")
	_ = cmd.RegisterFlagCompletionFunc("hold", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"30s", "1m", "5m", "15m"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// drillStep is one step of the report.
type drillStep struct {
	Step       string    `json:"step"`
	Started    time.Time `json:"started,omitzero"`
	DurationMs float64   `json:"durationMs"`
	// Outcome is "ok", "failed", "skipped" or "interrupted".
	Outcome string `json:"outcome"`
	Detail  string `json:"detail,omitempty"`
	Error   string `json:"error,omitempty"`

	duration time.Duration
}

// drillResult is the drill's report; its JSON shape is part of the output contract.
type drillResult struct {
	Customer   string        `json:"customer"`
	Scope      journal.Scope `json:"scope"`
	Reason     string        `json:"reason,omitempty"`
	Hold       string        `json:"hold"`
	DryRun     bool          `json:"dryRun,omitempty"`
	Outcome    string        `json:"outcome"`
	Snapshot   string        `json:"snapshot,omitempty"`
	DurationMs float64       `json:"durationMs"`
	Steps      []drillStep   `json:"steps"`
	RequestIDs []string      `json:"requestIds"`
}

// drill runs the steps and keeps the report.
type drill struct {
	f   *cmdutil.Factory
	res *drillResult
}

// step runs fn as the named step, timing it. fn returns a detail for the report.
func (d *drill) step(ctx context.Context, name string, fn func() (string, error)) error {
	st := drillStep{Step: name, Started: d.f.Now().UTC()}
	start := time.Now()
	detail, err := fn()
	st.duration = time.Since(start)
	st.DurationMs = millis(st.duration)
	st.Detail = detail
	switch {
	case err == nil:
		st.Outcome = "ok"
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		st.Outcome, st.Error = "interrupted", err.Error()
	default:
		st.Outcome, st.Error = "failed", err.Error()
	}
	d.res.Steps = append(d.res.Steps, st)
	return err
}

func (d *drill) skip(name, why string) {
	d.res.Steps = append(d.res.Steps, drillStep{Step: name, Outcome: "skipped", Detail: why})
}

func runDrill(ctx context.Context, f *cmdutil.Factory, opts *drillOptions) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	s := &switcher{f: f, c: c, t: opts.target, on: true, reason: opts.reason,
		command: "failover drill: on", errOut: f.IOStreams.ErrOut}
	sw := s.newResult()
	res := &drillResult{Customer: opts.target.customer, Scope: opts.target.scope(nil), Reason: opts.reason,
		Hold: opts.hold.String(), Steps: []drillStep{}, RequestIDs: []string{}}
	d := &drill{f: f, res: res}
	begin := time.Now()

	if err := d.step(ctx, "preview", func() (string, error) {
		err := s.preview(ctx, sw)
		return fmt.Sprintf("%d in scope, %d with failover on, %d to switch on", sw.Before.InScope, sw.Before.Failover, sw.ToChange), err
	}); err != nil {
		return err
	}
	if sw.ToChange == 0 {
		return fmt.Errorf("nothing to drill: all %d users in scope (%s) already have failover on", sw.Before.InScope, s.t.describe())
	}
	if opts.dryRun {
		res.DryRun, res.Outcome = true, "ok"
		s.say("dry run: would take a snapshot of the users in scope, send %s, hold %s, then restore from the snapshot; nothing was changed",
			sw.Requests[0], opts.hold)
		return printDrill(f, format, res)
	}
	question := fmt.Sprintf("Drill: switch failover on for %d of %d users (%s) for %s, then restore?",
		sw.ToChange, sw.Before.InScope, s.t.describe(), opts.hold)
	if err := confirm(f, question); err != nil {
		return err
	}

	onErr := d.step(ctx, "on", func() (string, error) {
		err := s.change(ctx, sw)
		return fmt.Sprintf("%s; snapshot of %d users", firstOr(sw.Requests, "-"), len(snapshotUsers(s.snap))), err
	})
	res.Snapshot = sw.Snapshot
	res.RequestIDs = append(res.RequestIDs, sw.RequestIDs...)
	if sw.Snapshot == "" { // no snapshot, so nothing was sent: there is nothing to restore
		return finishDrill(ctx, f, format, d, begin, onErr)
	}
	var stepErr error
	if onErr == nil {
		stepErr = d.step(ctx, "verify on", func() (string, error) {
			err := s.check(ctx, sw)
			if sw.After == nil {
				return "", err
			}
			return fmt.Sprintf("%d of %d in scope have failover on", sw.After.Failover, sw.After.InScope), err
		})
	} else {
		d.skip("verify on", "the change did not succeed")
	}
	s.record(ctx, sw, errors.Join(onErr, stepErr))

	if onErr == nil && stepErr == nil {
		stepErr = d.step(ctx, "hold", func() (string, error) {
			s.say("holding failover on for %s (until %s); Ctrl-C ends the hold and restores",
				opts.hold, f.Now().Add(opts.hold).Format("15:04:05"))
			return opts.hold.String(), sleep(ctx, opts.hold)
		})
	} else {
		d.skip("hold", "an earlier step did not succeed")
	}

	// From here on the users are put back whatever happened before, also after Ctrl-C.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), restoreTimeout)
	defer cancel()
	if ctx.Err() != nil {
		s.say("interrupted: restoring from %s", sw.Snapshot)
	}
	restoreErr := restoreDrill(rctx, d, s, sw)
	err = errors.Join(onErr, stepErr)
	if restoreErr != nil {
		err = fmt.Errorf("%w; failover may still be on: run `ecctl failover restore %s`", restoreErr, sw.Snapshot)
	}
	return finishDrill(ctx, f, format, d, begin, err)
}

// restoreDrill runs the drill's restore and its verification, and journals the restore.
func restoreDrill(ctx context.Context, d *drill, s *switcher, sw *switchResult) error {
	r := &restorer{f: s.f, c: s.c, snap: s.snap, path: sw.Snapshot, command: "failover drill: restore",
		reason: s.reason, errOut: s.errOut}
	rr := r.newResult()
	var differ []string
	err := d.step(ctx, "restore", func() (string, error) {
		cur, p, err := r.prepare(ctx, rr)
		if err != nil {
			return "", err
		}
		differ = p.differ
		if len(p.differ) == 0 {
			return "nothing differs from the snapshot", nil
		}
		err = r.apply(ctx, cur, p, rr)
		return fmt.Sprintf("%d users differed; %s", len(p.differ), requestsText(rr.Requests)), err
	})
	if err == nil {
		err = d.step(ctx, "verify restore", func() (string, error) {
			err := r.verify(ctx, differ, rr)
			present := rr.Users - len(rr.Deleted)
			return fmt.Sprintf("%d of %d users as in the snapshot", present-len(rr.Mismatched), present), err
		})
	} else {
		d.skip("verify restore", "the restore failed")
	}
	d.res.RequestIDs = append(d.res.RequestIDs, rr.RequestIDs...)
	if len(rr.RequestIDs) > 0 || err != nil {
		r.record(ctx, rr, err)
	}
	return err
}

// finishDrill completes the report, journals the drill, prints the report and returns the
// command's error: ctx's error after an interruption (exit 130), else err.
func finishDrill(ctx context.Context, f *cmdutil.Factory, format output.Format, d *drill, begin time.Time, err error) error {
	res := d.res
	took := time.Since(begin)
	res.DurationMs = millis(took)
	switch {
	case ctx.Err() != nil:
		res.Outcome = "interrupted"
	case err != nil:
		res.Outcome = "failed"
	default:
		res.Outcome = "ok"
	}
	if res.Snapshot != "" {
		counts := map[string]int64{"durationMs": took.Milliseconds()}
		for _, st := range res.Steps {
			if st.Step == "hold" {
				counts["holdMs"] = st.duration.Milliseconds()
			}
		}
		f.Record(journal.Entry{
			Customer: res.Customer, Command: "failover drill", Scope: res.Scope, Counts: counts,
			RequestIDs: journalIDs(res.RequestIDs), Reason: res.Reason, Snapshot: res.Snapshot,
			Outcome: res.Outcome, Error: errText(err),
		})
	}
	fmt.Fprintf(f.IOStreams.ErrOut, "drill %s after %s\n", res.Outcome, roundDuration(took))
	if perr := printDrill(f, format, res); perr != nil && err == nil {
		err = perr
	}
	if ctx.Err() != nil {
		if err != nil && !errors.Is(err, ctx.Err()) {
			return fmt.Errorf("failover drill interrupted: %w", errors.Join(ctx.Err(), err))
		}
		if res.Snapshot == "" {
			return fmt.Errorf("failover drill interrupted, nothing changed: %w", ctx.Err())
		}
		return fmt.Errorf("failover drill interrupted, users restored: %w", ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("failover drill failed: %w", err)
	}
	return nil
}

// printDrill writes the report to stdout: a table of the steps, or the result object.
func printDrill(f *cmdutil.Factory, format output.Format, res *drillResult) error {
	return output.Print(f.Out(), format, res, func() ([]string, [][]string) {
		rows := make([][]string, 0, len(res.Steps))
		for _, st := range res.Steps {
			started, took := output.NoValue, output.NoValue
			if !st.Started.IsZero() {
				started = st.Started.Local().Format("15:04:05.000")
				took = roundDuration(st.duration).String()
			}
			detail := st.Detail
			if st.Error != "" {
				detail = st.Error
			}
			rows = append(rows, []string{st.Step, started, took, st.Outcome, output.OrDash(detail)})
		}
		return []string{"STEP", "STARTED", "DURATION", "OUTCOME", "DETAIL"}, rows
	})
}

// millis is d in milliseconds with microsecond precision, for the JSON report.
func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// roundDuration keeps two or three significant digits for the table: 431µs, 2.4ms, 30.001s.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= 10*time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(10 * time.Microsecond)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func snapshotUsers(s *Snapshot) []UserFlags {
	if s == nil {
		return nil
	}
	return s.Users
}

func firstOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return s[0]
}

func requestsText(reqs []string) string {
	switch len(reqs) {
	case 0:
		return "no requests"
	case 1:
		return reqs[0]
	}
	return fmt.Sprintf("%d requests (%s, ...)", len(reqs), reqs[0])
}
