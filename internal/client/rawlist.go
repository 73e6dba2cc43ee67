package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/ecctl/ecctl/gen"
)

// RawUserList is a page of users like gen.UserList, with each user kept as the JSON object the
// server sent instead of being decoded. Listing in a JSON format passes the objects through:
// decoding 100,000 users into gen.User (whose nullable fields are maps) and encoding them
// again costs more than everything else the listing does.
type RawUserList struct {
	Offset, Size, Total, Count int
	// Users are the page's User objects, each one complete JSON object as sent.
	Users []json.RawMessage
}

// rawUserList is the wire form: the required members that ListPageRaw does not use are
// kept raw only to check that they are there.
type rawUserList struct {
	ID        json.RawMessage   `json:"id"`
	Timestamp json.RawMessage   `json:"timestamp"`
	Filter    json.RawMessage   `json:"filter"`
	Offset    *int              `json:"offset"`
	Size      *int              `json:"size"`
	Total     *int              `json:"total"`
	Count     *int              `json:"count"`
	Users     []json.RawMessage `json:"users"`
}

// ListPageRaw is ListPage with the users left as the server's JSON objects. The answer is
// checked as ListPage checks it (the documented UserList, every required member present)
// and every user must be a JSON object; the members of a user are not looked at.
func (c *Client) ListPageRaw(ctx context.Context, customer string, f Filter, offset, size int) (*RawUserList, error) {
	k := call{op: "listing users of " + customer, repeatable: true}
	params := &gen.ListUsersParams{
		Activation: f.Activation, Access: f.Access, Failover: f.Failover,
		Offset: &offset, Size: &size, Group: groups(f.Groups),
	}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.ListUsers(ctx, customer, params, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decodeRawUserList(k, resp, body)
}

func decodeRawUserList(k call, resp *http.Response, body []byte) (*RawUserList, error) {
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return nil, fmt.Errorf("%s: unexpected answer %s with Content-Type %q; want the documented UserList JSON", k.op, resp.Status, resp.Header.Get("Content-Type"))
	}
	var w rawUserList
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%s: the answer (%s) is not the documented UserList: %w", k.op, resp.Status, err)
	}
	have := map[string]bool{
		"id": present(w.ID), "timestamp": present(w.Timestamp), "filter": present(w.Filter),
		"offset": w.Offset != nil, "size": w.Size != nil, "total": w.Total != nil,
		"count": w.Count != nil, "users": w.Users != nil,
	}
	var missing []string
	for _, name := range requiredFields("UserList") {
		if !have[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: the answer (%s) is not the documented UserList: missing %s", k.op, resp.Status, strings.Join(missing, ", "))
	}
	for i, u := range w.Users {
		if !bytes.HasPrefix(u, []byte{'{'}) {
			return nil, fmt.Errorf("%s: the answer (%s) is not the documented UserList: users[%d] is not an object", k.op, resp.Status, i)
		}
	}
	return &RawUserList{Offset: *w.Offset, Size: *w.Size, Total: *w.Total, Count: *w.Count, Users: w.Users}, nil
}

// present reports a member that was sent and is not null.
func present(v json.RawMessage) bool { return v != nil && string(v) != "null" }
