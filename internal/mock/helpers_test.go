package mock_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

// Accounts of the test servers: "demo" owns 44444 and 55555, "other" owns 66666.
func testAccounts() []mock.Account {
	return []mock.Account{
		{User: "demo", Pass: "demo-pass", Customers: []string{"44444", "55555"}},
		{User: "other", Pass: "other-pass", Customers: []string{"66666"}},
	}
}

type env struct {
	t   *testing.T
	srv *mock.Server
	ts  *httptest.Server
}

func newEnv(t *testing.T, opts mock.Options) *env {
	t.Helper()
	if opts.Accounts == nil {
		opts.Accounts = testAccounts()
	}
	srv, err := mock.New(opts)
	if err != nil {
		t.Fatalf("mock.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &env{t: t, srv: srv, ts: ts}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

type reqOption func(*http.Request)

func as(user, pass string) reqOption {
	return func(r *http.Request) { r.SetBasicAuth(user, pass) }
}

func noAuth() reqOption { return func(r *http.Request) { r.Header.Del("Authorization") } }

func contentType(ct string) reqOption {
	return func(r *http.Request) { r.Header.Set("Content-Type", ct) }
}

// do sends a request as demo. body is a string (sent as is) or a value (sent as JSON).
func (e *env) do(method, path string, body any, opts ...reqOption) *response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatalf("marshal: %v", err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatalf("request: %v", err)
	}
	// Keep the path exactly as written (percent-encoding included).
	req.URL.Opaque = strings.SplitN(path, "?", 2)[0]
	req.SetBasicAuth("demo", "demo-pass")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("reading %s %s: %v", method, path, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}
}

func (r *response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %q: %v", r.body, err)
	}
}

// expect fails unless the status is want; it returns the response for chaining.
func (r *response) expect(t *testing.T, want int) *response {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body %s", r.status, want, r.body)
	}
	return r
}

// apiError checks the status and the Error body and returns it.
func (r *response) apiError(t *testing.T, status int) gen.Error {
	t.Helper()
	r.expect(t, status)
	var e gen.Error
	r.decode(t, &e)
	if e.Status != status || e.Message == "" {
		t.Fatalf("error body %+v for status %d", e, status)
	}
	checkMeta(t, r, e.Id, e.Timestamp)
	return e
}

// errorMatches checks the status and that the message matches the pattern.
func (r *response) errorMatches(t *testing.T, status int, pattern string) gen.Error {
	t.Helper()
	e := r.apiError(t, status)
	if !regexp.MustCompile(pattern).MatchString(e.Message) {
		t.Fatalf("message %q does not match %q", e.Message, pattern)
	}
	return e
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkMeta checks the id/timestamp every answer carries, and X-Request-Id.
func checkMeta(t *testing.T, r *response, id, ts string) {
	t.Helper()
	if !uuidPattern.MatchString(id) {
		t.Errorf("id %q is not a random UUID", id)
	}
	if got := r.header.Get("X-Request-Id"); got != id {
		t.Errorf("X-Request-Id %q, body id %q", got, id)
	}
	parsed, err := time.Parse(time.RFC3339, ts)
	if err != nil || !strings.HasSuffix(ts, "Z") || parsed.Location() != time.UTC {
		t.Errorf("timestamp %q is not RFC 3339 UTC", ts)
	}
}

func newUser(addr string, groups ...string) map[string]any {
	u := map[string]any{
		"user":        addr,
		"displayName": "D " + addr,
		"givenName":   "G",
		"surName":     "S",
	}
	if len(groups) > 0 {
		u["failoverGroups"] = groups
	}
	return u
}

func (e *env) create(customer string, users ...map[string]any) {
	e.t.Helper()
	if users == nil {
		users = []map[string]any{}
	}
	e.do(http.MethodPut, "/"+customer, users).expect(e.t, http.StatusOK)
}

func (e *env) count(customer, rawQuery string) int {
	e.t.Helper()
	p := "/" + customer
	if rawQuery != "" {
		p += "?" + rawQuery
	}
	r := e.do(http.MethodHead, p, nil).expect(e.t, http.StatusOK)
	if len(r.body) != 0 {
		e.t.Fatalf("HEAD answered with a body: %q", r.body)
	}
	var n int
	if _, err := fmt.Sscan(r.header.Get("User-Count"), &n); err != nil {
		e.t.Fatalf("User-Count %q: %v", r.header.Get("User-Count"), err)
	}
	return n
}

func (e *env) list(customer, rawQuery string) gen.UserList {
	e.t.Helper()
	p := "/" + customer
	if rawQuery != "" {
		p += "?" + rawQuery
	}
	var l gen.UserList
	r := e.do(http.MethodGet, p, nil).expect(e.t, http.StatusOK)
	r.decode(e.t, &l)
	checkMeta(e.t, r, l.Id, l.Timestamp)
	return l
}

// all fetches every user matching rawQuery, page by page.
func (e *env) all(customer, rawQuery string, pageSize int) []gen.User {
	e.t.Helper()
	var out []gen.User
	for offset := 0; ; offset += pageSize {
		q := fmt.Sprintf("offset=%d&size=%d", offset, pageSize)
		if rawQuery != "" {
			q += "&" + rawQuery
		}
		l := e.list(customer, q)
		out = append(out, l.Users...)
		if l.Count < pageSize {
			return out
		}
	}
}

func (e *env) getUser(customer, addr string) gen.User {
	e.t.Helper()
	var ur gen.UserResponse
	e.do(http.MethodGet, "/"+customer+"/"+addr, nil).expect(e.t, http.StatusOK).decode(e.t, &ur)
	return ur.User
}

func addresses(users []gen.User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.User
	}
	return out
}

// clock is a settable time source for tests.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func stringsReader(s string) io.Reader {
	if s == "" {
		return nil
	}
	return strings.NewReader(s)
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}
