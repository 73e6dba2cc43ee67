package cmdtest

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

// Run executes cmd with args as the root command does: on the Env's streams, with errors
// returned rather than printed.
func (e *Env) Run(cmd *cobra.Command, args ...string) error {
	return e.RunContext(context.Background(), cmd, args...)
}

// RunContext is Run with a context, for tests that cancel (Ctrl-C).
func (e *Env) RunContext(ctx context.Context, cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(args)
	cmd.SetIn(e.In)
	cmd.SetOut(e.Out)
	cmd.SetErr(e.ErrOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return cmd.ExecuteContext(ctx)
}

// Parse builds a command with newCmd (a command package's NewCmd), runs it with args and
// returns the options its run function would get, without running it: nothing is sent. The
// options are nil when parsing failed; the error is the command's.
func Parse[O any](e *Env, newCmd func(*cmdutil.Factory, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	var got *O
	cmd := newCmd(e.F, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	err := cmd.Execute()
	return got, err
}

// ExitCode is the exit code ecctl ends with when a command returns err: the CLI's own
// mapping (cmdutil.ExitCodeOf), 0 for nil.
func ExitCode(err error) int {
	return cmdutil.ExitCodeOf(err, false)
}

// MustExitCode is the code of the *cmdutil.ExitError in err, and fails the test when err
// carries none: for errors that a command must classify itself rather than leave to the
// CLI's mapping of other error types.
func MustExitCode(t testing.TB, err error) int {
	t.Helper()
	var exit *cmdutil.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("error %v (%T) carries no exit code", err, err)
	}
	return exit.Code
}
