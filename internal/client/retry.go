package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"time"
)

// Retry policy.
//
// 429 and 503 are retried for every operation: the API answers them before it changes
// anything (openapi.yaml, responses TooManyRequests and ServiceUnavailable), so repeating the
// request cannot apply it twice. Their Retry-After is honoured as given, up to a minute;
// a longer one ends the call at once with the wait in the error.
//
// Without an answer (connection reset, timeout) nobody knows whether the server applied the
// request. Such failures, and 502/504 from a gateway that may have forwarded it, are retried
// only for operations whose repetition leaves the same state behind: HEAD and GET, the
// customer and user flag PUT/DELETE (setting a flag twice is setting it once), and the
// single-user PATCH (the same fields written twice). They are not retried for the bulk
// PUT/PATCH/DELETE (a repeated create or delete would fail with 409/404 and hide that the
// first one worked; the bulk report would be wrong), token POST (a second token replaces the
// first and may send a second mail), password PUT (the first consumed the token) and user
// DELETE (404 on the repeat). Those fail at once with MaybeApplied set on the *NetworkError
// or *APIError, so that the user looks before repeating them.
//
// A connection that could not be opened at all carried no request, so it is retried for every
// operation. Failures that will not go away by waiting (unknown host, certificate errors) are
// not retried.
const (
	backoffBase = 200 * time.Millisecond
	backoffCap  = 10 * time.Second
	// maxRetryAfter is the longest Retry-After the client sleeps through. A server asking
	// for more is better reported at once, with the wait in the message, than waited for
	// by a command an administrator watches during an outage.
	maxRetryAfter = time.Minute
)

// call describes one API operation for the retry loop.
type call struct {
	op string // what is being done, for messages: "counting users of 44444"
	// repeatable: repeating the request cannot duplicate an effect (see the policy above).
	repeatable bool
}

type sendFunc func(ctx context.Context) (*http.Response, error)

// do runs send until it gets a 2xx answer, retrying as the policy allows. It returns the
// answer with its body read into memory (and still readable from resp.Body), an *APIError,
// a *NetworkError, or the context's error wrapped with the operation.
func (c *Client) do(ctx context.Context, k call, send sendFunc) (*http.Response, []byte, error) {
	for attempt := 1; ; attempt++ {
		resp, body, timedOut, err := c.attempt(ctx, send)
		var final error
		var wait time.Duration
		switch {
		case err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300:
			return resp, body, nil
		case err == nil:
			ae := newAPIError(k.op, resp, body)
			ae.Attempts = attempt
			ae.MaybeApplied = !k.repeatable && (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout)
			if !c.retryStatus(k, resp.StatusCode) || ae.RetryAfter > maxRetryAfter {
				return nil, nil, ae
			}
			final, wait = ae, ae.RetryAfter
			if wait == 0 {
				wait = backoff(attempt)
			}
		case ctx.Err() != nil:
			return nil, nil, fmt.Errorf("%s: %w", k.op, ctx.Err())
		default:
			var te *transportError
			if !errors.As(err, &te) {
				// Building the request failed, or the answer was unusable: nothing to retry.
				return nil, nil, fmt.Errorf("%s: %w", k.op, err)
			}
			cause := te.err
			if timedOut {
				cause = &timeoutError{d: c.timeout, err: cause}
			}
			sent := !notSent(cause)
			ne := &NetworkError{Op: k.op, Err: cause, Attempts: attempt, MaybeApplied: sent && !k.repeatable}
			if ne.MaybeApplied || permanent(cause) {
				return nil, nil, ne
			}
			final, wait = ne, backoff(attempt)
		}
		if attempt > c.retries {
			return nil, nil, final
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			// The caller's deadline comes first; the server's answer says more than
			// "deadline exceeded" would.
			return nil, nil, final
		}
		c.trace.note("* retrying in %s (retry %d of %d): %v", wait, attempt, c.retries, final)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", k.op, err)
		}
		c.retried.Add(1)
	}
}

// attempt sends one request under the per-attempt timeout and reads the whole answer before
// the timeout's context is released (reading after that would fail).
func (c *Client) attempt(ctx context.Context, send sendFunc) (resp *http.Response, body []byte, timedOut bool, err error) {
	actx, cancel := ctx, context.CancelFunc(func() {})
	if c.timeout > 0 {
		actx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()
	// Only the attempt's own deadline is a timeout; the caller's cancellation is not.
	expired := func() bool { return ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) }
	resp, err = send(actx)
	if err != nil {
		return nil, nil, expired(), err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return nil, nil, expired(), &transportError{fmt.Errorf("reading the answer: %w", err)}
	}
	if len(body) > maxAnswer {
		return nil, nil, false, fmt.Errorf("the answer is larger than %d MiB", maxAnswer>>20)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, body, false, nil
}

func (c *Client) retryStatus(k call, code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return k.repeatable
	}
	return false
}

// backoff is exponential backoff with full jitter: a uniform wait in [0, min(cap, base·2ⁿ⁻¹)],
// so that many clients throttled at once do not come back in step.
func backoff(attempt int) time.Duration {
	limit := backoffCap
	if attempt < 16 {
		limit = min(backoffCap, backoffBase<<(attempt-1))
	}
	return rand.N(limit + 1)
}

// notSent reports whether the request never left: no connection could be opened.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect")
}

// permanent reports failures that waiting does not cure.
func permanent(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return true
	}
	var (
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid)
}
