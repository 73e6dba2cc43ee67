package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/output"
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
	cmd, err := root.ExecuteContextC(ctx)
	interrupted := ctx.Err() != nil
	if err == nil && !interrupted {
		return cmdutil.ExitOK
	}
	code := ExitCode(err, interrupted)
	if err != nil {
		reportError(f, cmd, args, err)
	} else {
		fmt.Fprintln(f.IOStreams.ErrOut, "interrupted")
	}
	return code
}

// ExitCode maps an error to the contract's exit codes (see cmdutil.ExitCodeOf).
func ExitCode(err error, interrupted bool) int {
	return cmdutil.ExitCodeOf(err, interrupted)
}

// reportError prints err once on stderr: as JSON when a JSON output format was asked for,
// else as text, with a hint for failed authentication or authorization.
func reportError(f *cmdutil.Factory, cmd *cobra.Command, args []string, err error) {
	var exit *cmdutil.ExitError
	if errors.As(err, &exit) && exit.Silent {
		return
	}
	format := errorFormat(f, args)
	output.WriteError(f.IOStreams.ErrOut, format, err)
	var api *client.APIError
	if !errors.As(err, &api) || format == output.JSON || format == output.JSONL {
		return
	}
	switch {
	case api.Status == 401 && cmd != nil && cmd.CommandPath() == "ecctl auth login":
		// The user is typing new credentials already.
	case api.Status == 401:
		fmt.Fprintln(f.IOStreams.ErrOut, "hint: check the credentials with `ecctl auth status`, or store new ones with `ecctl auth login`")
	case api.Status == 403:
		fmt.Fprintln(f.IOStreams.ErrOut, "hint: the API user may not manage this customer; check the customer number, or the account with `ecctl auth status`")
	}
}

// errorFormat is the output format the user asked for, found without relying on the config
// file (which may be what failed) or on the flags having been parsed (a flag error stops
// parsing, possibly before -o): the parsed flag, else -o/--output in the raw arguments,
// else ECCTL_OUTPUT, else the profile; table when none of them names a valid format.
func errorFormat(f *cmdutil.Factory, args []string) output.Format {
	var candidates []string
	if fl := f.RootFlags.Lookup("output"); fl != nil && fl.Changed {
		candidates = append(candidates, fl.Value.String())
	}
	candidates = append(candidates, outputArg(args), f.Getenv("ECCTL_OUTPUT"))
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if format, err := output.ParseFormat(c); err == nil {
			return format
		}
		return output.Table
	}
	if s, err := f.Settings(); err == nil {
		if format, err := output.ParseFormat(s.Output); err == nil {
			return format
		}
	}
	return output.Table
}

// outputArg finds the last -o/--output value in raw arguments.
func outputArg(args []string) string {
	value := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return value
		case a == "-o" || a == "--output":
			if i+1 < len(args) {
				value = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--output="):
			value = strings.TrimPrefix(a, "--output=")
		case strings.HasPrefix(a, "-o") && len(a) > 2 && !strings.HasPrefix(a, "--"):
			value = strings.TrimPrefix(strings.TrimPrefix(a, "-o"), "=")
		}
	}
	return value
}
