package unset

import (
	"strings"
	"testing"
)

func TestUnset(t *testing.T) {
	e := newEnv(t, nil, "profiles:\n  default:\n    customer: \"44444\" # ours\n    output: json\n")
	if err := run(e.f, &Options{Key: "Customer"}); err != nil {
		t.Fatal(err)
	}
	if got, want := e.readConfig(t), "profiles:\n  default:\n    output: json\n"; got != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(e.stderr.String(), `Removed customer from profile "default"`) {
		t.Errorf("stderr:\n%s", e.stderr)
	}

	e.stderr.Reset()
	if err := run(e.f, &Options{Key: "customer"}); err != nil {
		t.Fatalf("unset of an unset key: %v", err)
	}
	if !strings.Contains(e.stderr.String(), `customer is not set in profile "default"; nothing to remove.`) {
		t.Errorf("stderr:\n%s", e.stderr)
	}

	err := run(e.f, &Options{Key: "colour"})
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `unknown key "colour"`) {
		t.Errorf("unknown key: err = %v", err)
	}
}
