package journalcmd_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	journalcmd "github.com/ecctl/ecctl/internal/cmd/journal"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/journal"
)

// now is the test's fixed clock.
func now() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }

type fixture struct {
	t    *testing.T
	home string
}

func newFixture(t *testing.T, entries ...journal.Entry) *fixture {
	t.Helper()
	fx := &fixture{t: t, home: t.TempDir()}
	for _, e := range entries {
		if err := journal.Append(fx.stateDir(), e); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

func (fx *fixture) stateDir() string { return filepath.Join(fx.home, "state", "ecctl") }

func (fx *fixture) run(output string, args ...string) (string, string, error) {
	fx.t.Helper()
	ios, _, out, errOut := iostreams.Test()
	vars := map[string]string{
		"HOME": fx.home, "XDG_CONFIG_HOME": filepath.Join(fx.home, "config"),
		"XDG_STATE_HOME": filepath.Join(fx.home, "state"), "ECCTL_OUTPUT": output,
	}
	f := &cmdutil.Factory{IOStreams: ios, Getenv: func(k string) string { return vars[k] }, Now: now}
	cmd := journalcmd.NewCmd(f)
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func entries() []journal.Entry {
	on := true
	users := make([]string, 5)
	for i := range users {
		users[i] = fmt.Sprintf("user%d@example.com", i)
	}
	return []journal.Entry{
		{Time: now().Add(-48 * time.Hour), Profile: "default", Endpoint: "https://api.example/", APIUser: "ops",
			Customer: "44444", Command: "failover on", Scope: journal.Scope{Groups: []string{"emea", "nordics"}, Flag: "failover", Value: &on},
			Counts: map[string]int64{"changed": 7, "before": 2}, RequestIDs: []string{"r1"}, Reason: "INC-4711", Outcome: "ok",
			Snapshot: "/s/1.json"},
		{Time: now().Add(-2 * time.Hour), Customer: "44444", Command: "failover restore",
			Scope: journal.Scope{Groups: []string{"emea"}}, Outcome: "partial", Error: "2 of 7 failed"},
		{Time: now().Add(-time.Hour), Customer: "55555", Command: "flag set", Scope: journal.Scope{Users: users, Flag: "access", Value: &on},
			Outcome: "ok", Reason: "\x1b[31mred\x1b[0m"},
		{Time: now().Add(-30 * time.Minute), Customer: "55555", Command: "users delete", Scope: journal.Scope{UserCount: 250}, Outcome: "ok"},
		{Time: now().Add(-10 * time.Minute), Customer: "44444", Command: "failover on", Scope: journal.Scope{All: true, Flag: "failover", Value: &on}, Outcome: "failed"},
	}
}

func TestTable(t *testing.T) {
	fx := newFixture(t, entries()...)
	out, _, err := fx.run("table")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for i, want := range []string{
		"TIME", "2026-02-28 12:00:00Z   failover on",
		"failover restore", "flag set", "users delete", "failover on",
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d lacks %q: %s", i, want, lines[i])
		}
	}
	for _, want := range []string{
		"groups emea, nordics: failover=on", "before=2 changed=7", "INC-4711",
		"user0@example.com, user1@example.com, user2@example.com +2 more: access=on",
		"250 users", "all users: failover=on", "partial",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("a control character from the journal reached the terminal")
	}
}

func TestJSONAndJSONL(t *testing.T) {
	fx := newFixture(t, entries()...)
	out, _, err := fx.run("json")
	if err != nil {
		t.Fatal(err)
	}
	var got []journal.Entry
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || got[0].Snapshot != "/s/1.json" || got[1].Error != "2 of 7 failed" || got[3].Scope.UserCount != 250 {
		t.Errorf("json: %+v", got)
	}

	out, _, err = fx.run("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("jsonl: %d lines", len(lines))
	}
	var e journal.Entry
	if err := json.Unmarshal([]byte(lines[2]), &e); err != nil || e.Command != "flag set" {
		t.Errorf("jsonl line 3: %v %+v", err, e)
	}
}

func TestSince(t *testing.T) {
	fx := newFixture(t, entries()...)
	for since, want := range map[string]int{
		"24h": 4, "90m": 3, "5m": 0, "2026-03-02T11:20:00Z": 2, "2026-03-02T12:20:00+01:00": 2, "2026-03-01": 4, "2000-01-01": 5,
	} {
		out, _, err := fx.run("json", "--since", since)
		if err != nil {
			t.Fatalf("--since %s: %v", since, err)
		}
		var got []journal.Entry
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("--since %s: %v\n%s", since, err, out)
		}
		if len(got) != want {
			t.Errorf("--since %s: %d entries, want %d", since, len(got), want)
		}
	}
	for _, bad := range []string{"yesterday", "-1h", "0s", "2026-13-01"} {
		_, _, err := fx.run("json", "--since", bad)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("--since %s: %v, want a usage error", bad, err)
		}
	}
}

func TestEmpty(t *testing.T) {
	fx := newFixture(t)
	out, _, err := fx.run("json")
	if err != nil || out != "[]\n" {
		t.Errorf("json: %v %q", err, out)
	}
	out, errOut, err := fx.run("table")
	if err != nil || out != "" || !strings.Contains(errOut, "no changes recorded") {
		t.Errorf("table: %v %q %q", err, out, errOut)
	}
	out, _, err = fx.run("jsonl")
	if err != nil || out != "" {
		t.Errorf("jsonl: %v %q", err, out)
	}
	out, errOut, err = fx.run("table", "--since", "1h")
	if err != nil || out != "" || !strings.Contains(errOut, "since 2026-03-02T11:00:00Z") {
		t.Errorf("table since: %v %q %q", err, out, errOut)
	}
}

func TestBrokenJournal(t *testing.T) {
	fx := newFixture(t, entries()[0])
	if err := appendRaw(fx.stateDir(), "not json\n"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fx.run("json"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %v, want one naming line 2", err)
	}
}

func appendRaw(dir, line string) error {
	f, err := os.OpenFile(filepath.Join(dir, journal.FileName), os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(line)
	return errors.Join(err, f.Close())
}
