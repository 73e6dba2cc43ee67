// Package shared holds what the `ecctl config` commands have in common: key completion
// and the exit code of a failed edit.
package shared

import (
	"errors"
	"io/fs"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// EditError gives a failed read or write of the config file exit code 1 and everything
// else (an unknown key, a bad value, a malformed file) exit code 2: those are the user's
// input, and nothing was written.
func EditError(err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	if errors.As(err, &pathErr) || errors.As(err, &linkErr) {
		return err
	}
	return cmdutil.UsageError(err)
}

// SettableKeys are the keys `config set` accepts: all but the password.
func SettableKeys() []string {
	return slices.DeleteFunc(config.Keys(), func(k string) bool { return k == config.KeyPassword })
}

// CompleteKey completes the first argument with keys.
func CompleteKey(keys []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return keys, cobra.ShellCompDirectiveNoFileComp
	}
}
