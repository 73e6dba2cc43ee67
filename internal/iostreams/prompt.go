package iostreams

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// ErrNoAnswer is returned when input ends before an answer was given.
var ErrNoAnswer = errors.New("no answer")

// ErrCannotPrompt is returned by Confirm (and ReadPassword on a terminal)
// when prompting is impossible or disabled. Callers decide beforehand with
// CanPrompt; this guard only makes sure nothing ever blocks on a pipe.
var ErrCannotPrompt = errors.New("cannot prompt: stdin or stderr is not a terminal, or prompts are disabled")

// SetNeverPrompt disables prompts (--no-input, ECCTL_NO_INPUT).
func (s *IOStreams) SetNeverPrompt(never bool) { s.neverPrompt = never }

// CanPrompt reports whether the user can be asked something: stdin and
// stderr are terminals and prompts are not disabled.
func (s *IOStreams) CanPrompt() bool {
	return s.stdinTTY && s.stderrTTY && !s.neverPrompt
}

// Confirm asks a yes/no question on ErrOut and reads the answer from In.
// It accepts y, yes, n and no in any case; an empty answer takes the
// default; anything else asks again. End of input is ErrNoAnswer.
func (s *IOStreams) Confirm(question string, defaultYes bool) (bool, error) {
	if !s.CanPrompt() {
		return false, ErrCannotPrompt
	}
	hint := "[y/N]"
	if defaultYes {
		hint = "[Y/n]"
	}
	for {
		if _, err := fmt.Fprintf(s.ErrOut, "%s %s: ", question, hint); err != nil {
			return false, fmt.Errorf("writing prompt: %w", err)
		}
		line, err := readLine(s.In)
		if err != nil {
			// The cursor is still on the prompt line; end it.
			fmt.Fprintln(s.ErrOut)
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "":
			return defaultYes, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		fmt.Fprintln(s.ErrOut, "Please answer y or n.")
	}
}

// ReadPassword reads a secret. When stdin is a terminal it prints prompt on
// ErrOut, reads without echo and ends the line afterwards. Otherwise (a pipe,
// `--password-stdin`) it reads one line from In without a prompt; the line
// ending (\n or \r\n) is removed and nothing else.
func (s *IOStreams) ReadPassword(prompt string) (string, error) {
	if !s.stdinTTY {
		return readLine(s.In)
	}
	if !s.CanPrompt() {
		return "", ErrCannotPrompt
	}
	if _, err := fmt.Fprint(s.ErrOut, prompt); err != nil {
		return "", fmt.Errorf("writing prompt: %w", err)
	}
	var password string
	var err error
	if f, ok := s.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var b []byte
		b, err = term.ReadPassword(int(f.Fd()))
		password = string(b)
		if err != nil {
			err = fmt.Errorf("reading password: %w", err)
		}
	} else {
		// A test that declared stdin a terminal without a real one.
		password, err = readLine(s.In)
	}
	// Echo was off, so the user's Enter did not move the cursor.
	fmt.Fprintln(s.ErrOut)
	return password, err
}

// readLine reads up to and excluding the next newline, one byte at a time:
// In may be read again later (a file on stdin after a prompt), so nothing
// beyond the line may be consumed. A trailing \r is removed. Input ending
// without a newline still yields its last line; input ending with nothing
// read is ErrNoAnswer.
func readLine(r io.Reader) (string, error) {
	var line []byte
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			line = append(line, buf[0])
			continue
		}
		if errors.Is(err, io.EOF) {
			if len(line) == 0 {
				return "", ErrNoAnswer
			}
			break
		}
		if err != nil {
			return "", fmt.Errorf("reading input: %w", err)
		}
	}
	return strings.TrimSuffix(string(line), "\r"), nil
}
