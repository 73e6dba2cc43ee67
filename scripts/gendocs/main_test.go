package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden help files in testdata/help")

// TestEveryCommandIsDocumented holds every command to the help conventions: a Short, a
// Long and an Example whose lines are command lines running ecctl ("  $ ..."), their
// continuations, or "  # " comments.
func TestEveryCommandIsDocumented(t *testing.T) {
	for _, c := range commands(newRoot()) {
		path := c.CommandPath()
		if strings.TrimSpace(c.Short) == "" {
			t.Errorf("%s: no Short", path)
		}
		if strings.TrimSpace(c.Long) == "" {
			t.Errorf("%s: no Long", path)
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no Example", path)
			continue
		}
		continued := false
		for _, line := range strings.Split(c.Example, "\n") {
			ok := continued || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "  # ") ||
				(strings.HasPrefix(line, "  $ ") && strings.Contains(line, "ecctl "))
			if !ok {
				t.Errorf("%s: example line %q is neither a command line (\"  $ ... ecctl ...\"), its continuation, nor a \"  # \" comment", path, line)
			}
			continued = strings.HasSuffix(line, "\\")
		}
	}
}

// TestHelpGolden compares `ecctl ... --help` of every command with testdata/help/*.txt.
// After a deliberate change of help texts or flags: go test ./scripts/gendocs -update.
func TestHelpGolden(t *testing.T) {
	dir := filepath.Join("testdata", "help")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for _, c := range commands(newRoot()) {
		name := strings.ReplaceAll(c.CommandPath(), " ", "_") + ".txt"
		want = append(want, name)
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		t.Run(name, func(t *testing.T) {
			got := help(t, args)
			golden := filepath.Join(dir, name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			expected, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(expected) {
				t.Errorf("ecctl %s differs from %s (run with -update after a deliberate change):\n%s",
					strings.Join(args, " "), golden, got)
			}
		})
	}

	// Golden files of commands that no longer exist.
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if slices.Contains(want, filepath.Base(file)) {
			continue
		}
		if *update {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s belongs to no command (run with -update to remove it)", file)
	}
}

// help runs ecctl with args the way the binary does and returns what it printed.
func help(t *testing.T, args []string) string {
	t.Helper()
	f, ios := newFactory()
	if code := cli.Run(args, f); code != 0 {
		t.Fatalf("ecctl %s exited with %d: %s", strings.Join(args, " "), code, ios.ErrOut)
	}
	if s := ios.ErrOut.(*bytes.Buffer).String(); s != "" {
		t.Errorf("ecctl %s wrote to stderr: %s", strings.Join(args, " "), s)
	}
	return ios.Out.(*bytes.Buffer).String()
}

// TestGenerate writes the reference into a fresh directory: one page per command, the
// index ecctl.md linking the top-level commands, no date stamp, stale pages removed.
func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "ecctl_removed.md")
	other := filepath.Join(dir, "README.md")
	for _, name := range []string{stale, other} {
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale page kept (stat: %v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file that is not a command page was touched: %v", err)
	}
	cmds := commands(newRoot())
	pages, err := filepath.Glob(filepath.Join(dir, "ecctl*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(cmds) {
		t.Errorf("%d pages for %d commands", len(pages), len(cmds))
	}
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("Auto generated")) {
			t.Errorf("%s carries a date stamp", page)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, "ecctl.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cmds[0].Commands() {
		if c.IsAvailableCommand() && !bytes.Contains(index, []byte("(ecctl_"+c.Name()+".md)")) {
			t.Errorf("ecctl.md does not link %s", c.Name())
		}
	}
}
