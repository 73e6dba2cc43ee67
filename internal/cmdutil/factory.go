// Package cmdutil holds what every command needs and nothing command-specific: the Factory
// that lazily builds config, client and output settings, the exit-code errors, and helpers
// for flags that several commands share. Command packages depend on it; it depends on none
// of them.
package cmdutil

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/config"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/output"
)

// GlobalOptions are the root command's flags that are not config keys.
type GlobalOptions struct {
	Timeout time.Duration
	Retries int
	Debug   bool
	Yes     bool
	NoInput bool
}

// Factory gives commands their dependencies. Nothing is loaded until a command asks for it,
// so help, completion and version work without a config file or credentials.
type Factory struct {
	IOStreams *iostreams.IOStreams
	Getenv    func(string) string
	Now       func() time.Time
	Global    GlobalOptions
	// RootFlags are the root command's persistent flags; changed ones win over everything.
	RootFlags *pflag.FlagSet
	// HTTPClient, when set, lends its transport to the API client (tests).
	HTTPClient *http.Client
	// Sleep replaces the retry back-off wait (tests).
	Sleep func(context.Context, time.Duration) error

	configOnce sync.Once
	config     *config.Config
	configErr  error
	clientOnce sync.Once
	client     *client.Client
	clientErr  error
}

// New returns a Factory for the real process environment.
func New(ios *iostreams.IOStreams) *Factory {
	return &Factory{IOStreams: ios, Getenv: os.Getenv, Now: time.Now}
}

// Config loads the config file once and resolves it against flags and environment.
func (f *Factory) Config() (*config.Config, error) {
	f.configOnce.Do(func() {
		f.config, f.configErr = config.Load(config.LoadOptions{
			Flags:  f.RootFlags,
			Getenv: f.Getenv,
			Stderr: f.IOStreams.ErrOut,
		})
		if f.configErr != nil {
			f.configErr = UsageError(f.configErr)
		}
	})
	return f.config, f.configErr
}

// ConfigPath is the config file's path, found without reading the file.
func (f *Factory) ConfigPath() (string, error) {
	path, err := config.FindPath(config.LoadOptions{Flags: f.RootFlags, Getenv: f.Getenv})
	return path, UsageError(err)
}

// Settings resolves endpoint, username, customer and output.
func (f *Factory) Settings() (config.Settings, error) {
	cfg, err := f.Config()
	if err != nil {
		return config.Settings{}, err
	}
	s, err := cfg.Resolve()
	if err != nil {
		return config.Settings{}, UsageError(err)
	}
	return s, nil
}

// OutputFormat is the resolved -o/--output value.
func (f *Factory) OutputFormat() (output.Format, error) {
	s, err := f.Settings()
	if err != nil {
		return "", err
	}
	format, err := output.ParseFormat(s.Output)
	if err != nil {
		return "", UsageError(err)
	}
	return format, nil
}

// Client builds the API client with the resolved endpoint and credentials. The password is
// looked up only here, so commands that never call the API never run a password-command.
func (f *Factory) Client(ctx context.Context) (*client.Client, error) {
	f.clientOnce.Do(func() {
		f.client, f.clientErr = f.newClient(ctx, true)
	})
	return f.client, f.clientErr
}

// AnonymousClient builds a client that sends no credentials (password set).
func (f *Factory) AnonymousClient(ctx context.Context) (*client.Client, error) {
	return f.newClient(ctx, false)
}

func (f *Factory) newClient(ctx context.Context, withCredentials bool) (*client.Client, error) {
	s, err := f.Settings()
	if err != nil {
		return nil, err
	}
	if !withCredentials {
		return f.ClientFor(s.Endpoint, "", "")
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	password, _, err := cfg.Password(ctx)
	if err != nil {
		return nil, err
	}
	if s.Username == "" || password == "" {
		return nil, &ExitError{Code: ExitAuth, Err: fmt.Errorf(
			"no credentials for profile %q: run `ecctl auth login`, or set ECCTL_USERNAME and ECCTL_PASSWORD", s.Profile)}
	}
	return f.ClientFor(s.Endpoint, s.Username, password)
}

// StateDir is $XDG_STATE_HOME/ecctl (default ~/.local/state/ecctl), created 0700.
func (f *Factory) StateDir() (string, error) {
	base := f.Getenv("XDG_STATE_HOME")
	if base == "" {
		home := f.Getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", fmt.Errorf("finding the state directory: %w", err)
			}
		}
		base = filepath.Join(home, ".local", "state")
	}
	dir := filepath.Join(base, "ecctl")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the state directory: %w", err)
	}
	return dir, nil
}

// CanPrompt reports whether the user can be asked a question.
func (f *Factory) CanPrompt() bool {
	return !f.Global.NoInput && !f.EnvTrue("ECCTL_NO_INPUT") && f.IOStreams.CanPrompt()
}

// EnvTrue reports whether an on/off environment variable is on: 1, true, yes or on, in any
// case.
func (f *Factory) EnvTrue(name string) bool {
	switch strings.ToLower(strings.TrimSpace(f.Getenv(name))) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// Warnf prints a warning on stderr.
func (f *Factory) Warnf(format string, args ...any) {
	fmt.Fprintf(f.IOStreams.ErrOut, "warning: "+format+"\n", args...)
}

// Out is stdout.
func (f *Factory) Out() io.Writer { return f.IOStreams.Out }

// Record appends a change to the audit journal, filling in who and where. A journal that
// cannot be written is reported as a warning: the change itself has happened.
func (f *Factory) Record(e journal.Entry) {
	if e.Time.IsZero() {
		e.Time = f.Now().UTC()
	}
	if s, err := f.Settings(); err == nil {
		e.Profile, e.Endpoint, e.APIUser = s.Profile, s.Endpoint, s.Username
	}
	dir, err := f.StateDir()
	if err == nil {
		err = journal.Append(dir, e)
	}
	if err != nil {
		f.Warnf("%v", err)
	}
}
