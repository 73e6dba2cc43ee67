package status

import (
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/mock"
)

// The mock's only account; the password is distinctive so that a leak is easy to find.
const apiUser, apiPassword = "api-user", "Pw-7f3e-never-shown"

// newMock serves a fresh mock with 3 users for 44444 and returns its URL, which the tests
// give ecctl themselves (flags, answers, a config file).
func newMock(t *testing.T) string {
	_, url := cmdtest.ServeMock(t, mock.Options{Seed: 3, Accounts: []mock.Account{{User: apiUser, Pass: apiPassword, Customers: []string{"44444"}}}})
	return url
}
