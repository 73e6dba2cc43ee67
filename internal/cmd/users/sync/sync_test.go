package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/mock"
)

// desiredWithDepartments is the current users of 44444 with the department of the given
// users changed to "Dept <address>".
func (e *env) desiredWithDepartments(changed ...string) []gen.User {
	e.t.Helper()
	cur := e.current()
	var users []gen.User
	for _, addr := range e.addresses() {
		u := cur[addr]
		if slices.Contains(changed, addr) {
			u.Department = nullable.NewNullableWithValue("Dept " + addr)
		}
		users = append(users, u)
	}
	return users
}

// failPatchNaming answers 500 to bulk updates that name *user, before the mock sees them.
func failPatchNaming(user *string, failures *atomic.Int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPatch && r.URL.Path == "/44444" {
				body, _ := io.ReadAll(r.Body)
				r.Body = io.NopCloser(bytes.NewReader(body))
				if bytes.Contains(body, []byte(`"`+*user+`"`)) {
					failures.Add(1)
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusInternalServerError)
					fmt.Fprint(w, `{"id":"fault-1","timestamp":"2026-12-03T10:00:00Z","status":500,"message":"boom"}`)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// One chunk of several fails: the others are applied, the report names exactly the failed
// chunk's users and why, the exit code is 6, and the next run sends only what is left.
func TestSyncOneChunkFails(t *testing.T) {
	var failures atomic.Int64
	var target string // set before the first request
	e := newEnv(t, mock.Options{}, failPatchNaming(&target, &failures))
	addrs := e.addresses()[:4]
	target = addrs[2]
	file := e.writeFile("desired.csv", e.desiredWithDepartments(addrs...))

	err := e.run(context.Background(), "44444", "-f", file, "--chunk-size", "2")
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitPartial {
		t.Fatalf("error %v (exit %d), want exit 6\nstderr:\n%s", err, cmdtest.MustExitCode(t, err), e.ErrOut)
	}
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || !ee.Silent {
		t.Errorf("the partial failure should not be printed again after the report: %#v", err)
	}
	report := e.ErrOut.String()
	for _, want := range []string{
		"Updated 2 of 4 users of 44444 in 2 requests: 2 failed.\n",
		"Failed: request 2 of 2 (update, 2 users): 500 Internal Server Error: boom (request id fault-1)\n  " + addrs[2] + "\n  " + addrs[3] + "\n",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	cur := e.current()
	for i, addr := range addrs {
		got := cur[addr].Department.GetOrEmpty()
		if applied := got == "Dept "+addr; applied != (i < 2) {
			t.Errorf("%s: department %q; applied %v, want %v", addr, got, applied, i < 2)
		}
	}
	entries := e.Journal()
	if len(entries) != 1 || entries[0].Command != "users sync" || entries[0].Outcome != "partial" ||
		entries[0].Counts["update"] != 4 || entries[0].Counts["failed"] != 2 || entries[0].Counts["applied"] != 2 ||
		len(entries[0].RequestIDs) != 1 || !strings.Contains(entries[0].Error, "boom") {
		t.Errorf("journal %+v, want one partial entry", entries)
	}

	if failures.Load() != 1 {
		t.Errorf("%d requests failed, want 1", failures.Load())
	}

	// The fault stays for addrs[2]. The next run plans only the two users still different;
	// with one user per request the other one is applied now.
	e.Vars["ECCTL_OUTPUT"] = "json"
	err = e.run(context.Background(), "44444", "-f", file, "--chunk-size", "1")
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitPartial {
		t.Fatalf("second run: %v, want exit 6", err)
	}
	var doc struct {
		Plan struct {
			Update []struct{ User string } `json:"update"`
		} `json:"plan"`
		Result struct {
			Update struct {
				Count  int      `json:"count"`
				Users  []string `json:"users"`
				Failed []struct {
					User    string `json:"user"`
					Status  int    `json:"status"`
					Message string `json:"message"`
					ID      string `json:"id"`
				} `json:"failed"`
			} `json:"update"`
		} `json:"result"`
	}
	if err := json.Unmarshal(e.Out.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, e.Out)
	}
	if len(doc.Plan.Update) != 2 || doc.Plan.Update[0].User != addrs[2] || doc.Plan.Update[1].User != addrs[3] {
		t.Errorf("second plan %+v, want the two users that failed", doc.Plan.Update)
	}
	u := doc.Result.Update
	if u.Count != 1 || !slices.Equal(u.Users, []string{addrs[3]}) || len(u.Failed) != 1 ||
		u.Failed[0].User != addrs[2] || u.Failed[0].Status != 500 || u.Failed[0].Message != "boom" || u.Failed[0].ID != "fault-1" {
		t.Errorf("second result %+v", u)
	}
}

// ecmock's fail rate drawn from a fixed source: with one request at a time the requests
// that fail are known in advance, and exactly their users are reported.
func TestSyncFailRateReportsEveryFailedUser(t *testing.T) {
	const rate, changes = 0.5, 8
	// Pick a seed whose first two draws let the two listings through (the test's, to write
	// the file, and ecctl's) and whose next draws fail some of the eight one-user requests
	// and not others.
	var seed uint64
	var fails []bool
	for s := uint64(1); ; s++ {
		r := rand.New(rand.NewPCG(s, s))
		testListing, ecctlListing := r.Float64(), r.Float64()
		if testListing < rate || ecctlListing < rate {
			continue
		}
		fails = fails[:0]
		n := 0
		for range changes {
			f := r.Float64() < rate
			fails = append(fails, f)
			if f {
				n++
			}
		}
		if n > 0 && n < changes {
			seed = s
			break
		}
	}
	e := newEnv(t, mock.Options{FailRate: rate, Rand: rand.NewPCG(seed, seed)}, nil)
	addrs := e.addresses()[:changes]
	file := e.writeFile("desired.csv", e.desiredWithDepartments(addrs...))

	err := e.run(context.Background(), "44444", "-f", file, "--chunk-size", "1", "--concurrency", "1")
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitPartial {
		t.Fatalf("error %v (exit %d), want 6\nstderr:\n%s", err, cmdtest.MustExitCode(t, err), e.ErrOut)
	}
	var wantFailed []string
	for i, f := range fails {
		if f {
			wantFailed = append(wantFailed, addrs[i])
			want := fmt.Sprintf("Failed: request %d of %d (update, 1 user): 503 Service Unavailable: service unavailable, nothing was changed (ecmock --fail-rate)", i+1, changes)
			if !strings.Contains(e.ErrOut.String(), want+" (request id ") || !strings.Contains(e.ErrOut.String(), ")\n  "+addrs[i]+"\n") {
				t.Errorf("report lacks request %d for %s:\n%s", i+1, addrs[i], e.ErrOut)
			}
		}
	}
	if want := fmt.Sprintf("Updated %d of %d users of 44444 in %d requests: %d failed.\n", changes-len(wantFailed), changes, changes, len(wantFailed)); !strings.Contains(e.ErrOut.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, e.ErrOut)
	}

	// Healed by a second run without faults, which sends only the failed users.
	if err := e.Mock.SetFaults(mock.Faults{}); err != nil {
		t.Fatal(err)
	}
	e.Vars["ECCTL_OUTPUT"] = "json"
	if err := e.run(context.Background(), "44444", "-f", file); err != nil {
		t.Fatalf("second run: %v\n%s", err, e.ErrOut)
	}
	var doc struct {
		Result struct {
			Update struct{ Users []string } `json:"update"`
		} `json:"result"`
	}
	if err := json.Unmarshal(e.Out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Result.Update.Users, wantFailed) {
		t.Errorf("second run updated %v, want %v", doc.Result.Update.Users, wantFailed)
	}
	e.Vars["ECCTL_OUTPUT"] = "table"
	if err := e.run(context.Background(), "44444", "-f", file, "--detailed-exitcode"); err != nil || !strings.HasPrefix(e.Out.String(), "No changes for 44444") {
		t.Errorf("third run: %v\n%s", err, e.Out)
	}
}

// On a terminal sync shows the counts and asks; declining sends nothing (exit 3).
func TestSyncAsksOnTerminal(t *testing.T) {
	for _, tc := range []struct {
		answer  string
		applied bool
	}{{"y\n", true}, {"n\n", false}} {
		e := newEnv(t, mock.Options{}, nil)
		e.F.IOStreams.SetStdinTTY(true)
		e.F.IOStreams.SetStderrTTY(true)
		e.In.WriteString(tc.answer)
		addrs := e.addresses()
		desired := e.desiredWithDepartments(addrs[0])
		desired = slices.DeleteFunc(desired, func(u gen.User) bool { return u.User == addrs[1] })
		file := e.writeFile("desired.csv", desired)

		// --prune on a terminal needs no --yes: the question is the confirmation.
		err := e.run(context.Background(), "44444", "-f", file, "--prune")
		if !strings.Contains(e.ErrOut.String(), "Sync 44444: create 0, update 1 and delete 1 users? [y/N]: ") {
			t.Errorf("answer %q: stderr lacks the question:\n%s", tc.answer, e.ErrOut)
		}
		if !strings.Contains(e.Out.String(), "Plan for 44444: 0 to create, 1 to update, 1 to delete, 18 unchanged.") {
			t.Errorf("answer %q: the plan comes before the question:\n%s", tc.answer, e.Out)
		}
		if tc.applied {
			if err != nil || e.Mock.Changes() != 2 {
				t.Errorf("answer yes: %v, %d changes, want 2", err, e.Mock.Changes())
			}
			continue
		}
		if cmdtest.MustExitCode(t, err) != cmdutil.ExitNotConfirm || e.Mock.Changes() != 0 || len(e.Journal()) != 0 {
			t.Errorf("answer no: %v (exit %d), %d changes, want exit 3 and nothing sent or journalled", err, cmdtest.MustExitCode(t, err), e.Mock.Changes())
		}
	}
}

// Without a terminal and without --prune, sync applies without asking, like the reversible
// flag changes.
func TestSyncDoesNotAskInScripts(t *testing.T) {
	e := newEnv(t, mock.Options{}, nil)
	file := e.writeFile("desired.csv", e.desiredWithDepartments(e.addresses()[0]))
	if err := e.run(context.Background(), "44444", "-f", file); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.ErrOut.String(), "[y/N]") || e.Mock.Changes() != 1 {
		t.Errorf("stderr %q, %d changes", e.ErrOut, e.Mock.Changes())
	}
}

