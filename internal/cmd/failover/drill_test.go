package failover_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/client"
)

type drillJSON struct {
	Customer string `json:"customer"`
	Outcome  string `json:"outcome"`
	Hold     string `json:"hold"`
	Snapshot string `json:"snapshot"`
	Steps    []struct {
		Step       string  `json:"step"`
		Outcome    string  `json:"outcome"`
		DurationMs float64 `json:"durationMs"`
		Detail     string  `json:"detail"`
		Error      string  `json:"error"`
	} `json:"steps"`
	RequestIDs []string `json:"requestIds"`
}

func (d drillJSON) outcomes() []string {
	var out []string
	for _, s := range d.Steps {
		out = append(out, s.Step+":"+s.Outcome)
	}
	return out
}

func TestDrillLeavesStateIdentical(t *testing.T) {
	e := newEnv(t)
	before := usersJSON(t, e.export("44444"))
	r := e.run(context.Background(), runOpts{yes: true, output: "json"}, "drill", "44444", "--group", "emea", "--hold", "50ms", "--reason", "quarterly drill")
	if r.err != nil {
		t.Fatalf("drill: %v\n%s", r.err, r.stderr)
	}
	if got := usersJSON(t, e.export("44444")); got != before {
		t.Error("the drill did not leave the users as they were")
	}
	res := mustJSON[drillJSON](t, r.stdout)
	want := []string{"preview:ok", "on:ok", "verify on:ok", "hold:ok", "restore:ok", "verify restore:ok"}
	if res.Outcome != "ok" || !slices.Equal(res.outcomes(), want) || len(res.RequestIDs) != 2 || res.Hold != "50ms" {
		t.Errorf("report %+v, steps %v", res, res.outcomes())
	}
	if hold := res.Steps[3]; hold.DurationMs < 50 {
		t.Errorf("hold lasted %vms", hold.DurationMs)
	}
	var commands []string
	for _, j := range e.Journal() {
		commands = append(commands, j.Command+":"+j.Outcome)
		if j.Reason != "quarterly drill" || j.Snapshot != res.Snapshot {
			t.Errorf("journal entry %+v", j)
		}
	}
	if w := []string{"failover drill: on:ok", "failover drill: restore:ok", "failover drill:ok"}; !slices.Equal(commands, w) {
		t.Errorf("journal %v, want %v", commands, w)
	}

	// The table report: one row per step.
	r = e.run(context.Background(), runOpts{yes: true}, "drill", "44444", "--group", "emea", "--hold", "1ms")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, step := range []string{"STEP", "preview", "verify on", "hold", "verify restore"} {
		if !strings.Contains(r.stdout, step) {
			t.Errorf("table lacks %q:\n%s", step, r.stdout)
		}
	}
}

// Ctrl-C during the hold cancels the command's context: the drill still restores, on a
// context of its own, and then returns the cancellation (the CLI exits 130).
func TestDrillInterruptedDuringHoldRestores(t *testing.T) {
	e := newEnv(t)
	before := usersJSON(t, e.export("44444"))
	members := e.count("44444", client.Filter{Groups: []string{"emea"}})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan result, 1)
	stderr := newWatchWriter("holding failover on")
	go func() {
		done <- e.run(ctx, runOpts{yes: true, output: "json", watch: stderr}, "drill", "44444", "--group", "emea", "--hold", "1h")
	}()
	select {
	case <-stderr.seen:
	case r := <-done:
		t.Fatalf("the drill ended before its hold: %v\n%s", r.err, r.stderr)
	case <-time.After(10 * time.Second):
		t.Fatal("the drill never started its hold")
	}
	on := true
	if n := e.count("44444", client.Filter{Groups: []string{"emea"}, Failover: &on}); n != members {
		t.Fatalf("during the hold %d of %d members have failover on", n, members)
	}
	cancel()
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the drill did not end after the cancellation")
	}
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", r.err)
	}
	if got := usersJSON(t, e.export("44444")); got != before {
		t.Error("the interrupted drill did not restore the users")
	}
	res := mustJSON[drillJSON](t, r.stdout)
	want := []string{"preview:ok", "on:ok", "verify on:ok", "hold:interrupted", "restore:ok", "verify restore:ok"}
	if res.Outcome != "interrupted" || !slices.Equal(res.outcomes(), want) {
		t.Errorf("outcome %s, steps %v", res.Outcome, res.outcomes())
	}
	j := e.Journal()
	if len(j) != 3 || j[1].Command != "failover drill: restore" || j[1].Outcome != "ok" || j[2].Outcome != "interrupted" {
		t.Errorf("journal %+v", j)
	}
}

