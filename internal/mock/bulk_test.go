package mock_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

func TestCreateUsersReturnsTheCreatedInRequestOrder(t *testing.T) {
	e := newEnv(t, mock.Options{})
	var br gen.BulkResult
	r := e.do(http.MethodPut, "/44444", []any{newUser("z@b.example"), newUser("a@b.example")}).expect(t, http.StatusOK)
	r.decode(t, &br)
	checkMeta(t, r, br.Id, br.Timestamp)
	if br.Count != 2 || !slices.Equal(br.Users, []string{"z@b.example", "a@b.example"}) {
		t.Errorf("bulk result %+v", br)
	}
	if e.count("44444", "") != 2 || e.count("55555", "") != 0 {
		t.Error("users not created in exactly the path's customer")
	}
	if got := e.srv.Changes(); got != 1 {
		t.Errorf("Changes %d, want 1", got)
	}
	e.do(http.MethodPut, "/44444", []any{}).expect(t, http.StatusOK).decode(t, &br)
	if br.Count != 0 || br.Users == nil {
		t.Errorf("empty create: %+v (users must be [] not null)", br)
	}
}

func TestCreateMailNotificationIsRecorded(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.do(http.MethodPut, "/44444?mailNotification=true", []any{newUser("a@b.example")}).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444?mailNotification=1", []any{newUser("b@b.example")}).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444?mailNotification=yes", []any{newUser("c@b.example")}).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444", []any{newUser("d@b.example")}).expect(t, http.StatusOK)
	var got []string
	for _, n := range e.srv.Notifications() {
		if n.Reason != "create" || n.Customer != "44444" {
			t.Errorf("notification %+v", n)
		}
		got = append(got, n.User)
	}
	if !slices.Equal(got, []string{"a@b.example", "b@b.example"}) {
		t.Errorf("notified %v, want the users created with mailNotification true or 1", got)
	}
}

func TestCreateIsAllOrNothing(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("exists@b.example"))
	before := e.srv.Changes()

	e.do(http.MethodPut, "/44444", []any{newUser("new1@b.example"), newUser("exists@b.example"), newUser("new2@b.example")}).
		errorMatches(t, http.StatusConflict, `user exists: exists@b\.example; nothing was created`)
	e.do(http.MethodPut, "/44444", []any{newUser("new1@b.example"), newUser("new2@b.example"), newUser("new1@b.example")}).
		errorMatches(t, http.StatusConflict, `body\[2\]\.user: new1@b\.example is named twice in the request \(also body\[0\]\)`)

	if n := e.count("44444", ""); n != 1 {
		t.Errorf("%d users after refused creates, want 1", n)
	}
	if e.srv.Changes() != before {
		t.Error("a refused create counted as a change")
	}
	// The same address in another customer is another user.
	e.create("55555", newUser("exists@b.example"))
}

func TestUpdateUsersChangesOnlyGivenFields(t *testing.T) {
	e := newEnv(t, mock.Options{})
	u := newUser("a@b.example", "emea")
	u["department"] = "Sales"
	u["mobile"] = "+49 1"
	u["phone"] = "+49 2"
	e.create("44444", u, newUser("b@b.example"))

	var br gen.BulkResult
	e.do(http.MethodPatch, "/44444", `[
		{"user":"a@b.example","department":"Support","mobile":null,"failoverGroups":["apac","sales"],"language":"fr_FR"},
		{"user":"b@b.example","displayName":"Bee","failoverGroups":null}
	]`).expect(t, http.StatusOK).decode(t, &br)
	if br.Count != 2 || !slices.Equal(br.Users, []string{"a@b.example", "b@b.example"}) {
		t.Errorf("bulk result %+v", br)
	}
	a := e.getUser("44444", "a@b.example")
	if a.Department.MustGet() != "Support" || a.Mobile.IsSpecified() || a.Phone.MustGet() != "+49 2" ||
		a.Language != "fr_FR" || a.DisplayName != "D a@b.example" || !slices.Equal(a.FailoverGroups.MustGet(), []string{"apac", "sales"}) {
		t.Errorf("after update: %+v", a)
	}
	if b := e.getUser("44444", "b@b.example"); b.DisplayName != "Bee" || b.FailoverGroups.IsSpecified() {
		t.Errorf("after update: %+v", b)
	}
	if e.count("44444", "group=emea") != 0 || e.count("44444", "group=apac") != 1 {
		t.Error("group filters do not see the new groups")
	}
}

