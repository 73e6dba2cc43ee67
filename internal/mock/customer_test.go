package mock_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

func TestListPagingIsStableAndTotalsAdd(t *testing.T) {
	e := newEnv(t, mock.Options{})
	var users []map[string]any
	for i := 25; i > 0; i-- { // created out of order on purpose
		users = append(users, newUser(fmt.Sprintf("u%02d@b.example", i)))
	}
	e.create("44444", users...)

	var got []string
	for offset := 0; offset < 30; offset += 10 {
		l := e.list("44444", fmt.Sprintf("offset=%d&size=10", offset))
		if l.Total != 25 || l.Offset != offset || l.Size != 10 || l.Count != len(l.Users) {
			t.Fatalf("page at %d: total %d offset %d size %d count %d (users %d)", offset, l.Total, l.Offset, l.Size, l.Count, len(l.Users))
		}
		got = append(got, addresses(l.Users)...)
	}
	if len(got) != 25 || !slices.IsSorted(got) {
		t.Fatalf("pages gave %d users, sorted %v: %v", len(got), slices.IsSorted(got), got)
	}
	if n := e.count("44444", ""); n != 25 {
		t.Errorf("User-Count %d, want 25", n)
	}

	l := e.list("44444", "offset=100")
	if l.Total != 25 || l.Count != 0 || l.Users == nil {
		t.Errorf("offset past the end: total %d count %d users %v (want [] not null)", l.Total, l.Count, l.Users)
	}
	if l := e.list("44444", "size=0"); l.Count != 0 || l.Total != 25 {
		t.Errorf("size=0: count %d total %d", l.Count, l.Total)
	}
	if l := e.list("44444", ""); l.Size != 1000 || l.Offset != 0 || l.Count != 25 {
		t.Errorf("defaults: size %d offset %d count %d", l.Size, l.Offset, l.Count)
	}
}

func TestListedUserFields(t *testing.T) {
	e := newEnv(t, mock.Options{})
	full := newUser("robert.meyer@domain.com", "emea", "germany")
	full["language"] = "de_DE"
	full["timezone"] = "Africa/Asmera"
	full["department"] = "Sales"
	full["costcenter"] = "01"
	full["phone"] = "+49 30 67242-33"
	full["mobile"] = "+49 175 424222"
	e.create("44444", full, newUser("min@domain.com"))

	u := e.getUser("44444", "robert.meyer@domain.com")
	if u.Customer != "44444" || u.Domain != "domain.com" || u.Language != "de_DE" || u.Timezone != "Africa/Asmera" ||
		u.Department.MustGet() != "Sales" || u.Costcenter.MustGet() != "01" || u.Phone.MustGet() != "+49 30 67242-33" ||
		u.Mobile.MustGet() != "+49 175 424222" || !slices.Equal(u.FailoverGroups.MustGet(), []string{"emea", "germany"}) {
		t.Errorf("stored user %+v", u)
	}
	m := e.getUser("44444", "min@domain.com")
	if m.Language != "en_US" || m.Timezone != "Europe/Berlin" {
		t.Errorf("defaults: language %q timezone %q, want en_US Europe/Berlin", m.Language, m.Timezone)
	}
	if m.Department.IsSpecified() || m.FailoverGroups.IsSpecified() || m.Status != (gen.UserStatus{}) {
		t.Errorf("a new user: %+v", m)
	}
}

