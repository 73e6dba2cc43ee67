package get

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
)

const content = "profiles:\n  default:\n    customer: \"44444\"\n    password: Pw-stored\n  prod:\n    endpoint: https://example.com/v2/\n"

func TestGet(t *testing.T) {
	tests := []struct {
		profile, key, want string
	}{
		{"", "customer", "44444\n"},
		{"", "Password", "********\n"},
		{"PROD", "endpoint", "https://example.com/v2/\n"},
	}
	for _, tt := range tests {
		e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "55555"}), cmdtest.WithConfig(content))
		if tt.profile != "" {
			e.SetFlag("profile", tt.profile)
		}
		if err := run(e.F, &Options{Key: tt.key}); err != nil {
			t.Fatalf("get %s: %v", tt.key, err)
		}
		if e.Out.String() != tt.want {
			t.Errorf("get %s = %q, want %q", tt.key, e.Out, tt.want)
		}
	}
}

func TestGetUnsetAndUnknown(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithConfig(content))
	err := run(e.F, &Options{Key: "username"})
	if cmdtest.ExitCode(err) != 1 || !strings.Contains(err.Error(), `username is not set in profile "default"`) {
		t.Errorf("unset key: err = %v", err)
	}
	err = run(e.F, &Options{Key: "colour"})
	if cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), `unknown key "colour"`) {
		t.Errorf("unknown key: err = %v", err)
	}
	if e.Out.Len() != 0 {
		t.Errorf("stdout = %q", e.Out)
	}
}

func TestGetRefusesAnExposedPasswordFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits")
	}
	e := cmdtest.New(t, cmdtest.WithConfig(content))
	if err := os.Chmod(e.ConfigPath, 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(e.F, &Options{Key: "customer"})
	if cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), "chmod 600 "+e.ConfigPath) {
		t.Errorf("err = %v", err)
	}
}
