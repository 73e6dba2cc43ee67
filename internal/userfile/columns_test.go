package userfile_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

func TestColumnsAreTheContracts(t *testing.T) {
	// cli-contract.md, "Output": the -o csv columns, in this order.
	want := "user,displayName,givenName,surName,language,timezone,department,costcenter,phone,mobile,failoverGroups,activation,access,failover"
	if got := strings.Join(userfile.Columns, ","); got != want {
		t.Errorf("Columns = %s\nwant %s", got, want)
	}
}

func TestRow(t *testing.T) {
	u := gen.User{
		Customer: "44444", Domain: "domain.com", User: "customer@domain.com",
		DisplayName: "R. Meyer", GivenName: "Robert", SurName: "Meyer", Language: "de_DE", Timezone: "Europe/Berlin",
		Department:     nullable.NewNullableWithValue("Sales"),
		Costcenter:     nullable.NewNullNullable[string](),
		FailoverGroups: nullable.NewNullableWithValue([]string{"emea", "germany"}),
		Status:         gen.UserStatus{Activation: true, Access: false, Failover: true},
	}
	want := []string{"customer@domain.com", "R. Meyer", "Robert", "Meyer", "de_DE", "Europe/Berlin", "Sales", "", "", "", "emea;germany", "true", "false", "true"}
	if got := userfile.Row(u); !reflect.DeepEqual(got, want) {
		t.Errorf("Row = %q\nwant %q", got, want)
	}
	if len(userfile.Row(gen.User{})) != len(userfile.Columns) {
		t.Error("Row and Columns differ in length")
	}
}

func roundTripUsers() []gen.User {
	return []gen.User{
		{
			User: "customer@domain.com", DisplayName: "R. Meyer", GivenName: "Robert", SurName: "Meyer",
			Language: "de_DE", Timezone: "Europe/Berlin",
			Department: nullable.NewNullableWithValue("Sales"), Costcenter: nullable.NewNullableWithValue("01"),
			Phone: nullable.NewNullableWithValue("+49 30 67242-33"), Mobile: nullable.NewNullableWithValue("+49 175 424222"),
			FailoverGroups: nullable.NewNullableWithValue([]string{"emea", "germany"}),
			Status:         gen.UserStatus{Activation: true, Access: true},
		},
		{
			// Delimiters, quotes, a line break and non-ASCII text in cells; nothing nullable set.
			User: "o'neil+test@example.ie", DisplayName: "O'Neil, \"Aoife\"; IT", GivenName: "Aoife\nMarie", SurName: "Ó Néill",
			Language: "en_GB", Timezone: "America/Argentina/ComodRivadavia",
		},
		{
			// Null fields and an empty group list read back as null (an empty cell).
			User: "l.tanaka@example.jp", DisplayName: "田中 ローラ", GivenName: "ローラ", SurName: "田中",
			Language: "it_IT", Timezone: "Etc/GMT+11",
			Department: nullable.NewNullNullable[string](), Phone: nullable.NewNullNullable[string](),
			FailoverGroups: nullable.NewNullableWithValue([]string{}),
			Status:         gen.UserStatus{Failover: true},
		},
		{
			User: "x@example.com", DisplayName: "=SUM(A1)", GivenName: "X", SurName: "Y", Language: "hu_HU", Timezone: "UTC",
			FailoverGroups: nullable.NewNullableWithValue([]string{"Sales EMEA", "g2"}),
		},
	}
}

// TestRoundTrip: users -> CSV (Columns + Row) -> Read(ModeSync) gives the same fields, with ","
// and with Excel's BOM and ";".
func TestRoundTrip(t *testing.T) {
	for _, delim := range []rune{',', ';'} {
		t.Run(string(delim), func(t *testing.T) {
			var buf bytes.Buffer
			if delim == ';' {
				buf.WriteString("\ufeff")
			}
			w := csv.NewWriter(&buf)
			w.Comma = delim
			if err := w.Write(userfile.Columns); err != nil {
				t.Fatal(err)
			}
			users := roundTripUsers()
			for _, u := range users {
				if err := w.Write(userfile.Row(u)); err != nil {
					t.Fatal(err)
				}
			}
			w.Flush()
			if err := w.Error(); err != nil {
				t.Fatal(err)
			}
			recs, err := userfile.Read(&buf, "export.csv", userfile.ModeSync)
			if err != nil {
				t.Fatalf("reading the export back: %v", err)
			}
			if len(recs) != len(users) {
				t.Fatalf("%d records, want %d", len(recs), len(users))
			}
			for i, u := range users {
				back := gen.User{
					User: recs[i].User.User, DisplayName: *recs[i].User.DisplayName, GivenName: *recs[i].User.GivenName,
					SurName: *recs[i].User.SurName, Language: *recs[i].User.Language, Timezone: *recs[i].User.Timezone,
					Department: recs[i].User.Department, Costcenter: recs[i].User.Costcenter,
					Phone: recs[i].User.Phone, Mobile: recs[i].User.Mobile, FailoverGroups: recs[i].User.FailoverGroups,
					Status: u.Status, // read-only, ignored on input
				}
				if got, want := userfile.Row(back), userfile.Row(u); !reflect.DeepEqual(got, want) {
					t.Errorf("user %d:\n got %q\nwant %q", i, got, want)
				}
				for _, nullableField := range []string{"department", "costcenter", "phone", "mobile", "failoverGroups"} {
					if !recs[i].Fields[nullableField] {
						t.Errorf("user %d: %s must be set (to a value or null) by its cell", i, nullableField)
					}
				}
			}
		})
	}
}
