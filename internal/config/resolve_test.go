package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const profileFile = `profiles:
  default:
    endpoint: https://profile.example/v2/
    username: profile-user
    customer: "11111"
    output: yaml
  staging:
    endpoint: http://127.0.0.1:8080/
    username: demo
`

func TestPrecedenceMatrix(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, profileFile, 0o600)
	emptyPath := writeFile(t, t.TempDir(), "", 0o600)
	profileSrc := fmt.Sprintf("profile %q (%s)", "default", path)

	tests := []struct {
		key       string
		flag, env string
		profile   bool
		want      string
		wantSrc   string
	}{
		{"endpoint", "", "", false, DefaultEndpoint, "default"},
		{"endpoint", "", "", true, "https://profile.example/v2/", profileSrc},
		{"endpoint", "", "https://env.example/", true, "https://env.example/", "env ECCTL_ENDPOINT"},
		{"endpoint", "https://flag.example/", "https://env.example/", true, "https://flag.example/", "flag --endpoint"},

		{"username", "", "", false, "", "not set"},
		{"username", "", "", true, "profile-user", profileSrc},
		{"username", "", "env-user", true, "env-user", "env ECCTL_USERNAME"},
		{"username", "flag-user", "env-user", true, "flag-user", "flag --username"},

		{"customer", "", "", false, "", "not set"},
		{"customer", "", "", true, "11111", profileSrc},
		{"customer", "", "22222DE", true, "22222DE", "env ECCTL_CUSTOMER"},
		{"customer", "33333", "22222DE", true, "33333", "flag --customer"},

		{"output", "", "", false, "table", "default"},
		{"output", "", "", true, "yaml", profileSrc},
		{"output", "", "jsonl", true, "jsonl", "env ECCTL_OUTPUT"},
		{"output", "csv", "jsonl", true, "csv", "flag --output"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/flag=%t/env=%t/profile=%t", tt.key, tt.flag != "", tt.env != "", tt.profile)
		t.Run(name, func(t *testing.T) {
			var args []string
			if tt.flag != "" {
				args = append(args, "--"+tt.key+"="+tt.flag)
			}
			env := map[string]string{}
			if tt.env != "" {
				env["ECCTL_"+strings.ToUpper(tt.key)] = tt.env
			}
			p := emptyPath
			if tt.profile {
				p = path
			}
			c := mustLoad(t, LoadOptions{Path: p, Flags: globalFlags(t, args...), Getenv: envMap(env)})
			s, err := c.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"endpoint": s.Endpoint, "username": s.Username, "customer": s.Customer, "output": s.Output}[tt.key]
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got, tt.want)
			}
			if src := s.Sources[tt.key].String(); src != tt.wantSrc {
				t.Errorf("source of %s = %q, want %q", tt.key, src, tt.wantSrc)
			}
		})
	}
}

// A flag the user did not type must not beat the profile, even though it has
// a default value of its own.
func TestUnchangedFlagDefaultsDoNotWin(t *testing.T) {
	path := writeFile(t, t.TempDir(), profileFile, 0o600)
	c := mustLoad(t, LoadOptions{Path: path, Flags: globalFlags(t)})
	s, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if s.Output != "yaml" {
		t.Errorf("output = %q, want the profile's yaml", s.Output)
	}
}

func TestNilFlagsAndGetenvWork(t *testing.T) {
	t.Setenv("ECCTL_USERNAME", "from-process-env")
	path := writeFile(t, t.TempDir(), profileFile, 0o600)
	c, err := Load(LoadOptions{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if s.Username != "from-process-env" || s.Sources["username"].String() != "env ECCTL_USERNAME" {
		t.Errorf("username = %q from %s; want the process environment", s.Username, s.Sources["username"])
	}
}

func TestProfileSelection(t *testing.T) {
	path := writeFile(t, t.TempDir(), profileFile, 0o600)
	tests := []struct {
		name     string
		opt      string
		args     []string
		env      string
		want     string
		wantSrc  string
		wantUser string
	}{
		{"default", "", nil, "", "default", "default", "profile-user"},
		{"env", "", nil, "staging", "staging", "env ECCTL_PROFILE", "demo"},
		{"flag beats env", "", []string{"--profile", "staging"}, "default", "staging", "flag --profile", "demo"},
		{"option beats flag", "staging", []string{"--profile", "default"}, "", "staging", "flag --profile", "demo"},
		{"case-insensitive", "", []string{"--profile", "STAGING"}, "", "staging", "flag --profile", "demo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustLoad(t, LoadOptions{
				Path: path, Profile: tt.opt, Flags: globalFlags(t, tt.args...),
				Getenv: envMap(map[string]string{"ECCTL_PROFILE": tt.env}),
			})
			s, err := c.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			if s.Profile != tt.want || c.Profile() != tt.want {
				t.Errorf("profile = %q, want %q", s.Profile, tt.want)
			}
			if got := s.Sources["profile"].String(); got != tt.wantSrc {
				t.Errorf("profile source = %q, want %q", got, tt.wantSrc)
			}
			if s.Username != tt.wantUser {
				t.Errorf("username = %q, want %q", s.Username, tt.wantUser)
			}
		})
	}
}

