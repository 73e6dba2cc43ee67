package change

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/validate"
)

// UserOrFile are the arguments of users create and update: `[CUSTOMER] USER` with the field
// flags, or `[CUSTOMER] -f FILE`.
type UserOrFile struct {
	// File is -f; empty for the single form.
	File   string
	Fields *Fields
	Bulk   BulkFlags
	// FileHolds and UserNeeds complete the usage errors: a field flag given with -f ("the
	// file holds FileHolds") and no or several USERs ("give one USER with UserNeeds").
	FileHolds, UserNeeds string
}

// Parse checks the arguments and flag combinations of both forms and returns the customer
// and, for the single form, the user's address (normalised). The field values are checked
// when the request is built.
func (u UserOrFile) Parse(f *cmdutil.Factory, cmd *cobra.Command, args []string) (customer, user string, err error) {
	u.Fields.Capture(cmd)
	takesCustomer := cmdutil.CustomerFirst
	if u.File != "" {
		takesCustomer = cmdutil.OnlyCustomer
	}
	customer, rest, err := f.CustomerArg(cmd, args, takesCustomer)
	if err != nil {
		return "", "", err
	}
	if u.File != "" {
		if len(rest) > 0 {
			return "", "", cmdutil.UsageErrorf("give either USER or -f FILE, not both")
		}
		if given := u.Fields.Given(); len(given) > 0 {
			return "", "", cmdutil.UsageErrorf("%s cannot be used with -f: the file holds %s", given[0], u.FileHolds)
		}
		if err := u.Bulk.Check(); err != nil {
			return "", "", err
		}
		return customer, "", nil
	}
	if len(rest) != 1 {
		return "", "", cmdutil.UsageErrorf("give one USER with %s, or -f FILE\nUsage: %s", u.UserNeeds, cmd.UseLine())
	}
	if cmd.Flags().Changed("chunk-size") || cmd.Flags().Changed("concurrency") {
		return "", "", cmdutil.UsageErrorf("--chunk-size and --concurrency go with -f FILE")
	}
	user, err = validate.NormalizeUser(rest[0])
	if err != nil {
		return "", "", cmdutil.UsageError(err)
	}
	return customer, user, nil
}

// Run sends job, or with dryRun prints what it would send and sends nothing.
func Run(ctx context.Context, f *cmdutil.Factory, job Job, dryRun bool) error {
	if dryRun {
		return DryRun(f, job)
	}
	return Execute(ctx, f, job)
}
