package failover

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/validate"
)

// snapshotVersion is the format version written into every snapshot; restore refuses
// other versions rather than guess.
const snapshotVersion = 1

// snapshotDir is the directory below the state directory that holds the snapshots.
const snapshotDir = "snapshots"

// Snapshot is the state of every in-scope user's failover and access flags before a change,
// written to $XDG_STATE_HOME/ecctl/snapshots/<time>-<customer>-<kind>.json (mode 0600,
// directory 0700). It holds no secret: who made it (profile, endpoint, API user), when,
// why, and per user the two flags.
type Snapshot struct {
	Version  int       `json:"version"`
	Time     time.Time `json:"time"`
	Customer string    `json:"customer"`
	// Command is the command that took the snapshot: "failover on", "failover off",
	// "failover drill" or "failover restore" (the state a restore replaced).
	Command  string        `json:"command"`
	Scope    journal.Scope `json:"scope"`
	Reason   string        `json:"reason,omitempty"`
	Profile  string        `json:"profile"`
	Endpoint string        `json:"endpoint"`
	APIUser  string        `json:"apiUser"`
	Users    []UserFlags   `json:"users"`
}

// UserFlags are one user's settable flags.
type UserFlags struct {
	User     string `json:"user"`
	Failover bool   `json:"failover"`
	Access   bool   `json:"access"`
}

// listScope says whether the snapshot's users were found by a list pass (all users or
// groups), so that a restore can read them the same way.
func (s *Snapshot) listScope() bool { return s.Scope.All || len(s.Scope.Groups) > 0 }

// writeSnapshot writes snap atomically into stateDir/snapshots and returns its path. kind
// ("on", "off", "restore") ends the file name. The file is complete or absent: it is
// written to a temporary file, synced, and linked to its name, so that an existing
// snapshot is never overwritten (a second one in the same millisecond gets a suffix).
func writeSnapshot(stateDir string, snap *Snapshot, kind string) (string, error) {
	dir := filepath.Join(stateDir, snapshotDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("writing the snapshot: %w", err)
	}
	// MkdirAll leaves an existing directory's mode alone; snapshots name users.
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("writing the snapshot: %w", err)
	}
	data, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		return "", fmt.Errorf("writing the snapshot: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".snapshot-*.tmp") // mode 0600
	if err != nil {
		return "", fmt.Errorf("writing the snapshot: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(append(data, '\n'))
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return "", fmt.Errorf("writing the snapshot %s: %w", tmp.Name(), err)
	}
	base := snap.Time.UTC().Format("20060102T150405.000Z") + "-" + snap.Customer + "-" + kind
	for i := 1; ; i++ {
		name := base + ".json"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.json", base, i)
		}
		path := filepath.Join(dir, name)
		err := os.Link(tmp.Name(), path)
		if err != nil && !errors.Is(err, os.ErrExist) {
			// No hard links on this file system (some network and FUSE ones): rename,
			// after making sure the name is free.
			switch _, serr := os.Lstat(path); {
			case serr == nil:
				err = os.ErrExist
			case errors.Is(serr, os.ErrNotExist):
				err = os.Rename(tmp.Name(), path)
			}
		}
		if err == nil {
			syncDir(dir)
			return path, nil
		}
		if !errors.Is(err, os.ErrExist) || i >= 100 {
			return "", fmt.Errorf("writing the snapshot %s: %w", path, err)
		}
	}
}

// syncDir makes the new directory entry durable. Some systems cannot sync a directory;
// the file itself is synced already, so a failure here is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// readSnapshot reads and checks a snapshot file. Every problem is an error naming the
// file: a restore must not act on a snapshot it does not fully understand.
func readSnapshot(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the snapshot: %w", err)
	}
	var snap Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return nil, fmt.Errorf("snapshot %s: not a snapshot file: %w", path, err)
	}
	if err := snap.check(); err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return &snap, nil
}

func (s *Snapshot) check() error {
	if s.Version != snapshotVersion {
		return fmt.Errorf("format version %d, this ecctl reads version %d", s.Version, snapshotVersion)
	}
	if err := validate.Customer(s.Customer); err != nil {
		return err
	}
	if err := validate.GroupFilter(s.Scope.Groups); err != nil {
		return fmt.Errorf("scope: %w", err)
	}
	seen := make(map[string]bool, len(s.Users))
	for i, u := range s.Users {
		if err := validate.UserAddress(u.User); err != nil {
			return fmt.Errorf("users[%d]: %w", i, err)
		}
		if seen[u.User] {
			return fmt.Errorf("users[%d]: %s is listed twice", i, u.User)
		}
		seen[u.User] = true
	}
	return nil
}
