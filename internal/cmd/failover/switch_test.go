package failover_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
)

type switchJSON struct {
	Customer   string   `json:"customer"`
	Action     string   `json:"action"`
	DryRun     bool     `json:"dryRun"`
	ToChange   int64    `json:"toChange"`
	Changed    int64    `json:"changed"`
	Before     countsJS `json:"before"`
	After      *countsJS
	Requests   []string `json:"requests"`
	Snapshot   string   `json:"snapshot"`
	RequestIDs []string `json:"requestIds"`
	Scope      struct {
		Groups []string `json:"groups"`
		Users  []string `json:"users"`
		Flag   string   `json:"flag"`
		Value  *bool    `json:"value"`
	} `json:"scope"`
}

type countsJS struct {
	InScope  int64 `json:"inScope"`
	Failover int64 `json:"failover"`
}

type snapshotJSON struct {
	Version  int    `json:"version"`
	Customer string `json:"customer"`
	Command  string `json:"command"`
	Reason   string `json:"reason"`
	Profile  string `json:"profile"`
	Endpoint string `json:"endpoint"`
	APIUser  string `json:"apiUser"`
	Users    []struct {
		User     string `json:"user"`
		Failover bool   `json:"failover"`
		Access   bool   `json:"access"`
	} `json:"users"`
}

// Switching a group on changes exactly the members' failover flag and nothing else, in
// either customer; the snapshot holds every member's flags from before.
func TestOnForGroupChangesExactlyThatGroup(t *testing.T) {
	e := newEnv(t)
	before := e.export("44444")
	other := usersJSON(t, e.export("55555"))
	var members, toChange int64
	for _, u := range before {
		if inGroup(u, "emea") {
			members++
			if !u.Status.Failover {
				toChange++
			}
		}
	}
	if members == 0 || members == int64(len(before)) {
		t.Fatalf("seed data: %d of %d users in emea; the test needs members and non-members", members, len(before))
	}

	r := e.run(context.Background(), runOpts{output: "json", yes: true}, "on", "44444", "--group", "emea", "--reason", "INC-4711 exchange down")
	if r.err != nil {
		t.Fatalf("failover on: %v\n%s", r.err, r.stderr)
	}
	after := e.export("44444")
	if len(after) != len(before) {
		t.Fatalf("%d users after, %d before", len(after), len(before))
	}
	for i, u := range before {
		want := u
		if inGroup(u, "emea") {
			want.Status.Failover = true
		}
		if got := usersJSON(t, []gen.User{after[i]}); got != usersJSON(t, []gen.User{want}) {
			t.Errorf("user %s: got\n%s\nwant\n%s", u.User, got, usersJSON(t, []gen.User{want}))
		}
	}
	if got := usersJSON(t, e.export("55555")); got != other {
		t.Error("customer 55555 changed")
	}

	res := mustJSON[switchJSON](t, r.stdout)
	if res.Customer != "44444" || res.Action != "on" || res.ToChange != toChange || res.Changed != toChange ||
		res.Before.InScope != members || res.After == nil || res.After.Failover != members || res.After.InScope != members {
		t.Errorf("result: %+v (after %+v); want %d members, %d to change", res, res.After, members, toChange)
	}
	if len(res.Requests) != 1 || res.Requests[0] != "PUT /44444/failover?group=emea" || len(res.RequestIDs) != 1 {
		t.Errorf("requests %v, ids %v; want the one group-wide request", res.Requests, res.RequestIDs)
	}
	if !strings.Contains(r.stderr, "undo with: ecctl failover restore "+res.Snapshot) {
		t.Errorf("stderr does not say how to undo:\n%s", r.stderr)
	}

	// The snapshot: 0600 in a 0700 directory, everything from before the change.
	fi, err := os.Stat(res.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("snapshot mode %v, want 0600", fi.Mode().Perm())
	}
	di, err := os.Stat(filepath.Dir(res.Snapshot))
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Errorf("snapshot directory mode %v, want 0700", di.Mode().Perm())
	}
	if !strings.HasSuffix(res.Snapshot, "-44444-on.json") {
		t.Errorf("snapshot name %s", res.Snapshot)
	}
	snap := mustJSON[snapshotJSON](t, readFile(t, res.Snapshot))
	if snap.Version != 1 || snap.Customer != "44444" || snap.Command != "failover on" || snap.Reason != "INC-4711 exchange down" ||
		snap.APIUser != apiUser || snap.Endpoint != e.URL || snap.Profile == "" {
		t.Errorf("snapshot header: %+v", snap)
	}
	want := flagsOf(before)
	if int64(len(snap.Users)) != members {
		t.Errorf("snapshot has %d users, want the %d members", len(snap.Users), members)
	}
	for _, u := range snap.Users {
		if w := want[u.User]; w.failover != u.Failover || w.access != u.Access {
			t.Errorf("snapshot of %s: failover %v access %v, want %+v", u.User, u.Failover, u.Access, w)
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(res.Snapshot), ".snapshot-*")); len(matches) > 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}

	// One journal line with the numbers, the request id, the reason and the snapshot.
	entries := e.Journal()
	if len(entries) != 1 {
		t.Fatalf("journal has %d entries, want 1", len(entries))
	}
	j := entries[0]
	if j.Command != "failover on" || j.Customer != "44444" || j.Outcome != "ok" || j.Snapshot != res.Snapshot ||
		j.Reason != "INC-4711 exchange down" || j.APIUser != apiUser || len(j.RequestIDs) != 1 ||
		j.Counts["changed"] != toChange || j.Counts["after"] != members || len(j.Scope.Groups) != 1 {
		t.Errorf("journal entry: %+v", j)
	}
}

