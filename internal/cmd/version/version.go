// Package version implements `ecctl version`.
package version

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/build"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// Info is what `ecctl version` prints.
type Info struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Go      string `json:"go"`
}

// NewCmd returns `ecctl version`.
func NewCmd(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show ecctl's version and the commit it was built from",
		Long: `Show the version and commit ecctl was built from and the Go version. Needs no config
file and sends no request. With -o json or -o yaml the same facts come as an object.`,
		Example: `  $ ecctl version
  $ ecctl version -o json`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			version, commit := build.Info()
			v := Info{Version: version, Commit: commit, Go: runtime.Version()}
			format, err := outputFormat(cmd, f.Getenv)
			if err != nil {
				return err
			}
			if format == output.Table {
				_, err := fmt.Fprintf(f.IOStreams.Out, "ecctl %s (commit %s, %s)\n", v.Version, v.Commit, v.Go)
				return err
			}
			return output.Print(f.IOStreams.Out, format, v, func() ([]string, [][]string) {
				return []string{"version", "commit", "go"}, [][]string{{v.Version, v.Commit, v.Go}}
			})
		},
	}
}

// outputFormat reads -o or ECCTL_OUTPUT without loading the config file: version must work
// anywhere, even next to a broken config.
func outputFormat(cmd *cobra.Command, getenv func(string) string) (output.Format, error) {
	value := getenv("ECCTL_OUTPUT")
	if fl := cmd.Flags().Lookup("output"); fl != nil && fl.Changed {
		value = fl.Value.String()
	}
	if value == "" {
		return output.Table, nil
	}
	format, err := output.ParseFormat(value)
	if err != nil {
		return "", cmdutil.UsageError(err)
	}
	return format, nil
}
