package gen_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

// Wire tests: the generated client against a recording server, one test per generated
// operation (the vendor's 14; the customer flag operations exist per flag). They pin what
// goes on the wire: method, path (a user's @ stays @), query (repeated group keys, booleans
// only when set) and body (PATCH: absent fields omitted, cleared ones null). Authentication
// and the %40 normalisation are internal/client's business and are tested there.

// sent is one request as the server received it.
type sent struct {
	Method      string
	URI         string // request target exactly as sent
	ContentType string
	Auth        string
	Body        string
}

type answer struct {
	status int
	header map[string]string
	body   any // marshalled as JSON when not nil
}

// recorder starts a server that answers every request with a and returns a generated client
// for it and the recorded requests.
func recorder(t *testing.T, a answer) (*gen.ClientWithResponses, func() []sent) {
	t.Helper()
	var (
		mu  sync.Mutex
		got []sent
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, sent{r.Method, r.RequestURI, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), string(body)})
		mu.Unlock()
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		if a.body != nil {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(a.status)
		if a.body != nil {
			_ = json.NewEncoder(w).Encode(a.body)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := gen.NewClientWithResponses(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []sent {
		mu.Lock()
		defer mu.Unlock()
		return append([]sent(nil), got...)
	}
}

// expect checks the single recorded request.
func expect(t *testing.T, requests []sent, method, uri, body string) {
	t.Helper()
	if len(requests) != 1 {
		t.Fatalf("%d requests, want 1", len(requests))
	}
	r := requests[0]
	if r.Method != method || r.URI != uri {
		t.Errorf("request = %s %s\nwant      %s %s", r.Method, r.URI, method, uri)
	}
	if r.Auth != "" {
		t.Errorf("Authorization = %q: the generated client must not add credentials by itself", r.Auth)
	}
	if body == "" {
		if r.Body != "" {
			t.Errorf("body = %s, want none", r.Body)
		}
		return
	}
	if r.ContentType != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", r.ContentType)
	}
	// Compared as values: key order is free, but absent and null are different.
	var g, w any
	if err := json.Unmarshal([]byte(r.Body), &g); err != nil {
		t.Fatalf("body %q: %v", r.Body, err)
	}
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		t.Fatalf("bad test body: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body = %s\nwant   %s", r.Body, body)
	}
}

func ptr[T any](v T) *T { return &v }

const ts = "2026-12-03T10:15:00Z"

func bulkOK() answer {
	return answer{status: 200, body: gen.BulkResult{Id: "r1", Timestamp: ts, Count: 1, Users: []string{"jane@example.com"}}}
}

func flagOK() answer {
	return answer{status: 200, body: gen.FlagResult{Id: "r1", Timestamp: ts, AffectedUsers: 42}}
}

func ackOK() answer { return answer{status: 200, body: gen.Ack{Id: "r1", Timestamp: ts}} }

func TestWireCountUsers(t *testing.T) {
	c, got := recorder(t, answer{status: 200, header: map[string]string{"User-Count": "1234"}})
	r, err := c.CountUsersWithResponse(t.Context(), "44444", &gen.CountUsersParams{
		Activation: ptr(false), Failover: ptr(true), Group: &gen.GroupFilter{"emea", "germany"},
	})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodHead, "/44444?activation=false&failover=true&group=emea&group=germany", "")
	if r.Headers200 == nil || r.Headers200.UserCount != 1234 {
		t.Errorf("Headers200 = %+v, want UserCount 1234", r.Headers200)
	}

	t.Run("no filters, no query", func(t *testing.T) {
		c, got := recorder(t, answer{status: 200, header: map[string]string{"User-Count": "0"}})
		if _, err := c.CountUsersWithResponse(t.Context(), "44444", &gen.CountUsersParams{}); err != nil {
			t.Fatal(err)
		}
		expect(t, got(), http.MethodHead, "/44444", "")
	})
	// Generated-client quirk kept visible: a 200 without the required header reads as a count
	// of 0. internal/client checks the header itself and reports the missing header.
	t.Run("missing User-Count reads as 0", func(t *testing.T) {
		c, _ := recorder(t, answer{status: 200})
		r, err := c.CountUsersWithResponse(t.Context(), "44444", nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Headers200 == nil || r.Headers200.UserCount != 0 {
			t.Errorf("Headers200 = %+v; the generator changed how a missing header reads, revisit internal/client", r.Headers200)
		}
	})
}

