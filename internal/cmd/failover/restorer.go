package failover

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
)

// restoreResult is the outcome of a restore; its JSON shape is part of the output contract.
type restoreResult struct {
	Customer     string        `json:"customer"`
	Snapshot     string        `json:"snapshot"`
	SnapshotTime time.Time     `json:"snapshotTime"`
	Scope        journal.Scope `json:"scope"`
	DryRun       bool          `json:"dryRun,omitempty"`
	// Users is the number of users in the snapshot.
	Users int `json:"users"`
	// Differ is the number of users whose failover or access flag differed from the snapshot.
	Differ int `json:"differ"`
	// Restored is the number of those that are as in the snapshot after the restore.
	Restored int `json:"restored"`
	// Deleted are users of the snapshot that no longer exist: listed, not an error.
	Deleted []string `json:"deleted"`
	// Newcomers are users now in the snapshot's scope whom the snapshot does not know. The
	// restore leaves them alone (it has no earlier state for them).
	Newcomers []string `json:"newcomers,omitempty"`
	// Mismatched are users that still differ from the snapshot after the restore.
	Mismatched []string `json:"mismatched,omitempty"`
	// Requests are the flag requests sent (with --dry-run: that would be sent).
	Requests   []string      `json:"requests"`
	RequestIDs []string      `json:"requestIds"`
	Failed     []userFailure `json:"failed,omitempty"`
	// Replaced is the snapshot of the state the restore replaced, so that it can be undone.
	Replaced string `json:"replacedSnapshot,omitempty"`
}

// restorer puts the users of a snapshot back to their flags. `failover restore` and the
// drill's second half use it.
type restorer struct {
	f       *cmdutil.Factory
	c       *client.Client
	snap    *Snapshot
	path    string
	command string
	reason  string
	errOut  io.Writer
	// keepReplaced writes a snapshot of the state the restore replaces before changing.
	keepReplaced bool
}

func (r *restorer) say(format string, args ...any) {
	fmt.Fprintf(r.errOut, format+"\n", args...)
}

func (r *restorer) newResult() *restoreResult {
	scope := r.snap.Scope
	scope.Flag, scope.Value = "", nil // a restore sets both flags, each to its earlier value
	return &restoreResult{
		Customer: r.snap.Customer, Snapshot: r.path, SnapshotTime: r.snap.Time, Scope: scope,
		Users: len(r.snap.Users), Deleted: []string{}, Requests: []string{}, RequestIDs: []string{},
	}
}

// current is the state of the snapshot's users (and, for a list scope, of everyone in that
// scope) now.
type current struct {
	flags   map[string]UserFlags
	inScope map[string]bool // list scopes: who matches the snapshot's filter now
	deleted []string
}

// read fetches the current flags the same way the snapshot was taken: a list pass for a
// customer or group scope, then one read for each snapshot user the pass did not return
// (who left the groups, or was deleted: 404); for named users one read each.
func (r *restorer) read(ctx context.Context) (*current, error) {
	cur := &current{flags: make(map[string]UserFlags, len(r.snap.Users)), inScope: map[string]bool{}}
	customer := r.snap.Customer
	if r.snap.listScope() {
		users, err := listState(ctx, r.c, customer, client.Filter{Groups: r.snap.Scope.Groups})
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			cur.flags[u.User] = u
			cur.inScope[u.User] = true
		}
	}
	var rest []string
	for _, u := range r.snap.Users {
		if _, ok := cur.flags[u.User]; !ok {
			rest = append(rest, u.User)
		}
	}
	found, missing, err := fetchState(ctx, r.c, customer, rest)
	if err != nil {
		return nil, err
	}
	for _, u := range found {
		cur.flags[u.User] = u
	}
	cur.deleted = missing
	return cur, nil
}

// plan is what a restore has to send.
type plan struct {
	// groupWide are customer- or group-wide requests, each exact (see planRestore).
	groupWide []flagChange // user is empty
	perUser   []flagChange
	differ    []string
	newcomers []string
}

