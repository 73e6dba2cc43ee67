package get

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
)

type env struct {
	f              *cmdutil.Factory
	stdout, stderr *bytes.Buffer
	configPath     string
}

// newEnv returns a factory whose config file is $HOME/.config/ecctl/config.yaml in a fresh
// directory, holding content unless it is empty, and whose environment is vars alone.
func newEnv(t *testing.T, vars map[string]string, content string) *env {
	t.Helper()
	home := t.TempDir()
	path := filepath.Join(home, ".config", "ecctl", "config.yaml")
	if content != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ios, _, stdout, stderr := iostreams.Test()
	f := cmdutil.New(ios)
	f.Getenv = func(k string) string {
		if k == "HOME" {
			return home
		}
		return vars[k]
	}
	fs := pflag.NewFlagSet("ecctl", pflag.ContinueOnError)
	for _, name := range []string{"profile", "endpoint", "username", "customer", "output", "config"} {
		fs.String(name, "", "")
	}
	f.RootFlags = fs
	return &env{f: f, stdout: stdout, stderr: stderr, configPath: path}
}

func (e *env) setFlag(t *testing.T, name, value string) {
	t.Helper()
	if err := e.f.RootFlags.Set(name, value); err != nil {
		t.Fatal(err)
	}
}

func exitCode(err error) int {
	var exit *cmdutil.ExitError
	if errors.As(err, &exit) {
		return exit.Code
	}
	return cmdutil.ExitFailure
}
