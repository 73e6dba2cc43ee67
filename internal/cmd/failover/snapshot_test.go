package failover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// Two snapshots in the same millisecond never overwrite each other, and what is read back
// is what was written.
func TestWriteSnapshotNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	on := true
	snap := &Snapshot{Version: snapshotVersion, Time: time.Date(2026, 3, 1, 8, 0, 0, 123e6, time.UTC), Customer: "44444AB",
		Command: "failover on", Users: []UserFlags{{User: "jane@example.com", Failover: false, Access: true}}}
	snap.Scope.Groups, snap.Scope.Flag, snap.Scope.Value = []string{"emea"}, "failover", &on
	var paths []string
	for range 3 {
		p, err := writeSnapshot(dir, snap, "on")
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	want := []string{"20260301T080000.123Z-44444AB-on.json", "20260301T080000.123Z-44444AB-on-2.json", "20260301T080000.123Z-44444AB-on-3.json"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("names %v, want %v", paths, want)
	}
	got, err := readSnapshot(filepath.Join(dir, snapshotDir, want[0]))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, snap) {
		t.Errorf("read back %+v, want %+v", got, snap)
	}
	entries, err := os.ReadDir(filepath.Join(dir, snapshotDir))
	if err != nil || len(entries) != 3 {
		t.Errorf("directory holds %d entries (%v), want the 3 snapshots only", len(entries), err)
	}
}

func TestWriteSnapshotTightensTheDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, snapshotDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, snapshotDir), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := writeSnapshot(dir, &Snapshot{Version: snapshotVersion, Customer: "44444", Users: []UserFlags{}}, "off")
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(filepath.Dir(p))
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v", fi.Mode().Perm())
	}
}

func TestReadSnapshotRefusesDuplicates(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.json")
	data := `{"version":1,"time":"2026-03-01T08:00:00Z","customer":"44444","command":"failover on","scope":{"all":true},
"profile":"default","endpoint":"http://x/","apiUser":"a","users":[{"user":"a@example.com","failover":true,"access":true},{"user":"a@example.com","failover":false,"access":true}]}`
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSnapshot(p); err == nil {
		t.Error("a snapshot naming a user twice was accepted")
	}
}
