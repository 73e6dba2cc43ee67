package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func passwordConfig(t *testing.T, profileYAML string, env map[string]string) (*Config, *bytes.Buffer) {
	t.Helper()
	path := writeFile(t, t.TempDir(), "profiles:\n  default:\n"+profileYAML, 0o600)
	var stderr bytes.Buffer
	return mustLoad(t, LoadOptions{Path: path, Getenv: envMap(env), Stderr: &stderr}), &stderr
}

func TestPasswordSources(t *testing.T) {
	tests := []struct {
		name    string
		profile string
		env     map[string]string
		want    string
		wantSrc string
	}{
		{"env beats everything", "    password-command: echo from-command\n    password: stored\n",
			map[string]string{"ECCTL_PASSWORD": "from-env"}, "from-env", "env ECCTL_PASSWORD"},
		{"command beats stored", "    password-command: echo from-command\n    password: stored\n",
			nil, "from-command", `password-command of profile "default"`},
		{"stored", "    password: stored\n", nil, "stored", `profile "default" (%s)`},
		{"none", "    username: u\n", nil, "", "not set"},
		{"first line, trimmed", "    password-command: printf '  line one \\r\\nline two\\n'\n",
			nil, "line one", `password-command of profile "default"`},
		{"empty command is unset", "    password-command: \"\"\n    password: stored\n", nil, "stored", `profile "default" (%s)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := passwordConfig(t, tt.profile, tt.env)
			pw, src, err := c.Password(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if pw != tt.want {
				t.Errorf("password = %q, want %q", pw, tt.want)
			}
			wantSrc := tt.wantSrc
			if strings.Contains(wantSrc, "%s") {
				wantSrc = fmt.Sprintf(wantSrc, c.Path())
			}
			if src.String() != wantSrc {
				t.Errorf("source = %q, want %q", src, wantSrc)
			}
		})
	}
}

func TestPasswordCommandFailure(t *testing.T) {
	c, stderr := passwordConfig(t,
		"    password-command: \"echo leaked-secret; echo 'gpg: decryption failed' >&2; exit 3\"\n    password: stored\n", nil)
	pw, _, err := c.Password(t.Context())
	if err == nil {
		t.Fatalf("Password = %q, want an error", pw)
	}
	want := `password-command of profile "default" failed: exit status 3`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if strings.Contains(err.Error(), "leaked-secret") || strings.Contains(err.Error(), "echo") {
		t.Errorf("error shows the command or its output: %q", err)
	}
	if pw != "" {
		t.Errorf("a failing command fell back to password %q", pw)
	}
	if !strings.Contains(stderr.String(), "gpg: decryption failed") {
		t.Errorf("command's stderr not passed through: %q", stderr.String())
	}
}

func TestPasswordCommandEmptyOutput(t *testing.T) {
	for _, cmd := range []string{"true", `printf '\n'`, `printf '   \nsecond line\n'`} {
		c, _ := passwordConfig(t, fmt.Sprintf("    password-command: %q\n", cmd), nil)
		_, _, err := c.Password(t.Context())
		want := `password-command of profile "default" printed no password`
		if err == nil || err.Error() != want {
			t.Errorf("command %q: err = %v, want %q", cmd, err, want)
		}
	}
}

func TestPasswordCommandHonoursContext(t *testing.T) {
	c, _ := passwordConfig(t, "    password-command: sleep 30\n", nil)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, _, err := c.Password(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestPasswordCommandThatHangsTimesOutWithAClearReason(t *testing.T) {
	c, _ := passwordConfig(t, "    password-command: sleep 30\n", nil)
	c.passwordTimeout = 100 * time.Millisecond
	_, _, err := c.Password(t.Context())
	want := `password-command of profile "default" did not finish within 100ms`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// The command must not read ecctl's stdin, which may carry a user file.
func TestPasswordCommandGetsNoStdin(t *testing.T) {
	c, _ := passwordConfig(t, "    password-command: \"cat; echo pw\"\n", nil)
	pw, _, err := c.Password(t.Context())
	if err != nil || pw != "pw" {
		t.Errorf("Password = %q, %v; want pw", pw, err)
	}
}

func TestPasswordNeverInListGetOrErrors(t *testing.T) {
	c, _ := passwordConfig(t, "    username: u\n    password: hunter2-secret\n", nil)
	v, err := c.Get("password")
	if err != nil || v != "********" {
		t.Errorf("Get(password) = %q, %v; want ********", v, err)
	}
	for _, kv := range c.List() {
		if strings.Contains(kv.Value, "hunter2") {
			t.Errorf("List shows the password: %+v", kv)
		}
	}
	if err := c.Set("password", "hunter2-secret"); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Set(password) err = %v", err)
	}
	s, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fmt.Sprintf("%+v", s), "hunter2") {
		t.Errorf("Settings show the password: %+v", s)
	}
}
