package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
)

// ListPageRaw returns the page with the users as the server sent them, and the same paging
// figures as ListPage.
func TestListPageRawKeepsTheServersObjects(t *testing.T) {
	srv := newServer(t, nil)
	c, _ := newClient(t, srv, nil)
	raw, err := c.ListPageRaw(context.Background(), customer, client.Filter{Groups: []string{"emea"}}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	typed, err := c.ListPage(context.Background(), customer, client.Filter{Groups: []string{"emea"}}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if raw.Total != typed.Total || raw.Count != typed.Count || raw.Size != typed.Size || raw.Offset != typed.Offset || len(raw.Users) != len(typed.Users) {
		t.Fatalf("raw %+v, typed %+v", raw, typed)
	}
	want, _ := json.Marshal(sampleUser())
	if string(raw.Users[0]) != string(want) {
		t.Errorf("raw user %s, want the server's %s", raw.Users[0], want)
	}
	reqs := srv.requests()
	if reqs[0].URI != reqs[1].URI {
		t.Errorf("raw request %s, typed %s: want the same request", reqs[0].URI, reqs[1].URI)
	}
}

// The answer is checked as ListPage checks it, and every user must be an object.
func TestListPageRawRefusesWhatIsNotAUserList(t *testing.T) {
	page := func(users string) string {
		return `{"id":"x","timestamp":"t","offset":0,"size":10,"filter":{},"total":1,"count":1,"users":` + users + `}`
	}
	cases := []struct {
		name, contentType, body, want string
		status                        int
	}{
		{"html", "text/html", "<html>login</html>", `listing users of 44444: unexpected answer 200 OK with Content-Type "text/html"`, 200},
		{"created", "application/json", page("[]"), `listing users of 44444: unexpected answer 201 Created`, 201},
		{"broken json", "application/json", `{"users": [`, "listing users of 44444: the answer (200 OK) is not the documented UserList", 200},
		{"other json", "application/json", `{"status":"ok"}`, "listing users of 44444: the answer (200 OK) is not the documented UserList: missing id, timestamp, offset, size, filter, total, count, users", 200},
		{"null users", "application/json", page("null"), "is not the documented UserList: missing users", 200},
		{"total as text", "application/json", strings.Replace(page("[]"), `"total":1`, `"total":"1"`, 1), "is not the documented UserList", 200},
		{"user not an object", "application/json", page(`[{"user":"a@example.com"},"b@example.com"]`), "is not the documented UserList: users[1] is not an object", 200},
	}
	for _, tc := range cases {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", tc.contentType)
			w.WriteHeader(tc.status)
			_, _ = w.Write([]byte(tc.body))
			return true
		})
		c, _ := newClient(t, srv, nil)
		got, err := c.ListPageRaw(context.Background(), customer, client.Filter{}, 0, 10)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ListPageRaw = %v, %v\nwant error %q", tc.name, got, err, tc.want)
		}
	}
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, http.StatusForbidden, "id-9", "customer 44444 does not belong to account demo")
		return true
	})
	c, _ := newClient(t, srv, nil)
	_, err := c.ListPageRaw(context.Background(), customer, client.Filter{}, 0, 10)
	if ae := asAPIError(t, err); ae.Status != http.StatusForbidden {
		t.Errorf("403: err = %v, want the APIError", err)
	}
}
