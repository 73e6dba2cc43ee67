package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/output"
)

func asAPIError(t *testing.T, err error) *client.APIError {
	t.Helper()
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want a *client.APIError", err, err)
	}
	return apiErr
}

func TestAPIErrorFromErrorBody(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("X-Request-Id", "header-id")
		writeJSON(w, http.StatusNotFound, map[string]any{
			"id": "body-id", "timestamp": "2026-12-03T10:15:00Z", "status": 404,
			"message": "unknown user: jane@example.com",
		})
		return true
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.GetUser(context.Background(), customer, "jane%40example.com")
	apiErr := asAPIError(t, err)
	want := client.APIError{Op: "getting user jane@example.com of 44444", Status: 404, Message: "unknown user: jane@example.com", ID: "body-id", Attempts: 1}
	if *apiErr != want {
		t.Errorf("error = %+v\nwant    %+v", *apiErr, want)
	}
	if got, want := err.Error(), "getting user jane@example.com of 44444: 404 Not Found: unknown user: jane@example.com (request id body-id)"; got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
	// What package output uses to render {"error":{"status":..,"id":..}} without importing client.
	var rendered interface {
		HTTPStatus() int
		RequestID() string
	}
	if !errors.As(err, &rendered) || rendered.HTTPStatus() != 404 || rendered.RequestID() != "body-id" {
		t.Errorf("HTTPStatus/RequestID not available through errors.As")
	}
	if client.IsRetryable(err) {
		t.Error("IsRetryable(404) = true, want false")
	}
}

// HEAD answers have no body: the status text is the message and the id comes from the header.
func TestAPIErrorFromHead(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("X-Request-Id", "head-id")
		w.Header().Set("WWW-Authenticate", `Basic realm="continuity"`)
		w.WriteHeader(http.StatusUnauthorized)
		return true
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.Count(context.Background(), customer, client.Filter{})
	apiErr := asAPIError(t, err)
	if apiErr.Status != 401 || apiErr.Message != "Unauthorized" || apiErr.ID != "head-id" {
		t.Errorf("error = %+v, want 401, Unauthorized, head-id", *apiErr)
	}
	if got, want := err.Error(), "counting users of 44444: 401 Unauthorized (request id head-id)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// A gateway's HTML page is not an Error body; the status survives and the HTML stays out.
func TestAPIErrorFromForeignBody(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body>\x1b[31mBad Gateway</body></html>"))
		return true
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.DeleteUsers(context.Background(), customer, []string{"jane@example.com"})
	apiErr := asAPIError(t, err)
	if apiErr.Status != 502 || apiErr.Message != "Bad Gateway" {
		t.Errorf("error = %+v, want 502 Bad Gateway", *apiErr)
	}
	// A bulk delete behind a gateway error may have happened: not retried, and said so.
	if got, want := err.Error(), "deleting 1 user of 44444: 502 Bad Gateway (not retried: the server may have applied the request; check before repeating it)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if !apiErr.MaybeApplied || client.IsRetryable(err) {
		t.Errorf("MaybeApplied = %v, IsRetryable = %v; want true, false", apiErr.MaybeApplied, client.IsRetryable(err))
	}
}

// Server text cannot rewrite the terminal through an error message.
func TestAPIErrorDropsControlCharacters(t *testing.T) {
	e := &client.APIError{Op: "x", Status: 400, Message: "bad\x1b[2J value\nhere", ID: "id\x07"}
	if got, want := e.Error(), "x: 400 Bad Request: bad[2J value here (request id id)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestCountWithoutUserCountHeaderIsAnError(t *testing.T) {
	for header, want := range map[string]string{
		"":     "counting users of 44444: server sent no User-Count header",
		"many": `counting users of 44444: server sent an invalid User-Count header "many"`,
		"-3":   `counting users of 44444: server sent an invalid User-Count header "-3"`,
	} {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
			if header != "" {
				w.Header().Set("User-Count", header)
			}
			w.WriteHeader(http.StatusOK)
			return true
		})
		c, _ := newClient(t, srv, nil)
		n, err := c.Count(context.Background(), customer, client.Filter{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("User-Count %q: Count = %d, %v; want error %q", header, n, err, want)
		}
	}
}

func TestCountZeroIsACount(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("User-Count", "0")
		w.WriteHeader(http.StatusOK)
		return true
	})
	c, _ := newClient(t, srv, nil)
	if n, err := c.Count(context.Background(), customer, client.Filter{}); n != 0 || err != nil {
		t.Errorf("Count = %d, %v; want 0, nil", n, err)
	}
}

// A 2xx that is not the documented answer is an error naming the operation, never an empty
// result: an endpoint pointing at another service must not report "0 users".
func TestSuccessWithUnexpectedBodyIsAnError(t *testing.T) {
	cases := []struct {
		name, contentType, body, want string
	}{
		{"html", "text/html", "<html>login</html>", `listing users of 44444: unexpected answer 200 OK with Content-Type "text/html"`},
		{"broken json", "application/json", `{"users": [`, "listing users of 44444: the answer (200 OK) is not the documented UserList"},
		{"other json", "application/json", `{"status":"ok"}`, "listing users of 44444: the answer (200 OK) is not the documented UserList: missing id, timestamp, offset, size, filter, total, count, users"},
	}
	for _, tc := range cases {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", tc.contentType)
			_, _ = w.Write([]byte(tc.body))
			return true
		})
		c, _ := newClient(t, srv, nil)
		page, err := c.ListPage(context.Background(), customer, client.Filter{}, 0, 10)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: ListPage = %v, %v\nwant error %q", tc.name, page, err, tc.want)
		}
	}
}

func TestTokenAnswerMustBe201WithToken(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, http.StatusOK, map[string]string{"id": "x", "timestamp": "t"})
		return true
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.CreateToken(context.Background(), customer, "jane@example.com", true)
	if err == nil || !strings.HasPrefix(err.Error(), "creating a token for user jane@example.com of 44444: unexpected answer 200 OK") {
		t.Errorf("CreateToken = %v, want an unexpected-answer error", err)
	}
	if got := srv.requests()[0].URI; got != "/44444/jane@example.com/token?mailNotification=true" {
		t.Errorf("request target = %s", got)
	}
}

func TestAPIErrorRendersAsJSONErrorWithStatusAndID(t *testing.T) {
	var he output.HTTPError = &client.APIError{Op: "getting a user", Status: 404, Message: "unknown user: a@b.example", ID: "req-1"}
	var buf bytes.Buffer
	output.WriteError(&buf, output.JSON, fmt.Errorf("wrapped: %w", he.(error)))
	want := `{"error":{"status":404,"message":"unknown user: a@b.example","id":"req-1"}}` + "\n"
	if buf.String() != want {
		t.Fatalf("JSON error = %s, want %s", buf.String(), want)
	}
}
