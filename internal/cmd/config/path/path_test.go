package path

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestPathWithoutAConfigFile(t *testing.T) {
	e := newEnv(t, nil, "")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.String() != e.configPath+"\n" {
		t.Errorf("stdout = %q, want %q", e.stdout, e.configPath)
	}
	if !strings.Contains(e.stderr.String(), "does not exist yet") {
		t.Errorf("stderr = %q", e.stderr)
	}
}

func TestPathPrecedence(t *testing.T) {
	dir := t.TempDir()
	env := filepath.Join(dir, "env.yaml")
	flag := filepath.Join(dir, "flag.yaml")
	xdg := filepath.Join(dir, "xdg")

	e := newEnv(t, map[string]string{"XDG_CONFIG_HOME": xdg}, "")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(xdg, "ecctl", "config.yaml") + "\n"; e.stdout.String() != want {
		t.Errorf("XDG: stdout = %q, want %q", e.stdout, want)
	}

	e = newEnv(t, map[string]string{"XDG_CONFIG_HOME": xdg, "ECCTL_CONFIG": env}, "")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.String() != env+"\n" {
		t.Errorf("ECCTL_CONFIG: stdout = %q, want %q", e.stdout, env)
	}

	e = newEnv(t, map[string]string{"ECCTL_CONFIG": env}, "")
	e.setFlag(t, "config", flag)
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.String() != flag+"\n" {
		t.Errorf("--config: stdout = %q, want %q", e.stdout, flag)
	}
}

func TestPathExisting(t *testing.T) {
	e := newEnv(t, nil, "profiles: {}\n")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.String() != e.configPath+"\n" || e.stderr.Len() != 0 {
		t.Errorf("stdout %q, stderr %q", e.stdout, e.stderr)
	}
}
