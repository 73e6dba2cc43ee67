package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ecctl/ecctl/gen"
)

// Options configure a Client. The zero value of every field but Endpoint is usable.
type Options struct {
	// Endpoint is the API base, e.g. https://api.retarus.com/email/continuity/v2/. A missing
	// trailing slash is added, because request paths are resolved relative to it.
	Endpoint string
	// Username and Password are the API credentials sent as HTTP Basic authentication. When
	// both are empty no Authorization header is sent (the server then answers 401).
	Username, Password string
	// UserAgent is sent as the User-Agent header; the CLI passes ecctl/<version>.
	// Empty means "ecctl".
	UserAgent string
	// Timeout bounds each attempt (connect, send, and reading the whole answer). It does not
	// bound the retry loop as a whole; use the context for that. 0 means no timeout.
	Timeout time.Duration
	// Retries is the number of extra attempts after a failed one; 0 disables retries.
	Retries int
	// Debug receives the HTTP trace when not nil. Secrets are redacted before writing.
	Debug io.Writer
	// HTTPClient lends its Transport to the client (tests: httptest.Server.Client()). Its
	// other settings are not used: the client builds its own *http.Client so that the
	// redirect policy and the debug trace are always in place.
	HTTPClient *http.Client
	// Sleep waits between attempts. nil means a real sleep that returns early with the
	// context's error when ctx is done. Tests inject a recorder.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Client calls the Email Continuity API. It is safe for concurrent use.
type Client struct {
	api     *gen.ClientWithResponses
	auth    gen.RequestEditorFn
	timeout time.Duration
	retries int
	sleep   func(context.Context, time.Duration) error
	trace   *tracer // nil when debugging is off
	retried atomic.Int64
}

// maxAnswer bounds the bytes read from one answer. A page of 1000 users is well under 1 MiB;
// the bound protects memory from a misconfigured endpoint that streams something else.
const maxAnswer = 32 << 20

// New checks the options and builds the client: one *http.Client with one Transport shared
// by every call, wrapped by the generated gen.ClientWithResponses.
func New(o Options) (*Client, error) {
	endpoint, err := normalizeEndpoint(o.Endpoint)
	if err != nil {
		return nil, err
	}
	base := http.DefaultTransport
	if o.HTTPClient != nil && o.HTTPClient.Transport != nil {
		base = o.HTTPClient.Transport
	} else if t, ok := base.(*http.Transport); ok {
		t = t.Clone() // proxy from the environment, dial and TLS timeouts, HTTP/2
		// Bulk commands send chunks in parallel to one host; keep their connections.
		t.MaxIdleConnsPerHost = 16
		base = t
	}
	c := &Client{
		timeout: max(o.Timeout, 0),
		retries: max(o.Retries, 0),
		sleep:   o.Sleep,
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if o.Debug != nil {
		c.trace = &tracer{w: o.Debug}
		base = &debugTransport{next: base, trace: c.trace}
	}
	hc := &http.Client{
		Transport: base,
		// An API does not redirect. Following one would turn a PUT into a GET on 301/302
		// and could carry credentials elsewhere, so the 3xx is returned as an error that
		// names the new address instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	agent := o.UserAgent
	if agent == "" {
		agent = "ecctl"
	}
	api, err := gen.NewClientWithResponses(endpoint,
		gen.WithHTTPClient(doer{hc}),
		gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			req.Header.Set("User-Agent", agent)
			return nil
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("endpoint %s: %w", endpoint, err)
	}
	c.api = api
	user, pass := o.Username, o.Password
	c.auth = func(_ context.Context, req *http.Request) error {
		if user != "" || pass != "" {
			req.SetBasicAuth(user, pass)
		}
		return nil
	}
	return c, nil
}

// Retries reports how many retries the client has made so far, over all calls.
func (c *Client) Retries() int64 { return c.retried.Load() }

// normalizeEndpoint checks the API base and makes it end in "/": the generated code
// resolves "./44444" against it, which drops a last segment not followed by a slash.
func normalizeEndpoint(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("no endpoint given")
	}
	shown := strconv.Quote(hideUserinfo(s)) // error messages never repeat a password
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the reason alone: url.Error repeats the whole URL
		}
		return "", fmt.Errorf("endpoint %s: not a valid URL: %w", shown, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("endpoint %s: want an http:// or https:// URL", shown)
	case u.Host == "":
		return "", fmt.Errorf("endpoint %s: no host", shown)
	case u.User != nil:
		// Go's http.Client turns URL userinfo into an Authorization header when none is
		// set, which would send credentials with SetPassword. Credentials belong in
		// Username/Password, where the rule is applied.
		return "", fmt.Errorf("endpoint %s: must not contain credentials; configure the username and password instead", shown)
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("endpoint %s: must not have a query or fragment", shown)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u.String(), nil
}

// hideUserinfo replaces the userinfo of an address that may not even parse.
func hideUserinfo(s string) string {
	rest := s
	if _, after, found := strings.Cut(s, "://"); found {
		rest = after
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return s
	}
	return s[:len(s)-len(rest)] + redacted + rest[at:]
}

// doer marks errors of the HTTP exchange so that the retry loop can tell them apart from
// errors the generated code returns while building a request.
type doer struct{ hc *http.Client }

func (d doer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(req)
	if err != nil {
		return nil, &transportError{err}
	}
	return resp, nil
}

type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
