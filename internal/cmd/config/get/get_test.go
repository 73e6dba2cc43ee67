package get

import (
	"os"
	"runtime"
	"strings"
	"testing"
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
		e := newEnv(t, map[string]string{"ECCTL_CUSTOMER": "55555"}, content)
		if tt.profile != "" {
			e.setFlag(t, "profile", tt.profile)
		}
		if err := run(e.f, &Options{Key: tt.key}); err != nil {
			t.Fatalf("get %s: %v", tt.key, err)
		}
		if e.stdout.String() != tt.want {
			t.Errorf("get %s = %q, want %q", tt.key, e.stdout, tt.want)
		}
	}
}

func TestGetUnsetAndUnknown(t *testing.T) {
	e := newEnv(t, nil, content)
	err := run(e.f, &Options{Key: "username"})
	if exitCode(err) != 1 || !strings.Contains(err.Error(), `username is not set in profile "default"`) {
		t.Errorf("unset key: err = %v", err)
	}
	err = run(e.f, &Options{Key: "colour"})
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `unknown key "colour"`) {
		t.Errorf("unknown key: err = %v", err)
	}
	if e.stdout.Len() != 0 {
		t.Errorf("stdout = %q", e.stdout)
	}
}

func TestGetRefusesAnExposedPasswordFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits")
	}
	e := newEnv(t, nil, content)
	if err := os.Chmod(e.configPath, 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(e.f, &Options{Key: "customer"})
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "chmod 600 "+e.configPath) {
		t.Errorf("err = %v", err)
	}
}
