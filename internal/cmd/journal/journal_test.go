package journalcmd_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	journalcmd "github.com/ecctl/ecctl/internal/cmd/journal"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
)

// now is the test's fixed clock.
func now() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }

// fixture is a machine whose journal holds entries; every run is a fresh ecctl on it.
type fixture struct {
	*cmdtest.Env
}

func newFixture(t *testing.T, entries ...journal.Entry) *fixture {
	t.Helper()
	fx := &fixture{cmdtest.New(t)}
	for _, e := range entries {
		if err := journal.Append(fx.StateDir(), e); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

func (fx *fixture) run(output string, args ...string) (string, string, error) {
	r := fx.Again(cmdtest.WithOutput(output))
	r.F.Now = now
	err := r.Run(journalcmd.NewCmd(r.F), args...)
	return r.Out.String(), r.ErrOut.String(), err
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
		// Days: 24 hours each, alone or before Go's units.
		"7d": 5, "2d": 5, "1d": 4, "1d12h": 4, "0d61m": 3, "+1d": 4, "3650d": 5,
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
	for bad, reason := range map[string]string{
		"yesterday":        `--since "yesterday": want a duration back from now (90m, 24h, 7d, 1d12h), an RFC 3339 time`,
		"2026-13-01":       "want a duration back from now",
		"7days":            "want a duration back from now",
		"1.5d":             "want a duration back from now",
		"d":                "want a duration back from now",
		"1d-2h":            "want a duration back from now",
		"-1h":              "--since -1h: the duration must be positive",
		"-7d":              "--since -7d: the duration must be positive",
		"0s":               "must be positive",
		"0d":               "must be positive",
		"999999999999999d": "--since 999999999999999d: the duration is too long",
		"106751d24h":       "the duration is too long",
	} {
		_, _, err := fx.run("json", "--since", bad)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage || !strings.Contains(err.Error(), reason) {
			t.Errorf("--since %s: %v, want a usage error containing %q", bad, err, reason)
		}
	}
}

func TestCSVHasEmptyCellsWhereTheTableHasDashes(t *testing.T) {
	fx := newFixture(t, entries()...)
	out, _, err := fx.run("csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(rows) != 6 || strings.Join(rows[0], ",") != "TIME,COMMAND,CUSTOMER,SCOPE,COUNTS,OUTCOME,REASON" {
		t.Fatalf("csv:\n%s", out)
	}
	// failover restore: no counts, no reason.
	if got := strings.Join(rows[2][1:], "|"); got != "failover restore|44444|groups emea||partial|" {
		t.Errorf("row 2 = %q", got)
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell == "-" {
				t.Errorf("row %d, column %s is %q, want an empty cell", i, rows[0][j], cell)
			}
		}
	}

	// The table keeps its dashes, so that no column looks shifted.
	out, _, err = fx.run("table")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)failover restore\s+44444\s+groups emea\s+-\s+partial\s+-$`).MatchString(out) {
		t.Errorf("table:\n%s", out)
	}
}

func TestScopeText(t *testing.T) {
	off := false
	for _, tc := range []struct {
		scope journal.Scope
		want  string
	}{
		{journal.Scope{}, ""},
		{journal.Scope{Flag: "access", Value: &off}, "access=off"},
		{journal.Scope{Flag: "failover"}, "failover"},
		{journal.Scope{All: true, Flag: "access", Value: &off}, "all users: access=off"},
		{journal.Scope{UserCount: 3}, "3 users"},
	} {
		fx := newFixture(t, journal.Entry{Time: now(), Command: "x", Scope: tc.scope})
		out, _, err := fx.run("csv")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%+v: %v\n%s", tc.scope, err, out)
		}
		if rows[1][3] != tc.want {
			t.Errorf("%+v: scope %q, want %q", tc.scope, rows[1][3], tc.want)
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
	if err := appendRaw(fx.StateDir(), "not json\n"); err != nil {
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
