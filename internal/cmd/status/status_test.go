package status_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmd/status"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
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
	*cmdtest.Env
	heads atomic.Int64
	gets  atomic.Int64
	fail  atomic.Pointer[func(*http.Request) bool]
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{}
	s.Env = cmdtest.New(t, cmdtest.WithSeededMock(), cmdtest.WithHandler(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
			next.ServeHTTP(w, r)
		})
	}))
	// Some activity, so that the failover numbers are not all zero.
	if _, err := s.Client().SetCustomerFlag(context.Background(), "44444", gen.Failover, true, []string{"nordics", "americas"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *server) count(t *testing.T, f client.Filter) int64 {
	t.Helper()
	n, err := s.Client().Count(context.Background(), "44444", f)
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

// run runs `ecctl status ARGS` as a fresh process would, counting only its requests.
func (s *server) run(t *testing.T, output string, args ...string) (string, string, error) {
	t.Helper()
	r := s.Again(cmdtest.WithOutput(output))
	s.heads.Store(0)
	s.gets.Store(0)
	err := r.Run(status.NewCmd(r.F), args...)
	return r.Out.String(), r.ErrOut.String(), err
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
	page, err := s.Client().ListPage(context.Background(), "44444", client.Filter{}, 0, 1000)
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

// -o csv: machine column names and plain values, one row per set of users; the numbers
// are the JSON's.
func TestCSVHasMachineColumns(t *testing.T) {
	s := newServer(t)
	out, _, err := s.run(t, "csv", "44444", "--by-group")
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out)
	if got := strings.Join(rows[0], ","); got != "customer,scope,group,total,activated,access,failover" {
		t.Fatalf("header %q", got)
	}
	jsonOut, _, err := s.run(t, "json", "44444", "--by-group")
	if err != nil {
		t.Fatal(err)
	}
	st := decode(t, jsonOut)
	want := [][]string{{"44444", "all", "", plain(st.countsJSON)}}
	for _, g := range st.Groups {
		want = append(want, []string{"44444", "group", g.Group, plain(g.countsJSON)})
	}
	want = append(want, []string{"44444", "no-group", "", plain(*st.NoGroup)})
	if got := joinRows(rows[1:]); got != joinRows(want) {
		t.Errorf("csv rows:\n%s\nwant:\n%s", got, joinRows(want))
	}

	// --group: the first row counts the members of any of the groups, which it names.
	out, _, err = s.run(t, "csv", "44444", "--group", "apac", "--group", "Sales & EMEA")
	if err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, out)
	if want := "44444|groups|apac;Sales & EMEA|" + plain(s.counts(t, []string{"apac", "Sales & EMEA"})); len(rows) != 2 || joinRows(rows[1:]) != want {
		t.Errorf("csv with --group:\n%s\nwant %s", out, want)
	}
	out, _, err = s.run(t, "csv", "44444", "--by-group", "--group", "apac", "--group", "nosuch")
	if err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, out)
	if len(rows) != 4 || rows[1][1] != "groups" || rows[2][1] != "group" || rows[2][2] != "apac" ||
		strings.Join(rows[3], ",") != "44444,group,nosuch,0,0,0,0" {
		t.Errorf("csv --by-group --group:\n%s", out)
	}
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, s)
	}
	return rows
}

// plain renders counts as the CSV's last four cells, joined with "|".
func plain(c countsJSON) string {
	return fmt.Sprintf("%d|%d|%d|%d", c.Total, c.Activated, c.Access, c.Failover)
}

func joinRows(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "|")
	}
	return strings.Join(lines, "\n")
}
