package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/client"
)

// Every operation is retried after 429 and 503 (the API answers them before changing
// anything), waiting exactly the Retry-After the server asked for.
func TestRetryAfter429And503ForEveryOperation(t *testing.T) {
	for _, op := range operations() {
		t.Run(op.name, func(t *testing.T) {
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
				switch n {
				case 1:
					w.Header().Set("Retry-After", "2")
					writeError(w, http.StatusTooManyRequests, "req-429", "Too Many Requests")
				case 2:
					w.Header().Set("Retry-After", "5")
					writeError(w, http.StatusServiceUnavailable, "req-503", "Service Unavailable")
				default:
					return false
				}
				return true
			})
			c, rec := newClient(t, srv, nil)
			if err := op.run(context.Background(), c); err != nil {
				t.Fatalf("%s: %v", op.name, err)
			}
			if got, want := rec.all(), []time.Duration{2 * time.Second, 5 * time.Second}; !slices.Equal(got, want) {
				t.Errorf("waits = %v, want %v (the Retry-After values)", got, want)
			}
			if n := len(srv.requests()); n != 3 {
				t.Errorf("%d requests, want 3", n)
			}
			if c.Retries() != 2 {
				t.Errorf("Retries() = %d, want 2", c.Retries())
			}
			// A replayed body is the same body.
			reqs := srv.requests()
			if reqs[0].Body != reqs[2].Body {
				t.Errorf("retried body %q differs from the first %q", reqs[2].Body, reqs[0].Body)
			}
		})
	}
}

func TestRetriesGiveUpWithTheLastAnswer(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "req-x", "maintenance")
		return true
	})
	c, rec := newClient(t, srv, nil)
	_, err := c.ListPage(context.Background(), customer, client.Filter{}, 0, 1000)
	apiErr := asAPIError(t, err)
	if apiErr.Status != 503 || apiErr.Attempts != 4 || apiErr.RetryAfter != time.Second {
		t.Errorf("error = %+v, want 503 after 4 attempts with Retry-After 1s", apiErr)
	}
	want := "listing users of 44444: 503 Service Unavailable: maintenance (request id req-x, retry after 1s, after 4 attempts)"
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	if len(rec.all()) != 3 || len(srv.requests()) != 4 {
		t.Errorf("%d waits and %d requests, want 3 and 4", len(rec.all()), len(srv.requests()))
	}
	if !client.IsRetryable(err) {
		t.Error("IsRetryable(503) = false, want true")
	}
}

func TestBackoffWithoutRetryAfterIsJitteredAndGrows(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, http.StatusTooManyRequests, "req-x", "slow down")
		return true
	})
	c, rec := newClient(t, srv, func(o *client.Options) { o.Retries = 5 })
	_, _ = c.Count(context.Background(), customer, client.Filter{})
	waits := rec.all()
	if len(waits) != 5 {
		t.Fatalf("%d waits, want 5", len(waits))
	}
	limit := 200 * time.Millisecond
	for i, d := range waits {
		if d < 0 || d > limit {
			t.Errorf("wait %d = %v, want within [0, %v]", i+1, d, limit)
		}
		limit = min(2*limit, 10*time.Second)
	}
}

func TestRetryAfterBeyondAMinuteIsReportedNotWaited(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "3600")
		writeError(w, http.StatusServiceUnavailable, "req-x", "maintenance")
		return true
	})
	c, rec := newClient(t, srv, nil)
	_, err := c.Count(context.Background(), customer, client.Filter{})
	if apiErr := asAPIError(t, err); apiErr.RetryAfter != time.Hour {
		t.Errorf("RetryAfter = %v, want 1h", apiErr.RetryAfter)
	}
	if len(rec.all()) != 0 || len(srv.requests()) != 1 {
		t.Errorf("%d waits, %d requests; want no wait and one request", len(rec.all()), len(srv.requests()))
	}
}

// A gateway's 502/504 may hide an applied request; operations that repeat harmlessly are
// retried anyway (a bulk delete is not: see TestAPIErrorFromForeignBody).
func TestGatewayErrorsRetriedForRepeatableOperations(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 1:
			w.WriteHeader(http.StatusBadGateway)
		case 2:
			w.WriteHeader(http.StatusGatewayTimeout)
		default:
			return false
		}
		return true
	})
	c, rec := newClient(t, srv, nil)
	if _, err := c.SetUserFlag(context.Background(), customer, "jane@example.com", "failover", true); err != nil {
		t.Fatal(err)
	}
	if len(srv.requests()) != 3 || len(rec.all()) != 2 {
		t.Errorf("%d requests, %d waits; want 3 and 2", len(srv.requests()), len(rec.all()))
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 413, 500} {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
			writeError(w, status, "req-x", "no")
			return true
		})
		c, _ := newClient(t, srv, nil)
		_, err := c.GetUser(context.Background(), customer, "jane@example.com")
		if asAPIError(t, err).Status != status || len(srv.requests()) != 1 {
			t.Errorf("status %d: error %v after %d requests, want it after 1", status, err, len(srv.requests()))
		}
	}
}

