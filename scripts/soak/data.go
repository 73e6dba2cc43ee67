package main

import (
	"fmt"
	"slices"

	"github.com/ecctl/ecctl/internal/userfile"
)

// column is the index of a column of userfile.Columns; the names used here are all columns.
func column(name string) int {
	i := slices.Index(userfile.Columns, name)
	if i < 0 {
		panic("no column " + name)
	}
	return i
}

type changes struct{ update, create, delete int }

// change returns the desired state for a sync: of every ten users one gets another
// department, one is left out (deleted with --prune) and one is joined by a new user. The
// new users have no status flags set, as the service creates them.
func change(rows [][]string) ([][]string, changes) {
	user, dept := column("user"), column("department")
	var n changes
	out := make([][]string, 0, len(rows))
	for i, r := range rows {
		switch i % 10 {
		case 0:
			r = slices.Clone(r)
			r[dept] = fmt.Sprintf("Soak %d", i)
			n.update++
		case 1:
			n.delete++
			continue
		case 2:
			nu := slices.Clone(r)
			nu[user] = fmt.Sprintf("soak.new.%05d@soak.example", i)
			clearStatus(nu)
			out = append(out, nu)
			n.create++
		}
		out = append(out, r)
	}
	return out, n
}

func clearStatus(r []string) {
	for _, c := range []string{"activation", "access", "failover"} {
		r[column(c)] = "false"
	}
}

// newUsers are the users of an interrupted create: every field set, as an export would have
// them, with no status flags.
func newUsers(round, attempt int) [][]string {
	zones := []string{"Europe/Berlin", "Europe/Oslo", "America/New_York", "Asia/Tokyo"}
	langs := []string{"de_DE", "en_GB", "fr_FR", "es_ES"}
	rows := make([][]string, users)
	for i := range rows {
		r := make([]string, len(userfile.Columns))
		set := func(name, v string) { r[column(name)] = v }
		set("user", fmt.Sprintf("soak.r%d.a%d.%05d@create.example", round, attempt, i))
		set("displayName", fmt.Sprintf("Soak User %d", i))
		set("givenName", "Soak")
		set("surName", fmt.Sprintf("User %d", i))
		set("language", langs[i%len(langs)])
		set("timezone", zones[i%len(zones)])
		set("department", fmt.Sprintf("Dept %d", i%17))
		set("costcenter", fmt.Sprintf("CC-%03d", i%500))
		set("phone", fmt.Sprintf("+49 30 %07d", i))
		set("failoverGroups", []string{"emea", "emea;germany", "apac", ""}[i%4])
		clearStatus(r)
		rows[i] = r
	}
	return rows
}
