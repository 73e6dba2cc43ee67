package password

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

const user = "alvaro.garcia@kestrel-44444.example" // seeded, not activated

// newToken creates a token for user with the API credentials, as `token create` does.
func newToken(t *testing.T, e *cmdtest.Env) string {
	t.Helper()
	c, err := e.F.Client(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateToken(context.Background(), "44444", user, false)
	if err != nil {
		t.Fatal(err)
	}
	return res.Token
}

// activated reads the user's activation with the API credentials.
func activated(t *testing.T, e *cmdtest.Env) bool {
	t.Helper()
	u, err := e.Client().GetUser(context.Background(), "44444", user)
	if err != nil {
		t.Fatal(err)
	}
	return u.Status.Activation
}

// withoutCredentials removes the API credentials: password set must not need them.
func withoutCredentials(e *cmdtest.Env) {
	e.Vars["ECCTL_USERNAME"], e.Vars["ECCTL_PASSWORD"] = "", ""
}

func isUsage(err error) bool {
	var exit *cmdutil.ExitError
	return errors.As(err, &exit) && exit.Code == cmdutil.ExitUsage
}

func TestTokenThenPasswordStdinActivatesTheUser(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.F.Global.Debug = true
	token := newToken(t, e)
	if activated(t, e) {
		t.Fatal("the seeded user is already activated")
	}
	withoutCredentials(e)
	e.ErrOut.Reset()
	e.In.WriteString("Secret123!\n")
	if err := runSet(context.Background(), e.F, &SetOptions{User: user, Token: token, PasswordStdin: true}); err != nil {
		t.Fatal(err)
	}
	if e.Out.String() != "password set for "+user+"\n" {
		t.Errorf("stdout = %q", e.Out)
	}
	if !activated(t, e) {
		t.Error("the user is not activated after password set")
	}
	// The debug trace shows the request, but neither the password nor the token.
	trace := e.ErrOut.String()
	if !strings.Contains(trace, "PUT ") || strings.Contains(trace, "Secret123!") || strings.Contains(trace, token) {
		t.Errorf("debug trace leaks a secret or misses the request:\n%s", trace)
	}
	if strings.Contains(trace, "Authorization: Basic") {
		t.Errorf("password set sent credentials:\n%s", trace)
	}
	journal, err := os.ReadFile(filepath.Join(e.StateDir(), "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(journal), `"command":"password set"`) || strings.Contains(string(journal), "Secret123!") || strings.Contains(string(journal), token) {
		t.Errorf("journal: %s", journal)
	}

	// The token is single-use.
	e.In.WriteString("Secret123!\n")
	err = runSet(context.Background(), e.F, &SetOptions{User: user, Token: token, PasswordStdin: true})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 400 {
		t.Errorf("second use: err = %v, want 400", err)
	}
}

func TestPromptsTwiceOnATerminal(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("json"))
	token := newToken(t, e)
	withoutCredentials(e)
	e.TTY()
	e.In.WriteString("Secret123!\nSecret123!\n")
	if err := runSet(context.Background(), e.F, &SetOptions{User: user, Token: token}); err != nil {
		t.Fatal(err)
	}
	if want := "New password for " + user + ": \nRepeat the password: \n"; e.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", e.ErrOut, want)
	}
	if !strings.Contains(e.Out.String(), `"id": "`) {
		t.Errorf("-o json: stdout = %q, want the API's answer", e.Out)
	}
	if !activated(t, e) {
		t.Error("not activated")
	}
}

func TestTokenDashIsAskedFirst(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	token := newToken(t, e)
	withoutCredentials(e)
	e.TTY()
	e.In.WriteString(token + "\nSecret123!\nSecret123!\n")
	if err := runSet(context.Background(), e.F, &SetOptions{User: user, Token: "-"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(e.ErrOut.String(), "Token: \nNew password for ") {
		t.Errorf("stderr = %q", e.ErrOut)
	}
	if strings.Contains(e.ErrOut.String(), token) {
		t.Error("the token was echoed")
	}

	// From a pipe: the token on the first line, the password on the second.
	e = cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	token = newToken(t, e)
	withoutCredentials(e)
	e.In.WriteString(token + "\nSecret123!\n")
	if err := runSet(context.Background(), e.F, &SetOptions{User: user, Token: "-", PasswordStdin: true}); err != nil {
		t.Fatal(err)
	}
	if !activated(t, e) {
		t.Error("not activated")
	}
}

func TestBadPasswordsAreRefusedBeforeSending(t *testing.T) {
	for name, tc := range map[string]struct {
		terminal bool
		stdin    string
		opts     SetOptions
		stderr   string // what was asked
		msg      string
	}{
		"policy, stdin":        {false, "short\n", SetOptions{PasswordStdin: true}, "", "password: "},
		"policy, not retyped":  {true, "no spaces allowed\n", SetOptions{}, "New password for " + user + ": \n", "password: "},
		"the two differ":       {true, "Secret123!\nSecret124!\n", SetOptions{}, "New password for " + user + ": \nRepeat the password: \n", "differ"},
		"empty stdin":          {false, "", SetOptions{PasswordStdin: true}, "", "no password on stdin"},
		"no terminal, no flag": {false, "Secret123!\n", SetOptions{}, "", "--password-stdin"},
		"prompts disabled":     {true, "Secret123!\n", SetOptions{}, "", "--password-stdin"},
		"empty token on stdin": {false, "\nSecret123!\n", SetOptions{Token: "-", PasswordStdin: true}, "", "token is empty"},
	} {
		e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
		withoutCredentials(e)
		if tc.terminal {
			e.TTY()
		}
		if name == "prompts disabled" {
			e.F.Global.NoInput = true
		}
		e.In.WriteString(tc.stdin)
		opts := tc.opts
		opts.User = user
		if opts.Token == "" {
			opts.Token = "some-token"
		}
		err := runSet(context.Background(), e.F, &opts)
		if !isUsage(err) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err = %v, want a usage error about %q", name, err, tc.msg)
		}
		if err != nil && strings.Contains(err.Error(), "Secret12") {
			t.Errorf("%s: the error shows the password: %v", name, err)
		}
		if e.ErrOut.String() != tc.stderr {
			t.Errorf("%s: stderr = %q, want %q", name, e.ErrOut, tc.stderr)
		}
		if e.Mock.Requests() != 0 {
			t.Errorf("%s: %d requests sent", name, e.Mock.Requests())
		}
	}
}

func TestNewSetCmdNeedsATokenAndAnAddress(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	for _, args := range [][]string{
		{user},
		{user, "--token", " "},
		{"not-an-address", "--token", "x"},
		{"--token", "x"},
		{user, "other@example.com", "--token", "x"},
	} {
		cmd := NewSetCmd(e.F, func(*SetOptions) error { return nil })
		cmd.SetArgs(args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		if err := cmd.Execute(); !isUsage(err) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	var got *SetOptions
	cmd := NewSetCmd(e.F, func(o *SetOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"jane%40example.com", "--token", " abc \n", "--password-stdin"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.User != "jane@example.com" || got.Token != "abc" || !got.PasswordStdin {
		t.Errorf("got %+v", got)
	}
}
