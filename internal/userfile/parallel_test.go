package userfile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
)

// A CSV file of several thousand lines is checked by several workers; the records and the
// problems must still come in file order, duplicates across their batches must be found, and
// every problem must name its line, exactly as a check line after line would.
func TestLargeCSVKeepsFileOrderAcrossWorkers(t *testing.T) {
	const n = 5000
	var b strings.Builder
	b.WriteString("user,displayName,givenName,surName,language,timezone\n")
	for i := range n {
		line := i + 2
		user, lang, display := fmt.Sprintf("u%05d@example.com", i), "de_DE", fmt.Sprintf("U %d", i)
		switch line {
		case 10, 2000, 5001:
			lang = "xx"
		case 1030:
			display = ""
		case 3000:
			user = "U00003@example.com" // line 5
		case 4097:
			user = "not an address"
		}
		fmt.Fprintf(&b, "%s,%s,G,S,%s,Europe/Berlin\n", user, display, lang)
	}
	_, got := readString(t, b.String(), userfile.ModeCreate)
	want := []string{
		`line 10: language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`,
		`line 1030: displayName: missing; create needs user, displayName, givenName and surName`,
		`line 2000: language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`,
		`line 3000: user: "U00003@example.com" is a duplicate of "u00003@example.com" on line 5 (the addresses differ only in letter case, which mail systems ignore)`,
		`line 4097: user: "not an address" is not an e-mail address: it contains a space`,
		`line 5001: language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: got %q, want %q", i, got[i], want[i])
		}
	}

	// Without the mistakes: every record, in file order, with its own line.
	b.Reset()
	b.WriteString("user;displayName;givenName;surName;failoverGroups\n")
	for i := range n {
		fmt.Fprintf(&b, "u%05d@example.com;U %d;G;S;\"a;b\"\n", i, i)
	}
	recs, probs := readString(t, b.String(), userfile.ModeSync)
	if probs != nil {
		t.Fatal(probs)
	}
	if len(recs) != n {
		t.Fatalf("%d records, want %d", len(recs), n)
	}
	for i, r := range recs {
		if r.User.User != fmt.Sprintf("u%05d@example.com", i) || r.Line != i+2 || r.Pos != fmt.Sprintf("line %d", i+2) {
			t.Fatalf("record %d: %s at %s (line %d)", i, r.User.User, r.Pos, r.Line)
		}
		if !r.Fields["failoverGroups"] || len(r.User.FailoverGroups.MustGet()) != 2 {
			t.Fatalf("record %d: fields %v", i, r.Fields)
		}
	}
}
