package path

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
)

func TestPathWithoutAConfigFile(t *testing.T) {
	e := cmdtest.New(t)
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != e.ConfigPath+"\n" {
		t.Errorf("stdout = %q, want %q", e.Out, e.ConfigPath)
	}
	if !strings.Contains(e.ErrOut.String(), "does not exist yet") {
		t.Errorf("stderr = %q", e.ErrOut)
	}
}

func TestPathPrecedence(t *testing.T) {
	dir := t.TempDir()
	env := filepath.Join(dir, "env.yaml")
	flag := filepath.Join(dir, "flag.yaml")
	xdg := filepath.Join(dir, "xdg")

	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"XDG_CONFIG_HOME": xdg}))
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(xdg, "ecctl", "config.yaml") + "\n"; e.Out.String() != want {
		t.Errorf("XDG: stdout = %q, want %q", e.Out, want)
	}

	e = cmdtest.New(t, cmdtest.WithVars(map[string]string{"XDG_CONFIG_HOME": xdg, "ECCTL_CONFIG": env}))
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != env+"\n" {
		t.Errorf("ECCTL_CONFIG: stdout = %q, want %q", e.Out, env)
	}

	e = cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CONFIG": env}))
	e.SetFlag("config", flag)
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != flag+"\n" {
		t.Errorf("--config: stdout = %q, want %q", e.Out, flag)
	}
}

func TestPathExisting(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithConfig("profiles: {}\n"))
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != e.ConfigPath+"\n" || e.ErrOut.Len() != 0 {
		t.Errorf("stdout %q, stderr %q", e.Out, e.ErrOut)
	}
}