// A failed verification skips the hold but still restores, and the drill fails.
func TestDrillRestoresAfterFailedStep(t *testing.T) {
	e := newEnv(t)
	before := usersJSON(t, e.export("44444"))
	// The group-wide PUT switches only one member: the verification finds the rest off.
	members := e.export("44444")
	var first string
	for _, u := range members {
		if inGroup(u, "emea") {
			first = u.User
			break
		}
	}
	c := e.Client()
	e.setWrap(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut && r.URL.Path == "/44444/failover" {
				if _, err := c.SetUserFlag(r.Context(), "44444", first, "failover", true); err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"id":"fake","timestamp":"2026-01-01T00:00:00Z","affectedUsers":1}`))
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	r := e.run(context.Background(), runOpts{yes: true, output: "json"}, "drill", "44444", "--group", "emea", "--hold", "1h")
	if r.code() != 1 {
		t.Fatalf("exit %d: %v", r.code(), r.err)
	}
	res := mustJSON[drillJSON](t, r.stdout)
	want := []string{"preview:ok", "on:ok", "verify on:failed", "hold:skipped", "restore:ok", "verify restore:ok"}
	if res.Outcome != "failed" || !slices.Equal(res.outcomes(), want) {
		t.Errorf("outcome %s steps %v", res.Outcome, res.outcomes())
	}
	if got := usersJSON(t, e.export("44444")); got != before {
		t.Error("the failed drill did not restore the users")
	}
}

func TestDrillDryRun(t *testing.T) {
	e := newEnv(t)
	r := e.run(context.Background(), runOpts{output: "json"}, "drill", "44444", "--group", "emea", "--dry-run")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if e.Mock.Changes() != 0 || len(e.snapshots()) != 0 || len(e.Journal()) != 0 {
		t.Error("a dry-run drill changed something")
	}
	if res := mustJSON[drillJSON](t, r.stdout); len(res.Steps) != 1 || res.Steps[0].Step != "preview" {
		t.Errorf("steps %v", res.outcomes())
	}
}

// No password, no Authorization value, anywhere ecctl writes: stdout, stderr, journal,
// snapshots.
func TestNoSecretInOutputJournalOrSnapshots(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var outputs []string
	for _, args := range [][]string{
		{"on", "44444", "--group", "emea"},
		{"off", "44444", "--group", "emea", "--dry-run"},
		{"drill", "44444", "--group", "americas", "--hold", "1ms"},
		{"on", "44444", "--user", e.export("44444")[0].User},
	} {
		for _, format := range []string{"json", "table"} {
			r := e.run(ctx, runOpts{yes: true, output: format}, args...)
			if r.err != nil && !strings.Contains(r.stderr, "nothing to change") {
				t.Fatalf("%v: %v", args, r.err)
			}
			outputs = append(outputs, r.stdout, r.stderr)
		}
	}
	snaps := e.snapshots()
	r := e.run(ctx, runOpts{yes: true, output: "json"}, "restore", snaps[0])
	if r.err != nil {
		t.Fatal(r.err)
	}
	outputs = append(outputs, r.stdout, r.stderr)
	files, err := filepath.Glob(filepath.Join(e.StateDir(), "snapshots", "*"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(e.StateDir(), "journal.jsonl"))
	for _, f := range files {
		outputs = append(outputs, readFile(t, f))
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v)", f, fi.Mode().Perm(), err)
		}
	}
	if len(e.Journal()) < 5 {
		t.Errorf("journal has %d entries", len(e.Journal()))
	}
	for _, out := range outputs {
		for _, secret := range []string{apiPassword, "Authorization", `"password"`, `"token"`, "b3BzLWFkbWlu"} {
			if strings.Contains(out, secret) {
				t.Errorf("%q found in output:\n%s", secret, out)
			}
		}
	}
}
