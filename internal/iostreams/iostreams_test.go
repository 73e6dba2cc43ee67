package iostreams

import (
	"testing"
)

func TestTestStreamsAreNotTerminals(t *testing.T) {
	ios, _, _, _ := Test()
	if ios.IsStdinTTY() || ios.IsStdoutTTY() || ios.IsStderrTTY() {
		t.Fatal("Test() streams claim to be terminals")
	}
	ios.SetStdinTTY(true)
	ios.SetStdoutTTY(true)
	ios.SetStderrTTY(true)
	if !ios.IsStdinTTY() || !ios.IsStdoutTTY() || !ios.IsStderrTTY() {
		t.Fatal("setters did not take effect")
	}
}

func TestTerminalWidthFallsBackTo80(t *testing.T) {
	ios, _, _, _ := Test()
	if got := ios.TerminalWidth(); got != 80 {
		t.Errorf("TerminalWidth() = %d for a pipe, want 80", got)
	}
	// Declared a terminal but backed by a buffer: the size cannot be read.
	ios.SetStdoutTTY(true)
	if got := ios.TerminalWidth(); got != 80 {
		t.Errorf("TerminalWidth() = %d for a buffer, want 80", got)
	}
}

func TestSystemUsesProcessStreams(t *testing.T) {
	ios := System()
	if ios.In == nil || ios.Out == nil || ios.ErrOut == nil {
		t.Fatal("System() left a stream nil")
	}
	// Under `go test` stdout is a pipe or file, never a terminal.
	if ios.IsStdoutTTY() {
		t.Skip("test stdout is a terminal")
	}
	if got := ios.TerminalWidth(); got != 80 {
		t.Errorf("TerminalWidth() = %d, want 80", got)
	}
}
