package status

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
)

func TestStatusShowsSourcesAndNeverThePassword(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{
		"ECCTL_ENDPOINT": "http://127.0.0.1:1/", // loses against the flag
		"ECCTL_USERNAME": apiUser,               // wins over the profile
		"ECCTL_PASSWORD": apiPassword,
	}), cmdtest.WithFlags(map[string]string{"endpoint": url}))
	e.WriteConfig("profiles:\n  default:\n    username: someone-else\n    customer: \"44444\"\n")

	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	out := e.Out.String()
	for _, want := range []string{
		"profile:     default (default)\n",
		"config file: " + e.ConfigPath + " (mode 0600)\n",
		"endpoint:    " + url + " (flag --endpoint)\n",
		"username:    " + apiUser + " (env ECCTL_USERNAME)\n",
		`customer:    44444 (profile "default" (` + e.ConfigPath + "))\n",
		"output:      table (default)\n",
		"password:    set (env ECCTL_PASSWORD)\n",
		"credentials: valid (3 users in 44444)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+e.ErrOut.String(), apiPassword) {
		t.Errorf("the password was printed:\n%s%s", out, e.ErrOut)
	}
}

func TestStatusSaysAStoredPasswordIsPlainText(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url}))
	e.WriteConfig("profiles:\n  default:\n    username: " + apiUser + "\n    customer: \"44444\"\n    password: " + apiPassword + "\n")
	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	want := `password:    set (profile "default" (` + e.ConfigPath + "), stored in plain text)\n"
	if !strings.Contains(e.Out.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, e.Out)
	}
	if strings.Contains(e.Out.String(), apiPassword) {
		t.Errorf("the password was printed:\n%s", e.Out)
	}
}

func TestStatusRejectedCredentials(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_PASSWORD": "wrong", "ECCTL_CUSTOMER": "44444"}), cmdtest.WithFlags(map[string]string{"endpoint": url}))
	err := run(context.Background(), e.F, &Options{})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 401 {
		t.Fatalf("err = %v, want a 401 APIError (exit 4)", err)
	}
	if want := "credentials: rejected by the API (HTTP 401 for customer 44444)\n"; !strings.Contains(e.Out.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, e.Out)
	}
}

func TestStatusOfflineSendsNothing(t *testing.T) {
	// Nothing listens on port 1: any request would fail.
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_PASSWORD": apiPassword}), cmdtest.WithFlags(map[string]string{"endpoint": "http://127.0.0.1:1/"}))
	if err := run(context.Background(), e.F, &Options{Offline: true}); err != nil {
		t.Fatalf("status --offline: %v", err)
	}
	out := e.Out.String()
	for _, want := range []string{"config file: " + e.ConfigPath + " (does not exist)\n", "customer:    not set\n",
		"credentials: not checked (--offline)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestStatusWithoutCredentialsOrCustomer(t *testing.T) {
	url := newMock(t)
	tests := []struct {
		name string
		vars map[string]string
		code int
		want string
	}{
		{"no password", map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_CUSTOMER": "44444"}, 4, "ecctl auth login"},
		{"no username", map[string]string{"ECCTL_PASSWORD": apiPassword, "ECCTL_CUSTOMER": "44444"}, 4, "ecctl auth login"},
		{"no customer", map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_PASSWORD": apiPassword}, 2, "without a customer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := cmdtest.New(t, cmdtest.WithVars(tt.vars), cmdtest.WithFlags(map[string]string{"endpoint": url}))
			err := run(context.Background(), e.F, &Options{})
			if err == nil || cmdtest.MustExitCode(t, err) != tt.code || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want exit %d mentioning %q", err, tt.code, tt.want)
			}
			if !strings.Contains(e.Out.String(), "credentials: not checked (") {
				t.Errorf("stdout:\n%s", e.Out)
			}
		})
	}
}

func TestStatusPasswordCommandFailureHidesItsOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("password-command runs sh -c")
	}
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_CUSTOMER": "44444"}), cmdtest.WithFlags(map[string]string{"endpoint": url}))
	e.WriteConfig("profiles:\n  default:\n    username: " + apiUser + "\n    password-command: echo " + apiPassword + "; exit 3\n")
	err := run(context.Background(), e.F, &Options{})
	if err == nil || !strings.Contains(err.Error(), `password-command of profile "default" failed: exit status 3`) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error()+e.Out.String()+e.ErrOut.String(), apiPassword) {
		t.Errorf("the command's output was shown:\n%v\n%s%s", err, e.Out, e.ErrOut)
	}
	if !strings.Contains(e.Out.String(), "credentials: not checked (the password could not be read)") {
		t.Errorf("stdout:\n%s", e.Out)
	}
}

func TestStatusJSON(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_PASSWORD": apiPassword, "ECCTL_CUSTOMER": "44444"}), cmdtest.WithFlags(map[string]string{"endpoint": url, "output": "json"}))
	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	if strings.Contains(e.Out.String(), apiPassword) {
		t.Fatalf("the password was printed:\n%s", e.Out)
	}
	var r Report
	if err := json.Unmarshal(e.Out.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, e.Out)
	}
	if r.Endpoint != (Setting{Value: url, Source: "flag --endpoint"}) ||
		r.Username != (Setting{Value: apiUser, Source: "env ECCTL_USERNAME"}) ||
		r.Output != (Setting{Value: "json", Source: "flag --output"}) ||
		r.Password != (Password{Set: true, Source: "env ECCTL_PASSWORD"}) ||
		r.Credentials.Status != "valid" || r.Credentials.Users == nil || *r.Credentials.Users != 3 {
		t.Errorf("report = %+v", r)
	}
}
