package token

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

const user = "alvaro.garcia@kestrel-44444.example"

func TestCreateShowsTheTokenOnStdoutOnly(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.F.Global.Debug = true
	if err := runCreate(context.Background(), e.F, &CreateOptions{Customer: "44444", User: user, MailNotification: true}); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Token +(\S+)$`).FindStringSubmatch(e.Out.String())
	if m == nil {
		t.Fatalf("stdout = %q, want the token", e.Out)
	}
	token := m[1]
	if !regexp.MustCompile(`(?m)^URL +https://\S+$`).MatchString(e.Out.String()) ||
		!regexp.MustCompile(`(?m)^Expires +\d{4}-`).MatchString(e.Out.String()) {
		t.Errorf("stdout = %q, want url and expiry", e.Out)
	}
	trace := e.ErrOut.String()
	if !strings.Contains(trace, "POST ") || strings.Contains(trace, token) {
		t.Errorf("debug trace shows the token or misses the request:\n%s", trace)
	}
	if !strings.Contains(trace, "mailNotification=true") {
		t.Errorf("--mail-notification not sent:\n%s", trace)
	}
	journal, err := os.ReadFile(filepath.Join(e.StateDir(), "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(journal), `"command":"token create","scope":{"users":["`+user+`"]}`) || strings.Contains(string(journal), token) {
		t.Errorf("journal: %s", journal)
	}
}

func TestCreateFormats(t *testing.T) {
	for format, want := range map[string]*regexp.Regexp{
		"json":  regexp.MustCompile(`(?s)^\{\n  "expiryTimestamp": ".+",\n  "id": ".+",\n  "timestamp": ".+",\n  "token": "\S+",\n  "url": "https://\S+"\n\}\n$`),
		"jsonl": regexp.MustCompile(`^\{"expiryTimestamp":.*"token":"\S+".*\}\n$`),
		"csv":   regexp.MustCompile(`^token,url,expiryTimestamp,id,timestamp\n\S+,https://\S+\n$`),
	} {
		e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput(format))
		if err := runCreate(context.Background(), e.F, &CreateOptions{Customer: "44444", User: user}); err != nil {
			t.Fatal(err)
		}
		if !want.MatchString(e.Out.String()) {
			t.Errorf("-o %s: stdout = %q", format, e.Out)
		}
	}
}

func TestCreateErrors(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	err := runCreate(context.Background(), e.F, &CreateOptions{Customer: "44444", User: "nobody@example.com"})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 404 || e.Out.Len() != 0 {
		t.Errorf("unknown user: err = %v, stdout %q; want 404 and nothing printed", err, e.Out)
	}
	journal, _ := os.ReadFile(filepath.Join(e.StateDir(), "journal.jsonl"))
	if !strings.Contains(string(journal), `"outcome":"failed"`) {
		t.Errorf("journal: %s, want the failed attempt", journal)
	}

	for _, args := range [][]string{{"44444"}, {"44444", "nobody"}, {"4444", user}, {"44444", user, "x"}, {}} {
		cmd := NewCreateCmd(e.F, func(*CreateOptions) error { return nil })
		cmd.SetArgs(args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		var exit *cmdutil.ExitError
		if err := cmd.Execute(); !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}

func TestNewCreateCmdTakesTheCustomerFromTheEnvironment(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("table"))
	e.Vars["ECCTL_CUSTOMER"] = "55555"
	var got *CreateOptions
	cmd := NewCreateCmd(e.F, func(o *CreateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"jane%40example.com", "--mail-notification"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Customer != "55555" || got.User != "jane@example.com" || !got.MailNotification {
		t.Errorf("got %+v", got)
	}
}
