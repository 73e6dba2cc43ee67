package bulk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/mock"
)

// fakeAPI answers the bulk endpoints with success, naming the users it was sent, unless
// answer decides otherwise. It counts requests and the requests in flight.
type fakeAPI struct {
	t *testing.T
	// answer, when set, may write its own answer for the n-th request (from 1) and return
	// true; it may block.
	answer func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool

	requests    atomic.Int64
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
	mu          sync.Mutex
	sizes       []int // users per request, in arrival order
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.requests.Add(1)
	cur := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		old := f.maxInFlight.Load()
		if cur <= old || f.maxInFlight.CompareAndSwap(old, cur) {
			break
		}
	}
	users, err := bodyUsers(r)
	if err != nil {
		f.t.Errorf("fake API: %v", err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.sizes = append(f.sizes, len(users))
	f.mu.Unlock()
	if f.answer != nil && f.answer(w, r, n, users) {
		return
	}
	writeJSON(w, http.StatusOK, gen.BulkResult{
		Id: fmt.Sprintf("req-%d", n), Timestamp: time.Now().UTC().Format(time.RFC3339), Count: len(users), Users: users,
	})
}

// bodyUsers reads the addresses of a bulk body: objects with "user", or strings; a request
// without a body (single-user endpoints) names the user in its path.
func bodyUsers(r *http.Request) ([]string, error) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 || r.URL.Path != "/44444" {
		return []string{r.URL.Path}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("body: %w", err)
	}
	users := make([]string, 0, len(items))
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) == nil {
			users = append(users, s)
			continue
		}
		var obj struct{ User string }
		if err := json.Unmarshal(it, &obj); err != nil {
			return nil, fmt.Errorf("body item: %w", err)
		}
		users = append(users, obj.User)
	}
	return users, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, id, msg string) {
	w.Header().Set("X-Request-Id", id)
	writeJSON(w, status, gen.Error{Id: id, Timestamp: time.Now().UTC().Format(time.RFC3339), Status: status, Message: msg})
}

func (f *fakeAPI) requestSizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.sizes...)
}

// newClient returns a client of the handler with no waiting between retries.
func newClient(t *testing.T, h http.Handler, retries int) *client.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Options{
		Endpoint: srv.URL, Username: "demo", Password: "demo", Retries: retries,
		HTTPClient: srv.Client(),
		Sleep:      func(context.Context, time.Duration) error { return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newMock returns a client of a fresh ecmock seeded with 20 users per customer, and one
// address that exists for 44444.
func newMock(t *testing.T) (*client.Client, string) {
	t.Helper()
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newClient(t, srv.Handler(), 0)
	page, err := c.ListPage(context.Background(), "44444", client.Filter{}, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return c, page.Users[0].User
}

func addresses(n int) []string {
	users := make([]string, n)
	for i := range users {
		users[i] = fmt.Sprintf("user%05d@bulk.example", i)
	}
	return users
}

func newUsers(addrs ...string) []gen.UserCreate {
	users := make([]gen.UserCreate, len(addrs))
	for i, a := range addrs {
		users[i] = gen.UserCreate{User: a, DisplayName: "Test " + a, GivenName: "Test", SurName: "User"}
	}
	return users
}

func nullableValue(s string) nullable.Nullable[string] { return nullable.NewNullableWithValue(s) }
