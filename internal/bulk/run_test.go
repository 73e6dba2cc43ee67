package bulk_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/client"
)

func TestRunChunkBoundaries(t *testing.T) {
	for _, tc := range []struct {
		users int
		sizes []int
	}{
		{0, nil},
		{1, []int{1}},
		{999, []int{999}},
		{1000, []int{1000}},
		{1001, []int{1000, 1}},
		{2500, []int{1000, 1000, 500}},
	} {
		fake := &fakeAPI{t: t}
		c := newClient(t, fake, 0)
		addrs := addresses(tc.users)
		r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{Concurrency: 1}, bulk.Deletes(addrs))
		if err != nil {
			t.Fatal(err)
		}
		if got := fake.requestSizes(); !slices.Equal(got, tc.sizes) {
			t.Errorf("%d users: requests of %v users, want %v", tc.users, got, tc.sizes)
		}
		s := r.Summary()
		if s.Count != tc.users || !slices.Equal(s.Users, addrs) || len(s.Failed) != 0 || len(s.NotSent) != 0 {
			t.Errorf("%d users: summary count %d, %d users, %d failed, %d not sent", tc.users, s.Count, len(s.Users), len(s.Failed), len(s.NotSent))
		}
		if s.Users == nil {
			t.Errorf("%d users: summary users is nil, want [] in JSON", tc.users)
		}
		if r.Outcome() != bulk.OutcomeOK {
			t.Errorf("%d users: outcome %s, want ok", tc.users, r.Outcome())
		}
		if got := len(r.RequestIDs()); got != len(tc.sizes) {
			t.Errorf("%d users: %d request ids, want %d", tc.users, got, len(tc.sizes))
		}
	}
}

func TestPlanChunkSizes(t *testing.T) {
	creates := bulk.Creates(newUsers(addresses(5)...), false)
	chunks, err := bulk.Plan(bulk.Options{ChunkSize: 2}, creates, bulk.DeleteOne("x@bulk.example"))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, ch := range chunks {
		got = append(got, ch.Users)
		if ch.State != bulk.NotSent {
			t.Errorf("planned chunk %d is %s", ch.Seq, ch.State)
		}
	}
	a := addresses(5)
	want := [][]string{a[0:2], a[2:4], a[4:5], {"x@bulk.example"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("chunks %v, want %v", got, want)
	}
	method, path, body := chunks[1].Request("44444")
	if method != "PUT" || path != "/44444" || len(body.([]gen.UserCreate)) != 2 {
		t.Errorf("request of chunk 2: %s %s with %v", method, path, body)
	}
	method, path, body = chunks[3].Request("44444")
	if method != "DELETE" || path != "/44444/x@bulk.example" || body != nil {
		t.Errorf("request of chunk 4: %s %s with %v", method, path, body)
	}
	for _, n := range []int{-1, 1001} {
		if _, err := bulk.Plan(bulk.Options{ChunkSize: n}); err == nil {
			t.Errorf("chunk size %d accepted", n)
		}
	}
	if _, err := bulk.Plan(bulk.Options{Concurrency: bulk.MaxConcurrency + 1}); err == nil {
		t.Error("concurrency above the maximum accepted")
	}
}

func TestRunNeverExceedsConcurrency(t *testing.T) {
	const limit = 3
	reached := make(chan struct{})
	var once atomic.Bool
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		// Hold every request until the limit was reached once, so that the test sees the
		// engine fill its slots rather than luck into a low number.
		if fake.inFlight.Load() >= limit && once.CompareAndSwap(false, true) {
			close(reached)
		}
		select {
		case <-reached:
		case <-time.After(5 * time.Second):
		}
		return false
	}
	c := newClient(t, fake, 0)
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 1, Concurrency: limit},
		bulk.Creates(newUsers(addresses(20)...), false))
	if err != nil {
		t.Fatal(err)
	}
	if got := fake.maxInFlight.Load(); got != limit {
		t.Errorf("at most %d requests were in flight, want exactly %d", got, limit)
	}
	if r.Outcome() != bulk.OutcomeOK || len(r.Applied()) != 20 {
		t.Errorf("outcome %s with %d applied, want ok with 20", r.Outcome(), len(r.Applied()))
	}
}

