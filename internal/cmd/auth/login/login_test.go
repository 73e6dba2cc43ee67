package login

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
)

func TestLoginPromptsOnATerminal(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url}))
	e.TTY()
	e.In.WriteString(apiUser + "\n44444\n" + apiPassword + "\n")

	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("login: %v\nstderr:\n%s", err, e.ErrOut)
	}
	stderr := e.ErrOut.String()
	for _, want := range []string{"API username: ", "Customer number (to check the credentials with): ",
		"Password of " + apiUser + ": ", "Storing the password in plain text", "password-command",
		"Logged in to " + url + " as " + apiUser + " (3 users in 44444)", `Saved profile "default"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "API endpoint") {
		t.Errorf("asked for the endpoint although --endpoint was given:\n%s", stderr)
	}
	if strings.Contains(stderr+e.Out.String(), apiPassword) {
		t.Errorf("the password was printed:\nstdout: %s\nstderr: %s", e.Out, stderr)
	}
	got := e.ReadConfig()
	want := "profiles:\n  default:\n    endpoint: " + url + "\n    username: " + apiUser +
		"\n    password: " + apiPassword + "\n    customer: \"44444\"\n"
	if got != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	assertPrivate(t, e.ConfigPath)
}

func TestLoginProposesTheProfileValues(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t)
	e.WriteConfig("profiles:\n  default:\n    endpoint: " + url + "\n    username: " + apiUser + "\n    customer: \"44444\"\n")
	e.TTY()
	// Enter accepts endpoint, username and customer as they are.
	e.In.WriteString("\n\n\n" + apiPassword + "\n")

	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("login: %v\nstderr:\n%s", err, e.ErrOut)
	}
	for _, want := range []string{"API endpoint [" + url + "]: ", "API username [" + apiUser + "]: ",
		"Customer number (to check the credentials with) [44444]: "} {
		if !strings.Contains(e.ErrOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, e.ErrOut)
		}
	}
	if got := e.ReadConfig(); !strings.Contains(got, "password: "+apiPassword) {
		t.Errorf("password not stored:\n%s", got)
	}
}

func TestLoginWithPasswordStdinNeverPrompts(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithVars(map[string]string{"ECCTL_USERNAME": apiUser, "ECCTL_CUSTOMER": "44444"}), cmdtest.WithFlags(map[string]string{"endpoint": url}))
	// Even on a terminal: standard input is the password, not answers.
	e.TTY()
	e.In.WriteString(apiPassword + "\r\n")

	if err := run(context.Background(), e.F, &Options{PasswordStdin: true}); err != nil {
		t.Fatalf("login: %v\nstderr:\n%s", err, e.ErrOut)
	}
	if strings.Contains(e.ErrOut.String(), ": [") || strings.Contains(e.ErrOut.String(), "API username") {
		t.Errorf("prompted with --password-stdin:\n%s", e.ErrOut)
	}
	if got := e.ReadConfig(); !strings.Contains(got, "password: "+apiPassword+"\n") {
		t.Errorf("password not stored without its line ending:\n%s", got)
	}
}

func TestLoginRejectedWritesNothing(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url, "username": apiUser, "customer": "44444"}))
	e.In.WriteString("wrong-password\n")

	err := run(context.Background(), e.F, &Options{PasswordStdin: true})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 401 {
		t.Fatalf("err = %v, want a 401 APIError", err)
	}
	if !strings.Contains(err.Error(), "nothing was stored") || strings.Contains(err.Error(), "wrong-password") {
		t.Errorf("error = %q", err)
	}
	if _, err := os.Stat(e.ConfigPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("config file written after a rejected login (stat: %v)", err)
	}
}

func TestLoginForeignCustomerIsForbidden(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url, "username": apiUser, "customer": "55555"}))
	e.In.WriteString(apiPassword)

	err := run(context.Background(), e.F, &Options{PasswordStdin: true})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 403 {
		t.Fatalf("err = %v, want a 403 APIError", err)
	}
	if !strings.Contains(err.Error(), "may not manage customer 55555") {
		t.Errorf("error = %q", err)
	}
	if _, err := os.Stat(e.ConfigPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("config file written after a forbidden login (stat: %v)", err)
	}
}

func TestLoginUsageErrorsWhenNotInteractive(t *testing.T) {
	url := newMock(t)
	tests := []struct {
		name  string
		vars  map[string]string
		flags map[string]string
		opts  Options
		stdin string
		want  string
	}{
		{"no password source", nil, map[string]string{"username": apiUser, "customer": "44444"}, Options{}, "",
			"--password-stdin"},
		{"ECCTL_PASSWORD is not a login", map[string]string{"ECCTL_PASSWORD": apiPassword},
			map[string]string{"username": apiUser, "customer": "44444"}, Options{}, "", "ECCTL_PASSWORD"},
		{"no username", nil, map[string]string{"customer": "44444"}, Options{PasswordStdin: true}, apiPassword,
			"no username"},
		{"no customer", nil, map[string]string{"username": apiUser}, Options{PasswordStdin: true}, apiPassword,
			"counting the users of a customer"},
		{"bad customer", nil, map[string]string{"username": apiUser, "customer": "4444"}, Options{PasswordStdin: true},
			apiPassword, `44AB) (from flag --customer)`},
		{"empty stdin", nil, map[string]string{"username": apiUser, "customer": "44444"}, Options{PasswordStdin: true},
			"", "standard input is empty"},
		{"two lines", nil, map[string]string{"username": apiUser, "customer": "44444"}, Options{PasswordStdin: true},
			apiPassword + "\nmore\n", "more than one line"},
		{"huge stdin", nil, map[string]string{"username": apiUser, "customer": "44444"}, Options{PasswordStdin: true},
			strings.Repeat("x", maxPasswordBytes+1), "more than 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flags := map[string]string{"endpoint": url}
			for k, v := range tt.flags {
				flags[k] = v
			}
			e := cmdtest.New(t, cmdtest.WithVars(tt.vars), cmdtest.WithFlags(flags))
			e.In.WriteString(tt.stdin)
			err := run(context.Background(), e.F, &tt.opts)
			if err == nil {
				t.Fatal("login succeeded")
			}
			if code := cmdtest.MustExitCode(t, err); code != 2 {
				t.Errorf("exit code %d, want 2 (%v)", code, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			if strings.Contains(err.Error()+e.ErrOut.String(), apiPassword) {
				t.Errorf("the password was printed: %v\n%s", err, e.ErrOut)
			}
			if _, err := os.Stat(e.ConfigPath); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("config file written (stat: %v)", err)
			}
		})
	}
}

func TestLoginBadEndpointIsRefusedBeforeThePassword(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": "ftp://example.com/"}))
	e.TTY()
	e.In.WriteString(apiUser + "\n44444\n" + apiPassword + "\n")
	err := run(context.Background(), e.F, &Options{})
	if err == nil || cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), "(from flag --endpoint)") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(e.ErrOut.String(), "Password") {
		t.Errorf("asked for the password before checking the endpoint:\n%s", e.ErrOut)
	}
}

func TestLoginNoStorePassword(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url, "username": apiUser, "customer": "44444"}))
	e.WriteConfig("profiles:\n  default:\n    password: old-password\n")
	e.In.WriteString(apiPassword)

	if err := run(context.Background(), e.F, &Options{PasswordStdin: true, NoStorePassword: true}); err != nil {
		t.Fatalf("login: %v", err)
	}
	got := e.ReadConfig()
	if strings.Contains(got, "password") {
		t.Errorf("a password is stored with --no-store-password:\n%s", got)
	}
	if !strings.Contains(e.ErrOut.String(), "Not storing the password (--no-store-password)") {
		t.Errorf("stderr:\n%s", e.ErrOut)
	}
}

func TestLoginUsesThePasswordCommandAndStoresNoPassword(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("password-command runs sh -c")
	}
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url, "username": apiUser, "customer": "44444"}))
	e.WriteConfig("profiles:\n  default:\n    password-command: echo " + apiPassword + "\n")

	if err := run(context.Background(), e.F, &Options{}); err != nil {
		t.Fatalf("login: %v\nstderr:\n%s", err, e.ErrOut)
	}
	got := e.ReadConfig()
	if strings.Contains(got, "password:") {
		t.Errorf("a password is stored next to a password-command:\n%s", got)
	}
	if !strings.Contains(got, "password-command: echo "+apiPassword) || !strings.Contains(got, "username: "+apiUser) {
		t.Errorf("config file:\n%s", got)
	}
}

func TestLoginProfileNamesAreCaseInsensitive(t *testing.T) {
	url := newMock(t)
	e := cmdtest.New(t, cmdtest.WithFlags(map[string]string{"endpoint": url, "username": apiUser, "customer": "44444", "profile": "Staging"}))
	e.In.WriteString(apiPassword)
	if err := run(context.Background(), e.F, &Options{PasswordStdin: true}); err != nil {
		t.Fatalf("login: %v", err)
	}
	if got := e.ReadConfig(); !strings.Contains(got, "\n  staging:\n") {
		t.Errorf("profile not stored as staging:\n%s", got)
	}
}

func TestLoginInterruptedPromptIsAUsageError(t *testing.T) {
	e := cmdtest.New(t)
	e.TTY()
	// Input ends at the username prompt (Ctrl-D).
	e.In.WriteString("\n")
	err := run(context.Background(), e.F, &Options{})
	if err == nil || cmdtest.MustExitCode(t, err) != 2 || !strings.Contains(err.Error(), "api username: no answer") {
		t.Fatalf("err = %v", err)
	}
}

// assertPrivate checks the file is 0600 and its directory 0700.
func assertPrivate(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %04o, want %04o", p, got, want)
		}
	}
}
