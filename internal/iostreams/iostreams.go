// Package iostreams is the one place ecctl touches stdin, stdout and stderr.
// Data goes to Out; prompts, progress and warnings go to ErrOut. Whether each
// stream is a terminal is decided once, by System, and can be flipped by
// tests, so code that behaves differently on a terminal can be tested with
// plain buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// defaultWidth is assumed when stdout is not a terminal or its size is
// unknown: the classic terminal width, so piped table output is stable.
const defaultWidth = 80

// IOStreams holds the three standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY    bool
	stdoutTTY   bool
	stderrTTY   bool
	neverPrompt bool
}

// System returns the process's standard streams with terminal detection.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
}

// Test returns streams backed by buffers: nothing is a terminal until a test
// says so with SetStdinTTY, SetStdoutTTY or SetStderrTTY.
func Test() (ios *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// IsStdinTTY reports whether stdin is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdinTTY overrides terminal detection for stdin (tests).
func (s *IOStreams) SetStdinTTY(isTTY bool) { s.stdinTTY = isTTY }

// SetStdoutTTY overrides terminal detection for stdout (tests).
func (s *IOStreams) SetStdoutTTY(isTTY bool) { s.stdoutTTY = isTTY }

// SetStderrTTY overrides terminal detection for stderr (tests; it also makes
// progress bars render into the ErrOut buffer).
func (s *IOStreams) SetStderrTTY(isTTY bool) { s.stderrTTY = isTTY }

// TerminalWidth is the width of the terminal on stdout, or 80 when stdout is
// not a terminal or its size cannot be read.
func (s *IOStreams) TerminalWidth() int {
	if !s.stdoutTTY {
		return defaultWidth
	}
	f, ok := s.Out.(*os.File)
	if !ok {
		return defaultWidth
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		return defaultWidth
	}
	return width
}

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