func TestOffForGroups(t *testing.T) {
	e := newEnv(t)
	if _, err := e.Client().SetCustomerFlag(context.Background(), "44444", gen.Failover, true, nil); err != nil {
		t.Fatal(err)
	}
	before := e.export("44444")
	r := e.run(context.Background(), runOpts{yes: true}, "off", "44444", "--group", "emea", "--group", "americas")
	if r.err != nil {
		t.Fatalf("failover off: %v\n%s", r.err, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("table format wrote to stdout: %q", r.stdout)
	}
	for i, u := range e.export("44444") {
		want := before[i].Status.Failover && !inGroup(before[i], "emea") && !inGroup(before[i], "americas")
		if u.Status.Failover != want || u.Status.Access != before[i].Status.Access {
			t.Errorf("%s: failover %v access %v", u.User, u.Status.Failover, u.Status.Access)
		}
	}
	snaps := e.snapshots()
	if len(snaps) != 1 || !strings.HasSuffix(snaps[0], "-44444-off.json") {
		t.Errorf("snapshots %v", snaps)
	}
	for _, want := range []string{"members of groups emea, americas in 44444", "verified:", "undo with:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// Named users are switched one by one, only those that need it; %40 is accepted.
func TestOnForNamedUsers(t *testing.T) {
	e := newEnv(t)
	before := e.export("44444")
	a, b := before[0].User, before[1].User
	if _, err := e.Client().SetUserFlag(context.Background(), "44444", b, gen.Failover, true); err != nil {
		t.Fatal(err)
	}
	before = e.export("44444")
	typed := strings.Replace(a, "@", "%40", 1)
	r := e.run(context.Background(), runOpts{output: "json", yes: true}, "on", "44444", "--user", typed, "--user", b, "--user", a)
	if r.err != nil {
		t.Fatalf("failover on --user: %v\n%s", r.err, r.stderr)
	}
	res := mustJSON[switchJSON](t, r.stdout)
	if res.Before.InScope != 2 || res.ToChange != 1 || res.Changed != 1 || res.After.Failover != 2 {
		t.Errorf("result %+v after %+v", res, res.After)
	}
	if len(res.Requests) != 1 || res.Requests[0] != "PUT /44444/"+a+"/failover" || len(res.RequestIDs) != 1 {
		t.Errorf("requests %v ids %v", res.Requests, res.RequestIDs)
	}
	for i, u := range e.export("44444") {
		want := before[i].Status
		if u.User == a {
			want.Failover = true
		}
		if u.Status != want {
			t.Errorf("%s: %+v, want %+v", u.User, u.Status, want)
		}
	}
	snap := mustJSON[snapshotJSON](t, readFile(t, res.Snapshot))
	if len(snap.Users) != 2 || snap.Users[0].User != a || snap.Users[0].Failover || snap.Users[1].User != b || !snap.Users[1].Failover {
		t.Errorf("snapshot users %+v", snap.Users)
	}
}

func TestDryRunSendsNoChange(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{output: "json"}, "on", "44444", "--group", "emea", "--dry-run")
	if r.err != nil {
		t.Fatalf("dry run: %v\n%s", r.err, r.stderr)
	}
	if n := e.Mock.Changes(); n != 0 {
		t.Errorf("mock applied %d changes", n)
	}
	res := mustJSON[switchJSON](t, r.stdout)
	if !res.DryRun || res.ToChange == 0 || res.Changed != 0 || res.Snapshot != "" ||
		len(res.Requests) != 1 || res.Requests[0] != "PUT /44444/failover?group=emea" {
		t.Errorf("dry run result %+v", res)
	}
	if len(e.snapshots()) != 0 || len(e.Journal()) != 0 {
		t.Error("a dry run wrote a snapshot or a journal line")
	}
	if !strings.Contains(r.stderr, "nothing was changed") {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	// Named users: the per-user requests that would be sent.
	u := e.export("44444")[3].User
	r = e.run(context.Background(), runOpts{output: "json"}, "off", "44444", "--user", u, "--dry-run")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if e.Mock.Changes() != 0 {
		t.Error("dry run changed something")
	}
}

// Everything is checked before the first request: exit 2 and nothing sent.
func TestInvalidArgumentsSendNothing(t *testing.T) {
	e := newEnv(t)
	groups17 := []string{"on", "44444"}
	for i := range 17 {
		groups17 = append(groups17, "--group", "g"+string(rune('a'+i)))
	}
	for _, args := range [][]string{
		{"on", "44444", "--group", "emea", "--user", "a@example.com"},
		{"on", "4444"},
		{"on", "44444", "--user", "not-an-address"},
		{"on", "44444", "--group", ""},
		groups17,
		{"off", "44444", "55555"},
		{"on", "44444", "--reason", strings.Repeat("x", 1001)},
		{"drill", "44444"},
		{"drill", "44444", "--group", "emea", "--hold", "0s"},
		{"drill", "44444", "--group", "emea", "--hold", "-1s"},
		{"restore"},
		{"restore", filepath.Join(t.TempDir(), "missing.json")},
	} {
		r := e.run(context.Background(), runOpts{yes: true}, args...)
		if code := cmdtest.MustExitCode(t, r.err); code != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, code, r.err)
		}
	}
	if n := e.Mock.Requests(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

func TestNothingToChange(t *testing.T) {
	e := newEnv(t)
	if r := e.run(context.Background(), runOpts{yes: true}, "on", "44444", "--group", "emea"); r.err != nil {
		t.Fatal(r.err)
	}
	changes := e.Mock.Changes()
	r := e.run(context.Background(), runOpts{yes: true}, "on", "44444", "--group", "emea")
	if r.err != nil || !strings.Contains(r.stderr, "nothing to change") {
		t.Fatalf("second on: %v\n%s", r.err, r.stderr)
	}
	if e.Mock.Changes() != changes || len(e.snapshots()) != 1 || len(e.Journal()) != 1 {
		t.Error("a change that changes nothing sent a request, took a snapshot or wrote a journal line")
	}
}

// A mistyped group must not look like a successful failover.
func TestNoUsersInScope(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{yes: true}, "on", "44444", "--group", "emae")
	if r.code() != 5 || !strings.Contains(r.err.Error(), "no users in scope") {
		t.Errorf("exit %d: %v", r.code(), r.err)
	}
	r = e.run(context.Background(), runOpts{yes: true}, "on", "44444", "--user", "nobody@nowhere.example")
	if r.code() != 5 {
		t.Errorf("unknown user: exit %d: %v", r.code(), r.err)
	}
	if e.Mock.Changes() != 0 || len(e.snapshots()) != 0 {
		t.Error("something was changed")
	}
}

func TestPromptOnTerminal(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{tty: true, stdin: "n\n"}, "on", "44444", "--group", "emea")
	if r.code() != 3 {
		t.Errorf("declined: exit %d (%v)", r.code(), r.err)
	}
	if !strings.Contains(r.stderr, "Switch failover on for") {
		t.Errorf("no question on stderr:\n%s", r.stderr)
	}
	if e.Mock.Changes() != 0 || len(e.snapshots()) != 0 {
		t.Error("declined, but something changed")
	}
	r = e.run(context.Background(), runOpts{tty: true, stdin: "y\n"}, "on", "44444", "--group", "emea")
	if r.err != nil || e.Mock.Changes() == 0 {
		t.Errorf("accepted: %v, %d changes", r.err, e.Mock.Changes())
	}
}

// Without a terminal, a flag change goes ahead (it is reversible) and says so.
func TestNoPromptWithoutTerminal(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{}, "on", "44444", "--group", "emea")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !strings.Contains(r.stderr, "not asking") {
		t.Errorf("stderr does not say it did not ask:\n%s", r.stderr)
	}
}

