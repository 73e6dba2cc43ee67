package mock_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

func createToken(t *testing.T, e *env, customer, addr string) gen.TokenResponse {
	t.Helper()
	var tr gen.TokenResponse
	r := e.do(http.MethodPost, "/"+customer+"/"+addr+"/token", nil).expect(t, http.StatusCreated)
	r.decode(t, &tr)
	checkMeta(t, r, tr.Id, tr.Timestamp)
	return tr
}

func setPassword(e *env, addr, token, password string) *response {
	e.t.Helper()
	return e.do(http.MethodPut, "/"+addr+"/password", map[string]string{"token": token, "password": password}, noAuth())
}

func TestTokenFlowActivatesAndIsSingleUse(t *testing.T) {
	clk := newClock()
	e := newEnv(t, mock.Options{Now: clk.Now, TokenURLBase: "https://front.example/set/"})
	e.create("44444", newUser("a@b.example"))

	tr := createToken(t, e, "44444", "a@b.example")
	if len(tr.Token) < 32 || tr.Url != "https://front.example/set/"+tr.Token {
		t.Errorf("token %q url %q", tr.Token, tr.Url)
	}
	if tr.ExpiryTimestamp != "2026-12-04T10:15:00Z" || tr.Timestamp != "2026-12-03T10:15:00Z" {
		t.Errorf("expiry %s at %s, want 24 h later", tr.ExpiryTimestamp, tr.Timestamp)
	}
	if other := createToken(t, e, "44444", "a@b.example"); other.Token == tr.Token {
		t.Error("two tokens are equal")
	} else {
		tr = other
	}

	var ack gen.Ack
	r := setPassword(e, "a@b.example", tr.Token, "Summer2026!x").expect(t, http.StatusOK)
	r.decode(t, &ack)
	checkMeta(t, r, ack.Id, ack.Timestamp)
	if !e.getUser("44444", "a@b.example").Status.Activation {
		t.Error("password set did not activate the user")
	}
	setPassword(e, "a@b.example", tr.Token, "Summer2026!y").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
}

func TestTokenExpiresAfter24Hours(t *testing.T) {
	clk := newClock()
	e := newEnv(t, mock.Options{Now: clk.Now})
	e.create("44444", newUser("a@b.example"), newUser("c@b.example"))

	early := createToken(t, e, "44444", "a@b.example")
	late := createToken(t, e, "44444", "c@b.example")
	clk.advance(24*time.Hour - time.Second)
	setPassword(e, "a@b.example", early.Token, "Summer2026!x").expect(t, http.StatusOK)
	clk.advance(time.Second)
	setPassword(e, "c@b.example", late.Token, "Summer2026!x").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
	if e.getUser("44444", "c@b.example").Status.Activation {
		t.Error("an expired token activated the user")
	}
}

func TestNewerTokenReplacesOlder(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	first := createToken(t, e, "44444", "a@b.example")
	second := createToken(t, e, "44444", "a@b.example")
	setPassword(e, "a@b.example", first.Token, "Summer2026!x").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
	setPassword(e, "a@b.example", second.Token, "Summer2026!x").expect(t, http.StatusOK)
}

func TestTokenOnlyForItsUser(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"), newUser("c@b.example"))
	tr := createToken(t, e, "44444", "a@b.example")
	setPassword(e, "c@b.example", tr.Token, "Summer2026!x").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
	setPassword(e, "nobody@b.example", "made-up", "Summer2026!x").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
	// The refused attempts did not use the token up.
	setPassword(e, "a@b.example", tr.Token, "Summer2026!x").expect(t, http.StatusOK)

	e.do(http.MethodPost, "/44444/ghost@b.example/token", nil).errorMatches(t, http.StatusNotFound, `unknown user: ghost@b\.example`)
	del := createToken(t, e, "44444", "c@b.example")
	e.do(http.MethodDelete, "/44444/c@b.example", nil).expect(t, http.StatusOK)
	e.create("44444", newUser("c@b.example"))
	setPassword(e, "c@b.example", del.Token, "Summer2026!x").errorMatches(t, http.StatusBadRequest, `^token: invalid or expired$`)
}

func TestPasswordPolicy(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	tr := createToken(t, e, "44444", "a@b.example")
	for _, tc := range []struct{ password, message string }{
		{"Short1!", `^body\.password: minimum string length is 8$`},
		{strings.Repeat("a", 257), `^body\.password: maximum string length is 256$`},
		{"with space 123", `^body\.password: string doesn't match the regular expression`},
		{"Ünïcödé-pass", `^body\.password: string doesn't match`},
	} {
		msg := setPassword(e, "a@b.example", tr.Token, tc.password).errorMatches(t, http.StatusBadRequest, tc.message).Message
		if strings.Contains(msg, tc.password) {
			t.Errorf("the error message echoes the password: %q", msg)
		}
	}
	e.do(http.MethodPut, "/a@b.example/password", `{"token":"x"}`, noAuth()).
		errorMatches(t, http.StatusBadRequest, `^body\.password: property "password" is missing`)
	e.do(http.MethodPut, "/a@b.example/password", `{"token":"","password":"Summer2026!x"}`, noAuth()).
		errorMatches(t, http.StatusBadRequest, `^body\.token: minimum string length is 1`)
	// A refused password did not use the token up; every allowed character works.
	setPassword(e, "a@b.example", tr.Token, "aZ09@$!%*?&").expect(t, http.StatusOK)
}

func TestTokenMailNotificationIsRecorded(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	var tr gen.TokenResponse
	e.do(http.MethodPost, "/44444/a@b.example/token?mailNotification=1", nil).expect(t, http.StatusCreated).decode(t, &tr)
	createToken(t, e, "44444", "a@b.example") // without: no mail
	notes := e.srv.Notifications()
	if len(notes) != 1 || notes[0].Reason != "token" || notes[0].User != "a@b.example" || notes[0].URL != tr.Url {
		t.Errorf("notifications %+v", notes)
	}
}

func TestUserPathAcceptsPercentEncodedAt(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	for _, p := range []string{"/44444/a@b.example", "/44444/a%40b.example", "/44444/a%2540b.example"} {
		var ur gen.UserResponse
		e.do(http.MethodGet, p, nil).expect(t, http.StatusOK).decode(t, &ur)
		if ur.User.User != "a@b.example" {
			t.Errorf("%s: user %q", p, ur.User.User)
		}
	}
	tr := createToken(t, e, "44444", "a%40b.example")
	e.do(http.MethodPut, "/a%40b.example/password", map[string]string{"token": tr.Token, "password": "Summer2026!x"}, noAuth()).
		expect(t, http.StatusOK)
}
