// Package journal keeps ecctl's audit trail: one JSON line per change ecctl made, appended to
// $XDG_STATE_HOME/ecctl/journal.jsonl (mode 0600). A line records who changed what, where and
// why, with the API's request ids; it never holds a password or a token.
package journal

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// FileName is the journal's name inside the state directory.
const FileName = "journal.jsonl"

// Entry is one change.
type Entry struct {
	Time     time.Time `json:"time"`
	Profile  string    `json:"profile"`
	Endpoint string    `json:"endpoint"`
	APIUser  string    `json:"apiUser"`
	Customer string    `json:"customer"`
	// Command is the ecctl command, e.g. "flag set", "users delete", "failover on".
	Command string `json:"command"`
	// Scope says whom the change was aimed at.
	Scope Scope `json:"scope"`
	// Counts are the numbers the command reported, e.g. {"requested":3,"applied":3}.
	Counts map[string]int64 `json:"counts,omitempty"`
	// RequestIDs are the ids of the API answers to the requests that changed something.
	RequestIDs []string `json:"requestIds,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	// Outcome is "ok", "partial", "failed" or "interrupted".
	Outcome string `json:"outcome"`
	Error   string `json:"error,omitempty"`
	// Snapshot is the path of the snapshot taken before a failover change.
	Snapshot string `json:"snapshot,omitempty"`
}

// Scope names the users a change was aimed at.
type Scope struct {
	All    bool     `json:"all,omitempty"`
	Groups []string `json:"groups,omitempty"`
	Users  []string `json:"users,omitempty"`
	// Flag is the flag changed ("failover", "access") and Value its new value.
	Flag  string `json:"flag,omitempty"`
	Value *bool  `json:"value,omitempty"`
	// UserCount is the number of users named when Users would be too long to list.
	UserCount int `json:"userCount,omitempty"`
}

// maxUsersListed bounds the addresses written into one line; larger changes give a count.
const maxUsersListed = 100

// UsersScope sets the scope to a list of users, or to their number when the list is long.
func UsersScope(users []string) Scope {
	if len(users) > maxUsersListed {
		return Scope{UserCount: len(users)}
	}
	return Scope{Users: users}
}

// Append writes e as one line to the journal in dir, creating it 0600.
func Append(dir string, e Entry) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("writing the journal: %w", err)
	}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("writing the journal: %w", err)
	}
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("writing the journal: %w", err)
	}
	// One write call per line: appends from concurrent ecctl processes do not interleave.
	_, werr := f.Write(append(line, '\n'))
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("writing the journal %s: %w", path, err)
	}
	return nil
}

// Read returns the entries of the journal in dir at or after since (zero: all), oldest
// first. A missing journal has no entries. A line that does not parse is an error naming it.
func Read(dir string, since time.Time) ([]Entry, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the journal: %w", err)
	}
	defer f.Close()
	return read(f, path, since)
}

func read(r io.Reader, path string, since time.Time) ([]Entry, error) {
	var entries []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, line, err)
		}
		if !e.Time.Before(since) {
			entries = append(entries, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return entries, nil
}
