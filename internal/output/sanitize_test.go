package output

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain ASCII unchanged", "jane.doe@example.com", "jane.doe@example.com"},
		{"non-ASCII letters kept", "Müller Žofie Dvořáková 東京 Ærøskøbing", "Müller Žofie Dvořáková 東京 Ærøskøbing"},
		{"emoji kept", "Team 🚀", "Team 🚀"},
		{"SGR colour removed", "\x1b[31mred\x1b[0m", "red"},
		{"CSI with private params removed", "a\x1b[?25lb", "ab"},
		{"screen clear removed", "x\x1b[2Jy", "xy"},
		{"OSC title ended by BEL removed", "\x1b]0;title\x07name", "name"},
		{"OSC hyperlink ended by ST removed", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"unterminated OSC swallows the rest", "ok\x1b]0;title", "ok"},
		{"DCS removed", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte escape removed", "a\x1bcb\x1b(Bc", "abc"},
		{"trailing lone ESC removed", "abc\x1b", "abc"},
		{"8-bit CSI removed", "a\u009b31mb", "ab"},
		{"8-bit OSC removed", "a\u009d0;t\u009cb", "ab"},
		{"carriage return becomes a space", "safe\roverwritten", "safe overwritten"},
		{"CRLF becomes one space", "line1\r\nline2", "line1 line2"},
		{"newline and tab become spaces", "a\nb\tc", "a b c"},
		{"NUL and BEL dropped", "a\x00b\x07c", "abc"},
		{"DEL dropped", "a\x7fb", "ab"},
		{"backspace dropped", "abc\b\b\bxyz", "abcxyz"},
		{"bidi override dropped", "user\u202Egpj.exe", "usergpj.exe"},
		{"bidi isolates dropped", "\u2066a\u2069\u2067b\u2068", "ab"},
		{"zero-width and BOM dropped", "a\u200bb\ufeffc", "abc"},
		{"line and paragraph separators become spaces", "a\u2028b\u2029c", "a b c"},
		{"no-break space becomes a space", "a\u00a0b", "a b"},
		{"invalid UTF-8 shown as replacement", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sanitize(tc.in); got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// assertPrintable fails if s holds anything a terminal would interpret.
func assertPrintable(t *testing.T, in, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("Sanitize(%q) = %q is not valid UTF-8", in, s)
	}
	for _, r := range s {
		if r != ' ' && !unicode.IsGraphic(r) || unicode.IsSpace(r) && r != ' ' || unicode.Is(unicode.Cf, r) {
			t.Fatalf("Sanitize(%q) = %q keeps %U", in, s, r)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"Müller", "\x1b[31mx", "\x1b]0;t\x07", "a\r\nb", "\u202e", "\x1bP\x1b\\", "\xc2\x9b1m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		assertPrintable(t, in, out)
		if again := Sanitize(out); again != out {
			t.Fatalf("Sanitize is not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}