func TestUpdateUsersIsAllOrNothing(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	e.do(http.MethodPatch, "/44444", `[{"user":"a@b.example","department":"X"},{"user":"ghost1@b.example"},{"user":"ghost2@b.example"}]`).
		errorMatches(t, http.StatusNotFound, `unknown user: ghost1@b\.example, ghost2@b\.example; nothing was changed`)
	e.do(http.MethodPatch, "/44444", `[{"user":"a@b.example","department":"X"},{"user":"a@b.example","department":"Y"}]`).
		errorMatches(t, http.StatusBadRequest, `body\[1\]\.user: a@b\.example is named twice`)
	if a := e.getUser("44444", "a@b.example"); a.Department.IsSpecified() {
		t.Errorf("a refused update changed the user: %+v", a)
	}
}

func TestDeleteUsers(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"), newUser("b@b.example"), newUser("c@b.example"))

	e.do(http.MethodDelete, "/44444", []string{"a@b.example", "ghost@b.example"}).
		errorMatches(t, http.StatusNotFound, `unknown user: ghost@b\.example; nothing was deleted`)
	e.do(http.MethodDelete, "/44444", []string{"a@b.example", "a@b.example"}).
		errorMatches(t, http.StatusBadRequest, `named twice`)
	if n := e.count("44444", ""); n != 3 {
		t.Fatalf("%d users after refused deletes, want 3", n)
	}
	var br gen.BulkResult
	e.do(http.MethodDelete, "/44444", []string{"c@b.example", "a@b.example"}).expect(t, http.StatusOK).decode(t, &br)
	if br.Count != 2 || !slices.Equal(br.Users, []string{"c@b.example", "a@b.example"}) {
		t.Errorf("bulk result %+v", br)
	}
	if got := addresses(e.all("44444", "", 10)); !slices.Equal(got, []string{"b@b.example"}) {
		t.Errorf("left %v", got)
	}
}

func TestBulkOverMaxBulkIs413AndChangesNothing(t *testing.T) {
	e := newEnv(t, mock.Options{MaxBulk: 3})
	e.create("44444", newUser("a@b.example"))
	var four []any
	var addrs []string
	for i := range 4 {
		four = append(four, newUser(fmt.Sprintf("n%d@b.example", i)))
		addrs = append(addrs, fmt.Sprintf("n%d@b.example", i))
	}
	e.do(http.MethodPut, "/44444", four).errorMatches(t, http.StatusRequestEntityTooLarge, `at most 3 users per request`)
	e.do(http.MethodPatch, "/44444", four).errorMatches(t, http.StatusRequestEntityTooLarge, `at most 3`)
	e.do(http.MethodDelete, "/44444", addrs).errorMatches(t, http.StatusRequestEntityTooLarge, `at most 3`)
	e.do(http.MethodPut, "/44444", four[:3]).expect(t, http.StatusOK)
	if n := e.count("44444", ""); n != 4 {
		t.Errorf("%d users, want 4", n)
	}
}

func TestBodyOver8MiBIs413(t *testing.T) {
	e := newEnv(t, mock.Options{})
	big := `[{"user":"a@b.example","displayName":"` + strings.Repeat("x", mock.MaxBodyBytes) + `"}]`
	e.do(http.MethodPut, "/44444", big).errorMatches(t, http.StatusRequestEntityTooLarge, `larger than 8388608 bytes`)
	e.do(http.MethodPatch, "/44444/a@b.example", `{"displayName":"`+strings.Repeat("x", mock.MaxBodyBytes)+`"}`).
		expect(t, http.StatusRequestEntityTooLarge)
	if e.srv.Changes() != 0 {
		t.Error("an oversized body changed something")
	}
}
