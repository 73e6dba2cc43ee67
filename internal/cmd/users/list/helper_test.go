package list

import (
	"bytes"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

// testEnv is a Factory talking to a fresh ecmock seeded with 20 users for 44444 and
// 55555, with its own home: a cmdtest.Env under the names this package's tests use.
type testEnv struct {
	f      *cmdutil.Factory
	ios    *iostreams.IOStreams
	out    *bytes.Buffer
	errOut *bytes.Buffer
	srv    *mock.Server
	env    map[string]string
}

func newTestEnv(t testing.TB, output string) *testEnv {
	t.Helper()
	e := cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithOutput(output))
	return &testEnv{f: e.F, ios: e.F.IOStreams, out: e.Out, errOut: e.ErrOut, srv: e.Mock, env: e.Vars}
}

func filterGroups(groups ...string) client.Filter { return client.Filter{Groups: groups} }
