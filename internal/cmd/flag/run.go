package flagcmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	if opts.User != "" {
		return runUser(ctx, f, c, format, opts)
	}
	return runScope(ctx, f, c, format, opts)
}

// runScope changes the flag for all users of the customer or the members of the groups.
func runScope(ctx context.Context, f *cmdutil.Factory, c *client.Client, format output.Format, opts *Options) error {
	inScope, err := c.Count(ctx, opts.Customer, client.Filter{Groups: opts.Groups})
	if err != nil {
		return err
	}
	// The users that will switch are those whose flag has the opposite value now.
	toChange, err := c.Count(ctx, opts.Customer, flagFilter(opts.Groups, opts.Flag, !opts.On))
	if err != nil {
		return err
	}
	// The two counts are two requests: if users changed in between, do not show a
	// negative number.
	toChange = min(toChange, inScope)

	if opts.DryRun {
		p, err := newPlan(f, opts, inScope, toChange)
		if err != nil {
			return err
		}
		return p.print(f.IOStreams.Out, format)
	}
	if inScope == 0 {
		// A change for nobody is almost always a mistyped group: like `failover on`, send
		// nothing and fail, rather than print a success that changed nothing.
		return noUsersInScope(opts)
	}
	if toChange > 0 {
		if err := f.Confirm(question(opts, inScope, toChange), false); err != nil {
			return err
		}
	}
	res, err := c.SetCustomerFlag(ctx, opts.Customer, opts.Flag, opts.On, opts.Groups)
	entry := journalEntry(opts, err)
	entry.Scope.All = len(opts.Groups) == 0
	entry.Scope.Groups = opts.Groups
	entry.Counts = map[string]int64{"inScope": inScope, "toChange": toChange}
	if err == nil {
		entry.Counts["affectedUsers"] = int64(res.AffectedUsers)
		entry.RequestIDs = []string{res.Id}
	}
	f.Record(entry)
	if err != nil {
		return err
	}
	r := newScopeResult(res, toChange)
	return printResult(f, format, r, r.line(opts), []string{"affectedUsers", "changed", "id", "timestamp"},
		[]string{fmt.Sprint(r.AffectedUsers), fmt.Sprint(r.Changed), r.Id, r.Timestamp})
}

// noUsersInScope is the error for a customer-wide or group-wide change that would reach
// nobody: exit 5, the same rule and code as `ecctl failover on|off`.
func noUsersInScope(opts *Options) error {
	msg := describeScope(opts, 0) + "; nothing sent"
	if len(opts.Groups) > 0 {
		msg += fmt.Sprintf(" (`ecctl status %s --by-group` lists the failover groups)", opts.Customer)
	}
	return cmdutil.WithCode(cmdutil.ExitNotFound, errors.New(msg))
}

// runUser changes the flag of one user.
func runUser(ctx context.Context, f *cmdutil.Factory, c *client.Client, format output.Format, opts *Options) error {
	if opts.DryRun {
		u, err := c.GetUser(ctx, opts.Customer, opts.User)
		if err != nil {
			return err
		}
		var toChange int64
		if flagValue(u.Status, opts.Flag) != opts.On {
			toChange = 1
		}
		p, err := newPlan(f, opts, 1, toChange)
		if err != nil {
			return err
		}
		return p.print(f.IOStreams.Out, format)
	}
	ack, err := c.SetUserFlag(ctx, opts.Customer, opts.User, opts.Flag, opts.On)
	entry := journalEntry(opts, err)
	entry.Scope.Users = []string{opts.User}
	if err == nil {
		entry.Counts = map[string]int64{"inScope": 1, "affectedUsers": 1}
		entry.RequestIDs = []string{ack.Id}
	}
	f.Record(entry)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("%s %s for %s of %s", opts.Flag, verb(opts.On), opts.User, opts.Customer)
	return printResult(f, format, ack, line, []string{"user", "flag", "value", "id", "timestamp"},
		[]string{opts.User, string(opts.Flag), fmt.Sprint(opts.On), ack.Id, ack.Timestamp})
}

// journalEntry starts the journal entry of a change that was sent; err is its outcome.
func journalEntry(opts *Options, err error) journal.Entry {
	on := opts.On
	e := journal.Entry{
		Customer: opts.Customer,
		Command:  "flag " + verb(opts.On),
		Scope:    journal.Scope{Flag: string(opts.Flag), Value: &on},
		Outcome:  "ok",
	}
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		e.Outcome, e.Error = "interrupted", err.Error()
	default:
		e.Outcome, e.Error = "failed", err.Error()
	}
	return e
}

// flagFilter selects the members of groups (all users when none) whose flag has value.
func flagFilter(groups []string, flag gen.Flag, value bool) client.Filter {
	filter := client.Filter{Groups: groups}
	if flag == gen.Access {
		filter.Access = &value
	} else {
		filter.Failover = &value
	}
	return filter
}

func flagValue(s gen.UserStatus, flag gen.Flag) bool {
	if flag == gen.Access {
		return s.Access
	}
	return s.Failover
}
