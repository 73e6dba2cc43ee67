package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/ecctl/ecctl/gen"
)

// normalizeUser returns a user address as it goes into a path: an address without a literal
// "@" has its percent escapes undone once, so that jane%40example.com (how addresses appear
// in copied URLs) is sent as jane@example.com. The generated client escapes "%" itself, so
// without this the server would receive jane%2540example.com. An address that has an "@"
// is sent as it is, because a local part may contain "%" (100%25off@x.example is a valid
// address); validate.NormalizeUser follows the same rule.
func normalizeUser(user string) string {
	if strings.Contains(user, "@") {
		return user
	}
	if u, err := url.PathUnescape(user); err == nil {
		return u
	}
	return user
}

// GetUser reads one user of the customer.
func (c *Client) GetUser(ctx context.Context, customer, user string) (*gen.User, error) {
	user = normalizeUser(user)
	k := call{op: fmt.Sprintf("getting user %s of %s", user, customer), repeatable: true}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.GetUser(ctx, customer, user, c.auth)
	})
	if err != nil {
		return nil, err
	}
	r, err := decode(k, resp, body, gen.ParseGetUserResponse,
		func(r *gen.GetUserResponse) *gen.UserResponse { return r.JSON200 }, "UserResponse")
	if err != nil {
		return nil, err
	}
	return &r.User, nil
}

// UpdateUser changes fields of one user: absent fields stay, null clears a nullable one.
func (c *Client) UpdateUser(ctx context.Context, customer, user string, patch gen.UserPatch) (*gen.Ack, error) {
	user = normalizeUser(user)
	k := call{op: fmt.Sprintf("updating user %s of %s", user, customer), repeatable: true}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.UpdateUser(ctx, customer, user, patch, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, gen.ParseUpdateUserResponse,
		func(r *gen.UpdateUserResponse) *gen.Ack { return r.JSON200 }, "Ack")
}

// DeleteUser deletes one user of the customer.
func (c *Client) DeleteUser(ctx context.Context, customer, user string) (*gen.Ack, error) {
	user = normalizeUser(user)
	k := call{op: fmt.Sprintf("deleting user %s of %s", user, customer)}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.DeleteUser(ctx, customer, user, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, gen.ParseDeleteUserResponse,
		func(r *gen.DeleteUserResponse) *gen.Ack { return r.JSON200 }, "Ack")
}

// SetUserFlag sets (on) or removes a flag of one user.
func (c *Client) SetUserFlag(ctx context.Context, customer, user string, flag gen.Flag, on bool) (*gen.Ack, error) {
	user = normalizeUser(user)
	verb := "setting"
	if !on {
		verb = "removing"
	}
	k := call{op: fmt.Sprintf("%s %s for user %s of %s", verb, flag, user, customer), repeatable: true}
	if !flag.Valid() {
		return nil, fmt.Errorf("%s: unknown flag %q (want failover or access)", k.op, flag)
	}
	var (
		resp *http.Response
		body []byte
		err  error
	)
	if on {
		resp, body, err = c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
			return c.api.SetUserFlag(ctx, customer, user, flag, c.auth)
		})
		if err != nil {
			return nil, err
		}
		return decode(k, resp, body, gen.ParseSetUserFlagResponse,
			func(r *gen.SetUserFlagResponse) *gen.Ack { return r.JSON200 }, "Ack")
	}
	resp, body, err = c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.UnsetUserFlag(ctx, customer, user, flag, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, gen.ParseUnsetUserFlagResponse,
		func(r *gen.UnsetUserFlagResponse) *gen.Ack { return r.JSON200 }, "Ack")
}

// CreateToken creates an activation or password-reset token for one user. The token is a
// secret: the caller decides whether and where to show it.
func (c *Client) CreateToken(ctx context.Context, customer, user string, mailNotification bool) (*gen.TokenResponse, error) {
	user = normalizeUser(user)
	k := call{op: fmt.Sprintf("creating a token for user %s of %s", user, customer)}
	params := &gen.CreateTokenParams{MailNotification: notify(mailNotification)}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.CreateToken(ctx, customer, user, params, c.auth)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, gen.ParseCreateTokenResponse,
		func(r *gen.CreateTokenResponse) *gen.TokenResponse { return r.JSON201 }, "TokenResponse")
}

// SetPassword sets a user's password with a token from CreateToken. It is the one
// operation sent without the API credentials: the token is the proof.
func (c *Client) SetPassword(ctx context.Context, user, token, password string) (*gen.Ack, error) {
	user = normalizeUser(user)
	k := call{op: "setting the password of " + user}
	change := gen.PasswordChange{Token: token, Password: password}
	resp, body, err := c.do(ctx, k, func(ctx context.Context) (*http.Response, error) {
		return c.api.SetPassword(ctx, user, change)
	})
	if err != nil {
		return nil, err
	}
	return decode(k, resp, body, gen.ParseSetPasswordResponse,
		func(r *gen.SetPasswordResponse) *gen.Ack { return r.JSON200 }, "Ack")
}
