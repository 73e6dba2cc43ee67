package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// configIn returns a Config whose default path lies under a fresh
// XDG_CONFIG_HOME, with env added to the environment.
func configIn(t *testing.T, env map[string]string, args ...string) (*Config, string) {
	t.Helper()
	xdg := filepath.Join(t.TempDir(), "xdg")
	m := map[string]string{"XDG_CONFIG_HOME": xdg}
	for k, v := range env {
		m[k] = v
	}
	c := mustLoad(t, LoadOptions{Flags: globalFlags(t, args...), Getenv: envMap(m)})
	return c, filepath.Join(xdg, "ecctl", "config.yaml")
}

func TestFirstWriteCreatesPrivateDirAndFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits on Windows")
	}
	c, path := configIn(t, nil)
	if c.Path() != path {
		t.Fatalf("Path() = %q, want %q", c.Path(), path)
	}
	if err := c.SaveLogin("", "http://127.0.0.1:8080/", "demo", "demo-pass", true); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("file mode = %04o, want 0600", m)
	}
	if m := mode(t, filepath.Dir(path)); m != 0o700 {
		t.Errorf("dir mode = %04o, want 0700", m)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only config.yaml (temp file left behind?)", len(entries))
	}
	// The file can be loaded again (0600 with a password is fine).
	c2 := mustLoad(t, LoadOptions{Path: path})
	pw, src, err := c2.Password(t.Context())
	if err != nil || pw != "demo-pass" || src.Kind != SourceProfile {
		t.Errorf("Password = %q, %v, %v", pw, src, err)
	}
}

func TestRewriteTightensMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits on Windows")
	}
	path := writeFile(t, t.TempDir(), "profiles:\n  default:\n    username: u\n", 0o644)
	c := mustLoad(t, LoadOptions{Path: path})
	if err := c.SaveLogin("", "", "u", "pw", true); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("file mode after storing a password = %04o, want 0600", m)
	}
}

func TestWritesOnlyIntendedKeys(t *testing.T) {
	// Everything a user might have in flags and environment while logging
	// in; none of it may reach the file.
	t.Setenv("ECCTL_PASSWORD", "env-secret")
	env := map[string]string{
		"ECCTL_PASSWORD": "env-secret",
		"ECCTL_CUSTOMER": "55555",
		"ECCTL_OUTPUT":   "json",
	}
	c, path := configIn(t, env, "--endpoint", "https://flag.example/", "--username", "flag-user")
	if err := c.SaveLogin("", "http://127.0.0.1:8080/", "demo", "", false); err != nil {
		t.Fatal(err)
	}
	if err := c.Set("customer", "44444"); err != nil {
		t.Fatal(err)
	}
	got := readString(t, path)
	want := "profiles:\n  default:\n    endpoint: http://127.0.0.1:8080/\n    username: demo\n    customer: \"44444\"\n"
	if got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
	for _, leak := range []string{"env-secret", "55555", "json", "flag.example", "flag-user", "password"} {
		if strings.Contains(got, leak) {
			t.Errorf("file contains %q:\n%s", leak, got)
		}
	}
}

func TestWritesKeepEverythingElse(t *testing.T) {
	original := `# ecctl config, maintained by hand
profiles:
  default:
    endpoint: https://api.retarus.com/email/continuity/v2/ # production
    username: api-user
    customer: "44444"
    password-command: pass show retarus/continuity   # first line is the password
    timeout: 45s
  staging:
    endpoint: http://127.0.0.1:8080/
    username: demo
    password: demo
editor: vim
`
	path := writeFile(t, t.TempDir(), original, 0o600)
	c := mustLoad(t, LoadOptions{Path: path})
	if err := c.Set("customer", "55555DE"); err != nil {
		t.Fatal(err)
	}
	got := readString(t, path)
	want := strings.Replace(original, `customer: "44444"`, `customer: 55555DE`, 1)
	// The encoder normalises spacing before comments to one space.
	want = strings.Replace(want, "continuity   # first", "continuity # first", 1)
	if got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
}

func TestSetValidates(t *testing.T) {
	c, path := configIn(t, nil)
	tests := []struct {
		key, value, want string
	}{
		{"endpoint", "api.retarus.com/v2", "must be an absolute http:// or https:// URL"},
		{"endpoint", "ftp://host/", "must be an absolute http:// or https:// URL"},
		{"endpoint", "https:///path", "must be an absolute http:// or https:// URL"},
		{"output", "xml", "must be one of table, json, jsonl, yaml, csv"},
		{"customer", "4444", "must be five digits"},
		{"customer", "44444de", "must be five digits"},
		{"username", " ", "username must not be empty"},
		{"password-command", "", "password-command must not be empty"},
		{"password", "x", "use `ecctl auth login` or ECCTL_PASSWORD"},
		{"timeout", "30s", `unknown key "timeout" (keys: endpoint, username, customer, output, password-command, password)`},
	}
	for _, tt := range tests {
		err := c.Set(tt.key, tt.value)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Set(%q, %q) err = %v, want %q", tt.key, tt.value, err, tt.want)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a refused Set wrote the file")
	}
}

