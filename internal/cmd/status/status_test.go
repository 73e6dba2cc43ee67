package status_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmd/status"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

type statusJSON struct {
	Customer     string   `json:"customer"`
	FilterGroups []string `json:"filterGroups"`
	countsJSON
	Groups []struct {
		Group string `json:"group"`
		countsJSON
	} `json:"groups"`
	NoGroup *countsJSON `json:"noGroup"`
}

type countsJSON struct {
	Total     int64 `json:"total"`
	Activated int64 `json:"activated"`
	Access    int64 `json:"access"`
	Failover  int64 `json:"failover"`
}

// server is an in-process ecmock (20 users for 44444) behind a handler that counts
// requests by method and can fail some of them.
type server struct {
	srv   *mock.Server
	url   string
	heads atomic.Int64
	gets  atomic.Int64
	fail  atomic.Pointer[func(*http.Request) bool]
}

func newServer(t *testing.T) *server {
	t.Helper()
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		t.Fatal(err)
	}
	s := &server{srv: srv}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodHead:
			s.heads.Add(1)
		case http.MethodGet:
			s.gets.Add(1)
		}
		if f := s.fail.Load(); f != nil && (*f)(r) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	s.url = hs.URL + "/"
	// Some activity, so that the failover numbers are not all zero.
	c := s.client(t)
	if _, err := c.SetCustomerFlag(context.Background(), "44444", gen.Failover, true, []string{"nordics", "americas"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *server) client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{Endpoint: s.url, Username: "demo", Password: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (s *server) count(t *testing.T, f client.Filter) int64 {
	t.Helper()
	n, err := s.client(t).Count(context.Background(), "44444", f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (s *server) counts(t *testing.T, groups []string) countsJSON {
	t.Helper()
	yes := true
	return countsJSON{
		Total:     s.count(t, client.Filter{Groups: groups}),
		Activated: s.count(t, client.Filter{Groups: groups, Activation: &yes}),
		Access:    s.count(t, client.Filter{Groups: groups, Access: &yes}),
		Failover:  s.count(t, client.Filter{Groups: groups, Failover: &yes}),
	}
}

func (s *server) run(t *testing.T, output string, args ...string) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	home := t.TempDir()
	vars := map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config"), "XDG_STATE_HOME": filepath.Join(home, "state"),
		"ECCTL_ENDPOINT": s.url, "ECCTL_USERNAME": "demo", "ECCTL_PASSWORD": "demo", "ECCTL_OUTPUT": output,
	}
	f := &cmdutil.Factory{IOStreams: ios, Getenv: func(k string) string { return vars[k] }, Now: time.Now}
	cmd := status.NewCmd(f)
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	s.heads.Store(0)
	s.gets.Store(0)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func decode(t *testing.T, s string) statusJSON {
	t.Helper()
	var st statusJSON
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	return st
}

func TestNumbersAreTheServers(t *testing.T) {
	s := newServer(t)
	for _, groups := range [][]string{nil, {"emea"}, {"emea", "apac"}} {
		args := []string{"44444"}
		for _, g := range groups {
			args = append(args, "--group", g)
		}
		out, _, err := s.run(t, "json", args...)
		if err != nil {
			t.Fatal(err)
		}
		if h, g := s.heads.Load(), s.gets.Load(); h != 4 || g != 0 {
			t.Errorf("%v: %d counts and %d lists, want 4 counts", groups, h, g)
		}
		st := decode(t, out)
		if want := s.counts(t, groups); st.countsJSON != want || st.Customer != "44444" || len(st.FilterGroups) != len(groups) {
			t.Errorf("%v: %+v, want %+v", groups, st, want)
		}
		if st.Groups != nil || st.NoGroup != nil {
			t.Errorf("groups without --by-group: %s", out)
		}
	}
}

// --by-group: one list pass (one page for 20 users) besides the four counts, and each
// group's numbers equal the server's counts for that group.
func TestByGroupMatchesPerGroupCounts(t *testing.T) {
	s := newServer(t)
	out, _, err := s.run(t, "json", "44444", "--by-group")
	if err != nil {
		t.Fatal(err)
	}
	if h, g := s.heads.Load(), s.gets.Load(); h != 4 || g != 1 {
		t.Errorf("%d counts and %d list requests, want 4 and 1", h, g)
	}
	st := decode(t, out)
	if len(st.Groups) < 5 {
		t.Fatalf("only %d groups: %s", len(st.Groups), out)
	}
	var failover int64
	for i, g := range st.Groups {
		if i > 0 && st.Groups[i-1].Group >= g.Group {
			t.Errorf("groups not sorted: %s after %s", g.Group, st.Groups[i-1].Group)
		}
		if want := s.counts(t, []string{g.Group}); g.countsJSON != want {
			t.Errorf("group %s: %+v, want %+v", g.Group, g.countsJSON, want)
		}
		failover += g.Failover
	}
	if failover == 0 {
		t.Error("no group shows failover although nordics and americas have it on")
	}
	// The users in no group are the ones the export shows without groups.
	var none int64
	page, err := s.client(t).ListPage(context.Background(), "44444", client.Filter{}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range page.Users {
		if g, err := u.FailoverGroups.Get(); err != nil || len(g) == 0 {
			none++
		}
	}
	if st.NoGroup == nil || st.NoGroup.Total != none {
		t.Errorf("noGroup %+v, want total %d", st.NoGroup, none)
	}

	nGroups := len(st.Groups)

	// Restricted to the named groups.
	out, _, err = s.run(t, "json", "44444", "--by-group", "--group", "apac", "--group", "nosuch")
	if err != nil {
		t.Fatal(err)
	}
	st = decode(t, out)
	if len(st.Groups) != 2 || st.Groups[0].Group != "apac" || st.Groups[1].Group != "nosuch" ||
		st.Groups[0].countsJSON != s.counts(t, []string{"apac"}) || st.Groups[1].Total != 0 || st.NoGroup != nil {
		t.Errorf("restricted: %s", out)
	}

	// The table has the customer row first, then one row per group, then the rest.
	out, _, err = s.run(t, "table", "44444", "--by-group")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3+nGroups || !strings.HasPrefix(lines[0], "USERS OF") ||
		!strings.HasPrefix(lines[1], "44444 (all users)") || !strings.HasPrefix(lines[len(lines)-1], "(no group)") {
		t.Errorf("table:\n%s", out)
	}
}

// One failed request fails the command: no numbers at all rather than a zero.
func TestAFailedCountFailsLoudly(t *testing.T) {
	s := newServer(t)
	fail := func(r *http.Request) bool {
		return r.Method == http.MethodHead && r.URL.Query().Get("access") == "true"
	}
	s.fail.Store(&fail)
	out, _, err := s.run(t, "json", "44444")
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 500 {
		t.Fatalf("error %v, want the 500", err)
	}
	if out != "" {
		t.Errorf("numbers printed despite the failure: %s", out)
	}
	failList := func(r *http.Request) bool { return r.Method == http.MethodGet }
	s.fail.Store(&failList)
	if out, _, err := s.run(t, "json", "44444", "--by-group"); err == nil || out != "" {
		t.Errorf("a failed list pass: %v, %q", err, out)
	}
}

func TestInvalidArgumentsSendNothing(t *testing.T) {
	s := newServer(t)
	many := []string{"44444"}
	for i := range 17 {
		many = append(many, "--group", "g"+string(rune('a'+i)))
	}
	for _, args := range [][]string{many, {"4444"}, {"44444", "55555"}, {"44444", "--group", ""}, {"true"}} {
		_, _, err := s.run(t, "json", args...)
		var exit *cmdutil.ExitError
		if !errors.As(err, &exit) || exit.Code != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
		if s.heads.Load()+s.gets.Load() != 0 {
			t.Errorf("%v: requests were sent", args)
		}
	}
}
