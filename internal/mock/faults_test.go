package mock_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/mock"
)

// syncBuffer is a log sink that may be written from handler goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestFailRateAnswers503BeforeAnyChange(t *testing.T) {
	e := newEnv(t, mock.Options{FailRate: 1})
	ops := append(customerOperations("44444"), operation{"setPassword", http.MethodPut, "/a@b.example/password", map[string]string{"token": "t", "password": "Summer2026!x"}})
	for _, op := range ops {
		r := e.do(op.method, op.path, op.body)
		if op.method == http.MethodHead {
			r.expect(t, http.StatusServiceUnavailable)
			if len(r.body) != 0 {
				t.Error("HEAD 503 with a body")
			}
		} else {
			r.errorMatches(t, http.StatusServiceUnavailable, "nothing was changed")
		}
		if got := r.header.Get("Retry-After"); got != "1" {
			t.Errorf("%s: Retry-After %q, want 1", op.id, got)
		}
	}
	if e.srv.Changes() != 0 || e.srv.Requests() != int64(len(ops)) {
		t.Errorf("changes %d, requests %d", e.srv.Changes(), e.srv.Requests())
	}
}

func TestFailRateIsTheShareOfRequestsDrawnFromRand(t *testing.T) {
	const rate = 0.3
	e := newEnv(t, mock.Options{FailRate: rate, Rand: rand.NewPCG(7, 11)})
	want := rand.New(rand.NewPCG(7, 11))
	failed := 0
	for i := range 200 {
		r := e.do(http.MethodGet, "/44444", nil)
		wantFail := want.Float64() < rate
		if (r.status == http.StatusServiceUnavailable) != wantFail {
			t.Fatalf("request %d: status %d, expected failure %v", i, r.status, wantFail)
		}
		if wantFail {
			failed++
		}
	}
	if failed < 40 || failed > 80 {
		t.Errorf("%d of 200 requests failed at rate %.1f", failed, rate)
	}
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	clk := newClock()
	e := newEnv(t, mock.Options{RateLimit: 2, Now: clk.Now})
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusOK)
	e.do(http.MethodPut, "/44444", []any{newUser("a@b.example")}).expect(t, http.StatusOK)
	r := e.do(http.MethodPut, "/44444", []any{newUser("b@b.example")})
	r.errorMatches(t, http.StatusTooManyRequests, `at most 2 per second`)
	if got := r.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	if got := e.do(http.MethodHead, "/44444", nil).expect(t, http.StatusTooManyRequests); len(got.body) != 0 {
		t.Error("HEAD 429 with a body")
	}
	clk.advance(500 * time.Millisecond) // one token back
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusOK)
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusTooManyRequests)
	clk.advance(time.Second)
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusOK)
	if n := e.count("44444", ""); n != 1 {
		t.Errorf("%d users: the refused create was applied", n)
	}
}

func TestSlowRateLimitTellsHowLongToWait(t *testing.T) {
	clk := newClock()
	e := newEnv(t, mock.Options{RateLimit: 0.25, Now: clk.Now})
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusOK)
	r := e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusTooManyRequests)
	if got := r.header.Get("Retry-After"); got != "4" {
		t.Errorf("Retry-After %q, want 4 at 0.25 requests per second", got)
	}
}

func TestLatencyHoldsTheAnswerUntilTheClientGivesUp(t *testing.T) {
	var log syncBuffer
	srv, err := mock.New(mock.Options{Latency: time.Hour, Logger: &log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "/44444", nil)
	req.SetBasicAuth("demo", "demo")
	rec := &recorder{header: http.Header{}}
	srv.ServeHTTP(rec, req) // returns when the client's context ends, not after an hour
	if rec.status != 0 || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Errorf("status %d written for a client that left", rec.status)
	}
	if !strings.Contains(log.String(), "status=- ") {
		t.Errorf("log %q does not show the unanswered request", log.String())
	}

	e := newEnv(t, mock.Options{Latency: 20 * time.Millisecond})
	e.do(http.MethodGet, "/44444", nil).expect(t, http.StatusOK)
}

// recorder is a minimal ResponseWriter that remembers whether anything was written.
type recorder struct {
	header http.Header
	status int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(code int)        { r.status = code }
func (r *recorder) Write(b []byte) (int, error) { r.status = max(r.status, 200); return len(b), nil }

func TestLogLinePerRequestWithoutSecrets(t *testing.T) {
	var log syncBuffer
	e := newEnv(t, mock.Options{Logger: &log})
	e.create("44444", newUser("a@b.example"))
	tr := createToken(t, e, "44444", "a@b.example")
	setPassword(e, "a@b.example", tr.Token, "Secret2026!pw").expect(t, http.StatusOK)
	e.do(http.MethodGet, "/44444?group=emea", nil, as("demo", "wrong-pass")).expect(t, http.StatusUnauthorized)

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d log lines for 4 requests:\n%s", len(lines), log.String())
	}
	want := []string{
		"method=PUT path=/44444 status=200 ",
		"method=POST path=/44444/a@b.example/token status=201 ",
		"method=PUT path=/a@b.example/password status=200 ",
		"method=GET path=/44444 status=401 ",
	}
	for i, l := range lines {
		if !strings.Contains(l, want[i]) || !strings.Contains(l, "duration=") || !strings.Contains(l, " id=") {
			t.Errorf("line %d %q, want it to contain %q, a duration and an id", i, l, want[i])
		}
	}
	for _, secret := range []string{tr.Token, "Secret2026!pw", "demo-pass", "wrong-pass", "Authorization", "Basic "} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
}
