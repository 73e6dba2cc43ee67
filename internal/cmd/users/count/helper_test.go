package count

import (
	"bytes"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

// testEnv is a Factory talking to a fresh ecmock seeded with 20 users for 44444 and
// 55555, with its own config and state directories.
type testEnv struct {
	f      *cmdutil.Factory
	ios    *iostreams.IOStreams
	out    *bytes.Buffer
	errOut *bytes.Buffer
	srv    *mock.Server
	env    map[string]string
}

func newTestEnv(t *testing.T, output string) *testEnv {
	t.Helper()
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	home := t.TempDir()
	ios, _, out, errOut := iostreams.Test()
	e := &testEnv{ios: ios, out: out, errOut: errOut, srv: srv,
		env: map[string]string{
			"HOME":            home,
			"XDG_CONFIG_HOME": filepath.Join(home, "config"),
			"XDG_STATE_HOME":  filepath.Join(home, "state"),
			"ECCTL_ENDPOINT":  hs.URL + "/",
			"ECCTL_USERNAME":  "demo",
			"ECCTL_PASSWORD":  "demo",
			"ECCTL_OUTPUT":    output,
		}}
	e.f = cmdutil.New(ios)
	e.f.Getenv = func(k string) string { return e.env[k] }
	return e
}
