package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAppendWritesPrivateLinesThatReadBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "ecctl")
	on := true
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	entries := []Entry{
		{Time: t0, Customer: "44444", Command: "flag set", Scope: Scope{Groups: []string{"emea"}, Flag: "failover", Value: &on}, Counts: map[string]int64{"affectedUsers": 3}, RequestIDs: []string{"r1"}, Outcome: "ok"},
		{Time: t0.Add(time.Hour), Customer: "44444", Command: "users delete", Scope: UsersScope([]string{"a@b.example"}), Outcome: "partial", Reason: "left"},
	}
	for _, e := range entries {
		if err := Append(dir, e); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, FileName): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	got, err := Read(dir, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Command != "flag set" || *got[0].Scope.Value != true || got[1].Scope.Users[0] != "a@b.example" {
		t.Fatalf("read back %+v", got)
	}
	since, err := Read(dir, t0.Add(30*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(since) != 1 || since[0].Command != "users delete" {
		t.Fatalf("since filter kept %+v", since)
	}
}

func TestReadMissingJournalIsEmpty(t *testing.T) {
	got, err := Read(t.TempDir(), time.Time{})
	if err != nil || len(got) != 0 {
		t.Fatalf("Read of no journal = %v, %v", got, err)
	}
}

func TestReadNamesTheBrokenLine(t *testing.T) {
	dir := t.TempDir()
	content := `{"time":"2026-12-03T10:00:00Z","command":"flag set","outcome":"ok","scope":{}}` + "\n\nnot json\n"
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Read(dir, time.Time{})
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("err = %v, want it to name line 3", err)
	}
}

func TestUsersScopeCountsLongLists(t *testing.T) {
	many := make([]string, maxUsersListed+1)
	for i := range many {
		many[i] = "u@x.example"
	}
	if s := UsersScope(many); s.Users != nil || s.UserCount != len(many) {
		t.Fatalf("UsersScope(%d users) = %+v, want a count only", len(many), s)
	}
	if s := UsersScope(many[:2]); len(s.Users) != 2 || s.UserCount != 0 {
		t.Fatalf("UsersScope(2 users) = %+v, want the list", s)
	}
}
