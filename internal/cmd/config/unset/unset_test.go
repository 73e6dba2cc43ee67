package unset

import (
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
)

func TestUnset(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithConfig("profiles:\n  default:\n    customer: \"44444\" # ours\n    output: json\n"))
	if err := run(e.F, &Options{Key: "Customer"}); err != nil {
		t.Fatal(err)
	}
	if got, want := e.ReadConfig(), "profiles:\n  default:\n    output: json\n"; got != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(e.ErrOut.String(), `Removed customer from profile "default"`) {
		t.Errorf("stderr:\n%s", e.ErrOut)
	}

	e.ErrOut.Reset()
	if err := run(e.F, &Options{Key: "customer"}); err != nil {
		t.Fatalf("unset of an unset key: %v", err)
	}
	if !strings.Contains(e.ErrOut.String(), `customer is not set in profile "default"; nothing to remove.`) {
		t.Errorf("stderr:\n%s", e.ErrOut)
	}

	err := run(e.F, &Options{Key: "colour"})
	if cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), `unknown key "colour"`) {
		t.Errorf("unknown key: err = %v", err)
	}
}
