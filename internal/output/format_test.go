package output

import (
	"slices"
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"table": Table, "json": JSON, "jsonl": JSONL, "yaml": YAML, "csv": CSV,
		"JSON": JSON, " Yaml ": YAML,
	} {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseFormatRejectsUnknownAndListsValidValues(t *testing.T) {
	for _, in := range []string{"", "xml", "yml", "jsonx"} {
		_, err := ParseFormat(in)
		if err == nil {
			t.Fatalf("ParseFormat(%q) succeeded", in)
		}
		if !strings.Contains(err.Error(), "table, json, jsonl, yaml, csv") {
			t.Errorf("error %q does not list the valid values", err)
		}
	}
}

func TestFormatsAreAllParseable(t *testing.T) {
	names := Formats()
	if !slices.Equal(names, []string{"table", "json", "jsonl", "yaml", "csv"}) {
		t.Fatalf("Formats() = %v", names)
	}
	for _, n := range names {
		if f, err := ParseFormat(n); err != nil || f.String() != n {
			t.Errorf("ParseFormat(%q) = %q, %v", n, f, err)
		}
	}
}
