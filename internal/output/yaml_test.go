package output

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// stringNode must style every string exactly as yaml.v3 styles a Go string.
func TestStringNodeQuotesLikeYAMLv3(t *testing.T) {
	for _, s := range []string{
		"", "plain", "01", "0x1F", "1e3", "1.5", "-7", ".inf", "null", "Null", "~", "true", "False",
		"yes", "No", "on", "OFF", "y", "N", "1:20", "-1:30:00.5", "12:60", "2026-12-03T10:15:00Z",
		"+49 30 67242-33", "Müller: x", "a: b", "- item", "# comment", "key:", "@at", "`tick",
		"&anchor", "*alias", "!tag", "%dir", "{x}", "[x]", "'q'", `"dq"`, " lead", "trail ",
		"line1\nline2", "yes\nno", "tab\there", "esc\x1b[31m", "nel\u0085x", "bidi\u202e", "\ufeffbom",
	} {
		want, err := yaml.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := yaml.Marshal(stringNode(s))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}
