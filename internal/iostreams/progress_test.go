package iostreams

import (
	"strings"
	"sync"
	"testing"
)

func TestProgressSilentWhenStderrIsNotATerminal(t *testing.T) {
	ios, _, out, errOut := Test()
	p := ios.NewProgress(10, "Deleting")
	p.Add(5)
	p.Add(5)
	p.Finish()
	if errOut.Len() != 0 || out.Len() != 0 {
		t.Errorf("progress wrote stdout %q, stderr %q", out.String(), errOut.String())
	}
}

func TestProgressDrawsOnTerminalStderr(t *testing.T) {
	ios, _, out, errOut := Test()
	ios.SetStderrTTY(true)
	p := ios.NewProgress(4, "Creating users")
	for range 4 {
		p.Add(1)
	}
	p.Finish()
	got := errOut.String()
	if !strings.Contains(got, "Creating users") || !strings.Contains(got, "100%") || !strings.Contains(got, "(4/4)") {
		t.Errorf("bar output lacks label, 100%% or count:\n%q", got)
	}
	if !strings.HasSuffix(got, "\n") {
		t.Errorf("bar output does not end the line: %q", got)
	}
	if out.Len() != 0 {
		t.Errorf("progress wrote to stdout: %q", out.String())
	}
}

func TestProgressStoppedEarlyIsNotShownComplete(t *testing.T) {
	ios, _, _, errOut := Test()
	ios.SetStderrTTY(true)
	p := ios.NewProgress(10, "Updating")
	p.Add(3)
	p.Finish()
	got := errOut.String()
	if strings.Contains(got, "100%") {
		t.Errorf("aborted run shown as complete:\n%q", got)
	}
	if !strings.Contains(got, "(3/10)") || !strings.HasSuffix(got, "\n") {
		t.Errorf("aborted run should stay at 3/10 and end the line:\n%q", got)
	}
}

func TestProgressConcurrentAddAndOvershoot(t *testing.T) {
	ios, _, _, errOut := Test()
	ios.SetStderrTTY(true)
	const workers, each = 8, 50
	p := ios.NewProgress(workers*each-100, "Syncing")
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				p.Add(1)
			}
		})
	}
	wg.Wait()
	p.Finish()
	p.Finish() // a second Finish is harmless
	got := errOut.String()
	if !strings.Contains(got, "(300/300)") || strings.Contains(got, "(301/") {
		t.Errorf("bar did not stop at its total:\n%q", got)
	}
	if n := strings.Count(got, "\n"); n != 1 {
		t.Errorf("bar ended the line %d times, want once", n)
	}
}

func TestProgressUnknownTotal(t *testing.T) {
	ios, _, _, errOut := Test()
	ios.SetStderrTTY(true)
	p := ios.NewProgress(0, "Counting")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { p.Add(10) })
	}
	wg.Wait()
	p.Finish()
	got := errOut.String()
	if !strings.Contains(got, "Counting") || !strings.HasSuffix(got, "\n") {
		t.Errorf("spinner output:\n%q", got)
	}
}
