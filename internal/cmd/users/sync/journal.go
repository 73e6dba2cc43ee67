package sync

import (
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/syncplan"
)

// journalEntry is the audit record of an apply: the plan's counts and what became of them.
func journalEntry(opts *Options, plan *syncplan.Plan, r *bulk.Report) journal.Entry {
	users := make([]string, 0, plan.Changes())
	for _, c := range plan.Create {
		users = append(users, c.User.User)
	}
	for _, ch := range plan.Update {
		users = append(users, ch.User)
	}
	users = append(users, plan.Delete...)
	rc := r.Counts()
	return change.WithOutcome(journal.Entry{
		Customer: opts.Customer,
		Command:  "users sync",
		Scope:    journal.UsersScope(users),
		Counts: map[string]int64{
			"create":    int64(len(plan.Create)),
			"update":    int64(len(plan.Update)),
			"delete":    int64(len(plan.Delete)),
			"unchanged": int64(plan.Unchanged),
			"applied":   rc["applied"],
			"failed":    rc["failed"],
			"notSent":   rc["notSent"],
		},
	}, r)
}
