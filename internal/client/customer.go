package client

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/ecctl/ecctl/gen"
)

// Filter selects users for Count and ListPage. A nil flag means "no filter"; groups combine
// with OR, the flags with AND.
type Filter struct {
	Activation, Access, Failover *bool
	Groups                       []string
}

// Count returns the number of the customer's users that match f (HEAD, User-Count header).
func (c *Client) Count(ctx context.Context, customer string, f Filter) (int64, error) {
	k := call{op: "counting users of " + customer, repeatable: true}
	params := &gen.CountUsersParams{Activation: f.Activation, Access: f.Access, Failover: f.Failover, Group: groups(f.Groups)}
	resp, _, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.CountUsers(ctx, customer, params, c.auth)
	})
	if err != nil {
		return 0, err
	}
	// The header is checked here, not left to the generated parser: that one reports a
	// missing header as a count of 0, which would tell an administrator "no users".
	values := resp.Header.Values("User-Count")
	if len(values) == 0 {
		return 0, fmt.Errorf("%s: server sent no User-Count header (%s)", k.op, resp.Status)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(values[0]), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: server sent an invalid User-Count header %q", k.op, printable(values[0]))
	}
	parsed, err := gen.ParseCountUsersResponse(resp)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", k.op, err)
	}
	if parsed.Headers200 == nil {
		return 0, fmt.Errorf("%s: unexpected answer %s; want 200 with a User-Count header", k.op, resp.Status)
	}
	return parsed.Headers200.UserCount, nil
}

// ListPage returns one page of the customer's users that match f, ordered by address.
func (c *Client) ListPage(ctx context.Context, customer string, f Filter, offset, size int) (*gen.UserList, error) {
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
	return decode(k, resp, body, gen.ParseListUsersResponse,
		func(r *gen.ListUsersResponse) *gen.UserList { return r.JSON200 }, "UserList")
}

// CreateUsers creates users for the customer, all or none (409 if any exists). With
// mailNotification the service mails each user; the parameter is only sent when true.
func (c *Client) CreateUsers(ctx context.Context, customer string, users []gen.UserCreate, mailNotification bool) (*gen.BulkResult, error) {
	k := call{op: fmt.Sprintf("creating %s for %s", plural(len(users), "user"), customer)}
	params := &gen.CreateUsersParams{MailNotification: notify(mailNotification)}
	body := createBody(users) // [] for no users, never null
	resp, raw, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.CreateUsersWithBody(ctx, customer, params, "application/json", bytes.NewReader(body), c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, raw, gen.ParseCreateUsersResponse,
		func(r *gen.CreateUsersResponse) *gen.BulkResult { return r.JSON200 }, "BulkResult")
}

// UpdateUsers changes existing users of the customer, all or none (404 if any is unknown).
func (c *Client) UpdateUsers(ctx context.Context, customer string, users []gen.UserUpdate) (*gen.BulkResult, error) {
	k := call{op: fmt.Sprintf("updating %s of %s", plural(len(users), "user"), customer)}
	body := append([]gen.UserUpdate{}, users...)
	resp, raw, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.UpdateUsers(ctx, customer, body, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, raw, gen.ParseUpdateUsersResponse,
		func(r *gen.UpdateUsersResponse) *gen.BulkResult { return r.JSON200 }, "BulkResult")
}

// DeleteUsers deletes users of the customer by address, all or none (404 if any is unknown).
func (c *Client) DeleteUsers(ctx context.Context, customer string, users []string) (*gen.BulkResult, error) {
	k := call{op: fmt.Sprintf("deleting %s of %s", plural(len(users), "user"), customer)}
	body := append(gen.DeleteUsersJSONRequestBody{}, users...)
	resp, raw, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.DeleteUsers(ctx, customer, body, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, raw, gen.ParseDeleteUsersResponse,
		func(r *gen.DeleteUsersResponse) *gen.BulkResult { return r.JSON200 }, "BulkResult")
}

