package failover

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
)

// counts are a scope's failover numbers at one moment.
type counts struct {
	InScope int64 `json:"inScope"`
	// Failover is the number of users in scope with failover on.
	Failover int64 `json:"failover"`
}

// wrong is the number of users in scope whose failover flag is not on.
func (k counts) wrong(on bool) int64 {
	if on {
		return k.InScope - k.Failover
	}
	return k.Failover
}

// switchResult is the outcome of failover on/off; its JSON shape is part of the output
// contract (-o json).
type switchResult struct {
	Customer string        `json:"customer"`
	Action   string        `json:"action"`
	Scope    journal.Scope `json:"scope"`
	Reason   string        `json:"reason,omitempty"`
	DryRun   bool          `json:"dryRun,omitempty"`
	// ToChange is the number of users whose flag had the other value when counted first.
	ToChange int64 `json:"toChange"`
	// Changed is the number of users the command switched: all of ToChange after a
	// successful customer- or group-wide request, the successful requests for --user.
	Changed int64   `json:"changed"`
	Before  counts  `json:"before"`
	After   *counts `json:"after,omitempty"`
	// Requests are the requests sent (or, with --dry-run, that would be sent).
	Requests   []string      `json:"requests"`
	Snapshot   string        `json:"snapshot,omitempty"`
	RequestIDs []string      `json:"requestIds"`
	Failed     []userFailure `json:"failed,omitempty"`
}

// switcher switches failover on or off for a target. `failover on|off` and the drill's
// first half use it step by step.
type switcher struct {
	f       *cmdutil.Factory
	c       *client.Client
	t       target
	on      bool
	reason  string
	command string // the journal's and the snapshot's command name
	errOut  io.Writer

	// state is the per-user state read by preview for --user (nil for list scopes).
	state []UserFlags
	// snap is the snapshot taken by change.
	snap *Snapshot
}

func (s *switcher) say(format string, args ...any) {
	fmt.Fprintf(s.errOut, format+"\n", args...)
}

func (s *switcher) newResult() *switchResult {
	return &switchResult{
		Customer: s.t.customer, Action: onOff(s.on), Scope: s.t.scope(&s.on), Reason: s.reason,
		Requests: []string{}, RequestIDs: []string{},
	}
}

// measure counts the scope. A list scope takes two counts at the same time: the users in
// scope and those among them with the other value. Named users are read one by one; one
// the API does not know is an error (exit 5) before anything changed.
func (s *switcher) measure(ctx context.Context) (counts, error) {
	if !s.t.listed() {
		found, missing, err := fetchState(ctx, s.c, s.t.customer, s.t.users)
		if err != nil {
			return counts{}, err
		}
		if len(missing) > 0 {
			return counts{}, cmdutil.WithCode(cmdutil.ExitNotFound,
				fmt.Errorf("%s not found in %s: %s", plural(len(missing), "user"), s.t.customer, strings.Join(missing, ", ")))
		}
		s.state = found
		k := counts{InScope: int64(len(found))}
		for _, u := range found {
			if u.Failover {
				k.Failover++
			}
		}
		return k, nil
	}
	other := !s.on
	var inScope, wrong int64
	err := cmdutil.Parallel(ctx,
		func(ctx context.Context) (err error) {
			inScope, err = s.c.Count(ctx, s.t.customer, s.t.filter())
			return err
		},
		func(ctx context.Context) (err error) {
			f := s.t.filter()
			f.Failover = &other
			wrong, err = s.c.Count(ctx, s.t.customer, f)
			return err
		})
	if err != nil {
		return counts{}, err
	}
	k := counts{InScope: inScope, Failover: wrong}
	if s.on {
		k.Failover = inScope - wrong
	}
	return k, nil
}

