package mock_test

import (
	"net/http"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

type operation struct {
	id           string
	method, path string
	body         any
}

// customerOperations is one valid request of every operation that names a customer.
// a@b.example must exist in the customer for the single-user ones to succeed.
func customerOperations(c string) []operation {
	return []operation{
		{"countUsers", http.MethodHead, "/" + c, nil},
		{"listUsers", http.MethodGet, "/" + c, nil},
		{"createUsers", http.MethodPut, "/" + c, []any{newUser("new@b.example")}},
		{"updateUsers", http.MethodPatch, "/" + c, []any{map[string]any{"user": "a@b.example", "department": "X"}}},
		{"deleteUsers", http.MethodDelete, "/" + c, []string{"gone@b.example"}},
		{"setCustomerFailover", http.MethodPut, "/" + c + "/failover", nil},
		{"unsetCustomerFailover", http.MethodDelete, "/" + c + "/failover", nil},
		{"setCustomerAccess", http.MethodPut, "/" + c + "/access?group=emea", nil},
		{"unsetCustomerAccess", http.MethodDelete, "/" + c + "/access", nil},
		{"getUser", http.MethodGet, "/" + c + "/a@b.example", nil},
		{"updateUser", http.MethodPatch, "/" + c + "/a@b.example", map[string]any{"phone": "+1 2"}},
		{"deleteUser", http.MethodDelete, "/" + c + "/del@b.example", nil},
		{"setUserFlag", http.MethodPut, "/" + c + "/a@b.example/failover", nil},
		{"unsetUserFlag", http.MethodDelete, "/" + c + "/a@b.example/access", nil},
		{"createToken", http.MethodPost, "/" + c + "/a@b.example/token?mailNotification=true", nil},
	}
}

func seedForOperations(e *env, c string) {
	e.t.Helper()
	e.create(c, newUser("a@b.example", "emea"), newUser("gone@b.example"), newUser("del@b.example"))
}

func TestEveryOperationSucceedsForItsOwner(t *testing.T) {
	e := newEnv(t, mock.Options{})
	seedForOperations(e, "44444")
	for _, op := range customerOperations("44444") {
		r := e.do(op.method, op.path, op.body)
		if r.status/100 != 2 {
			t.Errorf("%s: %d %s", op.id, r.status, r.body)
		}
	}
}

func TestMissingOrWrongCredentialsAre401(t *testing.T) {
	e := newEnv(t, mock.Options{})
	seedForOperations(e, "44444")
	before := e.srv.Changes()
	for _, creds := range []struct {
		name string
		opt  reqOption
	}{
		{"none", noAuth()},
		{"wrong password", as("demo", "wrong")},
		{"unknown user", as("mallory", "demo-pass")},
		{"other account's password", as("demo", "other-pass")},
	} {
		for _, op := range customerOperations("44444") {
			r := e.do(op.method, op.path, op.body, creds.opt)
			if op.method == http.MethodHead {
				r.expect(t, http.StatusUnauthorized)
				if len(r.body) != 0 {
					t.Errorf("HEAD 401 with a body")
				}
			} else {
				r.errorMatches(t, http.StatusUnauthorized, "credentials")
			}
			if got := r.header.Get("WWW-Authenticate"); got != `Basic realm="ecmock", charset="UTF-8"` {
				t.Errorf("%s %s: WWW-Authenticate %q", creds.name, op.id, got)
			}
		}
	}
	// Authentication comes before validation: an invalid request without credentials is 401.
	e.do(http.MethodPut, "/44444", `not json`, noAuth()).expect(t, http.StatusUnauthorized)
	if e.srv.Changes() != before {
		t.Error("an unauthenticated request changed the data")
	}
}

// Another customer's data is never visible or changeable: 403 for every operation, and
// the owner sees the data unchanged.
func TestOtherCustomersAre403ForEveryOperation(t *testing.T) {
	e := newEnv(t, mock.Options{})
	other := as("other", "other-pass")
	e.do(http.MethodPut, "/66666", []any{newUser("a@b.example", "emea"), newUser("gone@b.example"), newUser("del@b.example")}, other).
		expect(t, http.StatusOK)
	before := e.srv.Changes()
	for _, op := range customerOperations("66666") {
		r := e.do(op.method, op.path, op.body) // as demo
		if op.method == http.MethodHead {
			r.expect(t, http.StatusForbidden)
			continue
		}
		r.errorMatches(t, http.StatusForbidden, `^customer 66666 does not belong to account demo$`)
	}
	// Same with a customer nobody owns, and with the suffix form.
	e.do(http.MethodGet, "/77777", nil).expect(t, http.StatusForbidden)
	e.do(http.MethodGet, "/44444AB", nil).expect(t, http.StatusForbidden)
	if e.srv.Changes() != before {
		t.Error("a forbidden request changed the data")
	}
	var l gen.UserList
	e.do(http.MethodGet, "/66666", nil, other).expect(t, http.StatusOK).decode(t, &l)
	for _, u := range l.Users {
		if u.Status.Failover || u.Status.Access || u.Department.IsSpecified() || u.Phone.IsSpecified() {
			t.Errorf("other customer's user changed: %+v", u)
		}
	}
	r := e.do(http.MethodHead, "/66666", nil, other).expect(t, http.StatusOK)
	if r.header.Get("User-Count") != "3" {
		t.Errorf("owner sees User-Count %s, want 3", r.header.Get("User-Count"))
	}
	if len(e.srv.Notifications()) != 0 {
		t.Error("a forbidden token request sent a notification")
	}
}

func TestSetPasswordNeedsNoCredentials(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	tok := createToken(t, e, "44444", "a@b.example")
	e.do(http.MethodPut, "/a@b.example/password", map[string]string{"token": tok.Token, "password": "Summer2026!x"}, noAuth()).
		expect(t, http.StatusOK)
}