func TestWireListUsers(t *testing.T) {
	c, got := recorder(t, answer{status: 200, body: gen.UserList{Id: "r1", Timestamp: ts, Size: 1000, Total: 1, Count: 1,
		Users: []gen.User{{Customer: "44444", Domain: "example.com", User: "jane@example.com", DisplayName: "Jane Doe", GivenName: "Jane", SurName: "Doe", Language: "de_DE", Timezone: "Europe/Berlin"}}}})
	r, err := c.ListUsersWithResponse(t.Context(), "44444", &gen.ListUsersParams{
		Activation: ptr(true), Access: ptr(false), Offset: ptr(0), Size: ptr(1000), Group: &gen.GroupFilter{"emea", "germany"},
	})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodGet, "/44444?activation=true&access=false&offset=0&size=1000&group=emea&group=germany", "")
	if r.JSON200 == nil || len(r.JSON200.Users) != 1 || r.JSON200.Users[0].User != "jane@example.com" {
		t.Errorf("JSON200 = %+v", r.JSON200)
	}

	// Generated-client quirk kept visible: Retry-After is declared as integer seconds, and
	// the HTTP-date form that proxies send makes the parser fail, losing the 503 with it.
	// internal/client therefore reads error answers itself.
	t.Run("Retry-After as a date fails the parser", func(t *testing.T) {
		c, _ := recorder(t, answer{status: 503, header: map[string]string{"Retry-After": "Thu, 03 Dec 2026 10:16:30 GMT"},
			body: gen.Error{Id: "r1", Timestamp: ts, Status: 503, Message: "Service Unavailable"}})
		if r, err := c.ListUsersWithResponse(t.Context(), "44444", nil); err == nil {
			t.Errorf("parsed %+v; the generator now accepts HTTP dates, revisit internal/client", r.Headers503)
		}
	})
}

func TestWireCreateUsers(t *testing.T) {
	c, got := recorder(t, bulkOK())
	r, err := c.CreateUsersWithResponse(t.Context(), "44444", &gen.CreateUsersParams{MailNotification: ptr("true")}, gen.CreateUsersJSONRequestBody{{
		User: "jane@example.com", DisplayName: "Jane Doe", GivenName: "Jane", SurName: "Doe",
		Department: nullable.NewNullableWithValue("Sales"), FailoverGroups: nullable.NewNullableWithValue([]string{"emea"}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	// language and timezone are absent (the server's defaults apply), not empty strings.
	expect(t, got(), http.MethodPut, "/44444?mailNotification=true",
		`[{"user":"jane@example.com","displayName":"Jane Doe","givenName":"Jane","surName":"Doe","department":"Sales","failoverGroups":["emea"]}]`)
	if r.JSON200 == nil || r.JSON200.Count != 1 {
		t.Errorf("JSON200 = %+v", r.JSON200)
	}

	t.Run("mailNotification only when set", func(t *testing.T) {
		c, got := recorder(t, bulkOK())
		if _, err := c.CreateUsersWithResponse(t.Context(), "44444", &gen.CreateUsersParams{}, gen.CreateUsersJSONRequestBody{}); err != nil {
			t.Fatal(err)
		}
		expect(t, got(), http.MethodPut, "/44444", `[]`)
	})
}

func TestWireUpdateUsers(t *testing.T) {
	c, got := recorder(t, bulkOK())
	if _, err := c.UpdateUsersWithResponse(t.Context(), "44444", gen.UpdateUsersJSONRequestBody{{
		User:       "jane@example.com",
		SurName:    ptr("Doe-Meyer"),
		Department: nullable.NewNullNullable[string](), // cleared
		Phone:      nullable.NewNullableWithValue("+49 30 1"),
		// everything else absent: left unchanged
	}}); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPatch, "/44444",
		`[{"user":"jane@example.com","surName":"Doe-Meyer","department":null,"phone":"+49 30 1"}]`)
}

func TestWireDeleteUsers(t *testing.T) {
	c, got := recorder(t, bulkOK())
	if _, err := c.DeleteUsersWithResponse(t.Context(), "44444", gen.DeleteUsersJSONRequestBody{"jane@example.com", "john@example.com"}); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodDelete, "/44444", `["jane@example.com","john@example.com"]`)
}

func TestWireSetCustomerFailover(t *testing.T) {
	c, got := recorder(t, flagOK())
	r, err := c.SetCustomerFailoverWithResponse(t.Context(), "44444", &gen.SetCustomerFailoverParams{Group: &gen.GroupFilter{"emea"}})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPut, "/44444/failover?group=emea", "")
	if r.JSON200 == nil || r.JSON200.AffectedUsers != 42 {
		t.Errorf("JSON200 = %+v", r.JSON200)
	}
}

func TestWireUnsetCustomerFailover(t *testing.T) {
	c, got := recorder(t, flagOK())
	if _, err := c.UnsetCustomerFailoverWithResponse(t.Context(), "44444", &gen.UnsetCustomerFailoverParams{}); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodDelete, "/44444/failover", "")
}

