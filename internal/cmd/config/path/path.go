// Package path implements `ecctl config path`.
package path

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

// Options are the parsed flags of `config path`.
type Options struct{}

// NewCmd returns `ecctl config path`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "path",
		Short: "Print the path of the config file",
		Long: `Print the path of the config file ecctl uses: --config, else ECCTL_CONFIG, else
$XDG_CONFIG_HOME/ecctl/config.yaml, else ~/.config/ecctl/config.yaml. The file need not
exist: this is where 'ecctl auth login' and 'ecctl config set' would create it (a note on
stderr says so). The file is not read, so this works even when it is broken. Needs no
credentials.`,
		Example: `  $ ecctl config path
  $ ecctl config path --config ./ecctl.yaml`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(f)
		},
	}
}

func run(f *cmdutil.Factory) error {
	path, err := f.ConfigPath()
	if err != nil {
		return err
	}
	if path == "" {
		return cmdutil.UsageErrorf("no config file location: neither XDG_CONFIG_HOME nor HOME is set; give --config or set ECCTL_CONFIG")
	}
	if _, err := fmt.Fprintln(f.IOStreams.Out, path); err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(f.IOStreams.ErrOut, "(does not exist yet; `ecctl auth login` or `ecctl config set` creates it)")
	}
	return nil
}
