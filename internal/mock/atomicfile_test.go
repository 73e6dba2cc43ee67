package mock

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A write that fails half way (the process "crashes" inside writeAtomic) never touches
// the state file and leaves no temporary file.
func TestWriteAtomicFailureKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := os.WriteFile(path, []byte("old complete state\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	crash := errors.New("simulated crash")
	err := writeAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("new half-written state ", 10000)); err != nil {
			return err
		}
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatalf("err %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old complete state\n" {
		t.Errorf("state file now %q", got[:min(len(got), 40)])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after the failed write", len(entries))
	}
}

const (
	crashHelperEnv = "ECMOCK_CRASH_HELPER_STATE"
	crashUsers     = 5000
)

// TestCrashHelper is the child of TestKilledWriterNeverCorruptsTheStateFile: it changes
// the data and writes the state file as fast as it can until it is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashHelperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := New(Options{StatePath: path, Seed: crashUsers})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		s.store.setFlag("44444", query{}, flagFailover, i%2 == 0)
		if err := s.Flush(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
	}
}

// A writer killed with SIGKILL at a random moment (mostly in the middle of writing a
// 5,000-user snapshot) leaves a state file that loads completely.
func TestKilledWriterNeverCorruptsTheStateFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	midWrite := 0
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "state.json")
		cmd := exec.Command(exe, "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), crashHelperEnv+"="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(path); err == nil {
				break
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatal("the helper never wrote the state file")
			}
		}
		time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".state.json.tmp-*")); len(leftovers) > 0 {
			midWrite++
		}

		s, err := New(Options{StatePath: path})
		if err != nil {
			t.Fatalf("round %d: the state file left by a killed writer does not load: %v", round, err)
		}
		if n := s.store.count("44444", query{}); n != crashUsers {
			t.Errorf("round %d: %d users loaded, want %d", round, n, crashUsers)
		}
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}
	// Writing is most of the helper's time; if no kill landed in a write, the test
	// proved nothing.
	if midWrite == 0 {
		t.Error("no kill happened while a temporary file was being written")
	}
	t.Logf("%d of 5 kills landed in the middle of a write", midWrite)
}
