package cmdutil

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// ExactUsageWithBoolHint is ExactUsage for commands that have boolean flags. A boolean flag
// never takes the next word, so `users list 44444 --failover false` sets --failover and
// leaves "false" as a second argument; the count check alone would answer "accepts at most
// 1 arg(s)", which does not help. The stray word is reported first, with the fix; then the
// count is checked.
func ExactUsageWithBoolHint(validator cobra.PositionalArgs) cobra.PositionalArgs {
	counted := ExactUsage(validator)
	return func(cmd *cobra.Command, args []string) error {
		for _, a := range args {
			if a == "true" || a == "false" {
				return UsageErrorf("unexpected argument %q: boolean flags take their value with '=', e.g. --%s=%s", a, strayBoolFlag(cmd), a)
			}
		}
		return counted(cmd, args)
	}
}

// strayBoolFlag guesses the boolean flag the stray word was meant for: the only boolean
// flag given (it is true, since it did not take the word). With none or several it falls
// back to the most common case.
func strayBoolFlag(cmd *cobra.Command) string {
	var given []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" && f.Value.String() == "true" {
			given = append(given, f.Name)
		}
	})
	if len(given) == 1 {
		return given[0]
	}
	return "failover"
}
