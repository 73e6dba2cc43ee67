package mock_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	genspec "github.com/ecctl/ecctl/gen/spec"
	"github.com/ecctl/ecctl/internal/mock"
)

var documentedLanguages = []string{"cs_CZ", "da_DK", "de_DE", "en_GB", "en_US", "es_ES", "es_MX", "fi_FI", "fr_FR", "hu_HU"}

func TestSeedIsDeterministicPerCustomer(t *testing.T) {
	a := newEnv(t, mock.Options{Seed: 300})
	b := newEnv(t, mock.Options{Seed: 300})
	ua, ub := a.all("44444", "", 1000), b.all("44444", "", 1000)
	if len(ua) != 300 || !sameUsers(ua, ub) {
		t.Fatalf("two servers with --seed 300 differ (%d, %d users)", len(ua), len(ub))
	}
	if other := a.all("55555", "", 1000); len(other) != 300 || sameUsers(ua, other) {
		t.Error("two customers got the same users")
	}
}

func TestSeededUsersAreRealisticAndValid(t *testing.T) {
	doc, err := genspec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.Components.Schemas["User"].Value
	e := newEnv(t, mock.Options{Seed: 2000})
	users := e.all("44444", "", 1000)

	domains, languages, groups := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var nonASCII, activated, access, withDepartment, withoutGroups int
	for _, u := range users {
		raw, _ := json.Marshal(u)
		var v any
		_ = json.Unmarshal(raw, &v)
		if err := schema.VisitJSON(v); err != nil {
			t.Fatalf("seeded user %s does not fit the User schema: %v", u.User, err)
		}
		if _, err := time.LoadLocation(u.Timezone); err != nil {
			t.Errorf("%s: time zone %q", u.User, u.Timezone)
		}
		if !slices.Contains(documentedLanguages, u.Language) {
			t.Errorf("%s: language %q is not one of the documented ten", u.User, u.Language)
		}
		if u.Status.Failover {
			t.Errorf("%s: seeded in failover", u.User)
		}
		if utf8.RuneCountInString(u.DisplayName) != len(u.DisplayName) {
			nonASCII++
		}
		if !strings.HasSuffix(u.User, "@"+u.Domain) || u.Customer != "44444" {
			t.Errorf("%s: domain %q customer %q", u.User, u.Domain, u.Customer)
		}
		g := u.FailoverGroups.GetOrEmpty()
		if len(g) > 3 {
			t.Errorf("%s: %d groups", u.User, len(g))
		}
		if len(g) == 0 {
			withoutGroups++
		}
		for _, name := range g {
			groups[name] = true
		}
		domains[u.Domain], languages[u.Language] = true, true
		if u.Status.Activation {
			activated++
		}
		if u.Status.Access {
			access++
		}
		if u.Department.IsSpecified() {
			withDepartment++
		}
	}
	if len(domains) < 3 || len(languages) != 10 || nonASCII < 200 || withoutGroups == 0 {
		t.Errorf("%d domains, %d languages, %d non-ASCII names, %d users without groups", len(domains), len(languages), nonASCII, withoutGroups)
	}
	for _, g := range []string{"emea", "germany", "apac", "sales", "it"} {
		if !groups[g] {
			t.Errorf("no user in group %s", g)
		}
	}
	if activated == 0 || activated == len(users) || access == 0 || access == len(users) || withDepartment == len(users) {
		t.Errorf("activated %d, access %d, with department %d of %d: want a mix", activated, access, withDepartment, len(users))
	}
}
