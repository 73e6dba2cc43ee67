package syncplan_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/syncplan"
	"github.com/ecctl/ecctl/internal/userfile"
)

func compute(t *testing.T, file string, current []gen.User, prune bool) *syncplan.Plan {
	t.Helper()
	p, err := syncplan.Compute(records(t, file), current, prune)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestComputeMix(t *testing.T) {
	current := []gen.User{
		user("anna@example.com", "Anna A", "department=Sales"),
		user("bert@example.com", "Bert B", "department=Sales"),
		user("carl@example.com", "Carl C"),
		user("dora@example.com", "Dora D"),
	}
	file := `user,displayName,givenName,surName,department
anna@example.com,Anna A,Given,Sur,Sales
bert@example.com,Bert B,Given,Sur,Marketing
eve@example.com,Eve E,Eve,Example,Support
`
	for _, prune := range []bool{false, true} {
		p := compute(t, file, current, prune)
		if len(p.Create) != 1 || p.Create[0].User.User != "eve@example.com" || p.Create[0].Pos != "line 4" {
			t.Errorf("prune=%v: create %+v, want eve from line 4", prune, p.Create)
		}
		if len(p.Update) != 1 || p.Update[0].User != "bert@example.com" {
			t.Fatalf("prune=%v: update %+v, want bert", prune, p.Update)
		}
		if want := map[string]syncplan.FieldChange{"department": {From: "Sales", To: "Marketing"}}; !reflect.DeepEqual(p.Update[0].Fields, want) {
			t.Errorf("prune=%v: bert's changes %v, want %v", prune, p.Update[0].Fields, want)
		}
		if p.Unchanged != 1 {
			t.Errorf("prune=%v: unchanged %d, want 1", prune, p.Unchanged)
		}
		wantDelete, wantKept := []string(nil), 2
		if prune {
			wantDelete, wantKept = []string{"carl@example.com", "dora@example.com"}, 0
		}
		if !slices.Equal(p.Delete, wantDelete) || p.Kept != wantKept {
			t.Errorf("prune=%v: delete %v kept %d, want %v and %d", prune, p.Delete, p.Kept, wantDelete, wantKept)
		}
		if p.Empty() || p.Changes() != 2+len(wantDelete) {
			t.Errorf("prune=%v: %d changes", prune, p.Changes())
		}
	}
}

// The patch carries the address and the fields that differ, nothing else: a minimal PATCH.
func TestComputePatchHasOnlyChangedFields(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A", "department=Sales", "phone=+49 1", "failoverGroups=emea")}
	p := compute(t, `user,displayName,givenName,surName,language,timezone,department,phone,failoverGroups
anna@example.com,Anna B,Given,Sur,de_DE,Europe/Berlin,Sales,+49 2,emea
`, current, false)
	if len(p.Update) != 1 {
		t.Fatalf("update %+v", p.Update)
	}
	got, err := json.Marshal(p.Update[0].Patch)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"displayName":"Anna B","phone":"+49 2","user":"anna@example.com"}`; string(got) != want {
		t.Errorf("patch %s, want %s", got, want)
	}
	if names := p.Update[0].FieldNames(); !slices.Equal(names, []string{"displayName", "phone"}) {
		t.Errorf("field names %v", names)
	}
}

// A field that is not a column of the file is not compared, whatever the service has.
func TestComputeComparesOnlyColumnsOfTheFile(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A", "department=Sales", "mobile=+49 9", "failoverGroups=emea", "language=fr_FR", "timezone=Europe/Paris")}
	p := compute(t, "user,displayName,givenName,surName\nanna@example.com,Anna A,Given,Sur\n", current, false)
	if !p.Empty() || p.Unchanged != 1 {
		t.Errorf("plan %+v, want one unchanged user", p)
	}
}

// An empty cell on a nullable field means "no value": it clears a value and matches none.
func TestComputeEmptyCellClearsNullableFields(t *testing.T) {
	current := []gen.User{
		user("anna@example.com", "Anna A", "department=Sales", "costcenter=01", "phone=+49 1", "mobile=+49 2", "failoverGroups=emea;apac"),
		user("bert@example.com", "Bert B"),
	}
	p := compute(t, `user,displayName,givenName,surName,department,costcenter,phone,mobile,failoverGroups
anna@example.com,Anna A,Given,Sur,,,,,
bert@example.com,Bert B,Given,Sur,,,,,
`, current, false)
	if len(p.Update) != 1 || p.Unchanged != 1 {
		t.Fatalf("plan %+v, want anna updated and bert unchanged", p)
	}
	ch := p.Update[0]
	want := map[string]syncplan.FieldChange{
		"department":     {From: "Sales", To: nil},
		"costcenter":     {From: "01", To: nil},
		"phone":          {From: "+49 1", To: nil},
		"mobile":         {From: "+49 2", To: nil},
		"failoverGroups": {From: []string{"emea", "apac"}, To: nil},
	}
	if !reflect.DeepEqual(ch.Fields, want) {
		t.Errorf("changes %#v, want %#v", ch.Fields, want)
	}
	got, _ := json.Marshal(ch.Patch)
	if w := `{"costcenter":null,"department":null,"failoverGroups":null,"mobile":null,"phone":null,"user":"anna@example.com"}`; string(got) != w {
		t.Errorf("patch %s, want %s", got, w)
	}
}

// Language and timezone cannot be cleared: an empty cell leaves them as they are.
func TestComputeEmptyLanguageAndTimezoneAreNotCompared(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A", "language=fr_FR", "timezone=Europe/Paris")}
	p := compute(t, "user,displayName,givenName,surName,language,timezone\nanna@example.com,Anna A,Given,Sur,,\n", current, false)
	if !p.Empty() {
		t.Errorf("plan %+v, want no change", p)
	}
	p = compute(t, "user,displayName,givenName,surName,language,timezone\nanna@example.com,Anna A,Given,Sur,de_DE,\n", current, false)
	if len(p.Update) != 1 || !reflect.DeepEqual(p.Update[0].Fields, map[string]syncplan.FieldChange{"language": {From: "fr_FR", To: "de_DE"}}) {
		t.Errorf("plan %+v, want the language changed", p.Update)
	}
}

func TestComputeGroupsAreASet(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A", "failoverGroups=emea;germany")}
	for _, tc := range []struct {
		cell    string
		changed bool
	}{
		{`emea;germany`, false},
		{`germany;emea`, false},
		{`germany;emea;emea`, false},
		{`emea`, true},
		{`emea;germany;apac`, true},
		{`EMEA;germany`, true}, // group names are case-sensitive
	} {
		p := compute(t, "user,displayName,givenName,surName,failoverGroups\nanna@example.com,Anna A,Given,Sur,\""+tc.cell+"\"\n", current, false)
		if changed := len(p.Update) == 1; changed != tc.changed {
			t.Errorf("groups %q: changed %v, want %v", tc.cell, changed, tc.changed)
			continue
		}
		if tc.changed {
			// The file's list is sent as it is.
			want := strings.Split(tc.cell, ";")
			if got := p.Update[0].Patch.FailoverGroups.MustGet(); !slices.Equal(got, want) {
				t.Errorf("groups %q: patch sends %v, want %v", tc.cell, got, want)
			}
		}
	}
}

// No groups, null and an empty list are the same.
func TestComputeNoGroupsEqualsEmptyList(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A"), user("bert@example.com", "Bert B", "failoverGroups=emea")}
	p := compute(t, `[{"user":"anna@example.com","displayName":"Anna A","givenName":"Given","surName":"Sur","failoverGroups":[]},
{"user":"bert@example.com","displayName":"Bert B","givenName":"Given","surName":"Sur","failoverGroups":[]}]`, current, false)
	if p.Unchanged != 1 || len(p.Update) != 1 || p.Update[0].User != "bert@example.com" {
		t.Fatalf("plan %+v, want anna unchanged and bert updated", p)
	}
	got, _ := json.Marshal(p.Update[0].Patch.FailoverGroups)
	if string(got) != "[]" {
		t.Errorf("patch groups %s, want [] as in the file", got)
	}
}

func TestComputeMatchesAddressesIgnoringCase(t *testing.T) {
	current := []gen.User{user("Anna.Smith@Example.com", "Anna A"), user("bert@example.com", "Bert B")}
	p := compute(t, "user,displayName,givenName,surName\nanna.smith@example.com,Anna Smith,Given,Sur\nBERT@EXAMPLE.COM,Bert B,Given,Sur\n", current, true)
	if len(p.Create) != 0 || len(p.Delete) != 0 || p.Unchanged != 1 {
		t.Fatalf("plan %+v, want both matched", p)
	}
	if len(p.Update) != 1 || p.Update[0].User != "Anna.Smith@Example.com" || p.Update[0].Patch.User != "Anna.Smith@Example.com" {
		t.Errorf("update %+v, want it sent to the service's spelling", p.Update)
	}
}

// When the service has addresses that differ only in case, the exactly spelt one is matched,
// and the other is not in the file (deleted with prune); a record spelt like neither is refused.
func TestComputeCaseVariantsOnTheService(t *testing.T) {
	current := []gen.User{user("ANNA@example.com", "Anna A"), user("anna@example.com", "Anna A"), user("bert@example.com", "Bert B")}
	p := compute(t, "user,displayName,givenName,surName\nanna@example.com,Anna A,Given,Sur\nbert@example.com,Bert B,Given,Sur\n", current, true)
	if p.Unchanged != 2 || !slices.Equal(p.Delete, []string{"ANNA@example.com"}) {
		t.Errorf("plan %+v, want anna@ matched and ANNA@ deleted", p)
	}

	_, err := syncplan.Compute(records(t, "user,displayName,givenName,surName\nAnna@example.com,Anna A,Given,Sur\n"), current, true)
	var amb *syncplan.AmbiguousError
	if !errors.As(err, &amb) || len(amb.Matches) != 1 || !slices.Equal(amb.Matches[0].Candidates, []string{"ANNA@example.com", "anna@example.com"}) {
		t.Fatalf("error %v, want an ambiguity naming both", err)
	}
	if want := `line 2: user: "Anna@example.com" matches "ANNA@example.com" and "anna@example.com" on the service`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want it to start with %q", err, want)
	}
}

// A listing that overlapped (the same address twice) neither deletes a user twice nor counts
// it as kept twice.
func TestComputeRepeatedCurrentUser(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A"), user("carl@example.com", "Carl C"), user("carl@example.com", "Carl C")}
	p := compute(t, "user,displayName,givenName,surName\nanna@example.com,Anna A,Given,Sur\n", current, true)
	if !slices.Equal(p.Delete, []string{"carl@example.com"}) {
		t.Errorf("delete %v, want carl once", p.Delete)
	}
	p = compute(t, "user,displayName,givenName,surName\nanna@example.com,Anna A,Given,Sur\n", current, false)
	if p.Kept != 1 {
		t.Errorf("kept %d, want 1", p.Kept)
	}
}

// userfile refuses duplicates; Compute checks again for records that come from elsewhere.
func TestComputeDuplicateRecords(t *testing.T) {
	recs := records(t, "user,displayName,givenName,surName\nanna@example.com,Anna A,Given,Sur\nnew@example.com,New N,Given,Sur\n")
	for _, tc := range []struct {
		name string
		dup  userfile.Record
	}{
		{"existing user", recs[0]},
		{"new user", recs[1]},
	} {
		dup := tc.dup
		dup.Pos = "line 9"
		dup.User.User = strings.ToUpper(dup.User.User)
		_, err := syncplan.Compute(append(slices.Clone(recs), dup), []gen.User{user("anna@example.com", "Anna A")}, false)
		var de *syncplan.DuplicateError
		if !errors.As(err, &de) || de.Pos != "line 9" || de.Other != tc.dup.Pos {
			t.Errorf("%s: error %v, want a duplicate of %s on line 9", tc.name, err, tc.dup.Pos)
		}
	}
}

func TestComputeEmptyService(t *testing.T) {
	p := compute(t, "user,displayName,givenName,surName,language\nanna@example.com,Anna A,Anna,Sur,\n", nil, true)
	if len(p.Create) != 1 || p.Changes() != 1 {
		t.Fatalf("plan %+v", p)
	}
	// Language left empty stays absent, so the service applies its default.
	got, _ := json.Marshal(p.Create[0].User)
	if want := `{"displayName":"Anna A","givenName":"Anna","surName":"Sur","user":"anna@example.com"}`; string(got) != want {
		t.Errorf("create %s, want %s", got, want)
	}
}

// An export read back unchanged is an empty plan: export → sync is idempotent.
func TestComputeExportRoundTrip(t *testing.T) {
	current := []gen.User{
		user("anna@example.com", "Anna A", "department=Sales", "costcenter=01", "phone=+49 1", "mobile=+49 2", "failoverGroups=emea;apac"),
		user("bert@example.com", "Bert B"),
		user("carl@example.com", "Carl \"the\" C, jr.", "failoverGroups=a b;c"),
	}
	current[1].Status = gen.UserStatus{Activation: true, Access: true, Failover: true}
	p := compute(t, exportCSV(t, current), current, true)
	if !p.Empty() || p.Unchanged != 3 {
		t.Errorf("plan %+v, want 3 unchanged", p)
	}
}

func TestPlanJSON(t *testing.T) {
	current := []gen.User{
		user("anna@example.com", "Anna A", "department=Sales", "failoverGroups=emea"),
		user("carl@example.com", "Carl C"),
		user("dora@example.com", "Dora D"),
	}
	p := compute(t, `user,displayName,givenName,surName,department,failoverGroups
anna@example.com,Anna A,Given,Sur,,"emea;apac"
dora@example.com,Dora D,Given,Sur,,
eve@example.com,Eve E,Eve,Example,Support,
`, current, true)
	got, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"create":[{"department":"Support","displayName":"Eve E","givenName":"Eve","surName":"Example","user":"eve@example.com"}],` +
		`"update":[{"user":"anna@example.com","changes":{"department":{"from":"Sales","to":null},"failoverGroups":{"from":["emea"],"to":["emea","apac"]}}}],` +
		`"delete":["carl@example.com"],"unchanged":1}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
	// A plan value marshals the same, and an empty plan has lists, not nulls.
	if v, _ := json.Marshal(*p); string(v) != want {
		t.Errorf("plan value marshals as %s", v)
	}
	if e, _ := json.Marshal(syncplan.Plan{Unchanged: 3}); string(e) != `{"create":[],"update":[],"delete":[],"unchanged":3}` {
		t.Errorf("empty plan %s", e)
	}
}

func TestPlanBulkItems(t *testing.T) {
	current := []gen.User{user("anna@example.com", "Anna A")}
	p := compute(t, "user,displayName,givenName,surName\nanna@example.com,Anna B,Given,Sur\nbert@example.com,Bert B,Given,Sur\n", current, false)
	if c := p.CreateUsers(); len(c) != 1 || c[0].User != "bert@example.com" {
		t.Errorf("create items %+v", c)
	}
	if u := p.UpdateUsers(); len(u) != 1 || u[0].User != "anna@example.com" || *u[0].DisplayName != "Anna B" {
		t.Errorf("update items %+v", u)
	}
}

// Records of one file may set different fields (JSON keys per record); each is compared on
// its own fields.
func TestComputeRecordsWithDifferentFields(t *testing.T) {
	current := []gen.User{
		user("anna@example.com", "Anna A", "department=Sales"),
		user("bert@example.com", "Bert B", "department=Sales"),
		user("carl@example.com", "Carl C", "department=Sales"),
	}
	p := compute(t, `{"user":"anna@example.com","displayName":"Anna A","givenName":"Given","surName":"Sur","department":"Support"}
{"user":"bert@example.com","displayName":"Bert B","givenName":"Given","surName":"Sur"}
{"user":"carl@example.com","displayName":"Carl C","givenName":"Given","surName":"Sur","department":null}
`, current, false)
	if len(p.Update) != 2 || p.Update[0].User != "anna@example.com" || p.Update[1].User != "carl@example.com" || p.Unchanged != 1 {
		t.Fatalf("plan %+v, want anna and carl updated, bert unchanged", p)
	}
	if got := p.Update[1].Fields["department"]; got.From != "Sales" || got.To != nil {
		t.Errorf("carl's department %+v, want Sales → null", got)
	}
}
