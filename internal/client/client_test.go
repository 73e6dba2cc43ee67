package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
)

func TestOperationsOnTheWire(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(apiUser+":"+apiPassword))
	for _, op := range operations() {
		t.Run(op.name, func(t *testing.T) {
			srv := newServer(t, nil)
			c, _ := newClient(t, srv, nil)
			if err := op.run(context.Background(), c); err != nil {
				t.Fatalf("%s: %v", op.name, err)
			}
			got := srv.requests()
			if len(got) != 1 {
				t.Fatalf("%d requests, want 1", len(got))
			}
			r := got[0]
			if r.Method != op.method || r.URI != op.uri {
				t.Errorf("request = %s %s, want %s %s", r.Method, r.URI, op.method, op.uri)
			}
			if strings.Contains(r.URI, "%25") {
				t.Errorf("request target %s double-escapes a percent sign", r.URI)
			}
			if auth := r.Header.Get("Authorization"); op.auth && auth != basic {
				t.Errorf("Authorization = %q, want the API credentials", auth)
			} else if !op.auth && auth != "" {
				t.Errorf("Authorization = %q, want none: this operation needs no credentials", auth)
			}
			if ua := r.Header.Get("User-Agent"); ua != "ecctl/test" {
				t.Errorf("User-Agent = %q, want ecctl/test", ua)
			}
			assertJSON(t, r.Body, op.body)
			if op.body != "" && r.Header.Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", r.Header.Get("Content-Type"))
			}
		})
	}
}

// assertJSON compares JSON documents by value, not by key order.
func assertJSON(t *testing.T, got, want string) {
	t.Helper()
	if want == "" {
		if got != "" {
			t.Errorf("body = %s, want none", got)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad test: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body = %s\nwant   %s", got, want)
	}
}

func TestCreateWithoutMailNotificationSendsNoParameter(t *testing.T) {
	srv := newServer(t, nil)
	c, _ := newClient(t, srv, nil)
	if _, err := c.CreateUsers(context.Background(), customer, nil, false); err != nil {
		t.Fatal(err)
	}
	r := srv.requests()[0]
	if r.URI != "/44444" {
		t.Errorf("request target = %s, want /44444 (no mailNotification)", r.URI)
	}
	// An empty set is an empty array, never null (which the API would refuse).
	if r.Body != "[]\n" && r.Body != "[]" {
		t.Errorf("body = %q, want []", r.Body)
	}
}

func TestNoCredentialsNoAuthorizationHeader(t *testing.T) {
	srv := newServer(t, nil)
	c, _ := newClient(t, srv, func(o *client.Options) { o.Username, o.Password = "", "" })
	if _, err := c.Count(context.Background(), customer, client.Filter{}); err != nil {
		t.Fatal(err)
	}
	if got := srv.requests()[0].Header.Get("Authorization"); got != "" {
		t.Errorf("Authorization = %q, want none", got)
	}
}

func TestEndpointPathIsKept(t *testing.T) {
	for _, endpoint := range []string{"/v2", "/v2/"} {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
			r.URL.Path = strings.TrimPrefix(r.URL.Path, "/v2")
			fakeAPI(w, r, "req-v2")
			return true
		})
		c, _ := newClient(t, srv, func(o *client.Options) { o.Endpoint = srv.URL + endpoint })
		if _, err := c.GetUser(context.Background(), customer, "jane@example.com"); err != nil {
			t.Fatal(err)
		}
		if got := srv.requests()[0].URI; got != "/v2/44444/jane@example.com" {
			t.Errorf("endpoint %s: request target = %s, want /v2/44444/jane@example.com", endpoint, got)
		}
	}
}

func TestNewRefusesBadEndpoints(t *testing.T) {
	cases := map[string]string{
		"":                                   "no endpoint",
		"ftp://example.com/":                 "http:// or https://",
		"example.com/v2":                     "http:// or https://",
		"https://":                           "no host",
		"https://api-user:hunter22@host/v2/": "must not contain credentials",
		"https://host/v2/?x=1":               "query",
		"https://api-user:hunter22@h:port/":  "not a valid URL",
		"https://api-user:hunter22@/v2/":     "no host",
	}
	for endpoint, want := range cases {
		_, err := client.New(client.Options{Endpoint: endpoint})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New(%q) = %v, want an error about %q", endpoint, err, want)
			continue
		}
		if strings.Contains(err.Error(), "hunter22") {
			t.Errorf("New(%q): error shows the password: %v", endpoint, err)
		}
	}
}

func TestRedirectIsAnErrorNotFollowed(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			w.Header().Set("Location", "https://new.example/v2/44444/failover")
			w.WriteHeader(http.StatusMovedPermanently)
			return true
		}
		return false
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.SetCustomerFlag(context.Background(), customer, "failover", true, nil)
	apiErr := asAPIError(t, err)
	if apiErr.Status != http.StatusMovedPermanently || !strings.Contains(apiErr.Message, "https://new.example/v2/44444/failover") {
		t.Errorf("error = %v, want a 301 naming the new address", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1 (no redirect followed)", n)
	}
}

func TestUnknownFlagIsRefusedBeforeSending(t *testing.T) {
	srv := newServer(t, nil)
	c, _ := newClient(t, srv, nil)
	if _, err := c.SetCustomerFlag(context.Background(), customer, "activation", true, nil); err == nil {
		t.Error("SetCustomerFlag(activation) succeeded, want an error")
	}
	if _, err := c.SetUserFlag(context.Background(), customer, "jane@example.com", "activation", true); err == nil {
		t.Error("SetUserFlag(activation) succeeded, want an error")
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestConcurrentCallsShareOneClient(t *testing.T) {
	srv := newServer(t, nil)
	// The tracer serialises writes itself; a plain buffer must do.
	var trace bytes.Buffer
	c, _ := newClient(t, srv, func(o *client.Options) { o.Debug = &trace })
	errs := make(chan error, 16)
	for range 16 {
		go func() { _, err := c.Count(context.Background(), customer, client.Filter{}); errs <- err }()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if got := strings.Count(trace.String(), "> HEAD "); got != 16 {
		t.Errorf("trace has %d request lines, want 16", got)
	}
}
