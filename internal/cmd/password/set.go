package password

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/validate"
)

// tokenFromInput is the --token value that means "read the token from stdin".
const tokenFromInput = "-"

// SetOptions are the parsed arguments of `password set`.
type SetOptions struct {
	// User is the address, normalised (%40 → @) and checked.
	User string
	// Token is the token, or "-" to read it from stdin (a prompt without echo on a terminal).
	Token         string
	PasswordStdin bool
}

// NewSetCmd returns `ecctl password set`. runF, when not nil, replaces the run function
// (tests).
func NewSetCmd(f *cmdutil.Factory, runF func(*SetOptions) error) *cobra.Command {
	opts := &SetOptions{}
	cmd := &cobra.Command{
		Use:   "set USER --token TOKEN [--password-stdin]",
		Short: "Set a user's password with a token (no API credentials needed)",
		Long: `Set the password of a user's web mailbox with a token from 'ecctl token create' (or the
one the user received by e-mail). The first password set this way activates the user.
This command sends no API credentials and needs none: the token is the proof.

The token can be used once. A value given as --token TOKEN is visible in the shell's history
and the process list while ecctl runs; --token - reads it instead from stdin (without echo
on a terminal), before the password.

The password is read
  - with --password-stdin: from the first line of stdin (the next line with --token -),
  - else on a terminal: asked twice without echo,
  - else: not at all — ecctl refuses (exit 2) and asks for --password-stdin.
It must be 8 to 256 characters of A-Z, a-z, 0-9 and @$!%*?&; this is checked before
anything is sent. The password never appears in output, errors, the --debug trace or the
journal.`,
		Example: `  $ ecctl password set jane.doe@example.com --token "$TOKEN"
  $ ecctl password set jane.doe@example.com --token -
  $ printf '%s\n' "$NEW_PASSWORD" | ecctl password set jane.doe@example.com --token "$TOKEN" --password-stdin`,
		Args:              cmdutil.ExactUsageWithBoolHint(cobra.ExactArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			user, err := validate.NormalizeUser(args[0])
			if err != nil {
				return cmdutil.UsageError(err)
			}
			opts.User = user
			if !cmd.Flags().Changed("token") {
				return cmdutil.UsageErrorf("--token is required: the token from 'ecctl token create' (or --token - to type it)")
			}
			if opts.Token = strings.TrimSpace(opts.Token); opts.Token == "" {
				return cmdutil.UsageErrorf("--token is empty")
			}
			if runF != nil {
				return runF(opts)
			}
			return runSet(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Token, "token", "", "the single-use `TOKEN` from 'ecctl token create'; - reads it from stdin")
	fl.BoolVar(&opts.PasswordStdin, "password-stdin", false, "read the password from the first line of stdin")
	_ = cmd.RegisterFlagCompletionFunc("token", cobra.NoFileCompletions)
	return cmd
}

func runSet(ctx context.Context, f *cmdutil.Factory, opts *SetOptions) error {
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	// Decide where the password comes from before anything is read from stdin.
	if !opts.PasswordStdin && !f.CanPrompt() {
		return cmdutil.UsageErrorf("no password: ecctl asks for it only on a terminal; give it on stdin with --password-stdin")
	}
	token := opts.Token
	if token == tokenFromInput {
		if token, err = readSecret(f.IOStreams, "Token: ", "token"); err != nil {
			return err
		}
		if token = strings.TrimSpace(token); token == "" {
			return cmdutil.UsageErrorf("the token is empty")
		}
	}
	password, err := readPassword(f, opts)
	if err != nil {
		return err
	}

	c, err := f.AnonymousClient(ctx)
	if err != nil {
		return err
	}
	ack, err := c.SetPassword(ctx, opts.User, token, password)
	entry := journal.Entry{Command: "password set", Scope: journal.UsersScope([]string{opts.User}), Outcome: "ok"}
	switch {
	case err == nil:
		entry.RequestIDs = []string{ack.Id}
	case errors.Is(err, context.Canceled):
		entry.Outcome, entry.Error = "interrupted", err.Error()
	default:
		entry.Outcome, entry.Error = "failed", err.Error()
	}
	f.Record(entry)
	if err != nil {
		return err
	}
	if format == output.Table {
		_, err := fmt.Fprintf(f.IOStreams.Out, "password set for %s\n", opts.User)
		return err
	}
	return output.Print(f.IOStreams.Out, format, ack, func() ([]string, [][]string) {
		return []string{"user", "id", "timestamp"}, [][]string{{opts.User, ack.Id, ack.Timestamp}}
	})
}

// readPassword reads the new password from stdin (--password-stdin) or asks for it twice,
// and checks the policy. The policy is checked after the first entry, so that a password
// that cannot work is not typed a second time.
func readPassword(f *cmdutil.Factory, opts *SetOptions) (string, error) {
	if opts.PasswordStdin {
		password, err := readSecret(f.IOStreams, "Password: ", "password")
		if err != nil {
			return "", err
		}
		return password, cmdutil.UsageError(validate.Password(password))
	}
	password, err := readSecret(f.IOStreams, fmt.Sprintf("New password for %s: ", opts.User), "password")
	if err != nil {
		return "", err
	}
	if err := validate.Password(password); err != nil {
		return "", cmdutil.UsageError(err)
	}
	again, err := readSecret(f.IOStreams, "Repeat the password: ", "password")
	if err != nil {
		return "", err
	}
	if again != password {
		return "", cmdutil.UsageErrorf("the two passwords differ; nothing was sent")
	}
	return password, nil
}

// readSecret reads one line without echo (a prompt on a terminal, a line from a pipe).
// Running out of input or being unable to ask is a usage error: nothing was sent.
func readSecret(ios *iostreams.IOStreams, prompt, what string) (string, error) {
	s, err := ios.ReadPassword(prompt)
	switch {
	case errors.Is(err, iostreams.ErrNoAnswer):
		return "", cmdutil.UsageErrorf("no %s on stdin", what)
	case errors.Is(err, iostreams.ErrCannotPrompt):
		return "", cmdutil.UsageErrorf("cannot ask for the %s: prompts are disabled; give it on stdin", what)
	case err != nil:
		return "", fmt.Errorf("reading the %s: %w", what, err)
	}
	return s, nil
}