func TestWireSetCustomerAccess(t *testing.T) {
	c, got := recorder(t, flagOK())
	if _, err := c.SetCustomerAccessWithResponse(t.Context(), "44444AB", nil); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPut, "/44444AB/access", "")
}

func TestWireUnsetCustomerAccess(t *testing.T) {
	c, got := recorder(t, flagOK())
	// A group name with a comma stays one group: repeated keys, the comma escaped.
	if _, err := c.UnsetCustomerAccessWithResponse(t.Context(), "44444", &gen.UnsetCustomerAccessParams{Group: &gen.GroupFilter{"emea", "Sales, EMEA"}}); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodDelete, "/44444/access?group=emea&group=Sales%2C+EMEA", "")
}

func TestWireGetUser(t *testing.T) {
	c, got := recorder(t, answer{status: 200, body: gen.UserResponse{Id: "r1", Timestamp: ts, User: gen.User{User: "jane@example.com"}}})
	r, err := c.GetUserWithResponse(t.Context(), "44444", "jane@example.com")
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodGet, "/44444/jane@example.com", "")
	if r.JSON200 == nil || r.JSON200.User.User != "jane@example.com" {
		t.Errorf("JSON200 = %+v", r.JSON200)
	}
	// Generated-client quirk kept visible: it escapes "%", so an address typed with %40 goes
	// out as %2540. internal/client unescapes user arguments once before calling it.
	t.Run("typed %40 is escaped again", func(t *testing.T) {
		c, got := recorder(t, ackOK())
		if _, err := c.GetUserWithResponse(t.Context(), "44444", "jane%40example.com"); err != nil {
			t.Fatal(err)
		}
		expect(t, got(), http.MethodGet, "/44444/jane%2540example.com", "")
	})
}

func TestWireUpdateUser(t *testing.T) {
	c, got := recorder(t, ackOK())
	r, err := c.UpdateUserWithResponse(t.Context(), "44444", "jane@example.com", gen.UserPatch{
		Department:     nullable.NewNullableWithValue("Sales"),
		Phone:          nullable.NewNullNullable[string](),
		FailoverGroups: nullable.NewNullNullable[[]string](),
		Language:       ptr("de_DE"),
	})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPatch, "/44444/jane@example.com",
		`{"department":"Sales","phone":null,"failoverGroups":null,"language":"de_DE"}`)
	if r.JSON200 == nil || r.JSON200.Id != "r1" {
		t.Errorf("JSON200 = %+v", r.JSON200)
	}

	t.Run("empty patch is an empty object", func(t *testing.T) {
		c, got := recorder(t, ackOK())
		if _, err := c.UpdateUserWithResponse(t.Context(), "44444", "jane@example.com", gen.UserPatch{}); err != nil {
			t.Fatal(err)
		}
		expect(t, got(), http.MethodPatch, "/44444/jane@example.com", `{}`)
	})
}

func TestWireDeleteUser(t *testing.T) {
	c, got := recorder(t, ackOK())
	if _, err := c.DeleteUserWithResponse(t.Context(), "44444", "jane@example.com"); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodDelete, "/44444/jane@example.com", "")
}

func TestWireSetUserFlag(t *testing.T) {
	c, got := recorder(t, ackOK())
	if _, err := c.SetUserFlagWithResponse(t.Context(), "44444", "jane@example.com", gen.Failover); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPut, "/44444/jane@example.com/failover", "")
}

func TestWireUnsetUserFlag(t *testing.T) {
	c, got := recorder(t, ackOK())
	if _, err := c.UnsetUserFlagWithResponse(t.Context(), "44444", "jane@example.com", gen.Access); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodDelete, "/44444/jane@example.com/access", "")
}

func TestWireCreateToken(t *testing.T) {
	c, got := recorder(t, answer{status: 201, body: gen.TokenResponse{Id: "r1", Timestamp: ts, Token: "t0k", ExpiryTimestamp: "2026-12-04T10:15:00Z", Url: "https://continuity.example/activate/t0k"}})
	r, err := c.CreateTokenWithResponse(t.Context(), "44444", "jane@example.com", &gen.CreateTokenParams{MailNotification: ptr("true")})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPost, "/44444/jane@example.com/token?mailNotification=true", "")
	if r.JSON201 == nil || r.JSON201.Token != "t0k" {
		t.Errorf("JSON201 = %+v", r.JSON201)
	}
}

func TestWireSetPassword(t *testing.T) {
	c, got := recorder(t, ackOK())
	if _, err := c.SetPasswordWithResponse(t.Context(), "jane@example.com", gen.PasswordChange{Token: "t0k", Password: "Summer2026!x"}); err != nil {
		t.Fatal(err)
	}
	expect(t, got(), http.MethodPut, "/jane@example.com/password", `{"token":"t0k","password":"Summer2026!x"}`)
}