// Without an answer nobody knows whether the server applied the request. Operations that
// repeat harmlessly are retried; the others fail at once and say so.
func TestNetworkErrorRetriedOnlyWhereRepeatingIsHarmless(t *testing.T) {
	for _, op := range operations() {
		t.Run(op.name, func(t *testing.T) {
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
				if n == 1 {
					hangUp(w)
					return true
				}
				return false
			})
			c, _ := newClient(t, srv, nil)
			err := op.run(context.Background(), c)
			n := len(srv.requests())
			if op.repeatable {
				if err != nil || n != 2 || c.Retries() != 1 {
					t.Errorf("err = %v after %d requests, %d retries; want success after 2 requests", err, n, c.Retries())
				}
				return
			}
			var netErr *client.NetworkError
			if !errors.As(err, &netErr) {
				t.Fatalf("err = %v, want a *client.NetworkError", err)
			}
			if n != 1 || !netErr.MaybeApplied || netErr.Attempts != 1 {
				t.Errorf("%d requests, error %+v; want 1 request and MaybeApplied", n, netErr)
			}
			if !strings.Contains(err.Error(), "may have applied the request") {
				t.Errorf("error %q does not warn that the request may have been applied", err)
			}
			if client.IsRetryable(err) {
				t.Error("IsRetryable = true for a request that may have been applied, want false")
			}
		})
	}
}

// A connection that could not be opened carried no request, so even a bulk create is
// retried; the error after the last attempt is a *NetworkError that does not claim the
// request may have been applied.
func TestConnectionRefusedIsRetriedEvenForBulkCreate(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	rec := &sleeps{}
	c, err := client.New(client.Options{Endpoint: "http://" + addr, Retries: 2, Sleep: rec.sleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateUsers(context.Background(), customer, nil, false)
	var netErr *client.NetworkError
	if !errors.As(err, &netErr) {
		t.Fatalf("err = %v, want a *client.NetworkError", err)
	}
	if netErr.Attempts != 3 || netErr.MaybeApplied || len(rec.all()) != 2 {
		t.Errorf("error %+v after %d waits; want 3 attempts, 2 waits, not MaybeApplied", netErr, len(rec.all()))
	}
	if !strings.HasPrefix(err.Error(), "creating 0 users for 44444: ") {
		t.Errorf("error %q does not say what was being done", err)
	}
	if !client.IsRetryable(err) {
		t.Error("IsRetryable = false for a request that never left, want true")
	}
}

// The timeout bounds each attempt, not the retry loop: after a first attempt that used all
// of it, the second still gets its full budget.
func TestTimeoutAppliesPerAttempt(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			select { // hold the first request until the client gives up on it
			case <-r.Context().Done():
			case <-release:
			case <-time.After(5 * time.Second): // a client that never gives up fails, not hangs
			}
			return true
		}
		return false
	})
	c, _ := newClient(t, srv, func(o *client.Options) { o.Timeout = 200 * time.Millisecond })
	page, err := c.ListPage(context.Background(), customer, client.Filter{}, 0, 10)
	if err != nil {
		t.Fatalf("ListPage: %v, want success on the second attempt", err)
	}
	if len(page.Users) != 1 || len(srv.requests()) != 2 || c.Retries() != 1 {
		t.Errorf("%d users after %d requests and %d retries; want 1 user, 2 requests, 1 retry", len(page.Users), len(srv.requests()), c.Retries())
	}
}

func TestTimeoutOfAnOperationThatIsNotRepeated(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-release:
		case <-time.After(5 * time.Second):
		}
		return true
	})
	c, _ := newClient(t, srv, func(o *client.Options) { o.Timeout = 100 * time.Millisecond })
	_, err := c.CreateToken(context.Background(), customer, "jane@example.com", false)
	var netErr *client.NetworkError
	if !errors.As(err, &netErr) || !netErr.MaybeApplied {
		t.Fatalf("err = %v, want a *client.NetworkError with MaybeApplied", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want it to wrap context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "creating a token for user jane@example.com of 44444: no answer within 100ms") {
		t.Errorf("error = %q", err)
	}
	if len(srv.requests()) != 1 {
		t.Errorf("%d requests, want 1", len(srv.requests()))
	}
}

// Ctrl-C during the wait between attempts ends the call with the context's error.
func TestCancelDuringBackoffStopsRetries(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "req-x", "busy")
		return true
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ := newClient(t, srv, func(o *client.Options) {
		o.Sleep = func(ctx context.Context, _ time.Duration) error {
			cancel() // the user presses Ctrl-C while the client waits
			<-ctx.Done()
			return ctx.Err()
		}
	})
	_, err := c.SetCustomerFlag(ctx, customer, "failover", true, []string{"emea"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if !strings.HasPrefix(err.Error(), "setting failover for users of 44444 in group emea: ") {
		t.Errorf("error %q does not say what was being done", err)
	}
	if len(srv.requests()) != 1 || c.Retries() != 0 {
		t.Errorf("%d requests, %d retries; want 1 and 0", len(srv.requests()), c.Retries())
	}
}

// Ctrl-C while a request is in flight ends it at once, without retrying.
func TestCancelDuringRequestStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		cancel()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return true
	})
	c, rec := newClient(t, srv, nil)
	_, err := c.GetUser(ctx, customer, "jane@example.com")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var netErr *client.NetworkError
	if errors.As(err, &netErr) {
		t.Errorf("err = %v: a cancellation is not a network error", err)
	}
	if len(srv.requests()) != 1 || len(rec.all()) != 0 {
		t.Errorf("%d requests, %d waits; want 1 and none", len(srv.requests()), len(rec.all()))
	}
}

func TestNoRetriesWhenRetriesIsZero(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, http.StatusServiceUnavailable, "req-x", "busy")
		return true
	})
	c, rec := newClient(t, srv, func(o *client.Options) { o.Retries = 0 })
	_, err := c.Count(context.Background(), customer, client.Filter{})
	if asAPIError(t, err).Attempts != 1 || len(srv.requests()) != 1 || len(rec.all()) != 0 {
		t.Errorf("err = %v after %d requests; want one attempt", err, len(srv.requests()))
	}
}
