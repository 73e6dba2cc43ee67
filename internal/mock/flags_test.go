package mock_test

import (
	"net/http"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

func TestCustomerFlagsForAllAndForGroups(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444",
		newUser("a@x.example", "emea", "germany"),
		newUser("b@x.example", "emea"),
		newUser("c@x.example", "apac"),
		newUser("d@x.example"),
	)
	e.create("55555", newUser("z@x.example", "emea"))

	flag := func(method, path string) int {
		t.Helper()
		var fr gen.FlagResult
		r := e.do(method, path, nil).expect(t, http.StatusOK)
		r.decode(t, &fr)
		checkMeta(t, r, fr.Id, fr.Timestamp)
		return fr.AffectedUsers
	}
	if n := flag(http.MethodPut, "/44444/failover?group=germany&group=apac"); n != 2 {
		t.Errorf("affectedUsers %d, want 2 (members of germany or apac)", n)
	}
	if n := e.count("44444", "failover=true"); n != 2 {
		t.Errorf("failover users %d, want 2", n)
	}
	// affectedUsers counts the users in scope, also those whose flag already had the value.
	if n := flag(http.MethodPut, "/44444/failover?group=emea"); n != 2 {
		t.Errorf("affectedUsers %d, want 2 (a was on already, b switched)", n)
	}
	if n := e.count("44444", "failover=true"); n != 3 {
		t.Errorf("failover users %d, want 3", n)
	}
	if n := flag(http.MethodDelete, "/44444/failover"); n != 4 {
		t.Errorf("affectedUsers %d, want all 4", n)
	}
	if n := e.count("44444", "failover=true"); n != 0 {
		t.Errorf("failover users %d after removing for all, want 0", n)
	}
	if n := flag(http.MethodPut, "/44444/access?group=nobody"); n != 0 {
		t.Errorf("unknown group: affectedUsers %d", n)
	}
	flag(http.MethodPut, "/44444/access")
	flag(http.MethodDelete, "/44444/access?group=apac")
	if n := e.count("44444", "access=true"); n != 3 {
		t.Errorf("access users %d, want 3", n)
	}
	if n := e.count("55555", "access=true"); n != 0 {
		t.Error("a flag change of 44444 reached 55555")
	}
	if e.count("44444", "activation=true") != 0 {
		t.Error("a flag change touched activation")
	}
}

func TestUserFlags(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@x.example"))
	for _, step := range []struct {
		method, flag string
		want         gen.UserStatus
	}{
		{http.MethodPut, "failover", gen.UserStatus{Failover: true}},
		{http.MethodPut, "failover", gen.UserStatus{Failover: true}},
		{http.MethodPut, "access", gen.UserStatus{Failover: true, Access: true}},
		{http.MethodDelete, "failover", gen.UserStatus{Access: true}},
		{http.MethodDelete, "access", gen.UserStatus{}},
	} {
		var ack gen.Ack
		r := e.do(step.method, "/44444/a@x.example/"+step.flag, nil).expect(t, http.StatusOK)
		r.decode(t, &ack)
		checkMeta(t, r, ack.Id, ack.Timestamp)
		if got := e.getUser("44444", "a@x.example").Status; got != step.want {
			t.Errorf("after %s %s: %+v, want %+v", step.method, step.flag, got, step.want)
		}
	}
	e.do(http.MethodPut, "/44444/ghost@x.example/failover", nil).errorMatches(t, http.StatusNotFound, `unknown user: ghost@x\.example`)
	e.do(http.MethodDelete, "/44444/ghost@x.example/access", nil).expect(t, http.StatusNotFound)
	e.do(http.MethodPut, "/44444/a@x.example/activation", nil).errorMatches(t, http.StatusBadRequest, `^FLAG: `)
}

func TestSingleUserReadUpdateDelete(t *testing.T) {
	e := newEnv(t, mock.Options{})
	u := newUser("a@x.example", "emea")
	u["phone"] = "+49 1"
	u["department"] = "IT"
	e.create("44444", u)

	e.do(http.MethodPatch, "/44444/a@x.example", `{"phone":null,"givenName":"Ana","timezone":"Europe/Vienna","failoverGroups":[]}`).
		expect(t, http.StatusOK)
	got := e.getUser("44444", "a@x.example")
	if got.Phone.IsSpecified() || got.GivenName != "Ana" || got.Timezone != "Europe/Vienna" ||
		got.Department.MustGet() != "IT" || got.FailoverGroups.IsSpecified() || got.SurName != "S" {
		t.Errorf("after patch: %+v", got)
	}
	e.do(http.MethodPatch, "/44444/a@x.example", `{}`).expect(t, http.StatusOK)

	for _, method := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
		var body any
		if method == http.MethodPatch {
			body = map[string]any{"department": "X"}
		}
		e.do(method, "/44444/ghost@x.example", body).errorMatches(t, http.StatusNotFound, `^unknown user: ghost@x\.example \(customer 44444\)$`)
	}
	// The same address in another customer is not this user.
	e.do(http.MethodGet, "/55555/a@x.example", nil).expect(t, http.StatusNotFound)

	e.do(http.MethodDelete, "/44444/a@x.example", nil).expect(t, http.StatusOK)
	e.do(http.MethodGet, "/44444/a@x.example", nil).expect(t, http.StatusNotFound)
	e.do(http.MethodDelete, "/44444/a@x.example", nil).expect(t, http.StatusNotFound)
}
