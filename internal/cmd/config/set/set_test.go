package set

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
)

func TestSetCreatesAPrivateFile(t *testing.T) {
	e := cmdtest.New(t)
	e.SetFlag("profile", "Staging")
	if err := run(e.F, &Options{Key: "Customer", Value: "44444"}); err != nil {
		t.Fatal(err)
	}
	if got, want := e.ReadConfig(), "profiles:\n  staging:\n    customer: \"44444\"\n"; got != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	if want := `Set customer in profile "staging" (` + e.ConfigPath + ").\n"; e.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.ErrOut, want)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{e.ConfigPath: 0o600, filepath.Dir(e.ConfigPath): 0o700} {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != want {
				t.Errorf("%s has mode %04o, want %04o", p, info.Mode().Perm(), want)
			}
		}
	}
}

func TestSetRefusals(t *testing.T) {
	tests := []struct {
		key, value, want string
	}{
		{"password", "Pw-typed-secret", "ecctl auth login"},
		{"PASSWORD", "Pw-typed-secret", "ecctl auth login"},
		{"output", "xml", `output "xml": must be one of table, json, jsonl, yaml, csv`},
		{"customer", "4444", `customer "4444"`},
		{"endpoint", "https://user:Pw-typed-secret@example.com/", "must not contain credentials"},
		{"timeout", "5s", `unknown key "timeout"`},
		{"password-command", " ", "must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			e := cmdtest.New(t)
			err := run(e.F, &Options{Key: tt.key, Value: tt.value})
			if err == nil || cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want exit 2 mentioning %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "Pw-typed-secret") {
				t.Errorf("the secret is repeated: %v", err)
			}
			if _, err := os.Stat(e.ConfigPath); !os.IsNotExist(err) {
				t.Errorf("config file written (stat: %v)", err)
			}
		})
	}
}

func TestSetNotes(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "55555"}), cmdtest.WithConfig("profiles:\n  default:\n    password: Pw-stored\n"))
	if err := run(e.F, &Options{Key: "customer", Value: "44444"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.ErrOut.String(), "Note: ECCTL_CUSTOMER is set in this environment and wins over the profile.") {
		t.Errorf("stderr:\n%s", e.ErrOut)
	}
	e.ErrOut.Reset()
	if err := run(e.F, &Options{Key: "password-command", Value: "pass show retarus/continuity"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.ErrOut.String(), "stored in the profile is no longer used; `ecctl auth logout` removes it") {
		t.Errorf("stderr:\n%s", e.ErrOut)
	}
	want := "profiles:\n  default:\n    password: Pw-stored\n    customer: \"44444\"\n    password-command: pass show retarus/continuity\n"
	if got := e.ReadConfig(); got != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
}

func TestComplete(t *testing.T) {
	keys, _ := complete(nil, nil, "")
	if strings.Join(keys, ",") != "endpoint,username,customer,output,password-command" {
		t.Errorf("keys = %v", keys)
	}
	formats, _ := complete(nil, []string{"output"}, "")
	if strings.Join(formats, ",") != "table,json,jsonl,yaml,csv" {
		t.Errorf("formats = %v", formats)
	}
	if none, _ := complete(nil, []string{"customer", "44444"}, ""); len(none) != 0 {
		t.Errorf("third argument completed with %v", none)
	}
}
