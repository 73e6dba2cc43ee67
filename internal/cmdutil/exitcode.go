package cmdutil

import (
	"errors"
	"strings"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/internal/validate"
)

// ExitCodeOf maps an error to the contract's exit codes: what the process ends with after a
// command returned err. interrupted (SIGINT or SIGTERM was received) wins over everything.
// It lives here rather than in package cli so that command tests can ask for the code a
// user would see without importing cli, which imports every command.
func ExitCodeOf(err error, interrupted bool) int {
	if interrupted {
		return ExitInterrupted
	}
	var exit *ExitError
	var api *client.APIError
	var field *validate.FieldError
	var file *userfile.Error
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &exit):
		return exit.Code
	case errors.As(err, &api):
		switch api.Status {
		case 401, 403:
			return ExitAuth
		case 404:
			return ExitNotFound
		}
		return ExitFailure
	case errors.As(err, &field), errors.As(err, &file):
		return ExitUsage
	case isCobraUsageError(err):
		return ExitUsage
	}
	return ExitFailure
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
