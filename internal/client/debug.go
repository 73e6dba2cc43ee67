package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxLoggedBody caps each body in the trace; a page of 1000 users would bury everything else.
const maxLoggedBody = 64 << 10

// tracer serialises trace output: bulk commands send in parallel, and blocks must not
// interleave. A nil *tracer is a disabled trace.
type tracer struct {
	mu sync.Mutex
	w  io.Writer
}

// note writes one line about the client's own decisions (retries).
func (t *tracer) note(format string, args ...any) {
	if t == nil {
		return
	}
	t.write([]byte(printableLines(fmt.Sprintf(format, args...)) + "\n\n"))
}

func (t *tracer) write(b []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	// The trace is best effort: a broken stderr must not fail the API call.
	_, _ = t.w.Write(b)
}

// debugTransport writes one block per HTTP exchange:
//
//	> PUT http://127.0.0.1:8080/44444/failover?group=emea
//	> Authorization: [REDACTED]
//	> User-Agent: ecctl/1.0.0
//
//	< 200 OK (3.2ms) request-id=7f6d1c2e
//	< Content-Type: application/json
//	< X-Request-Id: 7f6d1c2e
//
//	{"id":"7f6d1c2e",...}
//
// It sits below the retry loop, so every attempt is shown, with the headers as sent.
type debugTransport struct {
	next  http.RoundTripper
	trace *tracer
}

func (d *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	reqBody, reqBodyNote := requestBody(req)
	start := time.Now()
	resp, err := d.next.RoundTrip(req)
	elapsed := time.Since(start)

	var b bytes.Buffer
	shown, secrets := renderBody(reqBody, nil)
	fmt.Fprintf(&b, "> %s %s\n", req.Method, printableLines(redactURL(req.URL.String())))
	writeHeaders(&b, "> ", req.Header, secrets)
	switch {
	case reqBodyNote != "":
		fmt.Fprintf(&b, "\n%s\n", reqBodyNote)
	case shown != "":
		fmt.Fprintf(&b, "\n%s\n", shown)
	}
	b.WriteString("\n")
	if err != nil {
		fmt.Fprintf(&b, "< no answer (%s): %s\n\n", formatDuration(elapsed), printableLines(scrub(err.Error(), secrets)))
		d.trace.write(b.Bytes())
		return nil, err
	}

	// Read the answer here to show it, then hand the caller an equivalent body.
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	rest := io.Reader(resp.Body) // anything past the limit stays unread, for the caller
	if readErr != nil {
		rest = errReader{readErr}
	}
	resp.Body = readCloser{Reader: io.MultiReader(bytes.NewReader(body), rest), Closer: resp.Body}

	shown, secrets = renderBody(body, secrets)
	fmt.Fprintf(&b, "< %s (%s)", printableLines(resp.Status), formatDuration(elapsed))
	if id := resp.Header.Get("X-Request-Id"); id != "" {
		fmt.Fprintf(&b, " request-id=%s", printableLines(id))
	}
	b.WriteString("\n")
	writeHeaders(&b, "< ", resp.Header, secrets)
	if shown != "" {
		fmt.Fprintf(&b, "\n%s\n", shown)
	}
	if readErr != nil {
		fmt.Fprintf(&b, "(reading the body failed: %s)\n", printableLines(readErr.Error()))
	}
	b.WriteString("\n")
	d.trace.write(b.Bytes())
	return resp, nil
}

// requestBody returns a copy of the request body without consuming it. The generated
// client builds bodies from byte slices, so GetBody is always there; the note covers the
// case where it is not.
func requestBody(req *http.Request) ([]byte, string) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, ""
	}
	if req.GetBody == nil {
		return nil, "(body not shown: it cannot be read twice)"
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, "(body not shown: " + err.Error() + ")"
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, maxAnswer))
	if err != nil {
		return nil, "(body not shown: " + err.Error() + ")"
	}
	return body, ""
}

// renderBody redacts a body for the trace and caps its length. known are secrets already
// seen in this exchange; the result adds those found in body.
func renderBody(body []byte, known []string) (string, []string) {
	if len(body) == 0 {
		return "", known
	}
	if !utf8.Valid(body) {
		return fmt.Sprintf("(%d bytes of binary data)", len(body)), known
	}
	out, found := redactBody(body)
	secrets := append(slices.Clip(known), found...)
	s := printableLines(scrub(string(out), secrets))
	if len(s) > maxLoggedBody {
		cut := maxLoggedBody
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s\n(%d more bytes not shown)", s[:cut], len(s)-cut)
	}
	return s, secrets
}

// writeHeaders writes headers sorted by name, secrets redacted.
func writeHeaders(b *bytes.Buffer, prefix string, h http.Header, secrets []string) {
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, v := range h[name] {
			switch {
			case isSecretName(name):
				v = redacted
			case strings.EqualFold(name, "Location") || strings.EqualFold(name, "Content-Location"):
				v = redactURL(v)
			default:
				v = scrub(v, secrets)
			}
			fmt.Fprintf(b, "%s%s: %s\n", prefix, printableLines(name), printableLines(v))
		}
	}
}

// printableLines escapes control characters other than newline and tab, so that data from
// the server cannot move the cursor or recolour the terminal the trace goes to.
func printableLines(s string) string {
	if !strings.ContainsFunc(s, isUnsafe) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isUnsafe(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isUnsafe(r rune) bool { return r != '\n' && r != '\t' && unicode.IsControl(r) }

func formatDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	}
	return d.Round(time.Millisecond).String()
}

type readCloser struct {
	io.Reader
	io.Closer
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
