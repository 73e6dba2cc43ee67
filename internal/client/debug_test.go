package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
)

// secrets are the values a trace must never contain, in every form they travel in.
func secrets() map[string]string {
	return map[string]string{
		"API password":             apiPassword,
		"Authorization value":      base64.StdEncoding.EncodeToString([]byte(apiUser + ":" + apiPassword)),
		"new user password":        newPassword,
		"escaped new password":     url.QueryEscape(newPassword),
		"token sent by the user":   userToken,
		"token issued by the API":  issuedToken,
		"issued token in url form": url.PathEscape(issuedToken),
	}
}

func assertNoSecrets(t *testing.T, trace string) {
	t.Helper()
	for what, v := range secrets() {
		if strings.Contains(trace, v) {
			t.Errorf("trace contains the %s %q:\n%s", what, v, trace)
		}
	}
}

func TestDebugTraceRedactsEveryOperation(t *testing.T) {
	srv := newServer(t, nil)
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	for i, op := range operations() {
		if err := op.run(context.Background(), c); err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
		out := trace.String()
		if want := fmt.Sprintf("> %s %s%s\n", op.method, srv.URL, op.uri); !strings.Contains(out, want) {
			t.Errorf("%s: trace lacks the request line %q", op.name, want)
		}
		status := "200 OK"
		if op.method == http.MethodPost {
			status = "201 Created"
		}
		if want := fmt.Sprintf("< %s (", status); !strings.Contains(out, want) {
			t.Errorf("%s: trace lacks the status line %q", op.name, want)
		}
		if want := fmt.Sprintf(") request-id=req-%d\n", i+1); !strings.Contains(out, want) {
			t.Errorf("%s: trace lacks the request id %q", op.name, want)
		}
		trace.Reset()
		assertNoSecrets(t, out)
		if op.auth && !strings.Contains(out, "> Authorization: [REDACTED]\n") {
			t.Errorf("%s: trace does not show the redacted Authorization header:\n%s", op.name, out)
		}
		if !op.auth && strings.Contains(out, "Authorization") {
			t.Errorf("%s: trace shows an Authorization header:\n%s", op.name, out)
		}
		switch op.name {
		case "password set":
			if !strings.Contains(out, `{"password":"[REDACTED]","token":"[REDACTED]"}`) {
				t.Errorf("password body not shown redacted:\n%s", out)
			}
		case "token create":
			if !strings.Contains(out, `"token":"[REDACTED]"`) || !strings.Contains(out, `"url":"https://continuity.example/activate/[REDACTED]"`) {
				t.Errorf("token answer not shown redacted:\n%s", out)
			}
		case "bulk create":
			// Ordinary data stays readable.
			if !strings.Contains(out, `"displayName":"Jane Doe"`) {
				t.Errorf("request body not shown:\n%s", out)
			}
		}
	}
}

func TestDebugTraceLayout(t *testing.T) {
	srv := newServer(t, nil)
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	if _, err := c.SetCustomerFlag(context.Background(), customer, gen.Failover, true, []string{"emea"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(trace.String(), "\n")
	want := []string{
		"> PUT " + srv.URL + "/44444/failover?group=emea",
		"> Authorization: [REDACTED]",
		"> User-Agent: ecctl/test",
		"",
	}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Fatalf("line %d = %q, want %q\n%s", i+1, lines[min(i, len(lines)-1)], w, trace.String())
		}
	}
	if !strings.HasPrefix(lines[4], "< 200 OK (") || !strings.HasSuffix(lines[4], "ms) request-id=req-1") {
		t.Errorf("status line = %q", lines[4])
	}
	for _, h := range []string{"< Content-Type: application/json", "< X-Request-Id: req-1"} {
		if !strings.Contains(trace.String(), h+"\n") {
			t.Errorf("trace lacks the response header %q", h)
		}
	}
	if !strings.Contains(trace.String(), "\n\n{\"affectedUsers\":42,") {
		t.Errorf("response body not shown after a blank line:\n%s", trace.String())
	}
}

func TestDebugTraceShowsRetriesAndFailures(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 1:
			// A fresh connection for the next request: on a reused one, Go's transport
			// would itself resend the GET that hits the hang-up, unseen by the client.
			w.Header().Set("Connection", "close")
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "req-busy", "busy")
		case 2:
			hangUp(w)
		default:
			return false
		}
		return true
	})
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	if _, err := c.GetUser(context.Background(), customer, "jane@example.com"); err != nil {
		t.Fatal(err)
	}
	out := trace.String()
	for _, want := range []string{
		"< 503 Service Unavailable (",
		"* retrying in 1s (retry 1 of 3): getting user jane@example.com of 44444: 503 Service Unavailable: busy (request id req-busy, retry after 1s)",
		"< no answer (",
		"* retrying in ",
		"(retry 2 of 3)",
		") request-id=req-3",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
	if got := strings.Count(out, "> GET "); got != 3 {
		t.Errorf("trace shows %d attempts, want 3", got)
	}
}

// A server that echoes the token back in an error must not get it into the trace.
func TestDebugTraceScrubsSecretsEchoedByTheServer(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("X-Debug-Echo", userToken)
		writeError(w, http.StatusBadRequest, "req-x", "token "+userToken+" is not valid")
		return true
	})
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	_, err := c.SetPassword(context.Background(), "jane@example.com", userToken, newPassword)
	if asAPIError(t, err).Status != 400 {
		t.Fatalf("err = %v", err)
	}
	assertNoSecrets(t, trace.String())
	if !strings.Contains(trace.String(), "token [REDACTED] is not valid") {
		t.Errorf("echoed token not scrubbed in place:\n%s", trace.String())
	}
}

// Bodies are capped in the trace, never in what the caller gets.
func TestDebugTraceCapsLargeBodies(t *testing.T) {
	users := make([]gen.User, 1000)
	for i := range users {
		users[i] = sampleUser()
		users[i].User = fmt.Sprintf("user%04d@example.com", i)
	}
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, http.StatusOK, gen.UserList{Id: "req-big", Timestamp: "t", Size: 1000, Total: 1000, Count: 1000, Users: users})
		return true
	})
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	page, err := c.ListPage(context.Background(), customer, client.Filter{}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Users) != 1000 || page.Users[999].User != "user0999@example.com" {
		t.Errorf("caller got %d users, want all 1000", len(page.Users))
	}
	full, _ := json.Marshal(users)
	if trace.Len() >= len(full) || !strings.Contains(trace.String(), "more bytes not shown)") {
		t.Errorf("trace of %d bytes for a %d-byte body: not capped", trace.Len(), len(full))
	}
}

// Control characters from the server are escaped, not sent to the terminal.
func TestDebugTraceEscapesControlCharacters(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("boom\x1b[2J\x07"))
		return true
	})
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	_, _ = c.GetUser(context.Background(), customer, "jane@example.com")
	if strings.ContainsAny(trace.String(), "\x1b\x07") {
		t.Errorf("trace contains raw control characters: %q", trace.String())
	}
	if !strings.Contains(trace.String(), `boom\x1b[2J\x07`) {
		t.Errorf("trace does not show the escaped body: %q", trace.String())
	}
}
