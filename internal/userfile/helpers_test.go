package userfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
)

// readString reads input and returns the records and the problems as rendered lines (without
// the source). It fails the test if an error is not an *userfile.Error.
func readString(t *testing.T, input string, mode userfile.Mode) ([]userfile.Record, []string) {
	t.Helper()
	recs, err := userfile.Read(strings.NewReader(input), "in", mode)
	return recs, problems(t, recs, err)
}

func readFile(t *testing.T, name string, mode userfile.Mode) ([]userfile.Record, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := userfile.Read(f, filepath.Base(name), mode)
	return recs, problems(t, recs, err)
}

func problems(t *testing.T, recs []userfile.Record, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var fe *userfile.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is a %T, want *userfile.Error", err, err)
	}
	if recs != nil {
		t.Errorf("Read returned %d records with an error", len(recs))
	}
	if len(fe.Problems) == 0 {
		t.Error("*userfile.Error without problems")
	}
	lines := make([]string, len(fe.Problems))
	for i, p := range fe.Problems {
		lines[i] = p.String()
	}
	return lines
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func ptr(s string) *string { return &s }
