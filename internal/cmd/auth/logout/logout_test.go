package logout

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// newFactory returns a factory whose environment is vars alone and whose config file, path,
// holds content unless it is empty.
func newFactory(t *testing.T, vars map[string]string, content string) (*cmdutil.Factory, *bytes.Buffer, string) {
	t.Helper()
	opts := []cmdtest.Option{cmdtest.WithVars(vars)}
	if content != "" {
		opts = append(opts, cmdtest.WithConfig(content))
	}
	e := cmdtest.New(t, opts...)
	return e.F, e.ErrOut, e.ConfigPath
}

func TestLogoutRemovesOnlyThePassword(t *testing.T) {
	f, stderr, path := newFactory(t, map[string]string{"ECCTL_PROFILE": "Prod"},
		"# mine\nprofiles:\n  prod:\n    username: api-user\n    password: Pw-secret-1\n  other:\n    password: Pw-secret-2\n")
	if err := run(f); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "# mine\nprofiles:\n  prod:\n    username: api-user\n  other:\n    password: Pw-secret-2\n"
	if string(data) != want {
		t.Errorf("config file:\n%s\nwant:\n%s", data, want)
	}
	if !strings.Contains(stderr.String(), `Removed the stored password of profile "prod" from `+path) {
		t.Errorf("stderr:\n%s", stderr)
	}
	if strings.Contains(stderr.String(), "Pw-secret") {
		t.Errorf("a password was printed:\n%s", stderr)
	}
}

func TestLogoutWithNothingToRemove(t *testing.T) {
	f, stderr, path := newFactory(t, map[string]string{"ECCTL_PASSWORD": "x"},
		"profiles:\n  default:\n    password-command: pass show x\n")
	if err := run(f); err != nil {
		t.Fatalf("logout with nothing to remove: %v", err)
	}
	for _, want := range []string{`Profile "default" has no stored password in ` + path + "; nothing to remove.",
		"password-command still provides a password", "ECCTL_PASSWORD is still set"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestLogoutWithoutAConfigFileCreatesNone(t *testing.T) {
	f, stderr, path := newFactory(t, nil, "")
	if err := run(f); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("logout created %s (stat: %v)", path, err)
	}
	if !strings.Contains(stderr.String(), "nothing to remove") {
		t.Errorf("stderr:\n%s", stderr)
	}
}
