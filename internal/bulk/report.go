package bulk

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/ecctl/ecctl/internal/client"
)

// Report says what became of every user of a Run.
type Report struct {
	Customer string
	// Chunks are all chunks of the run in order, sent or not.
	Chunks []Chunk
	// Retries is the number of retries the client made during the run.
	Retries int64
	// Interrupted is set when ctx was cancelled during the run.
	Interrupted bool
	// Stopped is the failure that ended the run early (401/403, server unreachable), if any.
	Stopped error
}

// Outcome sums up a run, in the words of the audit journal.
type Outcome string

// The outcomes of a run.
const (
	OutcomeOK          Outcome = "ok"          // every user applied
	OutcomePartial     Outcome = "partial"     // some applied, some not
	OutcomeFailed      Outcome = "failed"      // none applied, and some were requested
	OutcomeInterrupted Outcome = "interrupted" // ctx was cancelled during the run
)

// Failure is a user whose change failed, with the reason of its request.
type Failure struct {
	User string `json:"user"`
	// Status is the HTTP status of the API's answer; 0 (left out of JSON) when none came.
	Status int `json:"status,omitempty"`
	// Message is the API's message, or what went wrong when no answer came.
	Message string `json:"message"`
	// ID is the request id of the API's answer.
	ID string `json:"id,omitempty"`
	// MaybeApplied is set when the request may have been applied although it failed.
	MaybeApplied bool `json:"maybeApplied,omitempty"`
}

// Summary is the machine-readable report; see the package documentation.
type Summary struct {
	Count   int       `json:"count"`
	Users   []string  `json:"users"`
	IDs     []string  `json:"ids,omitempty"`
	Failed  []Failure `json:"failed,omitempty"`
	NotSent []string  `json:"notSent,omitempty"`
}

// Result is the outcome for one user, for per-user listings (CSV).
type Result struct {
	User      string
	Operation Kind
	State     State
	Failure   Failure // State Failed
}

// Requested is the number of users in the run.
func (r *Report) Requested() int {
	n := 0
	for _, ch := range r.Chunks {
		n += len(ch.Users)
	}
	return n
}

// Applied lists the users the API reported as applied, in chunk order.
func (r *Report) Applied() []string {
	users := []string{}
	for _, ch := range r.Chunks {
		if ch.State == Applied {
			users = append(users, ch.Applied...)
		}
	}
	return users
}

// Failures lists every user of a failed chunk with the chunk's reason.
func (r *Report) Failures() []Failure {
	var out []Failure
	for _, ch := range r.Chunks {
		if ch.State != Failed {
			continue
		}
		f := ch.failure()
		for _, u := range ch.Users {
			f.User = u
			out = append(out, f)
		}
	}
	return out
}

// NotSent lists the users of the chunks that were not sent.
func (r *Report) NotSent() []string {
	var users []string
	for _, ch := range r.Chunks {
		if ch.State == NotSent {
			users = append(users, ch.Users...)
		}
	}
	return users
}

// RequestIDs are the ids of the requests that were applied, for the audit journal.
func (r *Report) RequestIDs() []string {
	var ids []string
	for _, ch := range r.Chunks {
		if ch.State == Applied && ch.RequestID != "" {
			ids = append(ids, ch.RequestID)
		}
	}
	return ids
}

// Counts are the journal's numbers: requested, applied, failed and notSent users.
func (r *Report) Counts() map[string]int64 {
	c := map[string]int64{"requested": 0, "applied": 0, "failed": 0, "notSent": 0}
	for _, ch := range r.Chunks {
		c["requested"] += int64(len(ch.Users))
		switch ch.State {
		case Applied:
			c["applied"] += int64(len(ch.Applied))
		case Failed:
			c["failed"] += int64(len(ch.Users))
		case NotSent:
			c["notSent"] += int64(len(ch.Users))
		}
	}
	return c
}

