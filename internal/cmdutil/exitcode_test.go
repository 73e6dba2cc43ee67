package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/internal/validate"
)

func TestExitCodeOf(t *testing.T) {
	wrapped := func(err error) error { return fmt.Errorf("deleting 3 users of 44444: %w", err) }
	for _, tc := range []struct {
		name        string
		err         error
		interrupted bool
		want        int
	}{
		{"success", nil, false, ExitOK},
		{"interrupted without error", nil, true, ExitInterrupted},
		{"interrupted wins over the error", UsageErrorf("bad"), true, ExitInterrupted},
		{"exit error", wrapped(Partial("2 of 3 failed")), false, ExitPartial},
		{"exit error wins over the API error inside", WithCode(ExitNotConfirm, &client.APIError{Status: 404}), false, ExitNotConfirm},
		{"401", wrapped(&client.APIError{Status: 401}), false, ExitAuth},
		{"403", &client.APIError{Status: 403}, false, ExitAuth},
		{"404", wrapped(&client.APIError{Status: 404}), false, ExitNotFound},
		{"409", &client.APIError{Status: 409}, false, ExitFailure},
		{"503", &client.APIError{Status: 503}, false, ExitFailure},
		{"field error", wrapped(&validate.FieldError{Field: "language", Reason: "bad"}), false, ExitUsage},
		{"user file error", &userfile.Error{Source: "users.csv"}, false, ExitUsage},
		{"cobra: unknown command", errors.New(`unknown command "frob" for "ecctl"`), false, ExitUsage},
		{"cobra: unknown flag", errors.New("unknown flag: --frob"), false, ExitUsage},
		{"cobra: unknown shorthand", errors.New("unknown shorthand flag: 'z' in -z"), false, ExitUsage},
		{"cobra: argument count", errors.New("accepts 1 arg(s), received 2"), false, ExitUsage},
		{"cobra: flag value", errors.New(`invalid argument "x" for "--timeout" flag`), false, ExitUsage},
		{"a usage word inside is not enough", wrapped(errors.New("unknown flag")), false, ExitFailure},
		{"cancelled without a signal", wrapped(context.Canceled), false, ExitFailure},
		{"anything else", errors.New("disk full"), false, ExitFailure},
	} {
		if got := ExitCodeOf(tc.err, tc.interrupted); got != tc.want {
			t.Errorf("%s: ExitCodeOf(%v, %v) = %d, want %d", tc.name, tc.err, tc.interrupted, got, tc.want)
		}
	}
}
