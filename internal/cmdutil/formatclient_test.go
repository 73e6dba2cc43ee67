package cmdutil_test

import (
	"context"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

func TestFormatAndClient(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput("jsonl"))
	format, c, err := e.F.FormatAndClient(context.Background())
	if err != nil || format != output.JSONL {
		t.Fatalf("format %q, %v", format, err)
	}
	if n, err := c.Count(context.Background(), "44444", client.Filter{}); err != nil || n != 20 {
		t.Errorf("the client counts %d users (%v), want 20", n, err)
	}
}

// A bad -o is reported before the credentials are looked for: exit 2, not 4.
func TestFormatAndClientChecksTheFormatFirst(t *testing.T) {
	e := cmdtest.New(t, cmdtest.WithOutput("xml"))
	_, c, err := e.F.FormatAndClient(context.Background())
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage || c != nil {
		t.Errorf("client %v, error %v; want a usage error", c, err)
	}
	e = cmdtest.New(t, cmdtest.WithOutput("json"))
	if _, _, err := e.F.FormatAndClient(context.Background()); cmdtest.MustExitCode(t, err) != cmdutil.ExitAuth {
		t.Errorf("no credentials: %v, want exit 4", err)
	}
}
