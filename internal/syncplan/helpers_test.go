package syncplan_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

// records reads a sync file the way `users sync` does.
func records(t testing.TB, input string) []userfile.Record {
	t.Helper()
	recs, err := userfile.Read(strings.NewReader(input), "users.csv", userfile.ModeSync)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// user is a current user as the API returns it; the optional fields are given as
// field=value pairs ("" leaves the field absent).
func user(addr, display string, opt ...string) gen.User {
	u := gen.User{
		Customer: "44444", User: addr, Domain: addr[strings.IndexByte(addr, '@')+1:],
		DisplayName: display, GivenName: "Given", SurName: "Sur",
		Language: "de_DE", Timezone: "Europe/Berlin",
	}
	for _, kv := range opt {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "department":
			u.Department = nullable.NewNullableWithValue(v)
		case "costcenter":
			u.Costcenter = nullable.NewNullableWithValue(v)
		case "phone":
			u.Phone = nullable.NewNullableWithValue(v)
		case "mobile":
			u.Mobile = nullable.NewNullableWithValue(v)
		case "failoverGroups":
			u.FailoverGroups = nullable.NewNullableWithValue(strings.Split(v, ";"))
		case "language":
			u.Language = v
		case "timezone":
			u.Timezone = v
		}
	}
	return u
}

// exportCSV is what `users list -o csv` prints for users.
func exportCSV(t testing.TB, users []gen.User) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(userfile.Columns); err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if err := w.Write(userfile.Row(u)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}
