package failover_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdtest"
)

type restoreJSON struct {
	Customer   string   `json:"customer"`
	DryRun     bool     `json:"dryRun"`
	Users      int      `json:"users"`
	Differ     int      `json:"differ"`
	Restored   int      `json:"restored"`
	Deleted    []string `json:"deleted"`
	Newcomers  []string `json:"newcomers"`
	Mismatched []string `json:"mismatched"`
	Requests   []string `json:"requests"`
	RequestIDs []string `json:"requestIds"`
	Replaced   string   `json:"replacedSnapshot"`
}

func groupsOf(u gen.User) []string {
	g, _ := u.FailoverGroups.Get()
	return g
}

// After "on", an administrator changes users by hand: one member's failover back off,
// another member's access, a third member leaves the group, a fourth is deleted, and a
// non-member joins the group. The restore brings every remaining user of the snapshot
// back to exactly the flags from before, lists the deleted one, and leaves the newcomer
// alone.
func TestRestoreAfterMixedManualChanges(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.Client()
	before := e.export("44444")
	var members []gen.User
	var outsider gen.User
	for _, u := range before {
		if inGroup(u, "emea") {
			members = append(members, u)
		} else if outsider.User == "" {
			outsider = u
		}
	}
	if len(members) < 5 || outsider.User == "" {
		t.Fatalf("seed data: %d emea members", len(members))
	}

	r := e.run(ctx, runOpts{yes: true, output: "json"}, "on", "44444", "--group", "emea")
	if r.err != nil {
		t.Fatal(r.err)
	}
	snapshot := mustJSON[switchJSON](t, r.stdout).Snapshot

	// The manual changes.
	if _, err := c.SetUserFlag(ctx, "44444", members[0].User, gen.Failover, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetUserFlag(ctx, "44444", members[1].User, gen.Access, !members[1].Status.Access); err != nil {
		t.Fatal(err)
	}
	leaver := members[2]
	var rest []string
	for _, g := range groupsOf(leaver) {
		if g != "emea" {
			rest = append(rest, g)
		}
	}
	if _, err := c.UpdateUser(ctx, "44444", leaver.User, gen.UserPatch{FailoverGroups: nullable.NewNullableWithValue(rest)}); err != nil {
		t.Fatal(err)
	}
	deleted := members[3].User
	if _, err := c.DeleteUser(ctx, "44444", deleted); err != nil {
		t.Fatal(err)
	}
	joined := append(groupsOf(outsider), "emea")
	if _, err := c.UpdateUser(ctx, "44444", outsider.User, gen.UserPatch{FailoverGroups: nullable.NewNullableWithValue(joined)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetUserFlag(ctx, "44444", outsider.User, gen.Access, !outsider.Status.Access); err != nil {
		t.Fatal(err)
	}
	manual := flagsOf(e.export("44444"))

	r = e.run(ctx, runOpts{yes: true, output: "json"}, "restore", snapshot)
	if r.err != nil {
		t.Fatalf("restore: %v\n%s", r.err, r.stderr)
	}
	res := mustJSON[restoreJSON](t, r.stdout)

	after := flagsOf(e.export("44444"))
	for _, u := range before {
		got, ok := after[u.User]
		switch {
		case u.User == deleted:
			if ok {
				t.Errorf("%s came back", deleted)
			}
		case u.User == outsider.User:
			if got != manual[u.User] {
				t.Errorf("newcomer %s was touched: %+v, was %+v", u.User, got, manual[u.User])
			}
		case got != (flagPair{u.Status.Failover, u.Status.Access}):
			t.Errorf("%s: %+v, want %+v as before", u.User, got, flagPair{u.Status.Failover, u.Status.Access})
		}
	}
	if !slices.Equal(res.Deleted, []string{deleted}) || !slices.Equal(res.Newcomers, []string{outsider.User}) {
		t.Errorf("deleted %v, newcomers %v", res.Deleted, res.Newcomers)
	}
	// Every remaining member differed but members[0], whose failover was switched back off
	// by hand (as before), and the deleted members[3].
	if want := len(members) - 2; res.Differ != want || res.Restored != want || len(res.Mismatched) != 0 {
		t.Errorf("differ %d restored %d mismatched %v; want %d", res.Differ, res.Restored, res.Mismatched, want)
	}
	// With a newcomer in the group no group-wide request is exact: per-user requests only.
	for _, req := range res.Requests {
		if strings.Contains(req, "?group=") {
			t.Errorf("group-wide request %q although the group has a newcomer", req)
		}
	}
	if !strings.Contains(r.stderr, "deleted since the snapshot (left out): "+deleted) {
		t.Errorf("stderr does not list the deleted user:\n%s", r.stderr)
	}

	// The state the restore replaced was saved, and restoring it undoes the restore.
	if res.Replaced == "" {
		t.Fatal("no snapshot of the replaced state")
	}
	r = e.run(ctx, runOpts{yes: true}, "restore", res.Replaced)
	if r.err != nil {
		t.Fatalf("restoring the replaced state: %v\n%s", r.err, r.stderr)
	}
	if got := flagsOf(e.export("44444")); !maps.Equal(got, manual) {
		t.Error("restoring the replaced state did not bring back the manual state")
	}

	// Journal: on, restore, restore.
	var commands []string
	for _, j := range e.Journal() {
		commands = append(commands, j.Command+":"+j.Outcome)
	}
	if want := []string{"failover on:ok", "failover restore:ok", "failover restore:ok"}; !slices.Equal(commands, want) {
		t.Errorf("journal %v, want %v", commands, want)
	}
}

// When the scope is unchanged and every member had the same value, one group-wide request
// restores it exactly.
func TestRestoreUsesExactGroupWideRequest(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	before := usersJSON(t, e.export("44444"))
	r := e.run(ctx, runOpts{yes: true, output: "json"}, "on", "44444", "--group", "nordics", "--group", "uk")
	if r.err != nil {
		t.Fatal(r.err)
	}
	snapshot := mustJSON[switchJSON](t, r.stdout).Snapshot

	r = e.run(ctx, runOpts{output: "json"}, "restore", snapshot, "--dry-run")
	if r.err != nil {
		t.Fatal(r.err)
	}
	dry := mustJSON[restoreJSON](t, r.stdout)
	want := []string{"DELETE /44444/failover?group=nordics&group=uk"}
	if !dry.DryRun || !slices.Equal(dry.Requests, want) {
		t.Errorf("dry run requests %v, want %v", dry.Requests, want)
	}
	if usersJSON(t, e.export("44444")) == before {
		t.Fatal("dry run restored")
	}

	r = e.run(ctx, runOpts{yes: true, output: "json"}, "restore", snapshot)
	if r.err != nil {
		t.Fatal(r.err)
	}
	res := mustJSON[restoreJSON](t, r.stdout)
	if !slices.Equal(res.Requests, want) || len(res.RequestIDs) != 1 {
		t.Errorf("requests %v ids %v", res.Requests, res.RequestIDs)
	}
	if usersJSON(t, e.export("44444")) != before {
		t.Error("state after restore differs from before")
	}

	// Restoring again changes nothing.
	changes := e.Mock.Changes()
	r = e.run(ctx, runOpts{yes: true}, "restore", snapshot)
	if r.err != nil || !strings.Contains(r.stderr, "nothing to restore") || e.Mock.Changes() != changes {
		t.Errorf("second restore: %v, %d changes\n%s", r.err, e.Mock.Changes()-changes, r.stderr)
	}
}

func TestRestoreRefusesForeignOrBrokenSnapshots(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.run(ctx, runOpts{yes: true, output: "json"}, "on", "44444", "--group", "emea")
	if r.err != nil {
		t.Fatal(r.err)
	}
	path := mustJSON[switchJSON](t, r.stdout).Snapshot
	var snap map[string]any
	if err := json.Unmarshal([]byte(readFile(t, path)), &snap); err != nil {
		t.Fatal(err)
	}
	requests := e.Mock.Requests()
	write := func(mut func(map[string]any)) string {
		m := map[string]any{}
		for k, v := range snap {
			m[k] = v
		}
		mut(m)
		b, _ := json.Marshal(m)
		p := t.TempDir() + "/s.json"
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, p := range map[string]string{
		"other endpoint": write(func(m map[string]any) { m["endpoint"] = "https://api.retarus.com/email/continuity/v2/" }),
		"version":        write(func(m map[string]any) { m["version"] = 2 }),
		"customer":       write(func(m map[string]any) { m["customer"] = "4444" }),
		"unknown field":  write(func(m map[string]any) { m["extra"] = true }),
		"bad user": write(func(m map[string]any) {
			m["users"] = []any{map[string]any{"user": "x", "failover": true, "access": true}}
		}),
	} {
		r := e.run(ctx, runOpts{yes: true}, "restore", p)
		if code := cmdtest.MustExitCode(t, r.err); code != 2 {
			t.Errorf("%s: exit %d (%v), want 2", name, code, r.err)
		}
	}
	if e.Mock.Requests() != requests {
		t.Error("a refused snapshot sent requests")
	}
}

// A member who left the group since the snapshot is out of reach of a group-wide request:
// the rest of the group gets the exact group-wide request, the leaver their own.
func TestRestoreMixesGroupWideAndPerUser(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	before := flagsOf(e.export("44444"))
	r := e.run(ctx, runOpts{yes: true, output: "json"}, "on", "44444", "--group", "americas")
	if r.err != nil {
		t.Fatal(r.err)
	}
	snapshot := mustJSON[switchJSON](t, r.stdout).Snapshot
	var leaver string
	for _, u := range e.export("44444") {
		if inGroup(u, "americas") {
			leaver = u.User
			break
		}
	}
	if _, err := e.Client().UpdateUser(ctx, "44444", leaver, gen.UserPatch{FailoverGroups: nullable.NewNullNullable[gen.FailoverGroups]()}); err != nil {
		t.Fatal(err)
	}
	r = e.run(ctx, runOpts{yes: true, output: "json"}, "restore", snapshot)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr)
	}
	res := mustJSON[restoreJSON](t, r.stdout)
	want := []string{"DELETE /44444/failover?group=americas", "DELETE /44444/" + leaver + "/failover"}
	if !slices.Equal(res.Requests, want) {
		t.Errorf("requests %v, want %v", res.Requests, want)
	}
	if got := flagsOf(e.export("44444")); !maps.Equal(got, before) {
		t.Error("flags differ from before")
	}
}

// A snapshot of named users is read back user by user and restored the same way.
func TestRestoreNamedUsers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	users := e.export("44444")
	r := e.run(ctx, runOpts{yes: true, output: "json"}, "on", "44444", "--user", users[4].User, "--user", users[7].User)
	if r.err != nil {
		t.Fatal(r.err)
	}
	snapshot := mustJSON[switchJSON](t, r.stdout).Snapshot
	if _, err := e.Client().DeleteUser(ctx, "44444", users[7].User); err != nil {
		t.Fatal(err)
	}
	r = e.run(ctx, runOpts{yes: true, output: "json"}, "restore", snapshot)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr)
	}
	res := mustJSON[restoreJSON](t, r.stdout)
	if !slices.Equal(res.Requests, []string{"DELETE /44444/" + users[4].User + "/failover"}) || !slices.Equal(res.Deleted, []string{users[7].User}) {
		t.Errorf("requests %v deleted %v", res.Requests, res.Deleted)
	}
	want := slices.Delete(slices.Clone(users), 7, 8)
	if got := usersJSON(t, e.export("44444")); got != usersJSON(t, want) {
		t.Error("state differs from before (but for the deleted user)")
	}
}
