package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ecctl/ecctl/gen"
)

// APIError is a non-2xx answer of the API, after any retries.
type APIError struct {
	// Op says what was being done, e.g. "counting users of 44444".
	Op string
	// Status is the HTTP status code.
	Status int
	// Message is the server's message from the Error body. Answers without one (HEAD has
	// no body; a proxy may answer with HTML) carry http.StatusText(Status) instead.
	Message string
	// ID is the server's request id: the Error body's id, else the X-Request-Id header.
	ID string
	// RetryAfter is the server's Retry-After (0 when absent).
	RetryAfter time.Duration
	// Attempts is the number of requests made, retries included.
	Attempts int
	// MaybeApplied is set when a gateway answered (502, 504) for an operation that is not
	// repeated safely: the API may have applied the request behind it. See NetworkError.
	MaybeApplied bool
}

// Error renders "<op>: <status> <text>: <message> (request id <id>)"; the message is left
// out when it only repeats the status text, and control characters from the server are
// dropped so that an error cannot rewrite the user's terminal.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Op, statusLine(e.Status))
	if msg := printable(e.Message); msg != "" && !strings.EqualFold(msg, http.StatusText(e.Status)) {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	var notes []string
	if e.ID != "" {
		notes = append(notes, "request id "+printable(e.ID))
	}
	if e.RetryAfter > 0 {
		notes = append(notes, "retry after "+e.RetryAfter.String())
	}
	if e.Attempts > 1 {
		notes = append(notes, fmt.Sprintf("after %d attempts", e.Attempts))
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
	}
	if e.MaybeApplied {
		b.WriteString(" (" + maybeAppliedNote + ")")
	}
	return b.String()
}

const maybeAppliedNote = "not retried: the server may have applied the request; check before repeating it"

// HTTPStatus returns Status. Package output renders JSON errors through this method, so
// that it need not import client.
func (e *APIError) HTTPStatus() int { return e.Status }

// APIMessage returns the server's message with control characters dropped.
func (e *APIError) APIMessage() string { return printable(e.Message) }

// RequestID returns ID; see HTTPStatus.
func (e *APIError) RequestID() string { return e.ID }

// NetworkError is a call that got no HTTP answer (connection refused or reset, a timeout,
// a TLS failure), after any retries. Err is the last attempt's cause.
type NetworkError struct {
	Op       string
	Err      error
	Attempts int
	// MaybeApplied is set when the request may have reached the server although no answer
	// came back, and the operation is not one that can be repeated safely (a bulk change,
	// a token, a password, a user deletion). The user should look before repeating it.
	MaybeApplied bool
}

func (e *NetworkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %v", e.Op, e.Err)
	var notes []string
	if e.Attempts > 1 {
		notes = append(notes, fmt.Sprintf("after %d attempts", e.Attempts))
	}
	if e.MaybeApplied {
		notes = append(notes, maybeAppliedNote)
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, "; "))
	}
	return b.String()
}

func (e *NetworkError) Unwrap() error { return e.Err }

// timeoutError is the cause of a NetworkError when an attempt ran out of Options.Timeout.
// It unwraps to the transport's error, so errors.Is(err, context.DeadlineExceeded) holds.
type timeoutError struct {
	d   time.Duration
	err error
}

func (e *timeoutError) Error() string { return fmt.Sprintf("no answer within %s", e.d) }
func (e *timeoutError) Unwrap() error { return e.err }

// IsRetryable reports whether the same call may succeed later and repeating it cannot apply
// it twice: no answer for a request that cannot have been applied twice (MaybeApplied not
// set), or an answer of 429 or 503 (the API changes nothing before answering them), or a
// gateway's 502 or 504 for an operation that repeats harmlessly. The client has already
// retried such failures as often as it was told to; the CLI uses this to phrase its advice.
func IsRetryable(err error) bool {
	var ne *NetworkError
	if errors.As(err, &ne) {
		return !ne.MaybeApplied
	}
	var ae *APIError
	return errors.As(err, &ae) && transientStatus(ae.Status) && !ae.MaybeApplied
}

func transientStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// newAPIError builds the error for a non-2xx answer from its status, headers and body.
// It reads the Error body itself rather than through the generated parsers: those fail on a
// malformed body or a Retry-After that is an HTTP date, and the status would be lost.
func newAPIError(op string, resp *http.Response, body []byte) *APIError {
	e := &APIError{
		Op:         op,
		Status:     resp.StatusCode,
		ID:         resp.Header.Get("X-Request-Id"),
		RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	var eb gen.Error
	if json.Unmarshal(body, &eb) == nil {
		e.Message = eb.Message
		if eb.Id != "" {
			e.ID = eb.Id
		}
	}
	if e.Message == "" && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc := resp.Header.Get("Location"); loc != "" {
			e.Message = "the API moved to " + redactURL(loc) + "; set the endpoint to that address"
		}
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	e.Message = truncate(e.Message, 2048)
	return e
}

// retryAfter reads a Retry-After header: delay-seconds (what the API documents) or an
// HTTP date (what proxies send). Anything else counts as absent.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 || n > int64(24*time.Hour/time.Second) {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

func statusLine(code int) string {
	if text := http.StatusText(code); text != "" {
		return fmt.Sprintf("%d %s", code, text)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// printable drops control characters (ANSI escapes included) from server-supplied text.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
