package login

import (
	"fmt"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
)

// store writes what login checked to the selected profile: endpoint, username, customer
// and, unless the user or a password-command says otherwise, the password. The notes
// about the password come before the write, so a user who did not want a plain-text
// password learns about it from the same run (and can `ecctl auth logout`).
func store(f *cmdutil.Factory, cfg *config.Config, in *inputs, opts *Options) error {
	errOut := f.IOStreams.ErrOut
	command, err := cfg.Get(config.KeyPasswordCommand)
	if err != nil {
		return err
	}
	hasCommand := command != ""
	storePassword := !opts.NoStorePassword && !hasCommand

	switch {
	case storePassword:
		fmt.Fprintf(errOut, "Storing the password in plain text in %s (mode 0600). A password manager keeps it safer:\n"+
			"  ecctl config set password-command \"pass show retarus/continuity\"\n", cfg.Path())
		if f.Getenv("ECCTL_PASSWORD") != "" {
			fmt.Fprintln(errOut, "Note: ECCTL_PASSWORD is set; it wins over the stored password as long as it is.")
		}
	case hasCommand && in.passwordFrom != fromCommand:
		fmt.Fprintf(errOut, "Not storing the password: profile %q has a password-command, which provides it.\n", cfg.Profile())
	case opts.NoStorePassword && !hasCommand:
		fmt.Fprintln(errOut, "Not storing the password (--no-store-password): set ECCTL_PASSWORD, or give the profile a password-command:\n"+
			"  ecctl config set password-command \"pass show retarus/continuity\"")
	}

	if err := cfg.SaveLogin("", in.endpoint.value, in.username.value, in.password, storePassword); err != nil {
		return err
	}
	// A no-op when the profile already has this customer.
	if err := cfg.Set(config.KeyCustomer, in.customer.value); err != nil {
		return fmt.Errorf("saving the customer to profile %q: %w", cfg.Profile(), err)
	}
	return nil
}