// The numbers must be true: a server that answers 200 but changes nothing fails the
// verification with exit 1, and the journal says so.
func TestVerificationFailure(t *testing.T) {
	e := newEnv(t)
	e.setWrap(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut && r.URL.Path == "/44444/failover" {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"id":"fake-1","timestamp":"2026-01-01T00:00:00Z","affectedUsers":9}`))
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	r := e.run(context.Background(), runOpts{yes: true, output: "json"}, "on", "44444", "--group", "emea")
	if r.code() != 1 || !strings.Contains(r.err.Error(), "verification failed") {
		t.Fatalf("exit %d: %v", r.code(), r.err)
	}
	res := mustJSON[switchJSON](t, r.stdout)
	if res.After == nil || res.After.Failover != res.Before.Failover {
		t.Errorf("result %+v", res)
	}
	j := e.Journal()
	if len(j) != 1 || j[0].Outcome != "failed" || !strings.Contains(j[0].Error, "verification failed") {
		t.Errorf("journal %+v", j)
	}
}

// Per-user requests: one failing user does not stop the others; exit 6, journal "partial".
func TestNamedUsersPartialFailure(t *testing.T) {
	e := newEnv(t)
	users := e.export("44444")
	var targets []string
	for _, u := range users {
		if !u.Status.Failover && len(targets) < 3 {
			targets = append(targets, u.User)
		}
	}
	bad := targets[1]
	e.setWrap(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut && r.URL.Path == "/44444/"+bad+"/failover" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`{"id":"x","timestamp":"2026-01-01T00:00:00Z","status":500,"message":"boom"}`))
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	args := []string{"on", "44444"}
	for _, u := range targets {
		args = append(args, "--user", u)
	}
	r := e.run(context.Background(), runOpts{yes: true}, args...)
	if r.code() != 6 {
		t.Fatalf("exit %d: %v", r.code(), r.err)
	}
	for _, u := range e.export("44444") {
		switch u.User {
		case targets[0], targets[2]:
			if !u.Status.Failover {
				t.Errorf("%s not switched", u.User)
			}
		case bad:
			if u.Status.Failover {
				t.Errorf("%s switched", u.User)
			}
		}
	}
	j := e.Journal()
	if len(j) != 1 || j[0].Outcome != "partial" || j[0].Counts["failed"] != 1 || j[0].Counts["changed"] != 2 {
		t.Errorf("journal %+v", j)
	}
}

func TestCustomerWide(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{yes: true, output: "json"}, "on", "44444")
	if r.err != nil {
		t.Fatal(r.err)
	}
	res := mustJSON[switchJSON](t, r.stdout)
	if res.Requests[0] != "PUT /44444/failover" || res.After.Failover != int64(len(e.export("44444"))) {
		t.Errorf("result %+v", res)
	}
	if n := e.count("55555", client.Filter{Failover: ptr(true)}); n != 0 {
		t.Errorf("55555 has %d users in failover", n)
	}
}

func ptr[T any](v T) *T { return &v }
