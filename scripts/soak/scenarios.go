package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/scripts/internal/harness"
)

// createAttempts is how many customers a round may use for its interrupted create: a create
// that finishes before the interrupt arrives is run again, with an earlier interrupt.
const createAttempts = 3

// retryFlags make ecctl retry a throttled or unavailable request up to ten times: with a fifth
// of all requests failing, the default three would leave one request in a few hundred failed.
func retryFlags() []string { return []string{"--retries", "10"} }

type soak struct {
	ctx             context.Context
	bins            harness.Binaries
	dir             string
	rng             *rand.Rand
	logf            func(format string, a ...any)
	seeded, empty   *harness.Mock
	createCustomers []string
	nextCreate      int
	results         []string
}

// ecctl runs ecctl against url and returns its result and stdout.
func (s *soak) ecctl(url string, args ...string) (harness.Result, string, error) {
	var stdout strings.Builder
	cmd := exec.CommandContext(s.ctx, s.bins.Ecctl, args...)
	cmd.Env = harness.Env(filepath.Join(s.dir, "home"), url)
	cmd.Stdout = &stdout
	r, err := harness.Run(cmd)
	return r, stdout.String(), err
}

var retriedLine = regexp.MustCompile(`Retried (\d+) times?`)

// syncUnderFaults syncs a seeded customer to a file that changes 30% of its users.
func (s *soak) syncUnderFaults(customer string) error {
	before, err := harness.Export(s.ctx, s.seeded.URL, customer)
	if err != nil {
		return err
	}
	if len(before) != users {
		return fmt.Errorf("%s holds %d users before the sync, want %d", customer, len(before), users)
	}
	desired, n := change(before)
	file := filepath.Join(s.dir, "desired-"+customer+".csv")
	if err := writeCSV(file, desired); err != nil {
		return err
	}
	s.logf("sync %s: %d updates, %d creates, %d deletes, under faults", customer, n.update, n.create, n.delete)
	_, logStart, err := s.seeded.Throttled(0)
	if err != nil {
		return err
	}
	args := append([]string{"users", "sync", customer, "-f", file, "--prune", "--max-delete", strconv.Itoa(n.delete), "--yes", "--chunk-size", "100"}, retryFlags()...)
	r, _, err := s.ecctl(s.seeded.URL, args...)
	if err != nil {
		return err
	}
	if r.Code != 0 {
		return fmt.Errorf("ecctl users sync exited %d, want 0:\n%s", r.Code, tail(r.Stderr))
	}
	m := retriedLine.FindStringSubmatch(r.Stderr)
	if m == nil {
		return fmt.Errorf("the report of the sync names no retries, although a fifth of all requests got 503:\n%s", tail(r.Stderr))
	}
	// Every 503/429 answer to the command is one retry (none of them failed the command).
	throttled, _, err := s.seeded.Throttled(logStart)
	if err != nil {
		return err
	}
	reading := throttled["GET"] + throttled["HEAD"]
	applying := throttled["PUT"] + throttled["PATCH"] + throttled["DELETE"]
	after, err := harness.Export(s.ctx, s.seeded.URL, customer)
	if err != nil {
		return err
	}
	if err := sameUsers(after, desired); err != nil {
		return fmt.Errorf("after the sync: %w", err)
	}
	again, _, err := s.ecctl(s.seeded.URL, append([]string{"users", "sync", customer, "-f", file, "--prune", "--max-delete", "0",
		"--dry-run", "--detailed-exitcode"}, retryFlags()...)...)
	if err != nil {
		return err
	}
	if again.Code != 0 {
		return fmt.Errorf("a second sync still has changes (exit %d):\n%s", again.Code, tail(again.Stderr))
	}
	s.results = append(s.results, fmt.Sprintf("sync %s: exit 0 in %.1fs; report: %q; ecmock answered 503/429 %d times while the users were read and %d times while the changes were sent; the export equals the file (%d users, no address twice); a second sync plans nothing",
		customer, r.Wall.Seconds(), m[0], reading, applying, len(desired)))
	s.logf("%s", s.results[len(s.results)-1])
	return nil
}

// report is the -o json report of a bulk command (bulk.Summary).
type report struct {
	Count  int      `json:"count"`
	Users  []string `json:"users"`
	Failed []struct {
		User         string `json:"user"`
		Status       int    `json:"status"`
		MaybeApplied bool   `json:"maybeApplied"`
	} `json:"failed"`
	NotSent []string `json:"notSent"`
}

// interruptedCreate interrupts a create of 10,000 users at a random moment and checks the
// report against the service, then syncs the file.
func (s *soak) interruptedCreate(round int) error {
	maxDelay := 3 * time.Second
	for attempt := 1; attempt <= createAttempts; attempt++ {
		customer := s.createCustomers[s.nextCreate]
		s.nextCreate++
		rows := newUsers(round, attempt)
		file := filepath.Join(s.dir, "create-"+customer+".csv")
		if err := writeCSV(file, rows); err != nil {
			return err
		}
		delay := 200*time.Millisecond + time.Duration(s.rng.Int64N(int64(maxDelay-200*time.Millisecond)))
		r, stdout, err := s.interrupt(s.empty.URL, delay, append([]string{"users", "create", customer, "-f", file, "-o", "json", "--chunk-size", "100"}, retryFlags()...)...)
		if err != nil {
			return err
		}
		if r.Code == 0 {
			s.logf("create %s ended before the interrupt after %s; again with an earlier one", customer, delay.Round(time.Millisecond))
			maxDelay = delay / 2
			continue
		}
		if r.Code != 130 {
			return fmt.Errorf("interrupted after %s, ecctl users create exited %d, want 130:\n%s", delay.Round(time.Millisecond), r.Code, tail(r.Stderr))
		}
		return s.checkInterrupted(customer, file, rows, delay, r, stdout)
	}
	return fmt.Errorf("%d creates all ended before their interrupt", createAttempts)
}

