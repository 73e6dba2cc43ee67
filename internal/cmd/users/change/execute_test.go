package change

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

var (
	conflict = &client.APIError{Op: "creating 2 users for 44444", Status: http.StatusConflict, Message: "user exists: c@x.example", ID: "id-2"}
	notFound = &client.APIError{Op: "deleting 1 user of 44444", Status: http.StatusNotFound, Message: "unknown user", ID: "id-3"}
)

func applied(seq int, users ...string) bulk.Chunk {
	return bulk.Chunk{Seq: seq, Kind: bulk.Create, Users: users, State: bulk.Applied, Applied: users, RequestID: "id-ok"}
}

func failed(seq int, err error, users ...string) bulk.Chunk {
	return bulk.Chunk{Seq: seq, Kind: bulk.Create, Users: users, State: bulk.Failed, Err: err}
}

func TestOutcomeError(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name   string
		ctx    context.Context
		report bulk.Report
		check  func(t *testing.T, err error)
	}{
		{"all applied", context.Background(), bulk.Report{Chunks: []bulk.Chunk{applied(1, "a@x.example")}},
			func(t *testing.T, err error) {
				if err != nil {
					t.Errorf("error %v, want nil", err)
				}
			}},
		{"partial", context.Background(), bulk.Report{Chunks: []bulk.Chunk{applied(1, "a@x.example"), failed(2, conflict, "b@x.example", "c@x.example")}},
			func(t *testing.T, err error) {
				var ee *cmdutil.ExitError
				if !errors.As(err, &ee) || ee.Code != cmdutil.ExitPartial || !ee.Silent {
					t.Errorf("error %#v, want a silent exit 6", err)
				}
			}},
		{"nothing applied, one request", context.Background(), bulk.Report{Chunks: []bulk.Chunk{failed(1, notFound, "a@x.example")}},
			func(t *testing.T, err error) {
				if err != notFound {
					t.Errorf("error %v, want the API's 404 as it is", err)
				}
			}},
		{"nothing applied, several requests", context.Background(), bulk.Report{Chunks: []bulk.Chunk{
			failed(1, conflict, "a@x.example"), failed(2, notFound, "b@x.example")}},
			func(t *testing.T, err error) {
				var ae *client.APIError
				if !errors.As(err, &ae) || ae != conflict {
					t.Errorf("error %v, want it to wrap the first failure", err)
				}
			}},
		{"interrupted", cancelled, bulk.Report{Interrupted: true, Chunks: []bulk.Chunk{
			applied(1, "a@x.example"), {Seq: 2, Kind: bulk.Create, Users: []string{"b@x.example"}}}},
			func(t *testing.T, err error) {
				if !errors.Is(err, context.Canceled) || err.Error() != "interrupted: 1 of 2 users applied, 1 not sent: context canceled" {
					t.Errorf("error %v", err)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, OutcomeError(tc.ctx, &tc.report)) })
	}
}

func TestJournalEntry(t *testing.T) {
	job := Job{Command: "users create", Customer: "44444", Batches: []bulk.Batch{bulk.Deletes([]string{"a@x.example", "b@x.example", "c@x.example"})}}
	r := &bulk.Report{Chunks: []bulk.Chunk{applied(1, "a@x.example"), failed(2, conflict, "b@x.example", "c@x.example")}}
	e := journalEntry(job, r)
	if e.Command != "users create" || e.Customer != "44444" || e.Outcome != "partial" {
		t.Errorf("entry %+v", e)
	}
	if !slices.Equal(e.Scope.Users, []string{"a@x.example", "b@x.example", "c@x.example"}) {
		t.Errorf("scope %+v", e.Scope)
	}
	want := map[string]int64{"requested": 3, "applied": 1, "failed": 2, "notSent": 0}
	for k, v := range want {
		if e.Counts[k] != v {
			t.Errorf("counts %v, want %v", e.Counts, want)
			break
		}
	}
	if !slices.Equal(e.RequestIDs, []string{"id-ok"}) || e.Error != conflict.Error() {
		t.Errorf("request ids %v, error %q", e.RequestIDs, e.Error)
	}
}