func TestRunPartialFailureAgainstMock(t *testing.T) {
	c, existing := newMock(t)
	users := newUsers("new1@kestrel.example", "new2@kestrel.example", existing, "new3@kestrel.example", "new4@kestrel.example")
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 2}, bulk.Creates(users, false))
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome() != bulk.OutcomePartial {
		t.Fatalf("outcome %s, want partial", r.Outcome())
	}
	s := r.Summary()
	if want := []string{"new1@kestrel.example", "new2@kestrel.example", "new4@kestrel.example"}; !slices.Equal(s.Users, want) || s.Count != 3 {
		t.Errorf("applied %d %v, want %v", s.Count, s.Users, want)
	}
	if len(s.Failed) != 2 || s.Failed[0].User != existing || s.Failed[1].User != "new3@kestrel.example" {
		t.Fatalf("failed %+v, want the second chunk's two users", s.Failed)
	}
	for _, f := range s.Failed {
		if f.Status != http.StatusConflict || !strings.Contains(f.Message, "user exists: "+existing) || f.ID == "" || f.MaybeApplied {
			t.Errorf("failure %+v, want 409 naming %s with a request id", f, existing)
		}
	}
	if got := r.Counts(); got["requested"] != 5 || got["applied"] != 3 || got["failed"] != 2 || got["notSent"] != 0 {
		t.Errorf("counts %v", got)
	}
	var ae *client.APIError
	if !errors.As(r.FirstError(), &ae) || ae.Status != http.StatusConflict {
		t.Errorf("first error %v, want the 409", r.FirstError())
	}
	// The users of the failed chunk that did not exist were not created: all or nothing.
	if _, err := c.GetUser(context.Background(), "44444", "new3@kestrel.example"); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("new3 after the failed chunk: %v, want 404", err)
	}
	var text strings.Builder
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Created 3 of 5 users of 44444 in 3 requests: 2 failed.\n",
		"Failed: request 2 of 3 (create, 2 users): 409 Conflict: user exists: " + existing,
		"\n  " + existing + "\n  new3@kestrel.example\n",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, text.String())
		}
	}
}

func TestRunCancelledMidRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		if n == 2 {
			cancel() // Ctrl-C while the second request is in flight
		}
		return false
	}
	c := newClient(t, fake, 0)
	addrs := addresses(10)
	var notes strings.Builder
	r, err := bulk.Run(ctx, c, "44444", bulk.Options{ChunkSize: 2, Concurrency: 1, Notes: &notes}, bulk.Deletes(addrs))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Interrupted || r.Outcome() != bulk.OutcomeInterrupted {
		t.Errorf("interrupted %v, outcome %s", r.Interrupted, r.Outcome())
	}
	// The request in flight finished and counts as applied; nothing was sent after it.
	if got := r.Applied(); !slices.Equal(got, addrs[:4]) {
		t.Errorf("applied %v, want %v", got, addrs[:4])
	}
	if got := r.NotSent(); !slices.Equal(got, addrs[4:]) {
		t.Errorf("not sent %v, want %v", got, addrs[4:])
	}
	if got := fake.requests.Load(); got != 2 {
		t.Errorf("%d requests reached the server, want 2", got)
	}
	var text strings.Builder
	_ = r.WriteText(&text)
	if !strings.Contains(text.String(), "Deleted 4 of 10 users of 44444 in 5 requests: 6 not sent.") ||
		!strings.Contains(text.String(), "Not sent (interrupted): 6 users") {
		t.Errorf("report:\n%s", text.String())
	}
}

func TestRunGraceExpires(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		cancel()
		<-r.Context().Done() // never answers: the client gives up after the grace period
		return true
	}
	c := newClient(t, fake, 0)
	var notes strings.Builder
	r, err := bulk.Run(ctx, c, "44444", bulk.Options{ChunkSize: 1, Concurrency: 1, Grace: 20 * time.Millisecond, Notes: &notes},
		bulk.Deletes(addresses(3)))
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary()
	if len(s.Failed) != 1 || !s.Failed[0].MaybeApplied || !strings.Contains(s.Failed[0].Message, "may have been applied") {
		t.Errorf("failed %+v, want the request in flight as maybe applied", s.Failed)
	}
	if len(s.NotSent) != 2 || s.Count != 0 {
		t.Errorf("%d not sent, %d applied; want 2 and 0", len(s.NotSent), s.Count)
	}
	if !strings.Contains(notes.String(), "waiting up to 20ms for 1 request in flight") {
		t.Errorf("notes %q", notes.String())
	}
}

func TestRunCountsRetries(t *testing.T) {
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		if n%2 == 1 { // every chunk's first attempt is throttled
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "busy", "service unavailable")
			return true
		}
		return false
	}
	c := newClient(t, fake, 3)
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 2, Concurrency: 1}, bulk.Deletes(addresses(6)))
	if err != nil {
		t.Fatal(err)
	}
	if r.Retries != 3 || r.Outcome() != bulk.OutcomeOK {
		t.Errorf("retries %d, outcome %s; want 3 and ok", r.Retries, r.Outcome())
	}
	var text strings.Builder
	_ = r.WriteText(&text)
	if !strings.Contains(text.String(), "Retried 3 times") {
		t.Errorf("report:\n%s", text.String())
	}
}

func TestRunStopsOnAuthFailure(t *testing.T) {
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		writeError(w, http.StatusUnauthorized, "id-401", "missing or wrong credentials")
		return true
	}
	c := newClient(t, fake, 0)
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 1, Concurrency: 1}, bulk.Deletes(addresses(4)))
	if err != nil {
		t.Fatal(err)
	}
	if fake.requests.Load() != 1 || r.Stopped == nil || r.Outcome() != bulk.OutcomeFailed {
		t.Errorf("%d requests, stopped %v, outcome %s; want 1, the 401, failed", fake.requests.Load(), r.Stopped, r.Outcome())
	}
	if got := r.Counts(); got["failed"] != 1 || got["notSent"] != 3 {
		t.Errorf("counts %v", got)
	}
	var text strings.Builder
	_ = r.WriteText(&text)
	if !strings.Contains(text.String(), "Not sent (stopped after the failure above): 3 users") ||
		!strings.Contains(text.String(), "401 Unauthorized: missing or wrong credentials (request id id-401)") {
		t.Errorf("report:\n%s", text.String())
	}
}

