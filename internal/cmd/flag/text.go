package flagcmd

import (
	"fmt"
	"strings"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// printResult prints the API's answer v for the data formats, line for the table format
// and one CSV row under headers for csv.
func printResult(f *cmdutil.Factory, format output.Format, v any, line string, headers, row []string) error {
	if format == output.Table {
		_, err := fmt.Fprintln(f.IOStreams.Out, output.Sanitize(line))
		return err
	}
	return output.Print(f.IOStreams.Out, format, v, func() ([]string, [][]string) {
		return headers, [][]string{row}
	})
}

// verb is the subcommand's name; as a past participle it is the same word.
func verb(on bool) string {
	if on {
		return "set"
	}
	return "unset"
}

// describeScope names the users a customer-wide or group-wide change is for:
// "all 20 users of 44444", "14 users of 44444 in group emea", "no users of 44444 in group x".
func describeScope(opts *Options, n int64) string {
	switch {
	case n == 0 && len(opts.Groups) == 0:
		return "no users of " + opts.Customer
	case len(opts.Groups) == 0:
		return fmt.Sprintf("all %s of %s", users(n), opts.Customer)
	case len(opts.Groups) == 1:
		return fmt.Sprintf("%s of %s in group %s", users(n), opts.Customer, opts.Groups[0])
	}
	return fmt.Sprintf("%s of %s in groups %s", users(n), opts.Customer, strings.Join(opts.Groups, ", "))
}

// question is the confirmation asked before a customer-wide or group-wide change:
// "Set failover for 14 users of 44444 in group emea (2 already have it)?"
func question(opts *Options, inScope, toChange int64) string {
	already := inScope - toChange
	state := fmt.Sprintf("%d already %s it", already, pick(already == 1, "has", "have"))
	if !opts.On {
		state = fmt.Sprintf("%d already without it", already)
	}
	return output.Sanitize(fmt.Sprintf("%s %s for %s (%s)?",
		strings.ToUpper(verb(opts.On)[:1])+verb(opts.On)[1:], opts.Flag, describeScope(opts, inScope), state))
}

func users(n int64) string {
	if n == 0 {
		return "no users"
	}
	return fmt.Sprintf("%d %s", n, pick(n == 1, "user", "users"))
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