func TestSetGetListUnset(t *testing.T) {
	c, path := configIn(t, nil, "--profile", "Lab")
	for _, kv := range [][2]string{
		{"endpoint", "http://127.0.0.1:8080/"}, {"username", "demo"}, {"Customer", "44444"},
		{"output", "JSON"}, {"password-command", "pass show lab"},
	} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("Set(%s): %v", kv[0], err)
		}
	}
	if v, _ := c.Get("output"); v != "json" {
		t.Errorf("Get(output) = %q, want json (lower-cased)", v)
	}
	want := []KeyValue{
		{"endpoint", "http://127.0.0.1:8080/"}, {"username", "demo"}, {"customer", "44444"},
		{"output", "json"}, {"password-command", "pass show lab"},
	}
	if got := c.List(); !equalKVs(got, want) {
		t.Errorf("List() = %v, want %v", got, want)
	}
	if !strings.HasPrefix(readString(t, path), "profiles:\n  lab:\n") {
		t.Errorf("profile not stored in lower case:\n%s", readString(t, path))
	}

	removed, err := c.Unset("customer")
	if err != nil || !removed {
		t.Errorf("Unset(customer) = %v, %v; want true", removed, err)
	}
	removed, err = c.Unset("customer")
	if err != nil || removed {
		t.Errorf("second Unset(customer) = %v, %v; want false", removed, err)
	}
	if v, _ := c.Get("customer"); v != "" {
		t.Errorf("Get(customer) after Unset = %q", v)
	}
	if _, err := c.Unset("nope"); err == nil {
		t.Error("Unset of an unknown key succeeded")
	}

	// A fresh Load sees what was written.
	c2 := mustLoad(t, LoadOptions{Path: path, Profile: "LAB"})
	if got := c2.List(); len(got) != 4 {
		t.Errorf("reloaded List() = %v", got)
	}
	if got := c2.Profiles(); len(got) != 1 || got[0] != "lab" {
		t.Errorf("Profiles() = %v, want [lab]", got)
	}
}

func equalKVs(a, b []KeyValue) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCaseInsensitiveProfilesAreNotDuplicated(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  Prod:\n    Username: old\n    endpoint: https://prod.example/\n", 0o600)
	c := mustLoad(t, LoadOptions{Path: path, Profile: "prod"})
	s, err := c.Resolve()
	if err != nil || s.Username != "old" {
		t.Fatalf("Resolve = %+v, %v", s, err)
	}
	if err := c.SaveLogin("PROD", "", "new", "", false); err != nil {
		t.Fatal(err)
	}
	want := "profiles:\n  prod:\n    username: new\n    endpoint: https://prod.example/\n"
	if got := readString(t, path); got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
}

func TestSaveLoginAndLogout(t *testing.T) {
	path := writeFile(t, t.TempDir(), `profiles:
  default:
    endpoint: https://api.retarus.com/email/continuity/v2/
    username: api-user
    password-command: pass show retarus
  staging:
    username: demo
`, 0o600)
	c := mustLoad(t, LoadOptions{Path: path})

	// Special characters survive the round trip.
	secret := `p@ss: "x'#y` + "\t!"
	if err := c.SaveLogin("staging", "http://127.0.0.1:8080/", "demo", secret, true); err != nil {
		t.Fatal(err)
	}
	staging := mustLoad(t, LoadOptions{Path: path, Profile: "staging"})
	if pw, _, err := staging.Password(t.Context()); err != nil || pw != secret {
		t.Errorf("stored password = %q, %v; want %q", pw, err, secret)
	}

	// Logging in again without storing removes the stale password.
	if err := c.SaveLogin("staging", "", "demo2", "ignored", false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(readString(t, path), "p@ss") || strings.Contains(readString(t, path), "ignored") {
		t.Errorf("password still in file:\n%s", readString(t, path))
	}

	if err := c.SaveLogin("staging", "", "demo", "pw", true); err != nil {
		t.Fatal(err)
	}
	removed, err := c.Logout("staging")
	if err != nil || !removed {
		t.Errorf("Logout(staging) = %v, %v; want true", removed, err)
	}
	removed, err = c.Logout("staging")
	if err != nil || removed {
		t.Errorf("second Logout(staging) = %v, %v; want false", removed, err)
	}
	// Logout of the default profile keeps its password-command and the rest.
	removed, err = c.Logout("")
	if err != nil || removed {
		t.Errorf("Logout(default) = %v, %v; want false", removed, err)
	}
	got := readString(t, path)
	for _, keep := range []string{"password-command: pass show retarus", "username: api-user", "endpoint: http://127.0.0.1:8080/"} {
		if !strings.Contains(got, keep) {
			t.Errorf("file lost %q:\n%s", keep, got)
		}
	}
	if strings.Contains(got, "password:") {
		t.Errorf("a password survived Logout:\n%s", got)
	}
}

func TestSaveLoginValidates(t *testing.T) {
	c, path := configIn(t, nil)
	for _, tc := range []struct {
		profile, endpoint, username, password string
		store                                 bool
		want                                  string
	}{
		{"", "not a url", "u", "", false, "must be an absolute"},
		{"", "", "", "", false, "username must not be empty"},
		{"", "", "u", "", true, "no password to store"},
		{"a.b", "", "u", "", false, "invalid profile name"},
	} {
		err := c.SaveLogin(tc.profile, tc.endpoint, tc.username, tc.password, tc.store)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SaveLogin(%+v) err = %v, want %q", tc, err, tc.want)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a refused SaveLogin wrote the file")
	}
}

