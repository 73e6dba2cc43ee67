// Package journalcmd implements `ecctl journal`: the audit trail of the changes ecctl made
// from this machine, as internal/journal keeps it.
package journalcmd

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// NewCmd returns `ecctl journal`.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	var since string
	cmd := &cobra.Command{
		Use:   "journal [--since D]",
		Short: "Show the changes ecctl has made (the audit journal)",
		Long: `Show the audit journal: one entry for every change ecctl made from this machine
(failover on/off/restore/drill, flag changes, users create/update/delete/sync), oldest
first, with the time, profile, endpoint, API user, customer, command, scope, counts, the
API's request ids, the reason given and the outcome. No entry holds a password or a token.

The journal is $XDG_STATE_HOME/ecctl/journal.jsonl (default ~/.local/state/ecctl), one JSON
object per line, readable only by you.

--since takes a duration back from now (90m, 24h, 7d, 1d12h; a d is 24 hours), an RFC 3339
time (2026-03-01T08:00:00Z) or a date (2026-03-01, midnight UTC).

Formats: table (default, one row per entry), json (an array), jsonl (the entries as stored,
one per line), yaml, csv (the table's columns; a cell without a value is empty where the
table shows "-").`,
		Example: `  $ ecctl journal
  $ ecctl journal --since 7d
  $ ecctl journal --since 2026-03-01T08:00:00Z -o json | jq '.[] | select(.command == "failover on")'`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var from time.Time
			if since != "" {
				t, err := parseSince(since, f.Now())
				if err != nil {
					return cmdutil.UsageError(err)
				}
				from = t
			}
			return run(f, from)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "only entries at or after `D`: a duration back from now (24h, 7d), an RFC 3339 time or a date")
	_ = cmd.RegisterFlagCompletionFunc("since", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"1h", "24h", "7d", "30d"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func run(f *cmdutil.Factory, since time.Time) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	dir, err := f.StateDir()
	if err != nil {
		return err
	}
	entries, err := journal.Read(dir, since)
	if err != nil {
		return err
	}
	if len(entries) == 0 && format == output.Table {
		// Like `kubectl get`: a note for people on stderr, and no header without rows.
		if since.IsZero() {
			fmt.Fprintln(f.IOStreams.ErrOut, "no changes recorded")
		} else {
			fmt.Fprintf(f.IOStreams.ErrOut, "no changes recorded since %s\n", since.UTC().Format(time.RFC3339))
		}
		return nil
	}
	return write(f.Out(), format, entries)
}

// write renders the entries: JSON Lines one per line as stored, every other data format as
// one array, table and CSV as rows.
func write(w io.Writer, format output.Format, entries []journal.Entry) error {
	if entries == nil {
		entries = []journal.Entry{} // "[]", not "null"
	}
	if format == output.JSONL {
		for _, e := range entries {
			if err := output.Print(w, format, e, nil); err != nil {
				return err
			}
		}
		return nil
	}
	none := output.NoValue
	if format == output.CSV {
		none = ""
	}
	return output.Print(w, format, entries, func() ([]string, [][]string) { return table(entries, none) })
}