func TestExplicitMissingProfileIsAnError(t *testing.T) {
	path := writeFile(t, t.TempDir(), profileFile, 0o600)
	c := mustLoad(t, LoadOptions{Path: path, Getenv: envMap(map[string]string{"ECCTL_PROFILE": "prdo"})})
	_, err := c.Resolve()
	if !errors.Is(err, ErrProfileNotFound) {
		t.Fatalf("Resolve: err = %v, want ErrProfileNotFound", err)
	}
	for _, want := range []string{`"prdo"`, "env ECCTL_PROFILE", path, "default, staging"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, _, err := c.Password(t.Context()); !errors.Is(err, ErrProfileNotFound) {
		t.Errorf("Password: err = %v, want ErrProfileNotFound", err)
	}
}

func TestImplicitDefaultProfileMayBeMissing(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  staging:\n    username: demo\n", 0o600)
	c := mustLoad(t, LoadOptions{Path: path})
	s, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if s.Username != "" || s.Endpoint != DefaultEndpoint {
		t.Errorf("settings = %+v, want defaults", s)
	}
}

func TestInvalidProfileName(t *testing.T) {
	_, err := Load(LoadOptions{Path: "/nonexistent/config.yaml", Profile: "my.prod", Getenv: envMap(nil)})
	if err == nil || !strings.Contains(err.Error(), `invalid profile name "my.prod"`) {
		t.Errorf("err = %v, want invalid profile name", err)
	}
}

func TestResolveRejectsBadValuesNamingTheSource(t *testing.T) {
	tests := []struct {
		env, value, want string
	}{
		{"ECCTL_OUTPUT", "xml", `output "xml": must be one of table, json, jsonl, yaml, csv (from env ECCTL_OUTPUT)`},
		{"ECCTL_ENDPOINT", "api.retarus.com", `endpoint "api.retarus.com": must be an absolute http:// or https:// URL (from env ECCTL_ENDPOINT)`},
		{"ECCTL_CUSTOMER", "4444", `customer "4444": must be five digits`},
	}
	for _, tt := range tests {
		c := mustLoad(t, LoadOptions{Path: "/nonexistent/config.yaml", Getenv: envMap(map[string]string{tt.env: tt.value})})
		_, err := c.Resolve()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%s: err = %v, want %q", tt.env, tt.value, err, tt.want)
		}
	}
}

func TestOutputIsCaseInsensitive(t *testing.T) {
	c := mustLoad(t, LoadOptions{Path: "/nonexistent/config.yaml", Getenv: envMap(map[string]string{"ECCTL_OUTPUT": "JSON"})})
	s, err := c.Resolve()
	if err != nil || s.Output != "json" {
		t.Errorf("Resolve = %q, %v; want json", s.Output, err)
	}
}

func TestUnquotedCustomer(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  default:\n    customer: 44444\n", 0o600)
	s, err := mustLoad(t, LoadOptions{Path: path}).Resolve()
	if err != nil || s.Customer != "44444" {
		t.Errorf("customer = %q, %v; want 44444", s.Customer, err)
	}

	// YAML reads 04444 as the octal number 2340; the error explains the quoting.
	path = writeFile(t, t.TempDir(), "profiles:\n  default:\n    customer: 04444\n", 0o600)
	_, err = mustLoad(t, LoadOptions{Path: path}).Resolve()
	if err == nil || !strings.Contains(err.Error(), `quote it in the file`) {
		t.Errorf("err = %v, want a quoting hint", err)
	}
}

func TestEndpointWithCredentialsIsRefusedWithoutEchoingThem(t *testing.T) {
	c := mustLoad(t, LoadOptions{Path: "/nonexistent/config.yaml", Getenv: envMap(map[string]string{"ECCTL_ENDPOINT": "https://api:s3cret@host/"})})
	_, err := c.Resolve()
	if err == nil || !strings.Contains(err.Error(), "must not contain credentials") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestSourceStrings(t *testing.T) {
	tests := []struct {
		src  Source
		want string
	}{
		{Source{Kind: SourceFlag, Name: "endpoint"}, "flag --endpoint"},
		{Source{Kind: SourceEnv, Name: "ECCTL_ENDPOINT"}, "env ECCTL_ENDPOINT"},
		{Source{Kind: SourceProfile, Name: "default", Path: "/home/u/.config/ecctl/config.yaml"}, `profile "default" (/home/u/.config/ecctl/config.yaml)`},
		{Source{Kind: SourcePasswordCommand, Name: "default"}, `password-command of profile "default"`},
		{Source{Kind: SourceDefault}, "default"},
		{Source{}, "not set"},
	}
	for _, tt := range tests {
		if got := tt.src.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestMissingProfileWithoutAnyProfiles(t *testing.T) {
	c := mustLoad(t, LoadOptions{Path: "/nonexistent/config.yaml", Profile: "prod"})
	_, err := c.Resolve()
	want := `profile not found: "prod" (from flag --profile) is not in /nonexistent/config.yaml, which has no profiles`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// An empty profile ("staging:" and nothing under it) exists.
func TestEmptyProfileExists(t *testing.T) {
	path := writeFile(t, t.TempDir(), "profiles:\n  staging:\n", 0o600)
	c := mustLoad(t, LoadOptions{Path: path, Profile: "staging"})
	if _, err := c.Resolve(); err != nil {
		t.Errorf("Resolve: %v", err)
	}
	if got := c.Profiles(); len(got) != 1 || got[0] != "staging" {
		t.Errorf("Profiles() = %v", got)
	}
}
