package mock_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/mock"
)

// documentedStatuses are the answers openapi.yaml documents, plus 405 for a method a path
// does not take. 500 is not among them: the mock must never fail on a request.
func documentedStatuses() []int {
	return []int{200, 201, 400, 401, 403, 404, 405, 409, 413, 429, 503}
}

// fuzzMethods are the methods a fuzzed request uses (the byte picks one): the API's and some
// it does not take.
func fuzzMethods() []string {
	return []string{"GET", "HEAD", "PUT", "PATCH", "DELETE", "POST", "OPTIONS", "TRACE", "PROPFIND"}
}

// fuzzCredentials: none, the owner of 44444/55555, the owner of 66666, a wrong password.
func fuzzCredentials() [][2]string {
	return [][2]string{{}, {"demo", "demo-pass"}, {"other", "other-pass"}, {"demo", "wrong"}}
}

// FuzzServeHTTP sends arbitrary requests through ecmock's handler as net/http would hand
// them over (a request line that parses, headers, a body): the mock never panics, always
// answers a documented status with an X-Request-Id, answers errors with a JSON Error body,
// and its store stays consistent (CheckInvariants) across all the requests of a fuzzing run,
// which share one server so that states build up.
func FuzzServeHTTP(f *testing.F) {
	for _, seed := range []struct {
		method, target, body string
		auth, ctype          uint8
	}{
		{"GET", "/44444?offset=0&size=5", "", 1, 0},
		{"HEAD", "/44444?group=emea&activation=true", "", 1, 0},
		{"PUT", "/44444?mailNotification=true", `[{"user":"new@example.com","displayName":"N","givenName":"N","surName":"N","timezone":"Europe/Oslo","failoverGroups":["emea"]}]`, 1, 0},
		{"PATCH", "/44444", `[{"user":"new@example.com","department":null,"language":"de_DE"}]`, 1, 0},
		{"DELETE", "/44444", `["new@example.com"]`, 1, 0},
		{"PUT", "/44444/failover?group=emea", "", 1, 0},
		{"DELETE", "/55555/access", "", 1, 0},
		{"GET", "/44444/new%40example.com", "", 1, 0},
		{"PATCH", "/44444/new@example.com", `{"displayName":"X","phone":null}`, 1, 0},
		{"PUT", "/44444/new@example.com/failover", "", 1, 0},
		{"POST", "/44444/new@example.com/token", "", 1, 0},
		{"PUT", "/new@example.com/password", `{"token":"abc","password":"Secret12!"}`, 0, 0},
		{"DELETE", "/44444/new@example.com", "", 1, 0},
		{"GET", "/66666", "", 1, 0},
		{"GET", "/44444", "", 3, 0},
		{"PUT", "/44444", `[{"user":`, 1, 0},
		{"PUT", "/44444", `[]`, 1, 1},
		{"GET", "/4444%2F4/x/y/z", "", 1, 0},
		{"PROPFIND", "/44444", "", 1, 0},
	} {
		f.Add(seed.method, seed.target, []byte(seed.body), seed.auth, seed.ctype)
	}
	srv, err := mock.New(mock.Options{Seed: 5, Accounts: testAccounts()})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, target string, body []byte, auth, ctype uint8) {
		req, ok := wireRequest(method, target, body, auth, ctype)
		if !ok {
			return // net/http would refuse the request line before any handler runs
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if !slices.Contains(documentedStatuses(), rec.Code) {
			t.Fatalf("%s %s: status %d is not documented; body %s", req.Method, target, rec.Code, rec.Body)
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Fatalf("%s %s: no X-Request-Id", req.Method, target)
		}
		if rec.Code >= 400 && req.Method != http.MethodHead {
			var e struct {
				ID      *string `json:"id"`
				Message *string `json:"message"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.ID == nil || e.Message == nil || *e.Message == "" {
				t.Fatalf("%s %s: %d answer is not an Error object: %s", req.Method, target, rec.Code, rec.Body)
			}
		}
		if err := srv.CheckInvariants(); err != nil {
			t.Fatalf("after %s %s (%d): %v", req.Method, target, rec.Code, err)
		}
	})
}

// wireRequest builds the request net/http's server would hand the handler for a request
// line "METHOD TARGET HTTP/1.1", or reports that the server would refuse the line.
func wireRequest(method, target string, body []byte, auth, ctype uint8) (*http.Request, bool) {
	if method == "" {
		// An empty method picks one of the list, so that mutated inputs keep reaching the
		// API's methods; other strings are taken as they are (most are refused below).
		method = fuzzMethods()[int(auth+ctype)%len(fuzzMethods())]
	}
	if strings.ContainsAny(method, " \t\r\n") {
		return nil, false
	}
	if strings.ContainsAny(target, " \t\r\n") || !strings.HasPrefix(target, "/") {
		return nil, false
	}
	var raw bytes.Buffer
	raw.WriteString(method + " " + target + " HTTP/1.1\r\nHost: ecmock.test\r\n")
	if len(body) > 0 || method == "PUT" || method == "PATCH" || method == "POST" || method == "DELETE" {
		raw.WriteString("Content-Type: " + []string{"application/json", "text/plain", "application/json; charset=utf-8"}[int(ctype)%3] + "\r\n")
		raw.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\n")
	}
	raw.WriteString("\r\n")
	raw.Write(body)
	req, err := http.ReadRequest(bufio.NewReader(&raw))
	if err != nil {
		return nil, false
	}
	if cred := fuzzCredentials()[int(auth)%len(fuzzCredentials())]; cred[0] != "" {
		req.SetBasicAuth(cred[0], cred[1])
	}
	return req, true
}