// preview measures the scope and plans the requests. It fails when nobody is in scope: a
// failover for a mistyped group must not look like a success.
func (s *switcher) preview(ctx context.Context, res *switchResult) error {
	before, err := s.measure(ctx)
	if err != nil {
		return fmt.Errorf("failover %s for %s: %w", onOff(s.on), s.t.describe(), err)
	}
	res.Before = before
	res.ToChange = before.wrong(s.on)
	s.say("failover %s: %s: %d in scope, %d with failover on, %d to switch %s",
		onOff(s.on), s.t.describe(), before.InScope, before.Failover, res.ToChange, onOff(s.on))
	if before.InScope == 0 {
		return cmdutil.WithCode(cmdutil.ExitNotFound, fmt.Errorf(
			"no users in scope (%s); `ecctl status %s --by-group` lists the failover groups", s.t.describe(), s.t.customer))
	}
	if s.t.listed() {
		res.Requests = []string{customerRequest(s.t.customer, gen.Failover, s.on, s.t.groups)}
		return nil
	}
	for _, ch := range s.userChanges(s.state) {
		res.Requests = append(res.Requests, ch.request(s.t.customer))
	}
	return nil
}

// userChanges are the per-user requests that give every user in state the target value.
func (s *switcher) userChanges(state []UserFlags) []flagChange {
	var out []flagChange
	for _, u := range state {
		if u.Failover != s.on {
			out = append(out, flagChange{user: u.User, flag: gen.Failover, on: s.on})
		}
	}
	return out
}

// change takes the snapshot and then applies the change: one customer- or group-wide
// request for a list scope (exactly the users in scope, in one step), per-user requests
// for named users (only those with the other value). Without a written snapshot nothing
// is changed.
func (s *switcher) change(ctx context.Context, res *switchResult) error {
	snap, path, err := s.snapshot(ctx)
	if err != nil {
		return fmt.Errorf("failover %s for %s: nothing changed: %w", onOff(s.on), s.t.describe(), err)
	}
	s.snap, res.Snapshot = snap, path
	s.say("snapshot of %s: %s", plural(len(snap.Users), "user"), path)

	if s.t.listed() {
		res.Requests = []string{customerRequest(s.t.customer, gen.Failover, s.on, s.t.groups)}
		r, err := s.c.SetCustomerFlag(ctx, s.t.customer, gen.Failover, s.on, s.t.groups)
		if err != nil {
			return fmt.Errorf("switching failover %s for %s: %w", onOff(s.on), s.t.describe(), err)
		}
		res.RequestIDs = append(res.RequestIDs, r.Id)
		res.Changed = res.ToChange
		s.say("sent %s: %d users in scope (request id %s)", res.Requests[0], r.AffectedUsers, r.Id)
		return nil
	}
	changes := s.userChanges(snap.Users)
	res.Requests = res.Requests[:0]
	for _, ch := range changes {
		res.Requests = append(res.Requests, ch.request(s.t.customer))
	}
	a := applyChanges(ctx, s.c, s.t.customer, changes)
	res.RequestIDs = append(res.RequestIDs, a.requestIDs...)
	res.Failed = a.failed
	res.Changed = int64(len(a.done))
	s.say("switched failover %s for %d of %s", onOff(s.on), len(a.done), plural(len(changes), "user"))
	for _, fl := range a.failed {
		s.say("  failed: %s: %s", fl.User, fl.Error)
	}
	switch {
	case a.interrupted:
		return fmt.Errorf("switching failover %s: interrupted after %d of %d users: %w", onOff(s.on), len(a.done), len(changes), ctx.Err())
	case len(a.failed) > 0:
		return cmdutil.Partial("switching failover %s: %d of %d users failed: %s",
			onOff(s.on), len(a.failed), len(changes), describeFailures(a.failed))
	}
	return nil
}

