package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/internal/validate"
)

// Main runs ecctl with the process's arguments and streams and returns the exit code.
func Main() int {
	return Run(os.Args[1:], cmdutil.New(iostreams.System()))
}

// Run executes one command line with the given factory. Ctrl-C (SIGINT) or SIGTERM cancels
// the command's context; the command reports what it had applied and Run returns 130. A
// second Ctrl-C ends the process immediately.
func Run(args []string, f *cmdutil.Factory) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal the command winds down (reports, restores); a second one gets
	// the default behaviour and ends the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()

	root := NewRootCmd(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	interrupted := ctx.Err() != nil
	if err == nil && !interrupted {
		return cmdutil.ExitOK
	}
	code := ExitCode(err, interrupted)
	if err != nil {
		reportError(f, err)
	} else {
		fmt.Fprintln(f.IOStreams.ErrOut, "interrupted")
	}
	return code
}

// ExitCode maps an error to the contract's exit codes.
func ExitCode(err error, interrupted bool) int {
	if interrupted {
		return cmdutil.ExitInterrupted
	}
	var exit *cmdutil.ExitError
	var api *client.APIError
	var field *validate.FieldError
	var file *userfile.Error
	switch {
	case err == nil:
		return cmdutil.ExitOK
	case errors.As(err, &exit):
		return exit.Code
	case errors.As(err, &api):
		switch api.Status {
		case 401, 403:
			return cmdutil.ExitAuth
		case 404:
			return cmdutil.ExitNotFound
		}
		return cmdutil.ExitFailure
	case errors.As(err, &field), errors.As(err, &file):
		return cmdutil.ExitUsage
	case isCobraUsageError(err):
		return cmdutil.ExitUsage
	}
	return cmdutil.ExitFailure
}

// Cobra reports unknown commands and wrong argument counts as plain errors.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// reportError prints err once on stderr: as JSON with a JSON output format, else as text,
// with a hint for failed authentication.
func reportError(f *cmdutil.Factory, err error) {
	var exit *cmdutil.ExitError
	if errors.As(err, &exit) && exit.Silent {
		return
	}
	format := output.Table
	if s, serr := f.Settings(); serr == nil {
		if parsed, perr := output.ParseFormat(s.Output); perr == nil {
			format = parsed
		}
	}
	output.WriteError(f.IOStreams.ErrOut, format, err)
	var api *client.APIError
	if errors.As(err, &api) && api.Status == 401 && format == output.Table {
		fmt.Fprintln(f.IOStreams.ErrOut, "hint: check the credentials with `ecctl auth status`, or store new ones with `ecctl auth login`")
	}
}
