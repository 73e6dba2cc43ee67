package journalcmd

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ecctl/ecctl/internal/journal"
)

// usersShown is how many addresses of a user scope a table cell names before "+N more".
const usersShown = 3

// table renders the entries as rows. none fills a cell without a value: output.NoValue
// for the table, so that no column looks shifted, and "" for CSV, where an empty cell is
// the way to say "no value" and a "-" would be read as data.
func table(entries []journal.Entry, none string) ([]string, [][]string) {
	orNone := func(s string) string {
		if s == "" {
			return none
		}
		return s
	}
	rows := make([][]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, []string{
			e.Time.UTC().Format("2006-01-02 15:04:05Z"),
			e.Command,
			orNone(e.Customer),
			orNone(scopeText(e.Scope)),
			orNone(countsText(e.Counts)),
			orNone(e.Outcome),
			orNone(e.Reason),
		})
	}
	return []string{"TIME", "COMMAND", "CUSTOMER", "SCOPE", "COUNTS", "OUTCOME", "REASON"}, rows
}

// scopeText says whom a change aimed at, e.g. "groups emea, nordics: failover=on"; "" when
// the entry names no one and no flag.
func scopeText(s journal.Scope) string {
	var who string
	switch {
	case len(s.Groups) > 0:
		who = "groups " + strings.Join(s.Groups, ", ")
	case len(s.Users) > usersShown:
		who = strings.Join(s.Users[:usersShown], ", ") + fmt.Sprintf(" +%d more", len(s.Users)-usersShown)
	case len(s.Users) > 0:
		who = strings.Join(s.Users, ", ")
	case s.UserCount > 0:
		who = fmt.Sprintf("%d users", s.UserCount)
	case s.All:
		who = "all users"
	}
	if s.Flag == "" {
		return who
	}
	flag := s.Flag
	if s.Value != nil {
		flag += "=off"
		if *s.Value {
			flag = s.Flag + "=on"
		}
	}
	if who == "" {
		return flag
	}
	return who + ": " + flag
}

// countsText renders the counts sorted by name: "after=9 before=2 changed=7".
func countsText(counts map[string]int64) string {
	keys := slices.Sorted(maps.Keys(counts))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, counts[k])
	}
	return strings.Join(parts, " ")
}
