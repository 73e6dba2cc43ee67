package login

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmd/auth/shared"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/config"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/validate"
)

// maxPasswordBytes bounds what --password-stdin reads: a password is one short line, and a
// file piped in by mistake must not be read whole (or stored).
const maxPasswordBytes = 4096

// setting is one value being logged in and where it came from.
type setting struct {
	value string
	src   config.Source
	// asked is set when the user typed (or confirmed) it at a prompt.
	asked bool
}

// passwordOrigin says how login got the password; it decides whether it may be stored.
type passwordOrigin int

const (
	fromStdin passwordOrigin = iota
	fromPrompt
	fromCommand // the profile's password-command (or ECCTL_PASSWORD, which wins over it)
)

// inputs are the credentials `auth login` checks and stores.
type inputs struct {
	endpoint, username, customer setting
	password                     string
	passwordFrom                 passwordOrigin
}

// gather collects endpoint, username, customer and password, asking on a terminal for
// what flags, environment and profile do not give, and checks each before the next is
// asked for, so that a typo in the customer does not cost a typed password.
func gather(ctx context.Context, f *cmdutil.Factory, cfg *config.Config, opts *Options) (*inputs, error) {
	// With --password-stdin, standard input is the password, not answers to prompts.
	canPrompt := f.CanPrompt() && !opts.PasswordStdin
	in := &inputs{}
	var err error

	if in.endpoint, err = ask(f, cfg, config.KeyEndpoint, "API endpoint", canPrompt); err != nil {
		return nil, err
	}
	if _, err := client.New(client.Options{Endpoint: in.endpoint.value}); err != nil {
		return nil, cmdutil.UsageErrorf("%v (from %s)", err, sourceOf(in.endpoint))
	}

	if in.username, err = ask(f, cfg, config.KeyUsername, "API username", canPrompt); err != nil {
		return nil, err
	}
	if in.username.value == "" {
		if in.username.asked {
			return nil, cmdutil.UsageErrorf("no username given")
		}
		return nil, cmdutil.UsageErrorf("no username: give --username or set ECCTL_USERNAME (there is no terminal to ask on)")
	}

	if in.customer, err = ask(f, cfg, config.KeyCustomer, "Customer number (to check the credentials with)", canPrompt); err != nil {
		return nil, err
	}
	if in.customer.value == "" {
		return nil, cmdutil.UsageErrorf("no customer: login checks the credentials by counting the users of a customer " +
			"(the API has no other way to verify them); give --customer or set ECCTL_CUSTOMER")
	}
	if err := validate.Customer(in.customer.value); err != nil {
		return nil, cmdutil.UsageErrorf("%v (from %s)", err, sourceOf(in.customer))
	}

	in.password, in.passwordFrom, err = password(ctx, f, cfg, opts, in.username.value, canPrompt)
	if err != nil {
		return nil, err
	}
	return in, nil
}

// ask returns key's value from the flag, else the environment, else the profile, else the
// default; on a terminal a value that did not come from a flag or the environment is asked
// for, with the profile's value or the default as the proposed answer.
func ask(f *cmdutil.Factory, cfg *config.Config, key, question string, canPrompt bool) (setting, error) {
	s, err := lookup(f, cfg, key)
	if err != nil {
		return s, err
	}
	if !canPrompt || s.src.Kind == config.SourceFlag || s.src.Kind == config.SourceEnv {
		return s, nil
	}
	answer, err := shared.Prompt(f.IOStreams, question, s.value)
	if err != nil {
		return s, cmdutil.UsageErrorf("%s: %w", strings.ToLower(question), err)
	}
	return setting{value: answer, src: s.src, asked: true}, nil
}

// lookup applies flag > environment > profile > default to one key. config.Resolve cannot
// be used: it refuses a profile that does not exist yet, and login is what creates it.
func lookup(f *cmdutil.Factory, cfg *config.Config, key string) (setting, error) {
	if f.RootFlags != nil {
		if fl := f.RootFlags.Lookup(key); fl != nil && fl.Changed {
			return setting{value: fl.Value.String(), src: config.Source{Kind: config.SourceFlag, Name: key}}, nil
		}
	}
	env := "ECCTL_" + strings.ToUpper(key)
	if v := f.Getenv(env); v != "" {
		return setting{value: v, src: config.Source{Kind: config.SourceEnv, Name: env}}, nil
	}
	v, err := cfg.Get(key)
	if err != nil {
		return setting{}, err
	}
	if v != "" {
		return setting{value: v, src: config.Source{Kind: config.SourceProfile, Name: cfg.Profile(), Path: cfg.Path()}}, nil
	}
	if key == config.KeyEndpoint {
		return setting{value: config.DefaultEndpoint, src: config.Source{Kind: config.SourceDefault}}, nil
	}
	return setting{src: config.Source{Kind: config.SourceNone}}, nil
}

func sourceOf(s setting) string {
	if s.asked {
		return "the prompt"
	}
	return s.src.String()
}

// password reads the password: standard input with --password-stdin, else the profile's
// password-command, else a prompt without echo.
func password(ctx context.Context, f *cmdutil.Factory, cfg *config.Config, opts *Options, username string, canPrompt bool) (string, passwordOrigin, error) {
	if opts.PasswordStdin {
		pw, err := readStdin(f.IOStreams.In)
		return pw, fromStdin, err
	}
	if command, err := cfg.Get(config.KeyPasswordCommand); err == nil && command != "" {
		pw, _, err := cfg.Password(ctx)
		if err != nil {
			return "", fromCommand, err
		}
		return pw, fromCommand, nil
	}
	if !canPrompt {
		return "", 0, cmdutil.UsageErrorf("no password: pipe it in with --password-stdin " +
			"(pass show retarus/continuity | ecctl auth login --password-stdin), or give the profile a password-command; " +
			"scripts can skip login and set ECCTL_USERNAME and ECCTL_PASSWORD")
	}
	pw, err := f.IOStreams.ReadPassword(fmt.Sprintf("Password of %s: ", username))
	if err != nil {
		if errors.Is(err, iostreams.ErrNoAnswer) {
			return "", 0, cmdutil.UsageErrorf("no password given")
		}
		return "", 0, fmt.Errorf("reading the password: %w", err)
	}
	if pw == "" {
		return "", 0, cmdutil.UsageErrorf("no password given")
	}
	return pw, fromPrompt, nil
}

// readStdin reads the password for --password-stdin: the whole input, which must be one
// line (a trailing line ending is removed, nothing else).
func readStdin(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPasswordBytes+1))
	if err != nil {
		return "", fmt.Errorf("reading the password from stdin: %w", err)
	}
	if len(data) > maxPasswordBytes {
		return "", cmdutil.UsageErrorf("--password-stdin: standard input holds more than %d bytes; it must hold the password alone", maxPasswordBytes)
	}
	pw := strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r")
	switch {
	case pw == "":
		return "", cmdutil.UsageErrorf("--password-stdin: standard input is empty; pipe the password in")
	case strings.ContainsAny(pw, "\r\n"):
		return "", cmdutil.UsageErrorf("--password-stdin: standard input holds more than one line; it must hold the password alone")
	}
	return pw, nil
}
