// Package sync implements `ecctl users sync`: make a customer's users match a file.
package sync

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// Options are the parsed flags and arguments of `users sync`.
type Options struct {
	Customer string
	// File is -f: a path, or "-" for stdin.
	File  string
	Prune bool
	// MaxDelete is --max-delete; -1 when not given (10% of the current users, at least 1).
	MaxDelete        int
	DryRun           bool
	DetailedExitCode bool
	MailNotification bool
	Bulk             change.BulkFlags
}

// NewCmd returns `ecctl users sync`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "sync [CUSTOMER] -f FILE [--prune [--max-delete N]] [--dry-run] [--detailed-exitcode]",
		Short: "Make a customer's users match a file: create, update and (with --prune) delete",
		Long: `Keep Continuity in step with a directory: compare the users of a customer with a file
(an export of Active Directory, Entra ID or Google Workspace in ecctl's columns, or an
'ecctl users list -o csv' export edited in a spreadsheet), print the plan, and apply it:
create the users the service lacks, update the users whose fields differ and, with --prune,
delete the users the file does not list. Running it again changes nothing (an empty plan).

FILE is CSV with a header row (',' or ';'), a JSON array or JSON Lines, with the columns of
'ecctl users list -o csv'; -f - reads stdin. Every record needs user, displayName,
givenName and surName. The whole file is checked first: if anything is wrong (including an
address listed twice, in any letter case), every problem is listed with its line and
nothing is sent (exit 2). All current users are then read (every page).

What is compared:
  - Users are matched by address ignoring letter case; an update goes to the address as
    the service spells it (sync cannot change the letter case of an address).
  - Only the fields that are columns (JSON keys) of the file are compared and sent; a field
    the file does not mention is left as it is. language and timezone are compared only
    when given: an empty cell leaves them unchanged.
  - An empty cell in department, costcenter, phone, mobile or failoverGroups (null in JSON)
    means "no value": it clears a value the service has.
  - failoverGroups are compared as a set: their order and repeated names do not matter.
  - The status columns activation, access and failover of an export are read-only and
    ignored: sync never changes them (use 'ecctl flag' for that).

The plan comes first, on stdout: with the table format a line of counts and one row per
created or deleted user and per changed field ("department: Sales → Marketing", "-" for no
value); with -o csv the rows action,user,field,from,to; with -o json (yaml mirrors it):
  {"create":[{user as sent}...],
   "update":[{"user":"…","changes":{"department":{"from":"Sales","to":null}}}],
   "delete":["address"...],"unchanged":N}
--dry-run stops after the plan and sends nothing. Without it, -o json, jsonl and yaml print
one document at the end instead of the plan alone:
  {"plan":{...as above...},"result":{"create":R,"update":R,"delete":R}}
where each R is {"count":N,"users":[...]} plus "ids", "failed" (user, status, message, id)
and "notSent" when there are any; "result" is null when nothing was sent (refused or
declined).

Deleting: only with --prune, and at most --max-delete users (default: 10% of the current
users, at least 1). A plan that would delete more is refused with exit 3 before anything is
sent, saying how many it would delete and the limit: a truncated export must not wipe out
mailboxes. --max-delete 0 allows no deletion. --prune needs --yes when nobody can be asked
(scripts, cron); on a terminal sync shows the counts and asks before changing anything.

Changes are sent in requests of --chunk-size users (at most 1000, the API's limit):
creates, then updates, then deletes, --concurrency requests at a time; a progress bar is
shown on a terminal. The API applies a request all or nothing. The report on stderr gives
the counts per operation and names every user whose request failed, with the reason;
running sync again sends exactly what is still different. Created users get no mail unless
--mail-notification is given.

Exit codes:
  0    done, or nothing to do
  2    invalid file or flags; nothing was sent
  3    refused by the --max-delete guard, --yes missing with --prune, or declined
  6    some requests failed and others were applied; the report names the failed users
  7    with --detailed-exitcode: the plan had changes (with --dry-run: there is something to
       do; without: everything was applied). An empty plan exits 0.
  1, 4, 5   as for every command (failure, credentials, not found); when no change could
       be applied, the code of the first failed request
  130  interrupted; the report says what was applied`,
		Example: `  # Preview, then apply (creates and updates only)
  $ ecctl users sync 44444 -f directory.csv --dry-run
  $ ecctl users sync 44444 -f directory.csv

  # Nightly job: also delete users that left, at most 50, no prompt
  $ ecctl users sync 44444 -f directory.csv --prune --max-delete 50 --yes

  # Export, edit in a spreadsheet, sync back
  $ ecctl users list 44444 -o csv > users.csv
  $ ecctl users sync 44444 -f users.csv

  # Did anything drift? (exit 7 if so)
  $ ecctl users sync 44444 -f directory.csv --dry-run --detailed-exitcode`,
		Args:              cmdutil.ExactUsage(cobra.MaximumNArgs(1)),
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
	fl := cmd.Flags()
	change.AddFileFlag(cmd, &opts.File, "the desired users: `FILE` (CSV, JSON array or JSON Lines; - for stdin)")
	fl.BoolVar(&opts.Prune, "prune", false, "delete the users that are not in the file")
	// The default is computed from the current users; -1 stands for it once parsed, and the
	// flag's own default is 0 so that help does not show a -1.
	fl.IntVar(&opts.MaxDelete, "max-delete", 0, "with --prune, refuse to delete more than `N` users (default 10% of the current users, at least 1)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the plan and send nothing")
	fl.BoolVar(&opts.DetailedExitCode, "detailed-exitcode", false, "exit 7 when the plan has changes (0 when it is empty)")
	fl.BoolVar(&opts.MailNotification, "mail-notification", false, "have the service mail each user created")
	change.AddBulkFlags(cmd, &opts.Bulk)
	_ = cmd.RegisterFlagCompletionFunc("max-delete", change.NoArgCompletion)
	return cmd
}

// parse checks the arguments and flag combinations.
func (opts *Options) parse(f *cmdutil.Factory, cmd *cobra.Command, args []string) error {
	customer, _, err := f.CustomerArg(cmd, args, cmdutil.OnlyCustomer)
	if err != nil {
		return err
	}
	opts.Customer = customer
	if opts.File == "" {
		return cmdutil.UsageErrorf("-f FILE is required: the users the customer should have\nUsage: %s", cmd.UseLine())
	}
	if cmd.Flags().Changed("max-delete") {
		if !opts.Prune {
			return cmdutil.UsageErrorf("--max-delete limits --prune: give --prune too, or leave --max-delete out")
		}
		if opts.MaxDelete < 0 {
			return cmdutil.UsageErrorf("--max-delete %d: want 0 or more users", opts.MaxDelete)
		}
	} else {
		opts.MaxDelete = -1
	}
	return opts.Bulk.Check()
}
