// Package token implements `ecctl token create`.
package token

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// NewCmd returns `ecctl token` with its subcommand create.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token <command>",
		Short: "Create activation and password-reset tokens",
		Long: `Create a single-use token with which a user sets the password of the Continuity web
mailbox: the first password (activation) or a new one (reset). The user sets it in the web
front end at the token's url, or an administrator with 'ecctl password set'.`,
		Example: `  $ ecctl token create 44444 jane.doe@example.com
  $ ecctl token create 44444 jane.doe@example.com --mail-notification`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		// Runnable, so that a mistyped subcommand is a usage error (exit 2) rather than
		// help and exit 0.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(NewCreateCmd(f, nil))
	return cmd
}

// CreateOptions are the parsed arguments of `token create`.
type CreateOptions struct {
	Customer         string
	User             string
	MailNotification bool
}

// NewCreateCmd returns `ecctl token create`. runF, when not nil, replaces the run function
// (tests).
func NewCreateCmd(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{}
	cmd := &cobra.Command{
		Use:   "create [CUSTOMER] USER",
		Short: "Create a token with which a user sets a password",
		Long: `Create an activation or password-reset token for one user. A newer token replaces an
older one; the token can be used once and expires (the service says when, in
expiryTimestamp).

The token is a secret, like a password: ecctl prints it on stdout because you asked for it,
and nowhere else — not in the --debug trace and not in the journal, which records only that
a token was created for the user. With --mail-notification the service also e-mails the
user a link to set the password.

The table format shows token, url and expiry; -o json, jsonl and yaml print the API's answer
(token, url, expiryTimestamp, id, timestamp).`,
		Example: `  $ ecctl token create 44444 jane.doe@example.com
  $ ecctl token create jane.doe@example.com --customer 44444 --mail-notification
  $ ecctl token create 44444 jane.doe@example.com -o json`,
		Args:              cmdutil.ExactUsageWithBoolHint(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Customer, opts.User, err = f.CustomerAndUser(cmd, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCreate(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.MailNotification, "mail-notification", false, "have the service e-mail the user a link to set the password")
	return cmd
}

func runCreate(ctx context.Context, f *cmdutil.Factory, opts *CreateOptions) error {
	format, c, err := f.FormatAndClient(ctx)
	if err != nil {
		return err
	}
	res, err := c.CreateToken(ctx, opts.Customer, opts.User, opts.MailNotification)
	entry := journal.Entry{
		Customer: opts.Customer,
		Command:  "token create",
		Scope:    journal.UsersScope([]string{opts.User}),
		Outcome:  "ok",
	}
	switch {
	case err == nil:
		entry.RequestIDs = []string{res.Id}
	case errors.Is(err, context.Canceled):
		entry.Outcome, entry.Error = "interrupted", err.Error()
	default:
		entry.Outcome, entry.Error = "failed", err.Error()
	}
	// A failed POST may have created a token nobody saw; the entry says it was tried.
	f.Record(entry)
	if err != nil {
		return err
	}
	return output.Print(f.IOStreams.Out, format, res, func() ([]string, [][]string) {
		if format == output.CSV {
			return []string{"token", "url", "expiryTimestamp", "id", "timestamp"},
				[][]string{{res.Token, res.Url, res.ExpiryTimestamp, res.Id, res.Timestamp}}
		}
		return nil, [][]string{
			{"Token", res.Token},
			{"URL", res.Url},
			{"Expires", res.ExpiryTimestamp},
		}
	})
}
