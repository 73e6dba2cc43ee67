// Package list implements `ecctl users list`.
package list

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// Page sizes: the API's default is also the largest page ecctl asks for. The spec sets no
// maximum, but the vendor documents none either, and 1000 users (about 0.5 MB of JSON) per
// request keeps every answer well inside proxies' and the service's limits.
const (
	DefaultPageSize = 1000
	MaxPageSize     = 1000
	// DefaultParallel is how many pages are fetched at once after the first one.
	DefaultParallel = 4
	maxParallel     = 16
)

// Options are the parsed arguments of `users list`.
type Options struct {
	Customer string
	Filter   client.Filter
	// Limit is the most users to list; 0 lists all.
	Limit int
	// Offset is the number of matching users to skip.
	Offset   int
	PageSize int
	// Parallel is the number of page requests in flight after the first page (hidden flag
	// --parallel; 1 fetches page after page).
	Parallel int
}

// NewCmd returns `ecctl users list`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	var filters *cmdutil.FilterFlags
	cmd := &cobra.Command{
		Use:   "list [CUSTOMER]",
		Short: "List a customer's users, optionally filtered",
		Long: `List the users of a customer in address order, optionally filtered.

Filters are three-state: a filter flag that is not given does not filter; --failover (or
--failover=true) lists users in failover, --failover=false those not in failover. Boolean
flags take their value with '=': "--failover false" is a usage error. The status filters
combine with AND. --group is repeatable (at most 16) and selects the members of any of the
groups; a group name is never split on commas.

Every page is fetched (1000 users per request unless --page-size says otherwise; a server
that answers with smaller pages is followed in its own page size); --limit stops after that
many users and --offset skips as many matching users first. The first page says how many
users match; the remaining pages are then fetched several at a time and printed strictly in
order, as they arrive. The output streams: memory does not grow with the
number of users for any format, and -o json is one JSON array written as it goes.

The API pages by offset. If users are created or deleted while the list is being fetched,
the later pages shift and the list may miss or repeat users. ecctl compares the number of
matching users every page reports with the first page's; when it changed, or a page came
back shorter than asked for, a warning on stderr says so after the list (the exit code stays
0). Run the command again for a consistent list.

Ctrl-C stops the listing: what was listed until then is printed as a complete document (a
closed JSON array, for example), and the exit code is 130. When no user matches, the table
format prints its header alone (and "no users match" on stderr when stderr is a terminal),
json and yaml print [], csv its header line and jsonl nothing.

Formats: table (for people; columns may change), json and yaml (the API's User objects),
jsonl (one User per line), csv (the columns 'users create/update/sync -f' read: export,
edit, sync back).`,
		Example: `  $ ecctl users list 44444
  $ ecctl users list 44444 --failover=false
  $ ecctl users list 44444 --group emea --group apac -o csv > users.csv
  $ ecctl users list 44444 -o json | jq '.[].user'
  $ ecctl users list 44444 --limit 50 --offset 100`,
		Args:              cmdutil.ExactUsageWithBoolHint(cobra.MaximumNArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("limit") && opts.Limit < 1 {
				return cmdutil.UsageErrorf("--limit %d: want 1 or more (leave it out to list all)", opts.Limit)
			}
			if err := checkPaging(opts); err != nil {
				return err
			}
			var err error
			if opts.Filter, err = filters.Filter(); err != nil {
				return err
			}
			if opts.Customer, _, err = f.CustomerArg(cmd, args, cmdutil.OnlyCustomer); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), f, opts)
		},
	}
	filters = cmdutil.AddFilterFlags(cmd)
	fl := cmd.Flags()
	fl.IntVar(&opts.Limit, "limit", 0, "list at most `N` users (default: all)")
	fl.IntVar(&opts.Offset, "offset", 0, "skip the first `N` matching users")
	fl.IntVar(&opts.PageSize, "page-size", DefaultPageSize, fmt.Sprintf("fetch `N` users per request, 1 to %d", MaxPageSize))
	fl.IntVar(&opts.Parallel, "parallel", DefaultParallel, fmt.Sprintf("fetch up to `N` pages at once after the first, 1 to %d", maxParallel))
	_ = fl.MarkHidden("parallel")
	for _, name := range []string{"group", "limit", "offset", "page-size"} {
		_ = cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	return cmd
}

// checkPaging refuses paging values the API or the pager cannot use.
func checkPaging(opts *Options) error {
	switch {
	case opts.Limit < 0:
		return cmdutil.UsageErrorf("--limit %d: want 1 or more (leave it out to list all)", opts.Limit)
	case opts.Offset < 0:
		return cmdutil.UsageErrorf("--offset %d: want 0 or more", opts.Offset)
	case opts.PageSize < 1 || opts.PageSize > MaxPageSize:
		return cmdutil.UsageErrorf("--page-size %d: want 1 to %d", opts.PageSize, MaxPageSize)
	case opts.Parallel < 1 || opts.Parallel > maxParallel:
		return cmdutil.UsageErrorf("--parallel %d: want 1 to %d", opts.Parallel, maxParallel)
	}
	return nil
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	l := &lister{
		pages: c,
		opts:  opts,
		newWriter: func() (output.UserWriter, error) {
			return output.NewUserWriter(format, f.IOStreams.Out)
		},
	}
	if output.WritesRawUsers(format) {
		l.raw = c
	}
	// A progress bar only when the list goes elsewhere than the terminal that shows the bar.
	if !f.IOStreams.IsStdoutTTY() {
		l.newProgress = f.IOStreams.NewProgress
	}
	err = l.list(ctx)
	if l.drift != "" {
		f.Warnf("%s", l.drift)
	}
	if err == nil && l.written == 0 && format == output.Table && f.IOStreams.IsStderrTTY() {
		fmt.Fprintln(f.IOStreams.ErrOut, "no users match")
	}
	return err
}
