package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
)

// Values the tests look for (or must never find) on the wire and in traces.
const (
	customer    = "44444"
	apiUser     = "api-user"
	apiPassword = "s3cr3t-Pa55word"
	newPassword = "N3w!Passw0rd$x"
	userToken   = "tok-REQUEST-5e3c1a" // the token a user sends with SetPassword
	issuedToken = "tok-ISSUED-9f2a7b"  // the token the server hands out
	tokenURL    = "https://continuity.example/activate/" + issuedToken
)

// exchange is one request as the server received it.
type exchange struct {
	Method string
	URI    string // the request target exactly as sent (escapes preserved)
	Header http.Header
	Body   string
}

// server is an httptest server that records requests. Each request is answered by
// override when it returns true, else by fakeAPI.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	got      []exchange
	override func(n int, w http.ResponseWriter, r *http.Request) bool
}

func newServer(t *testing.T, override func(n int, w http.ResponseWriter, r *http.Request) bool) *server {
	t.Helper()
	s := &server{override: override}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.got = append(s.got, exchange{Method: r.Method, URI: r.RequestURI, Header: r.Header.Clone(), Body: string(body)})
	n := len(s.got)
	s.mu.Unlock()
	if s.override != nil && s.override(n, w, r) {
		return
	}
	fakeAPI(w, r, fmt.Sprintf("req-%d", n))
}

func (s *server) requests() []exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]exchange(nil), s.got...)
}

// fakeAPI answers every operation of openapi.yaml with a valid success body.
func fakeAPI(w http.ResponseWriter, r *http.Request, id string) {
	const ts = "2026-12-03T10:15:00Z"
	w.Header().Set("X-Request-Id", id)
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	ack := gen.Ack{Id: id, Timestamp: ts}
	switch {
	case len(parts) == 1 && r.Method == http.MethodHead:
		w.Header().Set("User-Count", "7")
		w.WriteHeader(http.StatusOK)
	case len(parts) == 1 && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, gen.UserList{Id: id, Timestamp: ts, Size: 1000, Total: 1, Count: 1, Users: []gen.User{sampleUser()}})
	case len(parts) == 1:
		writeJSON(w, http.StatusOK, gen.BulkResult{Id: id, Timestamp: ts, Count: 1, Users: []string{"jane@example.com"}})
	case len(parts) == 2 && r.Method == http.MethodPut && parts[1] == "password":
		writeJSON(w, http.StatusOK, ack)
	case len(parts) == 2 && (parts[1] == "failover" || parts[1] == "access"):
		writeJSON(w, http.StatusOK, gen.FlagResult{Id: id, Timestamp: ts, AffectedUsers: 42})
	case len(parts) == 2 && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, gen.UserResponse{Id: id, Timestamp: ts, User: sampleUser()})
	case len(parts) == 2:
		writeJSON(w, http.StatusOK, ack)
	case len(parts) == 3 && parts[2] == "token":
		writeJSON(w, http.StatusCreated, gen.TokenResponse{Id: id, Timestamp: ts, Token: issuedToken, ExpiryTimestamp: "2026-12-04T10:15:00Z", Url: tokenURL})
	case len(parts) == 3:
		writeJSON(w, http.StatusOK, ack)
	default:
		writeJSON(w, http.StatusNotFound, gen.Error{Id: id, Timestamp: ts, Status: 404, Message: "no such path"})
	}
}

