// Package status implements `ecctl status`: how many users a customer has, how many have
// activated their account, may use the web mailbox and are in failover, optionally for
// every failover group.
package status

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/validate"
)

// Options are the parsed arguments of `ecctl status`.
type Options struct {
	Customer string
	// Groups narrows everything to the members of at least one of them.
	Groups []string
	// ByGroup adds a row for every failover group, from one list pass.
	ByGroup bool
}

// NewCmd returns `ecctl status`.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "status [CUSTOMER] [--group G]... [--by-group]",
		Short: "Show how many users are activated, have access and are in failover",
		Long: `Show a customer's users at a glance: how many there are, how many have activated their
account, how many may log in to the web mailbox (access) and how many have their mail
routed to Email Continuity (failover).

The four numbers come from four count requests sent at the same time. With --group they
cover the members of at least one of the groups.

--by-group adds a row for every failover group (with --group: for those groups) and one
for the users in no group. These rows are computed from one pass over all matching users,
page by page, not from a request per group. If users are created or deleted while they are
read, the pass starts over (three passes at most), and then the command fails rather than
show numbers that are not true.

Every number is what the API answered: if any request fails, the command fails (exit 1, 4
or 5) and shows no numbers.

-o csv has one row per set of users, with plain values in the columns
customer,scope,group,total,activated,access,failover. scope says which users a row counts:
  all       every user of the customer (group is empty)
  groups    the members of at least one --group group (group lists them, joined with ";")
  group     the members of the failover group in group (--by-group)
  no-group  the users in no failover group (--by-group without --group; group is empty)`,
		Example: `  $ ecctl status 44444
  $ ecctl status --by-group
  $ ecctl status 44444 --group emea --group americas -o json`,
		Args: cmdutil.ExactUsage(cobra.MaximumNArgs(1)),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validate.GroupFilter(opts.Groups); err != nil {
				return cmdutil.UsageError(fmt.Errorf("--group: %w", err))
			}
			customer, _, err := f.CustomerArg(cmd, args, cmdutil.OnlyCustomer)
			if err != nil {
				return err
			}
			opts.Customer = customer
			return run(cmd.Context(), f, opts)
		},
	}
	cmdutil.AddGroupFlag(cmd, &opts.Groups, "only members of failover group `G` (repeatable: members of any)")
	cmd.Flags().BoolVar(&opts.ByGroup, "by-group", false, "add the numbers of every failover group (one pass over the users)")
	return cmd
}

func run(ctx context.Context, f *cmdutil.Factory, opts *Options) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	st, err := collect(ctx, c, opts)
	if err != nil {
		return err
	}
	rows := st.table
	if format == output.CSV {
		rows = st.csv
	}
	return output.Print(f.Out(), format, st, rows)
}

// collect sends the four counts and, with ByGroup, the list pass, all at the same time.
func collect(ctx context.Context, c *client.Client, opts *Options) (*Status, error) {
	st := &Status{Customer: opts.Customer, FilterGroups: opts.Groups}
	yes := true
	counts := []struct {
		dst    *int64
		filter client.Filter
	}{
		{&st.Total, client.Filter{}},
		{&st.Activated, client.Filter{Activation: &yes}},
		{&st.Access, client.Filter{Access: &yes}},
		{&st.Failover, client.Filter{Failover: &yes}},
	}
	var jobs []func(context.Context) error
	for _, k := range counts {
		k.filter.Groups = opts.Groups
		jobs = append(jobs, func(ctx context.Context) error {
			n, err := c.Count(ctx, opts.Customer, k.filter)
			*k.dst = n
			return err
		})
	}
	var tally *groupTally
	if opts.ByGroup {
		jobs = append(jobs, func(ctx context.Context) error {
			var err error
			tally, err = tallyGroups(ctx, c, opts.Customer, opts.Groups)
			return err
		})
	}
	if err := cmdutil.Parallel(ctx, jobs...); err != nil {
		return nil, fmt.Errorf("status of %s: %w", opts.Customer, err)
	}
	if tally != nil {
		st.Groups = tally.rows()
		if len(opts.Groups) == 0 {
			st.NoGroup = &tally.none
		}
	}
	return st, nil
}

// Status is the result; its JSON shape is part of the output contract.
type Status struct {
	Customer string `json:"customer"`
	// FilterGroups are the --group values the numbers are narrowed to.
	FilterGroups []string `json:"filterGroups,omitempty"`
	Total        int64    `json:"total"`
	Activated    int64    `json:"activated"`
	Access       int64    `json:"access"`
	Failover     int64    `json:"failover"`
	// Groups has one entry per failover group, by name (only with --by-group, then always
	// present, [] when the customer has no groups).
	Groups []GroupCounts `json:"groups,omitzero"`
	// NoGroup counts the users in no failover group (only with --by-group and no --group).
	NoGroup *Counts `json:"noGroup,omitempty"`
}

// Counts are the numbers of one set of users.
type Counts struct {
	Total     int64 `json:"total"`
	Activated int64 `json:"activated"`
	Access    int64 `json:"access"`
	Failover  int64 `json:"failover"`
}

// GroupCounts are the numbers of one failover group's members.
type GroupCounts struct {
	Group string `json:"group"`
	Counts
}

func (st *Status) table() ([]string, [][]string) {
	label := st.Customer + " (all users)"
	if len(st.FilterGroups) > 0 {
		label = st.Customer + " (groups " + strings.Join(st.FilterGroups, ", ") + ")"
	}
	rows := [][]string{countRow(label, Counts{st.Total, st.Activated, st.Access, st.Failover})}
	for _, g := range st.Groups {
		rows = append(rows, countRow(g.Group, g.Counts))
	}
	if st.NoGroup != nil {
		rows = append(rows, countRow("(no group)", *st.NoGroup))
	}
	return []string{"USERS OF", "TOTAL", "ACTIVATED", "ACCESS", "FAILOVER"}, rows
}

func countRow(label string, c Counts) []string {
	return []string{label, fmt.Sprint(c.Total), fmt.Sprint(c.Activated), fmt.Sprint(c.Access), fmt.Sprint(c.Failover)}
}

// The scopes of the CSV rows (see the command's help).
const (
	scopeAll     = "all"
	scopeGroups  = "groups"
	scopeGroup   = "group"
	scopeNoGroup = "no-group"
)

// csv is the table for programs: machine column names, a scope column instead of the
// table's labels ("44444 (all users)", "(no group)"), and plain values only.
func (st *Status) csv() ([]string, [][]string) {
	first := []string{st.Customer, scopeAll, ""}
	if len(st.FilterGroups) > 0 {
		// ";" as in the failoverGroups column of user CSV files.
		first = []string{st.Customer, scopeGroups, strings.Join(st.FilterGroups, ";")}
	}
	rows := [][]string{csvRow(first, Counts{st.Total, st.Activated, st.Access, st.Failover})}
	for _, g := range st.Groups {
		rows = append(rows, csvRow([]string{st.Customer, scopeGroup, g.Group}, g.Counts))
	}
	if st.NoGroup != nil {
		rows = append(rows, csvRow([]string{st.Customer, scopeNoGroup, ""}, *st.NoGroup))
	}
	return []string{"customer", "scope", "group", "total", "activated", "access", "failover"}, rows
}

func csvRow(who []string, c Counts) []string {
	return append(who, strconv.FormatInt(c.Total, 10), strconv.FormatInt(c.Activated, 10),
		strconv.FormatInt(c.Access, 10), strconv.FormatInt(c.Failover, 10))
}
