package sync

import (
	"context"
	"errors"
	"fmt"
	gosync "sync" // this package is called sync too

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/syncplan"
	"github.com/ecctl/ecctl/internal/userfile"
)

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	records, err := change.ReadFile(f, opts.File, userfile.ModeSync)
	if err != nil {
		return err
	}
	// Refused before anything is read from the service: a script without --yes learns it on
	// its first run, not on the night that something is to be deleted.
	if opts.Prune && !opts.DryRun && !f.Global.Yes && !f.CanPrompt() {
		return cmdutil.NotConfirmed("--prune deletes users: refusing without --yes when not running interactively")
	}
	c, err := f.Client(ctx)
	if err != nil {
		return err
	}
	current, err := fetchCurrent(ctx, f, c, opts)
	if err != nil {
		return err
	}
	plan, err := syncplan.Compute(records, current, opts.Prune)
	if err != nil {
		return cmdutil.UsageError(fmt.Errorf("%s: %w", opts.File, err))
	}
	guardErr := checkDeletes(opts, plan, len(current))
	current = nil // the plan holds what it needs; the users can go before the apply

	p := &printer{f: f, format: format, customer: opts.Customer, plan: plan}
	if opts.DryRun {
		if err := p.printPlan(); err != nil {
			return err
		}
		if guardErr != nil {
			return guardErr
		}
		return changesExit(opts, plan)
	}
	if err := p.printPlanBeforeApply(); err != nil {
		return err
	}
	if guardErr != nil {
		return errors.Join(p.printDocument(nil), guardErr)
	}
	if plan.Empty() {
		return p.printDocument(&bulk.Report{Customer: opts.Customer})
	}
	if err := f.Confirm(question(opts.Customer, plan), len(plan.Delete) > 0); err != nil {
		return errors.Join(p.printDocument(nil), err)
	}

	r, err := apply(ctx, f, c, opts, plan)
	if err != nil {
		return err
	}
	// The report's retries cover the whole run: reading the current users too, not only
	// the changes (the client is this run's own).
	r.Retries = c.Retries()
	printErr := errors.Join(r.WriteText(f.IOStreams.ErrOut), p.printDocument(r))
	f.Record(journalEntry(opts, plan, r))
	if err := change.OutcomeError(ctx, r); err != nil {
		return err
	}
	if printErr != nil {
		return printErr
	}
	return changesExit(opts, plan)
}

// fetchCurrent reads every user of the customer, with a progress bar when that takes more
// than one page.
func fetchCurrent(ctx context.Context, f *cmdutil.Factory, c *client.Client, opts *Options) ([]gen.User, error) {
	var (
		once gosync.Once // the bar is made when the first page has told the total
		bar  iostreams.Progress
	)
	users, err := syncplan.FetchAll(ctx, c, opts.Customer, syncplan.FetchOptions{
		Parallel: opts.Bulk.Concurrency,
		Progress: func(n, total int) {
			once.Do(func() {
				if total > syncplan.DefaultPageSize {
					bar = f.IOStreams.NewProgress(int64(total), "reading users of "+opts.Customer)
				}
			})
			if bar != nil {
				bar.Add(n)
			}
		},
	})
	if bar != nil {
		bar.Finish()
	}
	return users, err
}

// checkDeletes is the --max-delete guard.
func checkDeletes(opts *Options, plan *syncplan.Plan, currentUsers int) error {
	if !opts.Prune {
		return nil
	}
	limit, why := opts.MaxDelete, fmt.Sprintf("--max-delete %d", opts.MaxDelete)
	if limit < 0 {
		limit = max(1, currentUsers/10)
		why = fmt.Sprintf("the default limit of %d (10%% of the %d current users; raise it with --max-delete N)", limit, currentUsers)
	}
	if len(plan.Delete) <= limit {
		return nil
	}
	return cmdutil.NotConfirmed("refusing to sync %s: --prune would delete %d users, more than %s; nothing was sent. "+
		"Check that the file is complete", opts.Customer, len(plan.Delete), why)
}

// question is the prompt before applying, with the counts.
func question(customer string, plan *syncplan.Plan) string {
	return fmt.Sprintf("Sync %s: create %d, update %d and delete %d users?", customer, len(plan.Create), len(plan.Update), len(plan.Delete))
}

// apply sends the plan through the bulk engine: creates, then updates, then deletes.
func apply(ctx context.Context, f *cmdutil.Factory, c *client.Client, opts *Options, plan *syncplan.Plan) (*bulk.Report, error) {
	batches := []bulk.Batch{
		bulk.Creates(plan.CreateUsers(), opts.MailNotification),
		bulk.Updates(plan.UpdateUsers()),
		bulk.Deletes(plan.Delete),
	}
	bo := opts.Bulk.Options()
	bo.Notes = f.IOStreams.ErrOut
	chunks, err := bulk.Plan(bo, batches...)
	if err != nil {
		return nil, cmdutil.UsageError(err)
	}
	if len(chunks) > 1 {
		bo.Progress = f.IOStreams.NewProgress(int64(plan.Changes()), "syncing users of "+opts.Customer)
	}
	return bulk.Run(ctx, c, opts.Customer, bo, batches...)
}

// changesExit is the end of a successful run: exit 7 with --detailed-exitcode when the plan
// had changes. It is not an error, so nothing is printed for it.
func changesExit(opts *Options, plan *syncplan.Plan) error {
	if !opts.DetailedExitCode || plan.Empty() {
		return nil
	}
	return &cmdutil.ExitError{Code: cmdutil.ExitChanges, Err: fmt.Errorf("the plan has %d changes", plan.Changes()), Silent: true}
}
