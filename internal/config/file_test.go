package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestNoFileAtAll(t *testing.T) {
	home := t.TempDir()
	c := mustLoad(t, LoadOptions{Getenv: envMap(map[string]string{"HOME": home})})
	want := filepath.Join(home, ".config", "ecctl", "config.yaml")
	if c.Path() != want {
		t.Errorf("Path() = %q, want %q", c.Path(), want)
	}
	s, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if s.Profile != "default" || s.Endpoint != DefaultEndpoint || s.Output != "table" || s.Username != "" {
		t.Errorf("settings = %+v, want defaults", s)
	}
	if got := c.Profiles(); len(got) != 0 {
		t.Errorf("Profiles() = %v, want none", got)
	}
	if got := c.List(); len(got) != 0 {
		t.Errorf("List() = %v, want nothing", got)
	}
	if v, err := c.Get("endpoint"); v != "" || err != nil {
		t.Errorf("Get(endpoint) = %q, %v", v, err)
	}
	if pw, src, err := c.Password(t.Context()); pw != "" || src.Kind != SourceNone || err != nil {
		t.Errorf("Password = %q, %v, %v", pw, src, err)
	}
	if removed, err := c.Logout(""); removed || err != nil {
		t.Errorf("Logout = %v, %v", removed, err)
	}
	if _, err := os.Stat(filepath.Dir(want)); !os.IsNotExist(err) {
		t.Errorf("reading created %s", filepath.Dir(want))
	}
}

func TestPathSelection(t *testing.T) {
	tests := []struct {
		name string
		opt  string
		args []string
		env  map[string]string
		want string
	}{
		{"xdg", "", nil, map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/ecctl/config.yaml"},
		{"home fallback", "", nil, map[string]string{"HOME": "/home/u"}, "/home/u/.config/ecctl/config.yaml"},
		{"relative xdg ignored", "", nil, map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/home/u"}, "/home/u/.config/ecctl/config.yaml"},
		{"ECCTL_CONFIG", "", nil, map[string]string{"ECCTL_CONFIG": "/etc/ecctl.yaml", "XDG_CONFIG_HOME": "/xdg"}, "/etc/ecctl.yaml"},
		{"flag beats env", "", []string{"--config", "/flag.yaml"}, map[string]string{"ECCTL_CONFIG": "/env.yaml"}, "/flag.yaml"},
		{"option beats flag", "/opt.yaml", []string{"--config", "/flag.yaml"}, nil, "/opt.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustLoad(t, LoadOptions{Path: tt.opt, Flags: globalFlags(t, tt.args...), Getenv: envMap(tt.env)})
			if c.Path() != tt.want {
				t.Errorf("Path() = %q, want %q", c.Path(), tt.want)
			}
		})
	}
}

func TestRelativeConfigPathIsMadeAbsolute(t *testing.T) {
	c := mustLoad(t, LoadOptions{Path: "some/config.yaml"})
	if !filepath.IsAbs(c.Path()) || !strings.HasSuffix(c.Path(), filepath.Join("some", "config.yaml")) {
		t.Errorf("Path() = %q", c.Path())
	}
}

func TestMalformedYAMLNamesFileAndLine(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  default:\n    endpoint: x\n    username: a: b\n", 0o600)
	_, err := Load(LoadOptions{Path: path, Getenv: envMap(nil)})
	if err == nil {
		t.Fatal("Load accepted malformed YAML")
	}
	if !strings.HasPrefix(err.Error(), "parsing "+path+": ") || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("error = %q, want the file and line 4", err)
	}
	if strings.Contains(err.Error(), "While parsing config") {
		t.Errorf("error keeps viper's prefix: %q", err)
	}
}

func TestWrongShapeIsRefused(t *testing.T) {
	for content, want := range map[string]string{
		"- a\n- b\n":                  "parsing ",
		"profiles:\n  - default\n":    "profiles must be a mapping",
		"profiles:\n  default: yes\n": `profile "default" must be a mapping`,
	} {
		path := writeFile(t, t.TempDir(), content, 0o600)
		_, err := Load(LoadOptions{Path: path, Getenv: envMap(nil)})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%q: err = %v, want %q and the path", content, err, want)
		}
	}
}

func TestEmptyAndNullFilesAreFine(t *testing.T) {
	for _, content := range []string{"", "# just a comment\n", "profiles:\n", "profiles:\n  staging:\n"} {
		path := writeFile(t, t.TempDir(), content, 0o644)
		c := mustLoad(t, LoadOptions{Path: path})
		if _, err := c.Resolve(); err != nil {
			t.Errorf("%q: %v", content, err)
		}
		if err := c.Set("username", "u"); err != nil {
			t.Errorf("%q: Set: %v", content, err)
		}
		if v, _ := mustLoad(t, LoadOptions{Path: path}).Get("username"); v != "u" {
			t.Errorf("%q: after Set, username = %q", content, v)
		}
	}
}

func TestReadableFileWithPasswordIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits on Windows")
	}
	content := "profiles:\n  default:\n    username: u\n  staging:\n    password: demo\n"
	for _, m := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		path := writeFile(t, t.TempDir(), content, m)
		_, err := Load(LoadOptions{Path: path, Getenv: envMap(nil)})
		wantMsg := path + " holds a password and is readable by others (mode " + octal(m) + "); run: chmod 600 " + path
		if err == nil || err.Error() != wantMsg {
			t.Errorf("mode %04o: err = %v\nwant %s", m, err, wantMsg)
		}
		if err != nil && strings.Contains(err.Error(), "demo") {
			t.Errorf("error shows the password: %v", err)
		}
	}
	// 0600 is fine, and so is 0644 without a password.
	mustLoad(t, LoadOptions{Path: writeFile(t, t.TempDir(), content, 0o600)})
	mustLoad(t, LoadOptions{Path: writeFile(t, t.TempDir(), "profiles:\n  default:\n    username: u\n", 0o644)})
}

func octal(m os.FileMode) string {
	const digits = "01234567"
	p := uint32(m.Perm())
	return "0" + string(digits[p>>6&7]) + string(digits[p>>3&7]) + string(digits[p&7])
}
