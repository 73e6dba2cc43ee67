package cmdutil

import (
	"errors"
	"fmt"
)

// Exit codes of the user-facing contract (cli-contract.md, "Exit codes").
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitNotConfirm  = 3
	ExitAuth        = 4
	ExitNotFound    = 5
	ExitPartial     = 6
	ExitChanges     = 7 // a plan has changes (sync --detailed-exitcode)
	ExitInterrupted = 130
)

// ExitError carries the exit code a failure must end the process with.
// Its message is the wrapped error's.
type ExitError struct {
	Code int
	Err  error
	// Silent errors have already been reported (for example a partial-failure report);
	// the entry point prints nothing more for them.
	Silent bool
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// UsageErrorf reports bad flags, arguments or input: exit 2, nothing was sent.
func UsageErrorf(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// UsageError marks err as invalid input (exit 2).
func UsageError(err error) error {
	if err == nil {
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: err}
}

// ErrNotConfirmed is returned when a prompt was declined or --yes was required but missing.
var ErrNotConfirmed = errors.New("not confirmed")

// NotConfirmed ends with exit 3 and says why.
func NotConfirmed(format string, args ...any) error {
	return &ExitError{Code: ExitNotConfirm, Err: fmt.Errorf(format, args...)}
}

// Partial reports a bulk operation of which some parts failed (exit 6). The report naming the
// failed users has been printed already.
func Partial(format string, args ...any) error {
	return &ExitError{Code: ExitPartial, Err: fmt.Errorf(format, args...)}
}

// WithCode wraps err with an explicit exit code.
func WithCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &ExitError{Code: code, Err: err}
}
