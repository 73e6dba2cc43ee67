package iostreams

import (
	"errors"
	"strings"
	"testing"
)

func interactive(t *testing.T, input string) (*IOStreams, *strings.Builder) {
	t.Helper()
	ios, in, _, _ := Test()
	in.WriteString(input)
	ios.SetStdinTTY(true)
	ios.SetStderrTTY(true)
	errOut := &strings.Builder{}
	ios.ErrOut = errOut
	return ios, errOut
}

func TestCanPrompt(t *testing.T) {
	tests := []struct {
		stdin, stderr, never bool
		want                 bool
	}{
		{true, true, false, true},
		{false, true, false, false},
		{true, false, false, false},
		{true, true, true, false},
	}
	for _, tt := range tests {
		ios, _, _, _ := Test()
		ios.SetStdinTTY(tt.stdin)
		ios.SetStderrTTY(tt.stderr)
		ios.SetNeverPrompt(tt.never)
		if got := ios.CanPrompt(); got != tt.want {
			t.Errorf("stdin tty=%v stderr tty=%v never=%v: CanPrompt() = %v, want %v",
				tt.stdin, tt.stderr, tt.never, got, tt.want)
		}
	}
}

func TestConfirmAnswers(t *testing.T) {
	tests := []struct {
		input      string
		defaultYes bool
		want       bool
	}{
		{"y\n", false, true},
		{"YES\n", false, true},
		{"Yes\r\n", false, true},
		{"n\n", true, false},
		{"No\n", true, false},
		{"\n", false, false},
		{"\n", true, true},
		{"  y  \n", false, true},
		{"y", false, true}, // last line without newline
	}
	for _, tt := range tests {
		ios, _ := interactive(t, tt.input)
		got, err := ios.Confirm("Delete 3 users?", tt.defaultYes)
		if err != nil {
			t.Errorf("Confirm(%q, default %v): %v", tt.input, tt.defaultYes, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Confirm(%q, default %v) = %v, want %v", tt.input, tt.defaultYes, got, tt.want)
		}
	}
}

func TestConfirmPromptText(t *testing.T) {
	ios, errOut := interactive(t, "\n")
	if _, err := ios.Confirm("Delete 3 users?", false); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "Delete 3 users? [y/N]: " {
		t.Errorf("prompt = %q", got)
	}

	ios, errOut = interactive(t, "\n")
	if _, err := ios.Confirm("Continue?", true); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "Continue? [Y/n]: " {
		t.Errorf("prompt = %q", got)
	}
}

func TestConfirmAsksAgainOnNonsense(t *testing.T) {
	ios, errOut := interactive(t, "maybe\nyes\n")
	got, err := ios.Confirm("Proceed?", false)
	if err != nil || !got {
		t.Fatalf("Confirm = %v, %v; want true, nil", got, err)
	}
	if n := strings.Count(errOut.String(), "Proceed? [y/N]: "); n != 2 {
		t.Errorf("asked %d times, want 2; stderr:\n%s", n, errOut.String())
	}
	if !strings.Contains(errOut.String(), "Please answer y or n.") {
		t.Errorf("no hint after a bad answer; stderr:\n%s", errOut.String())
	}
}

func TestConfirmEOFIsNoAnswer(t *testing.T) {
	for _, input := range []string{"", "what\n"} {
		ios, _ := interactive(t, input)
		got, err := ios.Confirm("Proceed?", true)
		if !errors.Is(err, ErrNoAnswer) || got {
			t.Errorf("input %q: Confirm = %v, %v; want false, ErrNoAnswer", input, got, err)
		}
		if err != nil && err.Error() != "no answer" {
			t.Errorf("error text = %q, want %q", err.Error(), "no answer")
		}
	}
}

func TestConfirmNeverReadsWhenItCannotPrompt(t *testing.T) {
	ios, in, _, errOut := Test()
	in.WriteString("y\n")
	if _, err := ios.Confirm("Proceed?", false); !errors.Is(err, ErrCannotPrompt) {
		t.Fatalf("Confirm on a pipe: err = %v, want ErrCannotPrompt", err)
	}
	if in.Len() != 2 || errOut.Len() != 0 {
		t.Errorf("Confirm on a pipe consumed input or printed %q", errOut.String())
	}

	ios, _ = interactive(t, "y\n")
	ios.SetNeverPrompt(true)
	if _, err := ios.Confirm("Proceed?", false); !errors.Is(err, ErrCannotPrompt) {
		t.Fatalf("Confirm with never-prompt: err = %v, want ErrCannotPrompt", err)
	}
}

func TestReadPasswordFromPipe(t *testing.T) {
	ios, in, _, errOut := Test()
	in.WriteString("s3cret pass\r\nnext line\n")
	got, err := ios.ReadPassword("Password: ")
	if err != nil {
		t.Fatal(err)
	}
	if got != "s3cret pass" {
		t.Errorf("ReadPassword = %q, want %q", got, "s3cret pass")
	}
	if errOut.Len() != 0 {
		t.Errorf("prompt printed for piped input: %q", errOut.String())
	}
	// Only the first line was consumed.
	if in.String() != "next line\n" {
		t.Errorf("remaining input = %q", in.String())
	}
}

func TestReadPasswordPipeWithoutNewline(t *testing.T) {
	ios, in, _, _ := Test()
	in.WriteString("pw")
	if got, err := ios.ReadPassword("Password: "); err != nil || got != "pw" {
		t.Errorf("ReadPassword = %q, %v; want %q, nil", got, err, "pw")
	}
}

func TestReadPasswordEmptyPipe(t *testing.T) {
	ios, _, _, _ := Test()
	if _, err := ios.ReadPassword("Password: "); !errors.Is(err, ErrNoAnswer) {
		t.Errorf("err = %v, want ErrNoAnswer", err)
	}
}

func TestReadPasswordOnTerminalPromptsAndEndsLine(t *testing.T) {
	ios, errOut := interactive(t, "hunter2\n")
	got, err := ios.ReadPassword("API password: ")
	if err != nil || got != "hunter2" {
		t.Fatalf("ReadPassword = %q, %v", got, err)
	}
	if errOut.String() != "API password: \n" {
		t.Errorf("stderr = %q, want the prompt and a newline", errOut.String())
	}
}

func TestReadPasswordOnTerminalWithNeverPrompt(t *testing.T) {
	ios, errOut := interactive(t, "hunter2\n")
	ios.SetNeverPrompt(true)
	if _, err := ios.ReadPassword("API password: "); !errors.Is(err, ErrCannotPrompt) {
		t.Errorf("err = %v, want ErrCannotPrompt", err)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr = %q, want nothing", errOut.String())
	}
}
