// Package list implements `ecctl config list`.
package list

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
	"github.com/ecctl/ecctl/internal/output"
)

// Options are the parsed flags of `config list`.
type Options struct{}

// NewCmd returns `ecctl config list`. runF, when not nil, replaces the run function (tests).
func NewCmd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{}
	return &cobra.Command{
		Use:   "list",
		Short: "List the keys of the active profile",
		Long: `List the keys the active profile stores in the config file, with a stored password shown
as ********. Flags and ECCTL_* environment variables are not applied; 'ecctl auth status'
shows the values in effect. With -o json or -o yaml the profile is an object of key/value
pairs.`,
		Example: `  $ ecctl config list
  $ ecctl config list --profile staging -o json`,
		Args: cmdutil.ExactUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(f)
		},
	}
}

// profileView is the profile as -o json/yaml show it, keys in the file's documented order.
type profileView struct {
	Endpoint        string `json:"endpoint,omitempty"`
	Username        string `json:"username,omitempty"`
	Customer        string `json:"customer,omitempty"`
	Output          string `json:"output,omitempty"`
	PasswordCommand string `json:"password-command,omitempty"`
	Password        string `json:"password,omitempty"`
}

func run(f *cmdutil.Factory) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	format, err := f.OutputFormat()
	if err != nil {
		return err
	}
	kvs := cfg.List()
	rows := make([][]string, 0, len(kvs))
	for _, kv := range kvs {
		rows = append(rows, []string{kv.Key, kv.Value})
	}
	if len(kvs) == 0 && format == output.Table {
		fmt.Fprintf(f.IOStreams.ErrOut, "Profile %q has no keys in %s.\n", cfg.Profile(), cfg.Path())
		return nil
	}
	return output.Print(f.IOStreams.Out, format, viewOf(kvs), func() ([]string, [][]string) {
		return []string{"key", "value"}, rows
	})
}

func viewOf(kvs []config.KeyValue) profileView {
	var v profileView
	for _, kv := range kvs {
		switch kv.Key {
		case config.KeyEndpoint:
			v.Endpoint = kv.Value
		case config.KeyUsername:
			v.Username = kv.Value
		case config.KeyCustomer:
			v.Customer = kv.Value
		case config.KeyOutput:
			v.Output = kv.Value
		case config.KeyPasswordCommand:
			v.PasswordCommand = kv.Value
		case config.KeyPassword:
			v.Password = kv.Value
		}
	}
	return v
}