// snapshot reads the state of every user in scope and writes it to a snapshot file.
func (s *switcher) snapshot(ctx context.Context) (*Snapshot, string, error) {
	var users []UserFlags
	if s.t.listed() {
		var err error
		if users, err = listState(ctx, s.c, s.t.customer, s.t.filter()); err != nil {
			return nil, "", err
		}
	} else {
		found, missing, err := fetchState(ctx, s.c, s.t.customer, s.t.users)
		if err != nil {
			return nil, "", err
		}
		if len(missing) > 0 {
			return nil, "", cmdutil.WithCode(cmdutil.ExitNotFound,
				fmt.Errorf("%s not found in %s: %s", plural(len(missing), "user"), s.t.customer, strings.Join(missing, ", ")))
		}
		users = found
	}
	snap := newSnapshot(s.f, s.t.customer, s.command, s.t.scope(&s.on), s.reason, users)
	dir, err := s.f.StateDir()
	if err != nil {
		return nil, "", err
	}
	path, err := writeSnapshot(dir, snap, onOff(s.on))
	if err != nil {
		return nil, "", err
	}
	return snap, path, nil
}

// check verifies the change with fresh numbers: nobody in scope may still have the other
// value. For a list scope that is a count, for named users a read of each.
func (s *switcher) check(ctx context.Context, res *switchResult) error {
	after, err := s.measure(ctx)
	if err != nil {
		return fmt.Errorf("verifying failover %s for %s: %w", onOff(s.on), s.t.describe(), err)
	}
	res.After = &after
	wrong := after.wrong(s.on)
	s.say("verified: %d of %d users in scope have failover %s (before: %d)",
		after.InScope-wrong, after.InScope, onOff(s.on), res.Before.InScope-res.Before.wrong(s.on))
	if wrong > 0 {
		return cmdutil.WithCode(cmdutil.ExitFailure, fmt.Errorf(
			"verification failed: %d users in scope (%s) still have failover %s", wrong, s.t.describe(), onOff(!s.on)))
	}
	return nil
}

// record writes the journal line of a change that was attempted.
func (s *switcher) record(ctx context.Context, res *switchResult, err error) {
	c := map[string]int64{
		"inScope": res.Before.InScope, "before": res.Before.Failover,
		"toChange": res.ToChange, "changed": res.Changed, "requests": int64(len(res.RequestIDs)),
	}
	if res.After != nil {
		c["after"] = res.After.Failover
	}
	if len(res.Failed) > 0 {
		c["failed"] = int64(len(res.Failed))
	}
	s.f.Record(journal.Entry{
		Customer: s.t.customer, Command: s.command, Scope: res.Scope, Counts: c,
		RequestIDs: journalIDs(res.RequestIDs), Reason: s.reason, Snapshot: res.Snapshot,
		Outcome: outcome(ctx, err, res.Changed > 0), Error: errText(err),
	})
}

// maxJournalIDs bounds the request ids of one journal line; a change of thousands of
// users one by one would otherwise write a line of hundreds of kilobytes.
const maxJournalIDs = 100

func journalIDs(ids []string) []string {
	if len(ids) > maxJournalIDs {
		return ids[:maxJournalIDs]
	}
	return ids
}

// outcome names how a change ended for the journal.
func outcome(ctx context.Context, err error, someApplied bool) string {
	switch {
	case err == nil:
		return "ok"
	case ctx.Err() != nil:
		return "interrupted"
	case isPartial(err) && someApplied:
		return "partial"
	}
	return "failed"
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func newSnapshot(f *cmdutil.Factory, customer, command string, scope journal.Scope, reason string, users []UserFlags) *Snapshot {
	snap := &Snapshot{
		Version: snapshotVersion, Time: f.Now().UTC(), Customer: customer, Command: command,
		Scope: scope, Reason: reason, Users: users,
	}
	if snap.Users == nil {
		snap.Users = []UserFlags{}
	}
	if st, err := f.Settings(); err == nil {
		snap.Profile, snap.Endpoint, snap.APIUser = st.Profile, st.Endpoint, st.Username
	}
	return snap
}
