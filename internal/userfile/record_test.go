package userfile_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
)

func TestCreate(t *testing.T) {
	input := `[{"user":"jane@example.com","displayName":"Jane Doe","givenName":"Jane","surName":"Doe",` +
		`"department":null,"phone":"+1 555 0100","failoverGroups":["emea"]}]`
	recs, probs := readString(t, input, userfile.ModeCreate)
	if probs != nil {
		t.Fatal(probs)
	}
	c := recs[0].Create()
	body, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	// language and timezone absent (the service's defaults apply); department null -> absent.
	want := `{"displayName":"Jane Doe","failoverGroups":["emea"],"givenName":"Jane","phone":"+1 555 0100","surName":"Doe","user":"jane@example.com"}`
	if string(body) != want {
		t.Errorf("Create() marshals to\n%s\nwant\n%s", body, want)
	}
	c.FailoverGroups.MustGet()[0] = "changed"
	if recs[0].User.FailoverGroups.MustGet()[0] != "emea" {
		t.Error("Create() shares the groups slice with the record")
	}

	recs, _ = readString(t, "user,displayName,givenName,surName,language,timezone\nj@example.com,J,J,D,de_DE,Europe/Vienna\n", userfile.ModeCreate)
	c = recs[0].Create()
	if c.Language == nil || *c.Language != "de_DE" || *c.Timezone != "Europe/Vienna" {
		t.Errorf("Create() lost language/timezone: %+v", c)
	}
}

// Creates converts every record as Create does, in order.
func TestCreatesIsCreateForEveryRecord(t *testing.T) {
	input := `[{"user":"jane@example.com","displayName":"Jane Doe","givenName":"Jane","surName":"Doe",` +
		`"department":null,"phone":"+1 555 0100","failoverGroups":["emea"],"language":"de_DE"},` +
		`{"user":"max@example.com","displayName":"Max","givenName":"Max","surName":"M","costcenter":"7",` +
		`"mobile":null,"failoverGroups":null,"timezone":"Europe/Vienna"}]`
	recs, probs := readString(t, input, userfile.ModeCreate)
	if probs != nil {
		t.Fatal(probs)
	}
	users := userfile.Creates(recs)
	if len(users) != len(recs) {
		t.Fatalf("%d users from %d records", len(users), len(recs))
	}
	for i, u := range users {
		got, _ := json.Marshal(u)
		want, _ := json.Marshal(recs[i].Create())
		if string(got) != string(want) {
			t.Errorf("user %d: Creates gives\n%s\nCreate gives\n%s", i, got, want)
		}
	}
	if len(userfile.Creates(nil)) != 0 {
		t.Error("Creates(nil) is not empty")
	}
}

func TestUpdateMarshalsNullAndAbsent(t *testing.T) {
	recs, probs := readString(t, "user,department,mobile,failoverGroups\njane%40example.com,Support,,\n", userfile.ModeUpdate)
	if probs != nil {
		t.Fatal(probs)
	}
	body, err := json.Marshal(recs[0].User)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"department":"Support","failoverGroups":null,"mobile":null,"user":"jane@example.com"}`
	if string(body) != want {
		t.Errorf("UserUpdate marshals to\n%s\nwant\n%s", body, want)
	}
}

func TestWarnings(t *testing.T) {
	recs, probs := readString(t, "user,language\na@example.com,de_DE\nb@example.com,it_IT\nc@example.com,\n", userfile.ModeUpdate)
	if probs != nil {
		t.Fatal(probs)
	}
	var got []string
	for _, w := range userfile.Warnings(recs) {
		got = append(got, w.String())
	}
	want := []string{`line 3: language: "it_IT" is not one of the languages the vendor documents (` +
		strings.Join([]string{"cs_CZ", "da_DK", "de_DE", "en_GB", "en_US", "es_ES", "es_MX", "fi_FI", "fr_FR", "hu_HU"}, ", ") +
		`); the service may refuse it`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings = %q\nwant %q", got, want)
	}
}
