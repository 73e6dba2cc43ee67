package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// ExactUsageWithBoolHint is ExactUsage for commands that have boolean flags. A boolean flag
// never takes the next word, so `users list 44444 --failover false` sets --failover and
// leaves "false" as a second argument; the count check alone would answer "accepts at most
// 1 arg(s)", which does not help. The stray word is reported first, with the fix (see
// StrayBoolArg); then the count is checked.
func ExactUsageWithBoolHint(validator cobra.PositionalArgs) cobra.PositionalArgs {
	counted := ExactUsage(validator)
	return func(cmd *cobra.Command, args []string) error {
		if err := StrayBoolArg(cmd, args); err != nil {
			return err
		}
		return counted(cmd, args)
	}
}

// StrayBoolArg returns a usage error when a positional argument of cmd is the word "true" or
// "false": almost always the value of a boolean flag written with a space (`--yes false`),
// which pflag does not take as the flag's value. The error names the flag it was meant for
// (see strayBoolFlags). Call it on the arguments cobra passes after parsing.
func StrayBoolArg(cmd *cobra.Command, args []string) error {
	for _, a := range args {
		if a == "true" || a == "false" {
			return UsageErrorf("unexpected argument %q: boolean flags take their value with '=', e.g. %s", a, boolHint(strayBoolFlags(cmd), a))
		}
	}
	return nil
}

// strayBoolFlags returns the flags a stray "true"/"false" may have been meant for, in the
// order they were given: the boolean flags given without a value. Such a flag is true, so
// the candidates are the boolean flags that were set and are true. cmd.Flags() holds the
// inherited (persistent) flags too once cobra has parsed the command line, so a root flag
// such as --yes is found as well as the command's own.
//
// The stray word's place on the command line would single out the flag just before it, but
// pflag keeps only the positional arguments, and os.Args need not be what cobra parsed
// (ecctl passes its arguments to cobra explicitly). A boolean flag that is true is the only
// one that leaves the next word behind, so this misses nothing: a single candidate is the
// flag; with several, the hint names them all.
func strayBoolFlags(cmd *cobra.Command) []string {
	fs := cmd.Flags()
	// Unsorted, Visit goes through the flags in the order they were set.
	sorted := fs.SortFlags
	fs.SortFlags = false
	defer func() { fs.SortFlags = sorted }()
	var names []string
	fs.Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" && f.Value.String() == "true" {
			names = append(names, f.Name)
		}
	})
	return names
}

// boolHint writes the fix for a stray word: "--yes=false", "--dry-run=false or
// --yes=false", or, when no boolean flag was given, the general form "--FLAG=false".
func boolHint(flags []string, word string) string {
	if len(flags) == 0 {
		return "--FLAG=" + word
	}
	fixes := make([]string, len(flags))
	for i, name := range flags {
		fixes[i] = fmt.Sprintf("--%s=%s", name, word)
	}
	if len(fixes) == 1 {
		return fixes[0]
	}
	return strings.Join(fixes[:len(fixes)-1], ", ") + " or " + fixes[len(fixes)-1]
}
