package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/validate"
)

// FilterFlags are the three-state status filters and the repeatable --group of count, list
// and status. A filter flag that is not given is no filter; --failover means true and
// --failover=false means false. pflag booleans never take the next word, so
// `--failover false` leaves "false" as an argument; CustomerArg turns that into a hint.
type FilterFlags struct {
	cmd        *cobra.Command
	activation bool
	access     bool
	failover   bool
	Groups     []string
}

// AddFilterFlags registers --activation, --access, --failover and --group on cmd.
func AddFilterFlags(cmd *cobra.Command) *FilterFlags {
	ff := &FilterFlags{cmd: cmd}
	fl := cmd.Flags()
	fl.BoolVar(&ff.activation, "activation", false, "only users whose activation is `BOOL` (--activation=false for not activated)")
	fl.BoolVar(&ff.access, "access", false, "only users whose access flag is `BOOL` (--access=false for no access)")
	fl.BoolVar(&ff.failover, "failover", false, "only users whose failover flag is `BOOL` (--failover=false for not in failover)")
	AddGroupFlag(cmd, &ff.Groups, "only members of this failover group (repeatable: members of any)")
	return ff
}

// AddGroupFlag registers a repeatable --group that is never split on commas.
// Group names come from the service, never from files, so the shell offers no file names.
func AddGroupFlag(cmd *cobra.Command, groups *[]string, usage string) {
	cmd.Flags().StringArrayVar(groups, "group", nil, usage)
	_ = cmd.RegisterFlagCompletionFunc("group", cobra.NoFileCompletions)
}

// Filter returns the filter the flags describe, after checking the groups.
func (ff *FilterFlags) Filter() (client.Filter, error) {
	f := client.Filter{Groups: ff.Groups}
	fl := ff.cmd.Flags()
	if fl.Changed("activation") {
		f.Activation = &ff.activation
	}
	if fl.Changed("access") {
		f.Access = &ff.access
	}
	if fl.Changed("failover") {
		f.Failover = &ff.failover
	}
	if err := validate.GroupFilter(ff.Groups); err != nil {
		return f, UsageError(err)
	}
	return f, nil
}

// CustomerArg resolves the customer of a command that takes [CUSTOMER] as its first
// positional argument: the argument, else --customer, ECCTL_CUSTOMER or the profile's
// customer. It returns the remaining arguments. A leftover "true"/"false" word (from
// `--failover false`) gets a hint, since that is a common slip.
func (f *Factory) CustomerArg(cmd *cobra.Command, args []string, takesCustomerArg func(args []string) bool) (string, []string, error) {
	if err := StrayBoolArg(cmd, args); err != nil {
		return "", nil, err
	}
	if len(args) > 0 && takesCustomerArg(args) {
		if err := validate.Customer(args[0]); err != nil {
			if looksLikeUser(args[0]) {
				return "", nil, UsageErrorf("%q is a user's address, but a customer number is expected here (users come from -f or are not taken by this command)", args[0])
			}
			return "", nil, UsageError(err)
		}
		return args[0], args[1:], nil
	}
	s, err := f.Settings()
	if err != nil {
		return "", nil, err
	}
	if s.Customer == "" {
		return "", nil, UsageErrorf("no customer: give it as an argument, with --customer, ECCTL_CUSTOMER or `ecctl config set customer NUMBER`")
	}
	return s.Customer, args, nil
}

// CustomerAndUser resolves the arguments of a command about one user, `[CUSTOMER] USER`: the
// customer as CustomerArg finds it, and the user's address normalised (%40 → @) and checked.
// Anything else is a usage error (exit 2), so nothing is sent for a mistyped address.
func (f *Factory) CustomerAndUser(cmd *cobra.Command, args []string) (customer, user string, err error) {
	customer, rest, err := f.CustomerArg(cmd, args, CustomerFirst)
	if err != nil {
		return "", "", err
	}
	if len(rest) != 1 {
		return "", "", UsageErrorf("want one USER after the customer, got %d arguments\nUsage: %s", len(rest), cmd.UseLine())
	}
	user, err = validate.NormalizeUser(rest[0])
	if err != nil {
		return "", "", UsageError(err)
	}
	return customer, user, nil
}

// CustomerFirst says whether the leading argument is the customer, for commands that take
// [CUSTOMER] USER...: a user's address never is, and a lone argument is the customer only if
// it is shaped like one, so `users get 44444 jane@example.com`, `users get jane@example.com`
// and `users get jane` (reported as a bad address, not a bad customer) all read naturally.
func CustomerFirst(args []string) bool {
	if looksLikeUser(args[0]) {
		return false
	}
	return len(args) > 1 || validate.Customer(args[0]) == nil
}

func looksLikeUser(s string) bool {
	return strings.Contains(s, "@") || strings.Contains(s, "%40")
}

// OnlyCustomer says that the only possible positional argument is the customer.
func OnlyCustomer([]string) bool { return true }

// Confirm asks before a change. yes skips the question. When nobody can be asked, the
// answer is proceed unless required is set (destructive commands), in which case the
// command refuses with exit 3.
func (f *Factory) Confirm(question string, required bool) error {
	if f.Global.Yes {
		return nil
	}
	if !f.CanPrompt() {
		if required {
			return NotConfirmed("refusing without --yes when not running interactively (%s)", question)
		}
		return nil
	}
	ok, err := f.IOStreams.Confirm(question, false)
	if err != nil {
		return NotConfirmed("%s: %v", question, err)
	}
	if !ok {
		return NotConfirmed("cancelled")
	}
	return nil
}

// ExactUsage is an Args validator turning cobra's argument-count errors into usage errors.
func ExactUsage(validator cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := validator(cmd, args); err != nil {
			return UsageErrorf("%v\nUsage: %s", err, cmd.UseLine())
		}
		return nil
	}
}
