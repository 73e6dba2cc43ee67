package delete

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// addresses returns the first n addresses of 44444.
func addresses(t *testing.T, e *cmdtest.Env, n int) []string {
	t.Helper()
	page, err := e.Client().ListPage(context.Background(), "44444", client.Filter{}, 0, n)
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, u := range page.Users {
		users = append(users, u.User)
	}
	return users
}

func TestDeletePromptsOnTerminalWithPreview(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock())
	users := addresses(t, e, 7)
	e.TTY()
	e.In.WriteString("y\n")
	before := e.Mock.Requests()
	if err := e.Run(NewCmd(e.F, nil), append([]string{"44444"}, users...)...); err != nil {
		t.Fatal(err)
	}
	errOut := e.ErrOut.String()
	want := fmt.Sprintf("About to delete 7 users of 44444. This removes their mailboxes and cannot be undone.\n"+
		"  %s\n  %s\n  %s\n  %s\n  %s\n  ... and 2 more\nDelete 7 users of 44444? [y/N]: ",
		users[0], users[1], users[2], users[3], users[4])
	if !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", errOut, want)
	}
	if !strings.Contains(errOut, "Deleted 7 of 7 users of 44444.") {
		t.Errorf("stderr lacks the report:\n%s", errOut)
	}
	if got := e.Mock.Requests() - before; got != 1 {
		t.Errorf("%d requests, want one bulk delete", got)
	}
}

func TestDeleteDeclinedSendsNothing(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock())
	user := addresses(t, e, 1)[0]
	e.TTY()
	e.In.WriteString("n\n")
	before := e.Mock.Requests()
	err := e.Run(NewCmd(e.F, nil), "44444", user)
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitNotConfirm {
		t.Fatalf("error %v, want exit 3", err)
	}
	if !strings.Contains(e.ErrOut.String(), "About to delete user "+user+" of 44444. This removes the mailbox") {
		t.Errorf("stderr:\n%s", e.ErrOut.String())
	}
	if got := e.Mock.Requests() - before; got != 0 {
		t.Errorf("%d requests after declining, want 0", got)
	}
}

func TestDeleteNotInteractiveNeedsYes(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock())
	user := addresses(t, e, 1)[0]
	before := e.Mock.Requests()
	err := e.Run(NewCmd(e.F, nil), "44444", user)
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitNotConfirm || !strings.Contains(err.Error(), "refusing to delete user "+user+" of 44444 without --yes") {
		t.Fatalf("error %v, want exit 3 asking for --yes", err)
	}
	if e.ErrOut.Len() != 0 {
		t.Errorf("no prompt expected, stderr:\n%s", e.ErrOut.String())
	}
	if got := e.Mock.Requests() - before; got != 0 {
		t.Errorf("%d requests, want 0", got)
	}
	e.F.Global.Yes = true
	if err := e.Run(NewCmd(e.F, nil), "44444", user); err != nil {
		t.Fatal(err)
	}
	if got := e.ErrOut.String(); got != "Deleted user "+user+" of 44444.\n" {
		t.Errorf("stderr %q", got)
	}
}

func TestDeleteArgumentErrors(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"44444"}, "give the users to delete, or -f FILE"},
		{[]string{"44444", "a@example.com", "A@example.com"}, "user A@example.com is named twice (also as a@example.com)"},
		{[]string{"44444", "not-an-address"}, "is not an e-mail address"},
		{[]string{"44444", "a@example.com", "-f", "x.txt"}, "give either USER... or -f FILE, not both"},
		{[]string{"44444", "-f", "x.txt", "--chunk-size", "1001"}, "--chunk-size: 1001 users per request is out of range"},
	} {
		err := e.Run(NewCmd(e.F, nil), tc.args...)
		if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want a usage error with %q", tc.args, err, tc.want)
		}
	}
}
