package change

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// parseUserOrFile runs a command with the flags of users update on args and returns what
// UserOrFile.Parse made of them.
func parseUserOrFile(t *testing.T, args ...string) (customer, user string, err error) {
	t.Helper()
	e := cmdtest.New(t)
	var file string
	var fields Fields
	var bulk BulkFlags
	cmd := &cobra.Command{
		Use: "update [CUSTOMER] {USER | -f FILE}",
		RunE: func(cmd *cobra.Command, args []string) error {
			customer, user, err = UserOrFile{File: file, Fields: &fields, Bulk: bulk,
				FileHolds: "the changes", UserNeeds: "the fields to change"}.Parse(e.F, cmd, args)
			return err
		},
	}
	AddFileFlag(cmd, &file, "")
	AddFieldFlags(cmd, &fields, true)
	AddBulkFlags(cmd, &bulk)
	if runErr := e.Run(cmd, args...); runErr != err {
		t.Fatalf("cobra: %v", runErr)
	}
	return customer, user, err
}

func TestUserOrFileForms(t *testing.T) {
	customer, user, err := parseUserOrFile(t, "44444", "jane%40example.com", "--department", "Sales")
	if err != nil || customer != "44444" || user != "jane@example.com" {
		t.Errorf("single form: %q %q %v", customer, user, err)
	}
	customer, user, err = parseUserOrFile(t, "-f", "changes.csv", "44444", "--chunk-size", "10")
	if err != nil || customer != "44444" || user != "" {
		t.Errorf("file form: %q %q %v", customer, user, err)
	}
}

func TestUserOrFileUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-f", "x.csv", "44444", "jane@example.com"}, "give either USER or -f FILE, not both"},
		{[]string{"-f", "x.csv", "44444", "--clear-phone"}, "--clear-phone cannot be used with -f: the file holds the changes"},
		{[]string{"-f", "x.csv", "44444", "--chunk-size", "0"}, "--chunk-size: "},
		{[]string{"44444"}, "give one USER with the fields to change, or -f FILE\nUsage: update [CUSTOMER] {USER | -f FILE}"},
		{[]string{"44444", "a@example.com", "b@example.com"}, "give one USER with the fields to change"},
		{[]string{"44444", "jane@example.com", "--concurrency", "2"}, "--chunk-size and --concurrency go with -f FILE"},
		{[]string{"44444", "not-an-address"}, "user"},
		{[]string{"4444", "jane@example.com"}, "4444"},
	} {
		customer, user, err := parseUserOrFile(t, tc.args...)
		if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want a usage error with %q", tc.args, err, tc.want)
		}
		if customer != "" || user != "" {
			t.Errorf("%q: %q %q returned with the error", tc.args, customer, user)
		}
	}
}
