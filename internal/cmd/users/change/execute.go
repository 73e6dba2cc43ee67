package change

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// Job is the work of one change command.
type Job struct {
	// Command names the command in the audit journal, e.g. "users create".
	Command  string
	Customer string
	Batches  []bulk.Batch
	Bulk     BulkFlags // zero for single-user commands: the bulk defaults
	Format   output.Format
	// Label describes the work on the progress bar; empty means it is derived from the
	// first batch ("creating users").
	Label string
}

// Execute sends the job's batches, prints the report, records the run in the audit journal
// and returns the error that gives the exit code (see the package documentation).
func Execute(ctx context.Context, f *cmdutil.Factory, job Job) error {
	c, err := f.Client(ctx)
	if err != nil {
		return err
	}
	opts := job.Bulk.Options()
	chunks, err := bulk.Plan(opts, job.Batches...)
	if err != nil {
		return cmdutil.UsageError(err)
	}
	if len(chunks) > 1 {
		// One request needs no bar: it is over before the bar would be drawn.
		opts.Progress = f.IOStreams.NewProgress(int64(requested(job.Batches)), job.label())
	}
	opts.Notes = f.IOStreams.ErrOut
	r, err := bulk.Run(ctx, c, job.Customer, opts, job.Batches...)
	if err != nil {
		return err
	}
	printErr := PrintReport(f, job.Format, r)
	f.Record(journalEntry(job, r))
	if err := OutcomeError(ctx, r); err != nil {
		return err
	}
	return printErr
}

func requested(batches []bulk.Batch) int {
	n := 0
	for _, b := range batches {
		n += b.Len()
	}
	return n
}

func (job Job) label() string {
	if job.Label != "" {
		return job.Label
	}
	if len(job.Batches) == 0 {
		return ""
	}
	switch job.Batches[0].Kind() {
	case bulk.Create:
		return "creating users"
	case bulk.Update:
		return "updating users"
	}
	return "deleting users"
}

// PrintReport prints the report: as text on stderr for the table format, else on stdout in
// the format (the bulk.Summary object, or one CSV row per user).
func PrintReport(f *cmdutil.Factory, format output.Format, r *bulk.Report) error {
	switch format {
	case output.Table:
		return r.WriteText(f.IOStreams.ErrOut)
	case output.CSV:
		return output.Print(f.IOStreams.Out, format, nil, func() ([]string, [][]string) { return resultRows(r) })
	}
	return output.Print(f.IOStreams.Out, format, r.Summary(), nil)
}

// resultRows is the CSV report: one row per user.
func resultRows(r *bulk.Report) ([]string, [][]string) {
	headers := []string{"user", "operation", "result", "status", "message", "id"}
	results := r.Results()
	rows := make([][]string, len(results))
	for i, res := range results {
		status := ""
		if res.Failure.Status > 0 {
			status = strconv.Itoa(res.Failure.Status)
		}
		rows[i] = []string{res.User, res.Operation.String(), res.State.String(), status, res.Failure.Message, res.Failure.ID}
	}
	return headers, rows
}

// journalEntry is the audit record of a run.
func journalEntry(job Job, r *bulk.Report) journal.Entry {
	users := make([]string, 0, requested(job.Batches))
	for _, b := range job.Batches {
		users = append(users, b.Users()...)
	}
	return WithOutcome(journal.Entry{
		Customer: job.Customer,
		Command:  job.Command,
		Scope:    journal.UsersScope(users),
		Counts:   r.Counts(),
	}, r)
}

// WithOutcome completes the journal entry of a run with what the report r says became of it:
// the request ids, the outcome and the first error ("interrupted" when Ctrl-C was the end).
func WithOutcome(e journal.Entry, r *bulk.Report) journal.Entry {
	e.RequestIDs = r.RequestIDs()
	e.Outcome = string(r.Outcome())
	if err := r.FirstError(); err != nil {
		e.Error = err.Error()
	} else if r.Interrupted {
		e.Error = "interrupted"
	}
	return e
}

// OutcomeError turns the outcome of a run into the command's error (see the package
// documentation for the exit codes). Call it after the report was printed: a partial failure
// comes back Silent.
func OutcomeError(ctx context.Context, r *bulk.Report) error {
	c := r.Counts()
	switch r.Outcome() {
	case bulk.OutcomeOK:
		return nil
	case bulk.OutcomeInterrupted:
		var notes []string
		if c["failed"] > 0 {
			notes = append(notes, fmt.Sprintf("%d failed", c["failed"]))
		}
		notes = append(notes, fmt.Sprintf("%d not sent", c["notSent"]))
		return fmt.Errorf("interrupted: %d of %d users applied, %s: %w",
			c["applied"], c["requested"], strings.Join(notes, ", "), context.Cause(ctx))
	case bulk.OutcomePartial:
		return &cmdutil.ExitError{
			Code:   cmdutil.ExitPartial,
			Err:    fmt.Errorf("partial failure: %d of %d users applied, %d failed, %d not sent", c["applied"], c["requested"], c["failed"], c["notSent"]),
			Silent: true,
		}
	}
	first := r.FirstError()
	if n := r.FailedRequests(); n > 1 {
		return fmt.Errorf("all %d requests failed, nothing was applied; the first: %w", n, first)
	}
	return first
}
