package shared

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/iostreams"
)

func TestPrompt(t *testing.T) {
	tests := []struct {
		name, input, def, want, rest string
	}{
		{"answer", "demo\nnext", "", "demo", "next"},
		{"crlf and spaces", "  demo \r\nnext", "", "demo", "next"},
		{"empty takes the default", "\nnext", "old", "old", "next"},
		{"answer beats the default", "new\n", "old", "new", ""},
		{"last line without newline", "demo", "", "demo", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, in, _, errOut := iostreams.Test()
			in.WriteString(tt.input)
			got, err := Prompt(ios, "API username", tt.def)
			if err != nil || got != tt.want {
				t.Fatalf("Prompt = %q, %v; want %q", got, err, tt.want)
			}
			wantPrompt := "API username: "
			if tt.def != "" {
				wantPrompt = "API username [" + tt.def + "]: "
			}
			if errOut.String() != wantPrompt {
				t.Errorf("prompt = %q, want %q", errOut, wantPrompt)
			}
			// Nothing beyond the line is consumed: the password is read next.
			if rest, _ := io.ReadAll(in); string(rest) != tt.rest {
				t.Errorf("left %q, want %q", rest, tt.rest)
			}
		})
	}
}

func TestPromptEndOfInput(t *testing.T) {
	ios, _, _, errOut := iostreams.Test()
	_, err := Prompt(ios, "Customer", "44444")
	if !errors.Is(err, iostreams.ErrNoAnswer) {
		t.Fatalf("err = %v, want ErrNoAnswer", err)
	}
	if !strings.HasSuffix(errOut.String(), "\n") {
		t.Errorf("prompt line not ended: %q", errOut)
	}
}