// A progress bar is drawn on a terminal, for the changes sent in several requests.
func TestSyncProgressOnTerminal(t *testing.T) {
	e := newEnv(t, mock.Options{}, nil)
	e.F.IOStreams.SetStderrTTY(true)
	e.F.Global.Yes = true
	file := e.writeFile("desired.csv", e.desiredWithDepartments(e.addresses()[:6]...))
	if err := e.run(context.Background(), "44444", "-f", file, "--chunk-size", "2"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.ErrOut.String(), "syncing users of 44444") || !strings.Contains(e.ErrOut.String(), "6/6") {
		t.Errorf("stderr lacks the progress bar:\n%q", e.ErrOut)
	}
}

// Ctrl-C during the apply: no further request is sent, the report and the journal say what
// was applied, and the error carries the cancellation (exit 130).
func TestSyncInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var bulkRequests atomic.Int64
	e := newEnv(t, mock.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPatch && bulkRequests.Add(1) == 1 {
				cancel() // the user presses Ctrl-C while the first request is in flight
			}
			next.ServeHTTP(w, r)
		})
	})
	file := e.writeFile("desired.csv", e.desiredWithDepartments(e.addresses()[:6]...))
	err := e.run(ctx, "44444", "-f", file, "--chunk-size", "2", "--concurrency", "1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want the cancellation", err)
	}
	if n := bulkRequests.Load(); n != 1 {
		t.Errorf("%d bulk requests, want 1", n)
	}
	if !strings.Contains(e.ErrOut.String(), "Updated 2 of 6 users of 44444 in 3 requests: 4 not sent.") {
		t.Errorf("report:\n%s", e.ErrOut)
	}
	if entries := e.Journal(); len(entries) != 1 || entries[0].Outcome != "interrupted" || entries[0].Counts["applied"] != 2 {
		t.Errorf("journal %+v", entries)
	}
}

func TestNewCmdParsesFlags(t *testing.T) {
	e := newEnv(t, mock.Options{}, nil)
	var got *Options
	cmd := NewCmd(e.F, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"44444", "-f", "users.csv", "--prune", "--dry-run", "--detailed-exitcode", "--concurrency", "8", "--chunk-size", "500"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := Options{Customer: "44444", File: "users.csv", Prune: true, MaxDelete: -1, DryRun: true, DetailedExitCode: true}
	want.Bulk.ChunkSize, want.Bulk.Concurrency = 500, 8
	if *got != want {
		t.Errorf("options %+v, want %+v", *got, want)
	}
	cmd = NewCmd(e.F, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"44444", "-f", "users.csv", "--prune", "--max-delete", "0"})
	if err := cmd.Execute(); err != nil || got.MaxDelete != 0 {
		t.Errorf("--max-delete 0: %v, %+v", err, got)
	}
}
