package mock_test

import (
	"net/http"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

// The customer-flag paths are literal in the spec; ServeMux must prefer them over
// /{CUSTOMER}/{USER} for every method, and never treat "failover" as a user.
func TestRoutingLiteralFlagPathsWinOverUserPath(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"), newUser("c@d.example"))

	var fr gen.FlagResult
	e.do(http.MethodDelete, "/44444/failover", nil).expect(t, http.StatusOK).decode(t, &fr)
	if fr.AffectedUsers != 2 {
		t.Errorf("DELETE /44444/failover: affectedUsers %d, want 2 (a flag operation)", fr.AffectedUsers)
	}
	e.do(http.MethodPut, "/44444/access", nil).expect(t, http.StatusOK).decode(t, &fr)
	if e.count("44444", "access=true") != 2 {
		t.Error("PUT /44444/access did not set access for all users")
	}

	var ack gen.Ack
	e.do(http.MethodDelete, "/44444/a@b.example", nil).expect(t, http.StatusOK).decode(t, &ack)
	e.do(http.MethodGet, "/44444/a@b.example", nil).expect(t, http.StatusNotFound)
	e.do(http.MethodDelete, "/44444/c%40d.example", nil).expect(t, http.StatusOK)
	if n := e.count("44444", ""); n != 0 {
		t.Errorf("%d users left, want 0", n)
	}
}

func TestRoutingUserFlagAndTokenPaths(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	e.do(http.MethodPut, "/44444/a@b.example/failover", nil).expect(t, http.StatusOK)
	if !e.getUser("44444", "a@b.example").Status.Failover {
		t.Error("PUT /44444/a@b.example/failover did not set the user's flag")
	}
	e.do(http.MethodPost, "/44444/a@b.example/token", nil).expect(t, http.StatusCreated)
	// "failover" in the user position is a user path value, not a flag; it is no address.
	e.do(http.MethodGet, "/44444/failover", nil).errorMatches(t, http.StatusBadRequest, `^USER: `)
}

func TestRoutingUnknownPathAndMethod(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.do(http.MethodGet, "/44444/a@b.example/x/y", nil).errorMatches(t, http.StatusNotFound, "no operation")
	e.do(http.MethodGet, "/44444/", nil).errorMatches(t, http.StatusNotFound, "no operation")

	r := e.do(http.MethodOptions, "/44444", nil)
	r.errorMatches(t, http.StatusMethodNotAllowed, "not allowed")
	if got := r.header.Get("Allow"); got != "DELETE, GET, HEAD, PATCH, PUT" {
		t.Errorf("Allow %q", got)
	}
	// ServeMux would answer HEAD with the GET route; the spec has no HEAD for one user.
	r = e.do(http.MethodHead, "/44444/a@b.example", nil).expect(t, http.StatusMethodNotAllowed)
	if len(r.body) != 0 || r.header.Get("X-Request-Id") == "" {
		t.Errorf("HEAD error: body %q, X-Request-Id %q", r.body, r.header.Get("X-Request-Id"))
	}
	e.do(http.MethodPost, "/44444/failover", nil).expect(t, http.StatusMethodNotAllowed)
}

func TestEveryAnswerHasUniqueIDTimestampAndRequestIDHeader(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	requests := []struct {
		method, path string
		body         any
		opts         []reqOption
	}{
		{http.MethodGet, "/44444", nil, nil},
		{http.MethodGet, "/44444/a@b.example", nil, nil},
		{http.MethodPut, "/44444", []any{newUser("x@b.example")}, nil},
		{http.MethodPut, "/44444/failover", nil, nil},
		{http.MethodPatch, "/44444/a@b.example", map[string]any{"department": "IT"}, nil},
		{http.MethodPost, "/44444/a@b.example/token", nil, nil},
		{http.MethodGet, "/44444/none@b.example", nil, nil},
		{http.MethodGet, "/55555x", nil, nil},
		{http.MethodGet, "/66666", nil, nil},
		{http.MethodGet, "/44444", nil, []reqOption{noAuth()}},
		{http.MethodGet, "/nothing/here/at/all", nil, nil},
	}
	seen := map[string]bool{}
	for _, rq := range requests {
		r := e.do(rq.method, rq.path, rq.body, rq.opts...)
		var meta struct{ Id, Timestamp string }
		r.decode(t, &meta)
		checkMeta(t, r, meta.Id, meta.Timestamp)
		if seen[meta.Id] {
			t.Errorf("%s %s: id %s used twice", rq.method, rq.path, meta.Id)
		}
		seen[meta.Id] = true
	}
}