// Outcome sums the run up: OutcomeInterrupted when ctx was cancelled, else OutcomeOK when
// every user was applied, OutcomeFailed when none was (and some were requested),
// OutcomePartial otherwise.
func (r *Report) Outcome() Outcome {
	c := r.Counts()
	switch {
	case r.Interrupted:
		return OutcomeInterrupted
	case c["failed"] == 0 && c["notSent"] == 0:
		return OutcomeOK
	case c["applied"] == 0:
		return OutcomeFailed
	}
	return OutcomePartial
}

// FirstError is the error of the first failed chunk in chunk order, or nil.
func (r *Report) FirstError() error {
	for _, ch := range r.Chunks {
		if ch.State == Failed {
			return ch.Err
		}
	}
	return nil
}

// FailedRequests is the number of chunks that failed.
func (r *Report) FailedRequests() int {
	n := 0
	for _, ch := range r.Chunks {
		if ch.State == Failed {
			n++
		}
	}
	return n
}

// Summary is the report as the JSON of -o json.
func (r *Report) Summary() Summary {
	applied := r.Applied()
	return Summary{
		Count:   len(applied),
		Users:   applied,
		IDs:     r.RequestIDs(),
		Failed:  r.Failures(),
		NotSent: r.NotSent(),
	}
}

// Results lists every user of the run with its outcome, in chunk order. Users the API
// reported as applied are listed as such; should an applied answer leave out a user that was
// sent, that user is not listed.
func (r *Report) Results() []Result {
	var out []Result
	for _, ch := range r.Chunks {
		switch ch.State {
		case Applied:
			for _, u := range ch.Applied {
				out = append(out, Result{User: u, Operation: ch.Kind, State: Applied})
			}
		case Failed:
			f := ch.failure()
			for _, u := range ch.Users {
				f.User = u
				out = append(out, Result{User: u, Operation: ch.Kind, State: Failed, Failure: f})
			}
		default:
			for _, u := range ch.Users {
				out = append(out, Result{User: u, Operation: ch.Kind, State: NotSent})
			}
		}
	}
	return out
}

// Kinds lists the kinds of change in the run, in the order Create, Update, Delete.
func (r *Report) Kinds() []Kind {
	var seen [Delete + 1]bool
	for _, ch := range r.Chunks {
		if ch.Kind >= Create && ch.Kind <= Delete {
			seen[ch.Kind] = true
		}
	}
	var kinds []Kind
	for k := Create; k <= Delete; k++ {
		if seen[k] {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// For is the part of the report about one kind of change (for sync's per-operation summary).
func (r *Report) For(k Kind) *Report {
	sub := &Report{Customer: r.Customer, Retries: r.Retries, Interrupted: r.Interrupted, Stopped: r.Stopped}
	for _, ch := range r.Chunks {
		if ch.Kind == k {
			sub.Chunks = append(sub.Chunks, ch)
		}
	}
	return sub
}

// maybeAppliedNote is what a user is told about a request that may have been applied.
const maybeAppliedNote = "it may have been applied: check with `ecctl users get`"

// failure is the reason of a failed chunk, without the user.
func (ch *Chunk) failure() Failure {
	f := Failure{ID: ch.RequestID, MaybeApplied: ch.MaybeApplied}
	var ae *client.APIError
	var ne *client.NetworkError
	switch {
	case errors.As(ch.Err, &ae):
		f.Status, f.Message = ae.Status, ae.Message
		if ae.Attempts > 1 {
			f.Message += " (after " + strconv.Itoa(ae.Attempts) + " attempts)"
		}
	case errors.As(ch.Err, &ne):
		f.Message = ne.Err.Error()
		if ne.Attempts > 1 {
			f.Message += " (after " + strconv.Itoa(ne.Attempts) + " attempts)"
		}
	case ch.Err != nil:
		f.Message = ch.Err.Error()
	default:
		f.Message = "failed"
	}
	if f.MaybeApplied {
		f.Message = fmt.Sprintf("%s; %s", f.Message, maybeAppliedNote)
	}
	return f
}