// interrupt starts ecctl and sends it SIGINT after delay.
func (s *soak) interrupt(url string, delay time.Duration, args ...string) (harness.Result, string, error) {
	var stdout, stderr strings.Builder
	cmd := exec.CommandContext(s.ctx, s.bins.Ecctl, args...)
	cmd.Env = harness.Env(filepath.Join(s.dir, "home"), url)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return harness.Result{}, "", err
	}
	timer := time.AfterFunc(delay, func() { _ = cmd.Process.Signal(os.Interrupt) })
	err := cmd.Wait()
	timer.Stop()
	r := harness.Result{Wall: time.Since(start), Stderr: stderr.String()}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return r, "", err
	}
	r.Code = cmd.ProcessState.ExitCode()
	return r, stdout.String(), nil
}

func (s *soak) checkInterrupted(customer, file string, rows [][]string, delay time.Duration, r harness.Result, stdout string) error {
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		return fmt.Errorf("the report on stdout is not the JSON summary: %v\n%s\nstderr:\n%s", err, tail(stdout), tail(r.Stderr))
	}
	all := make(map[string]bool, len(rows))
	for _, row := range rows {
		all[row[0]] = true
	}
	// Every user of the file is in exactly one of users, failed and notSent.
	seen := map[string]string{}
	place := func(list string, u string) error {
		if !all[u] {
			return fmt.Errorf("the report's %s names %s, which is not in the file", list, u)
		}
		if prev, dup := seen[u]; dup {
			return fmt.Errorf("the report names %s in %s and in %s", u, prev, list)
		}
		seen[u] = list
		return nil
	}
	maybe := map[string]bool{}
	failed := 0
	for _, u := range rep.Users {
		if err := place("users", u); err != nil {
			return err
		}
	}
	for _, f := range rep.Failed {
		if err := place("failed", f.User); err != nil {
			return err
		}
		if f.MaybeApplied {
			maybe[f.User] = true
		} else {
			failed++
		}
	}
	for _, u := range rep.NotSent {
		if err := place("notSent", u); err != nil {
			return err
		}
	}
	if len(seen) != len(rows) {
		return fmt.Errorf("the report accounts for %d of the %d users", len(seen), len(rows))
	}
	if rep.Count != len(rep.Users) {
		return fmt.Errorf("the report's count %d differs from its %d users", rep.Count, len(rep.Users))
	}
	state, err := harness.Export(s.ctx, s.empty.URL, customer)
	if err != nil {
		return err
	}
	exist := map[string]bool{}
	for _, row := range state {
		exist[row[0]] = true
	}
	for _, u := range rep.Users {
		if !exist[u] {
			return fmt.Errorf("the report says %s was created, but it does not exist", u)
		}
	}
	for u := range exist {
		switch seen[u] {
		case "users":
		case "failed":
			if !maybe[u] {
				return fmt.Errorf("%s exists although the report says its request failed without it being applied", u)
			}
		default:
			return fmt.Errorf("%s exists although the report says it was not sent", u)
		}
	}
	created := len(exist)
	// A sync of the same file must finish the job.
	sr, _, err := s.ecctl(s.empty.URL, append([]string{"users", "sync", customer, "-f", file, "--yes", "--chunk-size", "100"}, retryFlags()...)...)
	if err != nil {
		return err
	}
	if sr.Code != 0 {
		return fmt.Errorf("the sync after the interrupt exited %d, want 0:\n%s", sr.Code, tail(sr.Stderr))
	}
	after, err := harness.Export(s.ctx, s.empty.URL, customer)
	if err != nil {
		return err
	}
	if err := sameUsers(after, rows); err != nil {
		return fmt.Errorf("after the sync that follows the interrupt: %w", err)
	}
	s.results = append(s.results, fmt.Sprintf("create %s: SIGINT after %s, exit 130 after %.1fs; report: %d created, %d failed, %d may have been applied, %d not sent; %d exist, as reported; the following sync converged in %.1fs",
		customer, delay.Round(time.Millisecond), r.Wall.Seconds(), len(rep.Users), failed, len(maybe), len(rep.NotSent), created, sr.Wall.Seconds()))
	s.logf("%s", s.results[len(s.results)-1])
	return nil
}

func (s *soak) summary() string {
	return "Results:\n  " + strings.Join(s.results, "\n  ") + "\n"
}

// sameUsers compares two sets of CSV rows (ecctl's columns) regardless of order, and checks
// that got names no address twice.
func sameUsers(got, want [][]string) error {
	key := func(r []string) string { return strings.Join(r, "\x00") }
	addrs := map[string]bool{}
	for _, r := range got {
		if addrs[r[0]] {
			return fmt.Errorf("%s exists twice", r[0])
		}
		addrs[r[0]] = true
	}
	if len(got) != len(want) {
		return fmt.Errorf("%d users, want %d", len(got), len(want))
	}
	g, w := make([]string, len(got)), make([]string, len(want))
	for i := range got {
		g[i], w[i] = key(got[i]), key(want[i])
	}
	slices.Sort(g)
	slices.Sort(w)
	for i := range g {
		if g[i] != w[i] {
			return fmt.Errorf("the users differ from the file, first at\n  got  %q\n  want %q", strings.Split(g[i], "\x00"), strings.Split(w[i], "\x00"))
		}
	}
	return nil
}

func tail(s string) string {
	if len(s) > 3000 {
		return "..." + s[len(s)-3000:]
	}
	return s
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(userfile.Columns); err != nil {
		f.Close()
		return err
	}
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
