package list

import (
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
)

const content = "profiles:\n  default:\n    password: Pw-stored\n    customer: \"44444\"\n    username: api-user\n"

func TestListTable(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "55555"}), cmdtest.WithConfig(content))
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	want := "key        value\nusername   api-user\ncustomer   44444\npassword   ********\n"
	if e.Out.String() != want {
		t.Errorf("stdout:\n%q\nwant:\n%q", e.Out, want)
	}
}

func TestListJSON(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithConfig(content))
	e.SetFlag("output", "json")
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"username\": \"api-user\",\n  \"customer\": \"44444\",\n  \"password\": \"********\"\n}\n"
	if e.Out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", e.Out, want)
	}
}

func TestListEmptyProfile(t *testing.T) {
	e := cmdtest.New(t)
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.Len() != 0 || !strings.Contains(e.ErrOut.String(), `Profile "default" has no keys in `+e.ConfigPath) {
		t.Errorf("stdout %q, stderr %q", e.Out, e.ErrOut)
	}
	e.SetFlag("output", "json")
	e.ErrOut.Reset()
	if err := run(e.F); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != "{}\n" {
		t.Errorf("stdout %q", e.Out)
	}
}

func TestListUnknownProfile(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithConfig(content))
	e.SetFlag("profile", "prod")
	err := run(e.F)
	if cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), `"prod" (from flag --profile) is not in`) {
		t.Errorf("err = %v", err)
	}
}