// planRestore compares the snapshot with the current state. Per flag, a customer- or
// group-wide request replaces per-user requests only when it is exact: the snapshot's
// scope is a list scope, nobody is in that scope now whom the snapshot does not know, and
// every snapshot user in scope had the same value. Such a request sets exactly those users
// to exactly that value; users of the snapshot who have left the scope are put back one by
// one. Otherwise every differing user gets their own request.
func (r *restorer) planRestore(cur *current) plan {
	var p plan
	known := make(map[string]bool, len(r.snap.Users))
	for _, u := range r.snap.Users {
		known[u.User] = true
	}
	for u := range cur.inScope {
		if !known[u] {
			p.newcomers = append(p.newcomers, u)
		}
	}
	slices.Sort(p.newcomers)

	type flagView struct {
		flag gen.Flag
		get  func(UserFlags) bool
	}
	views := []flagView{
		{gen.Failover, func(u UserFlags) bool { return u.Failover }},
		{gen.Access, func(u UserFlags) bool { return u.Access }},
	}
	differ := map[string]bool{}
	for _, v := range views {
		var diffs []UserFlags // snapshot entries whose flag differs now
		uniform, first, value := true, true, false
		for _, u := range r.snap.Users {
			now, ok := cur.flags[u.User]
			if !ok {
				continue // deleted
			}
			if cur.inScope[u.User] {
				if first {
					value, first = v.get(u), false
				} else if v.get(u) != value {
					uniform = false
				}
			}
			if v.get(now) != v.get(u) {
				diffs = append(diffs, u)
				differ[u.User] = true
			}
		}
		wide := r.snap.listScope() && len(p.newcomers) == 0 && uniform && !first
		var inScopeDiffs int
		for _, u := range diffs {
			if cur.inScope[u.User] {
				inScopeDiffs++
			}
		}
		// One request instead of one per user, when it is exact and saves anything.
		if wide && inScopeDiffs > 1 {
			p.groupWide = append(p.groupWide, flagChange{flag: v.flag, on: value})
		}
		for _, u := range diffs {
			if wide && inScopeDiffs > 1 && cur.inScope[u.User] {
				continue
			}
			p.perUser = append(p.perUser, flagChange{user: u.User, flag: v.flag, on: v.get(u)})
		}
	}
	for _, u := range r.snap.Users {
		if differ[u.User] {
			p.differ = append(p.differ, u.User)
		}
	}
	return p
}

func (p plan) requests(customer string, groups []string) []string {
	out := make([]string, 0, len(p.groupWide)+len(p.perUser))
	for _, ch := range p.groupWide {
		out = append(out, customerRequest(customer, ch.flag, ch.on, groups))
	}
	for _, ch := range p.perUser {
		out = append(out, ch.request(customer))
	}
	return out
}

// prepare reads the current state and plans the restore, filling in the result.
func (r *restorer) prepare(ctx context.Context, res *restoreResult) (*current, plan, error) {
	cur, err := r.read(ctx)
	if err != nil {
		return nil, plan{}, fmt.Errorf("restoring %s: reading the current flags: %w", r.path, err)
	}
	p := r.planRestore(cur)
	res.Differ = len(p.differ)
	res.Deleted = append(res.Deleted[:0], cur.deleted...)
	res.Newcomers = p.newcomers
	res.Requests = p.requests(r.snap.Customer, r.snap.Scope.Groups)
	r.say("restore %s: %s of %s as of %s: %d differ, %d unchanged, %d deleted since",
		r.path, plural(len(r.snap.Users), "user"), r.snap.Customer, r.snap.Time.Format(time.RFC3339),
		res.Differ, len(r.snap.Users)-res.Differ-len(cur.deleted), len(cur.deleted))
	if len(cur.deleted) > 0 {
		r.say("  deleted since the snapshot (left out): %s", strings.Join(cur.deleted, ", "))
	}
	if len(p.newcomers) > 0 {
		r.say("  now in scope but not in the snapshot (left alone): %s", strings.Join(p.newcomers, ", "))
	}
	return cur, p, nil
}

