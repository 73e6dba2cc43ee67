package journalcmd

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// usersShown is how many addresses of a user scope a table cell names before "+N more".
const usersShown = 3

func table(entries []journal.Entry) ([]string, [][]string) {
	rows := make([][]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, []string{
			e.Time.UTC().Format("2006-01-02 15:04:05Z"),
			e.Command,
			output.OrDash(e.Customer),
			scopeText(e.Scope),
			output.OrDash(countsText(e.Counts)),
			output.OrDash(e.Outcome),
			output.OrDash(e.Reason),
		})
	}
	return []string{"TIME", "COMMAND", "CUSTOMER", "SCOPE", "COUNTS", "OUTCOME", "REASON"}, rows
}

// scopeText says whom a change aimed at, e.g. "groups emea, nordics: failover=on".
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
	default:
		who = output.NoValue
	}
	if s.Flag != "" {
		value := ""
		if s.Value != nil {
			value = "=off"
			if *s.Value {
				value = "=on"
			}
		}
		who += ": " + s.Flag + value
	}
	return who
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
