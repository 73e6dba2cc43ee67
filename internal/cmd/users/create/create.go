// Package create implements `ecctl users create`.
package create

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmd/users/change"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/userfile"
)

// Options are the parsed flags and arguments.
type Options struct {
	Customer string
	// User is the address of the single form (normalised); empty with File.
	User string
	// File is -f: a path, or "-" for stdin.
	File             string
	Fields           change.Fields
	MailNotification bool
	DryRun           bool
	Bulk             change.BulkFlags
}

// NewCmd returns `ecctl users create`. runF, when not nil, replaces run (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "create [CUSTOMER] {-f FILE | USER --display-name S --given-name S --sur-name S}",
		Short: "Create users from a file, or one user from flags",
		Long: `Create Continuity users (mailboxes) for a customer: many from a file with -f, or one
given as USER with its fields as flags.

The file is CSV with a header row (UTF-8 with or without BOM, ',' or ';' as delimiter),
a JSON array or JSON Lines; -f - reads stdin. The columns are those of 'ecctl users list
-o csv': user, displayName, givenName and surName are required, language, timezone,
department, costcenter, phone, mobile and failoverGroups (';'-separated in CSV) are optional;
the status columns activation, access and failover are ignored. Every record is checked
before anything is sent; if any is wrong, all problems are listed with their line numbers
and nothing is sent (exit 2).

Users are sent in requests of --chunk-size users (at most 1000, the API's limit),
--concurrency requests at a time. The API creates the users of one request all or none: a
request naming a user that exists already fails as a whole (409). The report lists the
users created and, per failed request, its users and the reason. With -o json it is
{"count":N,"users":[...]} plus "failed" and "notSent" when there are any.

Exit codes: 0 all created; 6 some requests failed and others were applied (the report names
the failed users); when nothing was created, the code of the first failure (1 for 409 or a
server error, 4 for 401/403); 2 invalid input, nothing sent; 130 interrupted (the report
says what was created).`,
		Example: `  $ ecctl users create 44444 -f new-users.csv
  $ ecctl users create 44444 -f new-users.csv --dry-run
  $ ecctl users list 55555 -o json | ecctl users create 44444 -f -
  $ ecctl users create 44444 jane.doe@example.com --display-name "Jane Doe" \
      --given-name Jane --sur-name Doe --language en_GB --timezone Europe/London --group emea`,
		Args:              cmdutil.ExactUsage(cobra.RangeArgs(0, 2)),
		ValidArgsFunction: change.NoArgCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			opts.Customer, opts.User, err = change.UserOrFile{
				File: opts.File, Fields: &opts.Fields, Bulk: opts.Bulk,
				FileHolds: "the fields", UserNeeds: "--display-name, --given-name and --sur-name",
			}.Parse(f, cmd, args)
			if err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	change.AddFileFlag(cmd, &opts.File, "read the users from `FILE` (CSV, JSON array or JSON Lines; - for stdin)")
	change.AddFieldFlags(cmd, &opts.Fields, false)
	cmd.Flags().BoolVar(&opts.MailNotification, "mail-notification", false, "have the service mail each new user")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would be sent and send nothing")
	change.AddBulkFlags(cmd, &opts.Bulk)
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	var users []gen.UserCreate
	if opts.File != "" {
		records, err := change.ReadFile(f, opts.File, userfile.ModeCreate)
		if err != nil {
			return err
		}
		users = userfile.Creates(records)
	} else {
		u, err := opts.Fields.Create(opts.User, f.Warnf)
		if err != nil {
			return err
		}
		users = []gen.UserCreate{u}
	}
	job := change.Job{
		Command:  "users create",
		Customer: opts.Customer,
		Batches:  []bulk.Batch{bulk.Creates(users, opts.MailNotification)},
		Bulk:     opts.Bulk,
		Format:   format,
	}
	return change.Run(ctx, f, job, opts.DryRun)
}
