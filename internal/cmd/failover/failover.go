// Package failover implements `ecctl failover on|off|restore|drill`: failover routing as an
// event an administrator can trust during an outage. Every change is previewed (scope and
// how many users it changes), preceded by a snapshot of the flags it is about to change,
// verified with fresh numbers afterwards and written to the journal; `restore` puts a
// snapshot back, and `drill` rehearses the whole round trip.
package failover

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// NewCmd returns `ecctl failover` with its subcommands.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "failover <command>",
		Short: "Switch failover routing on and off safely, restore it, rehearse it",
		Long: `Switch failover routing for a customer, some failover groups or some users, with a
preview, a snapshot before every change, a verification afterwards and a journal line.

  on, off    switch failover; the snapshot is the way back
  restore    put the failover and access flags back as a snapshot recorded them
  drill      on, verify, hold, restore, verify: a rehearsal with a timed report

Snapshots are kept in $XDG_STATE_HOME/ecctl/snapshots (default ~/.local/state/ecctl),
readable only by you; 'ecctl journal' lists every change with its snapshot.`,
		Example: `  $ ecctl failover on 44444 --group emea --reason "Exchange outage INC-4711"
  $ ecctl failover restore ~/.local/state/ecctl/snapshots/20260301T080000.000Z-44444-on.json
  $ ecctl failover drill 44444 --group emea --hold 5m`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
	}
	cmd.AddCommand(
		newSwitchCmd(f, true),
		newSwitchCmd(f, false),
		newRestoreCmd(f),
		newDrillCmd(f),
	)
	return cmd
}

// printResult writes a command's result object to stdout in a data format (json, jsonl,
// yaml, csv). With the table format the report already written to stderr is the output,
// and stdout stays empty rather than repeat it.
func printResult(f *cmdutil.Factory, format output.Format, v any, table func() ([]string, [][]string)) error {
	if format == output.Table {
		return nil
	}
	return output.Print(f.Out(), format, v, table)
}
