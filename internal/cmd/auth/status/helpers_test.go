package status

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

// The mock's only account; the password is distinctive so that a leak is easy to find.
const (
	apiUser     = "api-user"
	apiPassword = "Pw-7f3e-never-shown"
)

// newMock serves a fresh mock with 3 users for 44444.
func newMock(t *testing.T) string {
	t.Helper()
	h, err := mock.NewHandler(mock.Options{
		Seed:     3,
		Accounts: []mock.Account{{User: apiUser, Pass: apiPassword, Customers: []string{"44444"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

type env struct {
	f                *cmdutil.Factory
	stdin            *bytes.Buffer
	stdout, stderr   *bytes.Buffer
	home, configPath string
}

// newEnv returns a factory with buffer streams, an environment of its own (nothing from the
// process leaks in) and the root's global flags set from flags (name → value).
func newEnv(t *testing.T, vars map[string]string, flags map[string]string) *env {
	t.Helper()
	home := t.TempDir()
	ios, stdin, stdout, stderr := iostreams.Test()
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
	for name, value := range flags {
		if err := fs.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	f.RootFlags = fs
	return &env{f: f, stdin: stdin, stdout: stdout, stderr: stderr, home: home,
		configPath: filepath.Join(home, ".config", "ecctl", "config.yaml")}
}

func (e *env) writeConfig(t *testing.T, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(e.configPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.configPath, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *cmdutil.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("error %v (%T) carries no exit code", err, err)
	}
	return exit.Code
}