// apply sends the planned requests: the exact group-wide ones first, then the per-user
// ones (perUserConcurrency at a time). A failed per-user request does not stop the rest.
func (r *restorer) apply(ctx context.Context, cur *current, p plan, res *restoreResult) error {
	if r.keepReplaced {
		replaced := make([]UserFlags, 0, len(r.snap.Users))
		for _, u := range r.snap.Users {
			if now, ok := cur.flags[u.User]; ok {
				replaced = append(replaced, now)
			}
		}
		snap := newSnapshot(r.f, r.snap.Customer, r.command, r.snap.Scope, r.reason, replaced)
		dir, err := r.f.StateDir()
		if err == nil {
			res.Replaced, err = writeSnapshot(dir, snap, "restore")
		}
		if err != nil {
			return fmt.Errorf("restoring %s: nothing changed: %w", r.path, err)
		}
		r.say("snapshot of the state being replaced: %s", res.Replaced)
	}
	for _, ch := range p.groupWide {
		fr, err := r.c.SetCustomerFlag(ctx, r.snap.Customer, ch.flag, ch.on, r.snap.Scope.Groups)
		if err != nil {
			return fmt.Errorf("restoring %s: %w", r.path, err)
		}
		res.RequestIDs = append(res.RequestIDs, fr.Id)
		r.say("sent %s: %d users in scope (request id %s)", customerRequest(r.snap.Customer, ch.flag, ch.on, r.snap.Scope.Groups), fr.AffectedUsers, fr.Id)
	}
	a := applyChanges(ctx, r.c, r.snap.Customer, p.perUser)
	res.RequestIDs = append(res.RequestIDs, a.requestIDs...)
	res.Failed = a.failed
	if len(p.perUser) > 0 {
		r.say("sent %d of %d per-user requests", len(a.done), len(p.perUser))
	}
	for _, fl := range a.failed {
		r.say("  failed: %s %s: %s", fl.User, fl.Flag, fl.Error)
	}
	switch {
	case a.interrupted:
		return fmt.Errorf("restoring %s: interrupted after %d of %d per-user requests: %w", r.path, len(a.done), len(p.perUser), ctx.Err())
	case len(a.failed) > 0:
		return cmdutil.Partial("restoring %s: %d of %d per-user requests failed: %s", r.path, len(a.failed), len(p.perUser), describeFailures(a.failed))
	}
	return nil
}

// verify reads the state again and compares every remaining snapshot user with it.
func (r *restorer) verify(ctx context.Context, differ []string, res *restoreResult) error {
	cur, err := r.read(ctx)
	if err != nil {
		return fmt.Errorf("verifying the restore of %s: %w", r.path, err)
	}
	res.Mismatched = nil
	for _, u := range r.snap.Users {
		if now, ok := cur.flags[u.User]; ok && (now.Failover != u.Failover || now.Access != u.Access) {
			res.Mismatched = append(res.Mismatched, u.User)
		}
	}
	bad := make(map[string]bool, len(res.Mismatched))
	for _, u := range res.Mismatched {
		bad[u] = true
	}
	res.Restored = 0
	for _, u := range differ {
		if !bad[u] {
			if _, ok := cur.flags[u]; ok {
				res.Restored++
			}
		}
	}
	res.Deleted = append(res.Deleted[:0], cur.deleted...)
	present := len(r.snap.Users) - len(cur.deleted)
	r.say("verified: %d of %d remaining users as in the snapshot; %d put back", present-len(res.Mismatched), present, res.Restored)
	if len(res.Mismatched) > 0 {
		return cmdutil.WithCode(cmdutil.ExitFailure, fmt.Errorf("verification failed: %d users still differ from %s: %s",
			len(res.Mismatched), r.path, strings.Join(firstN(res.Mismatched, 10), ", ")))
	}
	return nil
}

// record writes the journal line of a restore that changed something (or tried to).
func (r *restorer) record(ctx context.Context, res *restoreResult, err error) {
	c := map[string]int64{
		"users": int64(res.Users), "differ": int64(res.Differ), "restored": int64(res.Restored),
		"deleted": int64(len(res.Deleted)), "requests": int64(len(res.RequestIDs)),
	}
	if len(res.Mismatched) > 0 {
		c["mismatched"] = int64(len(res.Mismatched))
	}
	if len(res.Failed) > 0 {
		c["failed"] = int64(len(res.Failed))
	}
	r.f.Record(journal.Entry{
		Customer: res.Customer, Command: r.command, Scope: res.Scope, Counts: c,
		RequestIDs: journalIDs(res.RequestIDs), Reason: r.reason, Snapshot: r.path,
		Outcome: outcome(ctx, err, len(res.RequestIDs) > 0), Error: errText(err),
	})
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("+%d more", len(s)-n))
	}
	return s
}
