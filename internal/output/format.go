package output

import (
	"fmt"
	"strings"
)

// Format is an output format selected with -o/--output.
type Format string

// The output formats. Table is for people; the others are for programs.
const (
	Table Format = "table"
	JSON  Format = "json"
	JSONL Format = "jsonl"
	YAML  Format = "yaml"
	CSV   Format = "csv"
)

// formats lists the formats in the order help and completion show them.
func formats() []Format { return []Format{Table, JSON, JSONL, YAML, CSV} }

// Formats returns the valid format names, for flag help and shell completion.
func Formats() []string {
	fs := formats()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return names
}

// ParseFormat returns the format named s (case-insensitive, surrounding spaces ignored).
// The error lists the valid values.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, f := range formats() {
		if name == string(f) {
			return f, nil
		}
	}
	return "", fmt.Errorf("invalid output format %q: valid values are %s", s, strings.Join(Formats(), ", "))
}

// String returns the format's name.
func (f Format) String() string { return string(f) }
