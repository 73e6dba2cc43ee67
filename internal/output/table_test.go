package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
)

func TestUserTableGolden(t *testing.T) {
	assertGolden(t, "users_table.golden", writeUsers(t, Table, testUsers()))
}

func TestUserTableEmptyPrintsHeaderOnly(t *testing.T) {
	assertGolden(t, "users_table_empty.golden", writeUsers(t, Table, nil))
}

// With a block size of 2 the list is printed in blocks under one header; a column only
// widens when a later block holds a longer value.
func TestUserTableBlocksShareHeaderAndNeverShrink(t *testing.T) {
	var buf bytes.Buffer
	uw := newTableUserWriter(&buf, 2)
	users := []gen.User{sparseUser(), nullUser(), fullUser(), hostileUser(), sparseUser()}
	for _, u := range users {
		if err := uw.Write(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := uw.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "USER"); n != 1 {
		t.Errorf("header printed %d times:\n%s", n, out)
	}
	if n := strings.Count(out, "\n"); n != len(users)+1 {
		t.Errorf("%d lines, want %d:\n%s", n, len(users)+1, out)
	}
	assertGolden(t, "users_table_blocks.golden", buf.Bytes())
}

func TestUserDetailsTableGolden(t *testing.T) {
	var buf bytes.Buffer
	for _, u := range testUsers() {
		if err := PrintUser(&buf, Table, u); err != nil {
			t.Fatal(err)
		}
		buf.WriteString("\n")
	}
	assertGolden(t, "user_details_table.golden", buf.Bytes())
}

// Tables are for people: no Go values, no escape sequences, no trailing blanks, and the
// header's columns line up with the rows' (for ASCII rows).
func TestUserTableIsClean(t *testing.T) {
	var buf bytes.Buffer
	for _, u := range testUsers() {
		if err := PrintUser(&buf, Table, u); err != nil {
			t.Fatal(err)
		}
	}
	buf.Write(writeUsers(t, Table, testUsers()))
	out := buf.String()
	for _, bad := range []string{"<nil>", "0x", "{", "}", "map[", "&", "\x1b", "\r", "\t", "\x00", "\u202e", "\u2066", "pwned"} {
		if strings.Contains(out, bad) {
			t.Errorf("table output contains %q:\n%s", bad, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.TrimRight(line, " ") != line {
			t.Errorf("trailing blanks in %q", line)
		}
	}
	// The OSC title sequence is removed whole; the text around the escapes stays.
	for _, want := range []string{"Müller", "Žofie Dvořáková", "Red Team Lead", "Tab bed"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
}

func TestUserTableColumnsAlign(t *testing.T) {
	out := string(writeUsers(t, Table, []gen.User{fullUser(), syntheticUser(1)}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	header := lines[0]
	for _, col := range userTableHeader() {
		at := strings.Index(header, col)
		for _, row := range lines[1:] {
			if at > 0 && (row[at-1] != ' ' || row[at] == ' ') {
				t.Errorf("column %s (at %d) does not start a cell in %q", col, at, row)
			}
		}
	}
}

func TestPrintTableSanitizesAndKeepsCallerData(t *testing.T) {
	headers := []string{"USER", "RESULT"}
	rows := [][]string{{"a@example.com", "ok"}, {"b@example.com", "\x1b[31mfailed\x1b[0m: 404"}, {"c@example.com"}}
	var buf bytes.Buffer
	err := Print(&buf, Table, nil, func() ([]string, [][]string) { return headers, rows })
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][1] != "\x1b[31mfailed\x1b[0m: 404" {
		t.Errorf("Print modified the caller's rows: %q", rows[1][1])
	}
	assertGolden(t, "print_table.golden", buf.Bytes())
}

func TestPrintTableSingleValue(t *testing.T) {
	var buf bytes.Buffer
	err := Print(&buf, Table, map[string]any{"count": 3}, func() ([]string, [][]string) {
		return nil, [][]string{{"3"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != "3\n" {
		t.Errorf("got %q, want %q", buf.String(), "3\n")
	}
}

// Cells are never wrapped or truncated, and double-width characters keep the columns aligned.
func TestUserTableLongAndWideCells(t *testing.T) {
	long := fullUser()
	long.DisplayName = strings.Repeat("Verylongname ", 25)
	wide := fullUser()
	wide.DisplayName = "山田太郎"
	out := string(writeUsers(t, Table, []gen.User{long, wide, sparseUser()}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), out)
	}
	if !strings.Contains(lines[1], strings.TrimSpace(long.DisplayName)) {
		t.Errorf("long name wrapped or truncated:\n%s", out)
	}
	col := func(line, s string) int { return cellWidth(line[:strings.Index(line, s)]) }
	if a, b, c := col(lines[0], "LANGUAGE"), col(lines[2], "de_DE"), col(lines[3], "en_GB"); a != b || b != c {
		t.Errorf("LANGUAGE column starts at display columns %d, %d, %d:\n%s", a, b, c, out)
	}
}
