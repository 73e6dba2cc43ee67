// Package delete implements `ecctl users delete`.
package delete

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/internal/validate"
)

// Options are the parsed flags and arguments.
type Options struct {
	Customer string
	// Users are the addresses given as arguments (normalised); empty with File.
	Users []string
	// File is -f: a path, or "-" for stdin.
	File   string
	DryRun bool
	Bulk   change.BulkFlags
}

// previewed is how many addresses the prompt shows before asking.
const previewed = 5

// NewCmd returns `ecctl users delete`. runF, when not nil, replaces run (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "delete [CUSTOMER] {USER... | -f FILE}",
		Short: "Delete users and their mailboxes",
		Long: `Delete Continuity users of a customer, given as arguments or with -f FILE.

Deleting a user removes the mailbox and cannot be undone. On a terminal ecctl shows how many
users and the first few addresses and asks before sending anything; when it cannot ask (a
script, a pipe, --no-input) it refuses without --yes (exit 3, nothing sent).

One USER is deleted with DELETE /CUSTOMER/USER. Several, or a file, are deleted in requests
of --chunk-size users (at most 1000), --concurrency at a time; the API deletes the users of
a request all or none, and an unknown user fails the request (404). The file may be a list
of addresses (one per line), a CSV with a user column (such as 'ecctl users list -o csv'),
a JSON array of addresses or objects with "user", or JSON Lines; -f - reads stdin.

The report and the exit codes are those of 'ecctl users create': 0 all deleted, 6 partial,
the first failure's code when nothing was deleted (5 for an unknown user), 130 interrupted.`,
		Example: `  $ ecctl users delete 44444 jane.doe@example.com
  $ ecctl users delete 44444 -f leavers.txt --dry-run
  $ ecctl users delete 44444 -f leavers.txt --yes
  $ ecctl users list 44444 --group interns -o csv | ecctl users delete 44444 -f - --yes`,
		Args:              cmdutil.ExactUsage(cobra.ArbitraryArgs),
		ValidArgsFunction: change.NoArgCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.parse(f, cmd, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	change.AddFileFlag(cmd, &opts.File, "read the users from `FILE` (addresses, CSV, JSON array or JSON Lines; - for stdin)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would be sent and send nothing")
	change.AddBulkFlags(cmd, &opts.Bulk)
	return cmd
}

// parse checks the arguments and flag combinations.
func (opts *Options) parse(f *cmdutil.Factory, cmd *cobra.Command, args []string) error {
	takesCustomer := cmdutil.CustomerFirst
	if opts.File != "" {
		takesCustomer = cmdutil.OnlyCustomer
	}
	customer, rest, err := f.CustomerArg(cmd, args, takesCustomer)
	if err != nil {
		return err
	}
	opts.Customer = customer
	if opts.File != "" {
		if len(rest) > 0 {
			return cmdutil.UsageErrorf("give either USER... or -f FILE, not both")
		}
		return opts.Bulk.Check()
	}
	if len(rest) == 0 {
		return cmdutil.UsageErrorf("give the users to delete, or -f FILE\nUsage: %s", cmd.UseLine())
	}
	seen := make(map[string]string, len(rest))
	for _, arg := range rest {
		user, err := validate.NormalizeUser(arg)
		if err != nil {
			return cmdutil.UsageError(err)
		}
		key := strings.ToLower(user)
		if first, ok := seen[key]; ok {
			return cmdutil.UsageErrorf("user %s is named twice (also as %s)", arg, first)
		}
		seen[key] = arg
		opts.Users = append(opts.Users, user)
	}
	return opts.Bulk.Check()
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	users := opts.Users
	batch := bulk.Deletes(users)
	if opts.File != "" {
		records, err := change.ReadFile(f, opts.File, userfile.ModeDelete)
		if err != nil {
			return err
		}
		users = change.Addresses(records)
		batch = bulk.Deletes(users)
	} else if len(users) == 1 {
		batch = bulk.DeleteOne(users[0])
	}
	job := change.Job{
		Command:  "users delete",
		Customer: opts.Customer,
		Batches:  []bulk.Batch{batch},
		Bulk:     opts.Bulk,
		Format:   format,
	}
	if opts.DryRun {
		return change.DryRun(f, job)
	}
	if err := confirm(f, opts.Customer, users); err != nil {
		return err
	}
	return change.Execute(ctx, f, job)
}

// confirm asks before deleting, showing how many users and the first few. Without a
// terminal it refuses unless --yes was given.
func confirm(f *cmdutil.Factory, customer string, users []string) error {
	what := fmt.Sprintf("%d %s of %s", len(users), plural(len(users), "user", "users"), customer)
	if len(users) == 1 {
		what = fmt.Sprintf("user %s of %s", output.Sanitize(users[0]), customer)
	}
	if f.Global.Yes {
		return nil
	}
	if !f.CanPrompt() {
		return cmdutil.NotConfirmed("refusing to delete %s without --yes when not running interactively", what)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "About to delete %s. This removes %s and cannot be undone.\n",
		what, plural(len(users), "the mailbox", "their mailboxes"))
	if len(users) > 1 {
		for i, u := range users {
			if i == previewed {
				fmt.Fprintf(&b, "  ... and %d more\n", len(users)-previewed)
				break
			}
			fmt.Fprintf(&b, "  %s\n", output.Sanitize(u))
		}
	}
	fmt.Fprint(f.IOStreams.ErrOut, b.String())
	return f.Confirm("Delete "+what+"?", true)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