func sampleUser() gen.User {
	return gen.User{
		Customer: customer, Domain: "example.com", User: "jane@example.com",
		DisplayName: "Jane Doe", GivenName: "Jane", SurName: "Doe",
		Language: "en_US", Timezone: "Europe/Berlin",
		FailoverGroups: nullable.NewNullableWithValue([]string{"emea"}),
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with the API's Error body.
func writeError(w http.ResponseWriter, status int, id, message string) {
	w.Header().Set("X-Request-Id", id)
	writeJSON(w, status, gen.Error{Id: id, Timestamp: "2026-12-03T10:15:00Z", Status: status, Message: message})
}

// hangUp closes the connection without an answer: the client cannot know whether the
// request was applied.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// sleeps records the waits the client asks for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newClient builds a client for srv with test defaults: credentials, 3 retries, recorded
// sleeps. mod adjusts the options.
func newClient(t *testing.T, srv *server, mod func(*client.Options)) (*client.Client, *sleeps) {
	t.Helper()
	rec := &sleeps{}
	o := client.Options{
		Endpoint:   srv.URL,
		Username:   apiUser,
		Password:   apiPassword,
		UserAgent:  "ecctl/test",
		Timeout:    10 * time.Second,
		Retries:    3,
		HTTPClient: srv.Client(),
		Sleep:      rec.sleep,
	}
	if mod != nil {
		mod(&o)
	}
	c, err := client.New(o)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c, rec
}

func ptr[T any](v T) *T { return &v }

// operation is one vendor operation driven through the client, with the request it must
// produce on the wire.
type operation struct {
	name       string
	method     string
	uri        string // request target as it must arrive
	body       string // JSON the request must carry; "" for none
	auth       bool   // sends the API credentials
	repeatable bool   // retried after a network error
	run        func(ctx context.Context, c *client.Client) error
}

// operations lists the vendor's 14 operations; the customer and user flag operations appear
// with both flags and both directions. User arguments are typed with %40 on purpose.
func operations() []operation {
	const typed = "jane%40example.com"
	return []operation{
		{
			name: "count", method: http.MethodHead, auth: true, repeatable: true,
			uri: "/44444?activation=true&access=false&group=emea&group=germany",
			run: func(ctx context.Context, c *client.Client) error {
				n, err := c.Count(ctx, customer, client.Filter{Activation: ptr(true), Access: ptr(false), Groups: []string{"emea", "germany"}})
				if err == nil && n != 7 {
					err = fmt.Errorf("count = %d, want 7", n)
				}
				return err
			},
		},
		{
			name: "list", method: http.MethodGet, auth: true, repeatable: true,
			uri: "/44444?failover=false&offset=1000&size=500",
			run: func(ctx context.Context, c *client.Client) error {
				page, err := c.ListPage(ctx, customer, client.Filter{Failover: ptr(false)}, 1000, 500)
				if err == nil && (len(page.Users) != 1 || page.Users[0].User != "jane@example.com") {
					err = fmt.Errorf("page = %+v", page)
				}
				return err
			},
		},
		{
			name: "bulk create", method: http.MethodPut, auth: true,
			uri:  "/44444?mailNotification=true",
			body: `[{"user":"jane@example.com","displayName":"Jane Doe","givenName":"Jane","surName":"Doe","department":"Sales"}]`,
			run: func(ctx context.Context, c *client.Client) error {
				r, err := c.CreateUsers(ctx, customer, []gen.UserCreate{{
					User: "jane@example.com", DisplayName: "Jane Doe", GivenName: "Jane", SurName: "Doe",
					Department: nullable.NewNullableWithValue("Sales"),
				}}, true)
				if err == nil && r.Count != 1 {
					err = fmt.Errorf("result = %+v", r)
				}
				return err
			},
		},
		{
			name: "bulk update", method: http.MethodPatch, auth: true,
			uri:  "/44444",
			body: `[{"user":"jane@example.com","department":null,"mobile":"+49 175 1"}]`,
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.UpdateUsers(ctx, customer, []gen.UserUpdate{{
					User: "jane@example.com", Department: nullable.NewNullNullable[string](),
					Mobile: nullable.NewNullableWithValue("+49 175 1"),
				}})
				return err
			},
		},
		{
			name: "bulk delete", method: http.MethodDelete, auth: true,
			uri:  "/44444",
			body: `["jane@example.com","john@example.com"]`,
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.DeleteUsers(ctx, customer, []string{"jane@example.com", "john@example.com"})
				return err
			},
		},
		{
			name: "customer failover set", method: http.MethodPut, auth: true, repeatable: true,
			uri: "/44444/failover?group=emea",
			run: func(ctx context.Context, c *client.Client) error {
				r, err := c.SetCustomerFlag(ctx, customer, gen.Failover, true, []string{"emea"})
				if err == nil && r.AffectedUsers != 42 {
					err = fmt.Errorf("result = %+v", r)
				}
				return err
			},
		},
		{
			name: "customer failover unset", method: http.MethodDelete, auth: true, repeatable: true,
			uri: "/44444/failover",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetCustomerFlag(ctx, customer, gen.Failover, false, nil)
				return err
			},
		},
		{
			name: "customer access set", method: http.MethodPut, auth: true, repeatable: true,
			uri: "/44444/access",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetCustomerFlag(ctx, customer, gen.Access, true, nil)
				return err
			},
		},
		{
			name: "customer access unset", method: http.MethodDelete, auth: true, repeatable: true,
			uri: "/44444/access?group=emea&group=germany",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetCustomerFlag(ctx, customer, gen.Access, false, []string{"emea", "germany"})
				return err
			},
		},
		{
			name: "user get", method: http.MethodGet, auth: true, repeatable: true,
			uri: "/44444/jane@example.com",
			run: func(ctx context.Context, c *client.Client) error {
				u, err := c.GetUser(ctx, customer, typed)
				if err == nil && u.DisplayName != "Jane Doe" {
					err = fmt.Errorf("user = %+v", u)
				}
				return err
			},
		},
		{
			name: "user update", method: http.MethodPatch, auth: true, repeatable: true,
			uri:  "/44444/jane@example.com",
			body: `{"displayName":"J. Doe","phone":null}`,
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.UpdateUser(ctx, customer, typed, gen.UserPatch{
					DisplayName: ptr("J. Doe"), Phone: nullable.NewNullNullable[string](),
				})
				return err
			},
		},
		{
			name: "user delete", method: http.MethodDelete, auth: true,
			uri: "/44444/jane@example.com",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.DeleteUser(ctx, customer, typed)
				return err
			},
		},
		{
			name: "user flag set", method: http.MethodPut, auth: true, repeatable: true,
			uri: "/44444/jane@example.com/failover",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetUserFlag(ctx, customer, typed, gen.Failover, true)
				return err
			},
		},
		{
			name: "user flag unset", method: http.MethodDelete, auth: true, repeatable: true,
			uri: "/44444/jane@example.com/access",
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetUserFlag(ctx, customer, typed, gen.Access, false)
				return err
			},
		},
		{
			name: "token create", method: http.MethodPost, auth: true,
			uri: "/44444/jane@example.com/token",
			run: func(ctx context.Context, c *client.Client) error {
				r, err := c.CreateToken(ctx, customer, typed, false)
				if err == nil && (r.Token != issuedToken || r.Url != tokenURL) {
					err = fmt.Errorf("token response = %+v", r)
				}
				return err
			},
		},
		{
			name: "password set", method: http.MethodPut, auth: false,
			uri:  "/jane@example.com/password",
			body: `{"password":"` + newPassword + `","token":"` + userToken + `"}`,
			run: func(ctx context.Context, c *client.Client) error {
				_, err := c.SetPassword(ctx, typed, userToken, newPassword)
				return err
			},
		},
	}
}
