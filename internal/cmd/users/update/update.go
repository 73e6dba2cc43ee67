// Package update implements `ecctl users update`.
package update

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
	File   string
	Fields change.Fields
	DryRun bool
	Bulk   change.BulkFlags
}

// NewCmd returns `ecctl users update`. runF, when not nil, replaces run (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "update [CUSTOMER] {USER [field flags] [--clear-FIELD]... | -f FILE}",
		Short: "Change fields of one user, or of many users from a file",
		Long: `Change fields of existing Continuity users: of one USER with field flags, or of many
with -f FILE.

For one user only the fields given as flags are sent (PATCH); the others stay as they are.
--clear-department, --clear-cost-center, --clear-phone, --clear-mobile and --clear-groups
remove a value (they send null); --group replaces the user's failover groups.

The file has the format of 'ecctl users create -f' (CSV, JSON array or JSON Lines; -f - is
stdin) and needs only the user column: a column or key that is absent leaves the field
unchanged. In JSON, null clears a nullable field; in CSV an empty cell clears department,
costcenter, phone, mobile and failoverGroups and leaves the other fields unchanged. The
status columns are ignored, so an edited 'ecctl users list -o csv' can be fed back. Every
record is checked before anything is sent (exit 2 with every problem and its line).

Users are sent in requests of --chunk-size users (at most 1000), --concurrency requests at
a time. The API applies a request all or none: one unknown user fails it (404). The report
and the exit codes are those of 'ecctl users create': 0 all updated, 6 partial, the first
failure's code when nothing was updated (5 for an unknown user), 130 interrupted.`,
		Example: `  $ ecctl users update 44444 jane.doe@example.com --department Sales --clear-phone
  $ ecctl users update jane.doe@example.com --group emea --group germany
  $ ecctl users update 44444 -f changes.csv --dry-run
  $ ecctl users list 44444 --group emea -o csv > emea.csv   # edit, then:
  $ ecctl users update 44444 -f emea.csv`,
		Args:              cmdutil.ExactUsage(cobra.RangeArgs(0, 2)),
		ValidArgsFunction: change.NoArgCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			opts.Customer, opts.User, err = change.UserOrFile{
				File: opts.File, Fields: &opts.Fields, Bulk: opts.Bulk,
				FileHolds: "the changes", UserNeeds: "the fields to change",
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
	change.AddFileFlag(cmd, &opts.File, "read the changes from `FILE` (CSV, JSON array or JSON Lines; - for stdin)")
	change.AddFieldFlags(cmd, &opts.Fields, true)
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would be sent and send nothing")
	change.AddBulkFlags(cmd, &opts.Bulk)
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	var batch bulk.Batch
	if opts.File != "" {
		records, err := change.ReadFile(f, opts.File, userfile.ModeUpdate)
		if err != nil {
			return err
		}
		users := make([]gen.UserUpdate, len(records))
		for i, rec := range records {
			users[i] = rec.User
		}
		batch = bulk.Updates(users)
	} else {
		patch, err := opts.Fields.Patch(f.Warnf)
		if err != nil {
			return err
		}
		batch = bulk.Patch(opts.User, patch)
	}
	job := change.Job{
		Command:  "users update",
		Customer: opts.Customer,
		Batches:  []bulk.Batch{batch},
		Bulk:     opts.Bulk,
		Format:   format,
	}
	return change.Run(ctx, f, job, opts.DryRun)
}