func TestLogoutRefusesToLeaveAnAliasedPassword(t *testing.T) {
	path := writeFile(t, t.TempDir(), `base: &base
  password: shared
profiles:
  default:
    <<: *base
    username: u
`, 0o600)
	c := mustLoad(t, LoadOptions{Path: path})
	if pw, _, _ := c.Password(t.Context()); pw != "shared" {
		t.Fatalf("merged password = %q", pw)
	}
	_, err := c.Logout("")
	if err == nil || !strings.Contains(err.Error(), "remove it by hand") {
		t.Errorf("Logout err = %v, want a hint to edit the file", err)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := writeFile(t, dir, "profiles:\n  default:\n    username: u\n", 0o600)
	link := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, LoadOptions{Path: link})
	if err := c.Set("customer", "44444"); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("symlink replaced by a file")
	}
	if !strings.Contains(readString(t, target), `customer: "44444"`) {
		t.Errorf("target not updated:\n%s", readString(t, target))
	}
}

func TestWriteWithoutAnyLocation(t *testing.T) {
	c := mustLoad(t, LoadOptions{Getenv: envMap(nil)})
	if c.Path() != "" {
		t.Fatalf("Path() = %q with neither XDG_CONFIG_HOME nor HOME", c.Path())
	}
	if _, err := c.Resolve(); err != nil {
		t.Errorf("Resolve without a config location: %v", err)
	}
	if err := c.Set("username", "u"); err == nil || !strings.Contains(err.Error(), "set --config or ECCTL_CONFIG") {
		t.Errorf("Set err = %v", err)
	}
}

// A change made to the file after Load (another ecctl, an editor) survives
// a later write, because writes re-read the file.
func TestWriteKeepsConcurrentEdits(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  default:\n    username: u\n", 0o600)
	c := mustLoad(t, LoadOptions{Path: path})
	writeFile(t, filepath.Dir(path), "profiles:\n  default:\n    username: u\n  other:\n    username: o\n", 0o600)
	if err := c.Set("customer", "44444"); err != nil {
		t.Fatal(err)
	}
	if got := c.Profiles(); len(got) != 2 {
		t.Errorf("Profiles() = %v, want default and other", got)
	}
	if !strings.Contains(readString(t, path), "other:") {
		t.Errorf("concurrent edit lost:\n%s", readString(t, path))
	}
}

func TestCommentOnlyFileKeepsItsComment(t *testing.T) {
	path := writeFile(t, t.TempDir(), "# managed by ecctl\n", 0o600)
	if err := mustLoad(t, LoadOptions{Path: path}).Set("username", "u"); err != nil {
		t.Fatal(err)
	}
	want := "# managed by ecctl\n\nprofiles:\n  default:\n    username: u\n"
	if got := readString(t, path); got != want {
		t.Errorf("file =\n%q\nwant\n%q", got, want)
	}
}

func TestWriteErrorsNameTheProblem(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	c := mustLoad(t, LoadOptions{Path: filepath.Join(blocker, "ecctl", "config.yaml")})
	// A regular file appears where the directory should be created.
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := c.Set("username", "u")
	if err == nil || !strings.Contains(err.Error(), blocker) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Set err = %v, want the path and 'not a directory'", err)
	}
}

func TestConfigPathIsADirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(LoadOptions{Path: dir, Getenv: envMap(nil)})
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("err = %v, want 'is a directory'", err)
	}
}

func TestKeys(t *testing.T) {
	got := Keys()
	want := []string{"endpoint", "username", "customer", "output", "password-command", "password"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
	got[0] = "changed"
	if Keys()[0] != "endpoint" {
		t.Error("Keys() exposes package state")
	}
}