func TestFiltersCombineWithANDAndGroupsWithOR(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444",
		newUser("a@x.example", "emea", "germany"),
		newUser("b@x.example", "emea"),
		newUser("c@x.example", "apac"),
		newUser("d@x.example"),
		newUser("e@x.example", "sales", "germany"),
	)
	e.do(http.MethodPut, "/44444/a@x.example/failover", nil).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444/c@x.example/failover", nil).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444/c@x.example/access", nil).expect(t, http.StatusOK)

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"a", "b", "c", "d", "e"}},
		{"failover=true", []string{"a", "c"}},
		{"failover=false", []string{"b", "d", "e"}},
		{"failover=true&access=true", []string{"c"}},
		{"failover=true&access=false", []string{"a"}},
		{"activation=true", nil},
		{"activation=false&access=false", []string{"a", "b", "d", "e"}},
		{"group=germany", []string{"a", "e"}},
		{"group=germany&group=apac", []string{"a", "c", "e"}},
		{"group=germany&failover=true", []string{"a"}},
		{"group=unknown", nil},
		{"group=unknown&group=apac", []string{"c"}},
	} {
		var want []string
		for _, w := range tc.want {
			want = append(want, w+"@x.example")
		}
		got := addresses(e.all("44444", tc.query, 2))
		if !slices.Equal(got, want) {
			t.Errorf("%q: listed %v, want %v", tc.query, got, want)
		}
		if n := e.count("44444", tc.query); n != len(want) {
			t.Errorf("%q: User-Count %d, want %d", tc.query, n, len(want))
		}
		if l := e.list("44444", tc.query); l.Total != len(want) {
			t.Errorf("%q: total %d, want %d", tc.query, l.Total, len(want))
		}
	}

	l := e.list("44444", "failover=true&access=false")
	if l.Filter != (gen.Filter{Failover: true}) {
		t.Errorf("filter echo %+v: given true → true, given false and absent → false", l.Filter)
	}
}

func TestGroupRepeatedKeysAndCommaJoinedValue(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@x.example", "emea"), newUser("b@x.example", "germany"), newUser("c@x.example", "apac"))

	repeated := e.count("44444", "group=emea&group=germany")
	joined := e.count("44444", "group="+url.QueryEscape("emea,germany"))
	raw := e.count("44444", "group=emea,germany")
	if repeated != 2 || joined != 2 || raw != 2 {
		t.Errorf("repeated %d, comma-joined %d, raw comma %d; want 2 each", repeated, joined, raw)
	}
	var fr gen.FlagResult
	e.do(http.MethodPut, "/44444/failover?group="+url.QueryEscape("emea,apac"), nil).expect(t, http.StatusOK).decode(t, &fr)
	if fr.AffectedUsers != 2 || e.count("44444", "failover=true") != 2 {
		t.Errorf("comma-joined groups on a flag change: affected %d", fr.AffectedUsers)
	}

	names := make([]string, 17)
	for i := range names {
		names[i] = fmt.Sprintf("g%d", i)
	}
	e.do(http.MethodHead, "/44444?group="+url.QueryEscape(strings.Join(names[:16], ",")), nil).expect(t, http.StatusOK)
	e.do(http.MethodGet, "/44444?group="+url.QueryEscape(strings.Join(names, ",")), nil).
		errorMatches(t, http.StatusBadRequest, `^group: maximum number of items is 16`)
	e.do(http.MethodGet, "/44444?group="+strings.Join(names, "&group="), nil).
		errorMatches(t, http.StatusBadRequest, `^group: maximum number of items is 16`)
	e.do(http.MethodGet, "/44444?group=emea,,germany", nil).errorMatches(t, http.StatusBadRequest, `^group`)
}

func TestSeededListIsPagedInAddressOrder(t *testing.T) {
	e := newEnv(t, mock.Options{Seed: 2500})
	l := e.list("44444", "offset=2000")
	if l.Total != 2500 || l.Count != 500 || l.Size != 1000 {
		t.Fatalf("total %d count %d size %d", l.Total, l.Count, l.Size)
	}
	all := addresses(e.all("44444", "", 1000))
	if len(all) != 2500 || !slices.IsSorted(all) || !slices.Equal(all, e.srv.SortedAddresses("44444")) {
		t.Fatalf("paging gave %d users, sorted %v", len(all), slices.IsSorted(all))
	}
	if got := addresses(l.Users); !slices.Equal(got, all[2000:]) {
		t.Error("offset 2000 does not continue the earlier pages")
	}
}