// SetCustomerFlag sets (on) or removes a flag for all users of the customer, or for the
// members of at least one of groups. It picks one of setCustomerFailover,
// unsetCustomerFailover, setCustomerAccess and unsetCustomerAccess.
func (c *Client) SetCustomerFlag(ctx context.Context, customer string, flag gen.Flag, on bool, groupNames []string) (*gen.FlagResult, error) {
	scope := "all users of " + customer
	if len(groupNames) > 0 {
		scope = fmt.Sprintf("users of %s in %s %s", customer, pluralWord(len(groupNames), "group"), strings.Join(groupNames, ", "))
	}
	verb := "setting"
	if !on {
		verb = "removing"
	}
	k := call{op: fmt.Sprintf("%s %s for %s", verb, flag, scope), repeatable: true}
	g := groups(groupNames)
	var (
		send  sendFunc
		parse func(*http.Response) (*gen.FlagResult, error)
	)
	switch {
	case flag == gen.Failover && on:
		send = func(ctx context.Context) (*http.Response, error) {
			return c.api.SetCustomerFailover(ctx, customer, &gen.SetCustomerFailoverParams{Group: g}, c.auth)
		}
		parse = flagParser(gen.ParseSetCustomerFailoverResponse, func(r *gen.SetCustomerFailoverResponse) *gen.FlagResult { return r.JSON200 })
	case flag == gen.Failover:
		send = func(ctx context.Context) (*http.Response, error) {
			return c.api.UnsetCustomerFailover(ctx, customer, &gen.UnsetCustomerFailoverParams{Group: g}, c.auth)
		}
		parse = flagParser(gen.ParseUnsetCustomerFailoverResponse, func(r *gen.UnsetCustomerFailoverResponse) *gen.FlagResult { return r.JSON200 })
	case flag == gen.Access && on:
		send = func(ctx context.Context) (*http.Response, error) {
			return c.api.SetCustomerAccess(ctx, customer, &gen.SetCustomerAccessParams{Group: g}, c.auth)
		}
		parse = flagParser(gen.ParseSetCustomerAccessResponse, func(r *gen.SetCustomerAccessResponse) *gen.FlagResult { return r.JSON200 })
	case flag == gen.Access:
		send = func(ctx context.Context) (*http.Response, error) {
			return c.api.UnsetCustomerAccess(ctx, customer, &gen.UnsetCustomerAccessParams{Group: g}, c.auth)
		}
		parse = flagParser(gen.ParseUnsetCustomerAccessResponse, func(r *gen.UnsetCustomerAccessResponse) *gen.FlagResult { return r.JSON200 })
	default:
		return nil, fmt.Errorf("%s: unknown flag %q (want failover or access)", k.op, flag)
	}
	resp, body, err := c.do(ctx, k, send)
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, parse, func(r *gen.FlagResult) *gen.FlagResult { return r }, "FlagResult")
}

// flagParser adapts the four generated customer-flag parsers to one result type.
func flagParser[R any](parse func(*http.Response) (*R, error), pick func(*R) *gen.FlagResult) func(*http.Response) (*gen.FlagResult, error) {
	return func(resp *http.Response) (*gen.FlagResult, error) {
		r, err := parse(resp)
		if err != nil {
			return nil, err
		}
		return pick(r), nil
	}
}

// groups turns a group list into the optional query parameter: absent when empty, so that
// "no groups" means all users rather than an empty group=.
func groups(g []string) *gen.GroupFilter {
	if len(g) == 0 {
		return nil
	}
	v := gen.GroupFilter(append([]string{}, g...))
	return &v
}

// notify is the mailNotification parameter: sent as "true" when wanted, absent otherwise.
func notify(on bool) *gen.MailNotification {
	if !on {
		return nil
	}
	v := gen.MailNotification("true")
	return &v
}

func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, word)) }

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
