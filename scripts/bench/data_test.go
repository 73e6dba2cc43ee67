package main

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
)

// A 1% change of 100,000 users: 600 updates, 200 creates, 200 deletes, and as many users.
func TestChangeOnePercent(t *testing.T) {
	header := userfile.Columns
	rows := make([][]string, 100_000)
	for i := range rows {
		r := make([]string, len(header))
		r[0] = fmt.Sprintf("u%06d@example.com", i)
		rows[i] = r
	}
	out, n, err := changeOnePercent(header, rows)
	if err != nil {
		t.Fatal(err)
	}
	if n != (syncChanges{update: 600, create: 200, delete: 200}) || len(out) != len(rows) {
		t.Errorf("changes %+v, %d rows", n, len(out))
	}
	if rows[0][slices.Index(header, "department")] != "" {
		t.Error("changeOnePercent changed its input")
	}
}