func TestRunConnectionLostMayHaveApplied(t *testing.T) {
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		if n != 1 {
			return false
		}
		// The request arrived; the connection dies before an answer.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.(*net.TCPConn).SetLinger(0)
			_ = conn.Close()
		}
		return true
	}
	c := newClient(t, fake, 3)
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 2, Concurrency: 1}, bulk.Deletes(addresses(4)))
	if err != nil {
		t.Fatal(err)
	}
	// Not retried (a repeated bulk delete could hide that the first one worked), not a reason
	// to stop the run.
	if fake.requests.Load() != 2 || r.Outcome() != bulk.OutcomePartial || r.Stopped != nil {
		t.Fatalf("%d requests, outcome %s, stopped %v", fake.requests.Load(), r.Outcome(), r.Stopped)
	}
	f := r.Failures()
	if len(f) != 2 || !f[0].MaybeApplied || f[0].Status != 0 ||
		!strings.HasSuffix(f[0].Message, "it may have been applied: check with `ecctl users get`") {
		t.Errorf("failures %+v", f)
	}
}

func TestRunSingleUserEndpoints(t *testing.T) {
	c, existing := newMock(t)
	ctx := context.Background()
	phone := "+49 89 1234"
	r, err := bulk.Run(ctx, c, "44444", bulk.Options{},
		bulk.Patch(existing, gen.UserPatch{Phone: nullableValue(phone)}))
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome() != bulk.OutcomeOK || r.Summary().Users[0] != existing || r.RequestIDs()[0] == "" {
		t.Fatalf("patch: outcome %s, summary %+v", r.Outcome(), r.Summary())
	}
	u, err := c.GetUser(ctx, "44444", existing)
	if err != nil || u.Phone.MustGet() != phone {
		t.Errorf("after the patch: %+v, %v", u, err)
	}
	var text strings.Builder
	_ = r.WriteText(&text)
	if text.String() != "Updated user "+existing+" of 44444.\n" {
		t.Errorf("report %q", text.String())
	}

	r, err = bulk.Run(ctx, c, "44444", bulk.Options{}, bulk.DeleteOne("nobody@kestrel.example"))
	if err != nil {
		t.Fatal(err)
	}
	var ae *client.APIError
	if r.Outcome() != bulk.OutcomeFailed || !errors.As(r.FirstError(), &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("delete unknown: outcome %s, error %v", r.Outcome(), r.FirstError())
	}
}

func TestReportForKind(t *testing.T) {
	fake := &fakeAPI{t: t}
	c := newClient(t, fake, 0)
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 2},
		bulk.Creates(newUsers(addresses(3)...), false),
		bulk.Updates([]gen.UserUpdate{{User: "u@bulk.example"}}),
		bulk.Deletes([]string{"d1@bulk.example", "d2@bulk.example"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Kinds(); !slices.Equal(got, []bulk.Kind{bulk.Create, bulk.Update, bulk.Delete}) {
		t.Errorf("kinds %v", got)
	}
	if got := r.For(bulk.Delete).Summary().Users; !slices.Equal(got, []string{"d1@bulk.example", "d2@bulk.example"}) {
		t.Errorf("delete users %v", got)
	}
	var text strings.Builder
	_ = r.WriteText(&text)
	want := "Created 3 of 3 users of 44444 in 2 requests.\nUpdated user u@bulk.example of 44444.\nDeleted 2 of 2 users of 44444.\n"
	if text.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", text.String(), want)
	}
}

// countingProgress records what Run tells a progress bar.
type countingProgress struct {
	added    atomic.Int64
	finished atomic.Int64
}

func (p *countingProgress) Add(n int) { p.added.Add(int64(n)) }
func (p *countingProgress) Finish()   { p.finished.Add(1) }

func TestRunReportsProgressOfFailedChunksToo(t *testing.T) {
	fake := &fakeAPI{t: t}
	fake.answer = func(w http.ResponseWriter, r *http.Request, n int64, users []string) bool {
		if slices.Contains(users, "user00004@bulk.example") {
			writeError(w, http.StatusNotFound, "id-404", "unknown user: user00004@bulk.example; nothing was deleted")
			return true
		}
		return false
	}
	c := newClient(t, fake, 0)
	p := &countingProgress{}
	r, err := bulk.Run(context.Background(), c, "44444", bulk.Options{ChunkSize: 3, Progress: p}, bulk.Deletes(addresses(7)))
	if err != nil {
		t.Fatal(err)
	}
	if p.added.Load() != 7 || p.finished.Load() != 1 {
		t.Errorf("progress added %d and finished %d times, want 7 and 1", p.added.Load(), p.finished.Load())
	}
	if r.Outcome() != bulk.OutcomePartial || r.FailedRequests() != 1 {
		t.Errorf("outcome %s with %d failed requests", r.Outcome(), r.FailedRequests())
	}
}
