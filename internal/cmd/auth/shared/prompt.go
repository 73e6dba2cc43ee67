// Package shared holds what the `ecctl auth` commands have in common: the line prompt of
// `auth login` and the credential check that `auth login` and `auth status` both make.
package shared

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecctl/ecctl/internal/iostreams"
)

// Prompt asks question on ErrOut and reads one line from In, trimmed. A non-empty def is
// shown in brackets and is the answer to an empty line. End of input before an answer is
// iostreams.ErrNoAnswer. Callers check Factory.CanPrompt first: this reads whatever In is.
func Prompt(ios *iostreams.IOStreams, question, def string) (string, error) {
	if def != "" {
		question = fmt.Sprintf("%s [%s]", question, def)
	}
	if _, err := fmt.Fprintf(ios.ErrOut, "%s: ", question); err != nil {
		return "", fmt.Errorf("writing prompt: %w", err)
	}
	line, err := readLine(ios.In)
	if err != nil {
		fmt.Fprintln(ios.ErrOut) // the cursor is still on the prompt line
		return "", err
	}
	if answer := strings.TrimSpace(line); answer != "" {
		return answer, nil
	}
	return def, nil
}

// readLine reads up to and excluding the next newline one byte at a time, so that nothing
// beyond the line is consumed: the password is read from the same terminal right after.
func readLine(r io.Reader) (string, error) {
	var line []byte
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimSuffix(string(line), "\r"), nil
			}
			line = append(line, buf[0])
			continue
		}
		if errors.Is(err, io.EOF) {
			if len(line) == 0 {
				return "", iostreams.ErrNoAnswer
			}
			return strings.TrimSuffix(string(line), "\r"), nil
		}
		if err != nil {
			return "", fmt.Errorf("reading input: %w", err)
		}
	}
}
