package list

import (
	"strings"
	"testing"
)

const content = "profiles:\n  default:\n    password: Pw-stored\n    customer: \"44444\"\n    username: api-user\n"

func TestListTable(t *testing.T) {
	e := newEnv(t, map[string]string{"ECCTL_CUSTOMER": "55555"}, content)
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	want := "key        value\nusername   api-user\ncustomer   44444\npassword   ********\n"
	if e.stdout.String() != want {
		t.Errorf("stdout:\n%q\nwant:\n%q", e.stdout, want)
	}
}

func TestListJSON(t *testing.T) {
	e := newEnv(t, nil, content)
	e.setFlag(t, "output", "json")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"username\": \"api-user\",\n  \"customer\": \"44444\",\n  \"password\": \"********\"\n}\n"
	if e.stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", e.stdout, want)
	}
}

func TestListEmptyProfile(t *testing.T) {
	e := newEnv(t, nil, "")
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.Len() != 0 || !strings.Contains(e.stderr.String(), `Profile "default" has no keys in `+e.configPath) {
		t.Errorf("stdout %q, stderr %q", e.stdout, e.stderr)
	}
	e.setFlag(t, "output", "json")
	e.stderr.Reset()
	if err := run(e.f); err != nil {
		t.Fatal(err)
	}
	if e.stdout.String() != "{}\n" {
		t.Errorf("stdout %q", e.stdout)
	}
}

func TestListUnknownProfile(t *testing.T) {
	e := newEnv(t, nil, content)
	e.setFlag(t, "profile", "prod")
	err := run(e.f)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `"prod" (from flag --profile) is not in`) {
		t.Errorf("err = %v", err)
	}
}
