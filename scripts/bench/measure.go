package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ecctl/ecctl/scripts/internal/harness"
)

// The customers: listCustomer is seeded with o.users users in the first ecmock; the create
// comparison sends into fresh customers of a second, empty ecmock, one per run and side.
const (
	listCustomer    = "44444"
	createCustomer0 = 20001
)

// bench is one run of all measurements.
type bench struct {
	ctx   context.Context
	o     options
	bins  harness.Binaries
	dir   string
	start time.Time

	seeded, empty *harness.Mock

	startup, hello        []time.Duration
	list, curlList        []time.Duration
	rss10k, rss100k       []int64
	create, curlCreate    []time.Duration
	createRSS             []int64
	createCPU             []time.Duration // ecctl's own
	createMock, curlMock  []time.Duration // ecmock's CPU during each side's runs
	createPrep            []time.Duration // ecctl create until its first request
	listCPU               []time.Duration
	listMock, curlMockL   []time.Duration
	syncList              []time.Duration
	syncPlan, syncApply   []time.Duration
	syncPlanRSS           []int64
	syncChanges           syncChanges
	syncAvailable         bool
	syncNote              string
	exportCSV, desiredCSV string
	chunkFiles            []string
	pages                 int
}

func (b *bench) stopMocks() {
	for _, m := range []*harness.Mock{b.seeded, b.empty} {
		if m != nil {
			m.Stop()
		}
	}
}

func (b *bench) measureAll() error {
	b.pages = b.o.users / chunkSize
	b.step("start-up: ecctl version vs hello-world, %d runs each", b.o.startups)
	if err := b.measureStartup(); err != nil {
		return err
	}

	b.step("starting ecmock with %d users in %s", b.o.users, listCustomer)
	var err error
	b.seeded, err = harness.StartMock(b.ctx, b.bins.Ecmock, filepath.Join(b.dir, "ecmock-seeded.log"),
		"--seed", strconv.Itoa(b.o.users), "--account", "demo:demo:"+listCustomer)
	if err != nil {
		return err
	}
	if err := b.prepareData(); err != nil {
		return err
	}

	b.step("list %d users as JSONL: ecctl vs a sequential curl loop of %d pages, %d runs each", b.o.users, b.pages, b.o.reps)
	if err := b.measureList(); err != nil {
		return err
	}
	b.step("peak RSS of ecctl users list: --limit 10000 vs all %d users, %d runs each", b.o.users, b.o.reps)
	if err := b.measureRSS(); err != nil {
		return err
	}

	b.step("create %d users from CSV: ecctl vs a sequential curl loop of %d bodies, %d runs each", b.o.users, len(b.chunkFiles), b.o.reps)
	if err := b.measureCreate(); err != nil {
		return err
	}

	b.step("sync with 1%% changes on %d users: plan (--dry-run) and apply", b.o.users)
	return b.measureSync()
}

// ecctl returns the command running ecctl against url with stdout into the file stdout
// (os.DevNull to drop it).
func (b *bench) ecctl(url, stdout string, args ...string) (*exec.Cmd, func(), error) {
	home := filepath.Join(b.dir, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		return nil, nil, err
	}
	out, err := os.Create(stdout)
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.CommandContext(b.ctx, b.bins.Ecctl, args...)
	cmd.Env = harness.Env(home, url)
	cmd.Stdout = out
	return cmd, func() { out.Close() }, nil
}

// runEcctl runs ecctl and fails unless it exits 0.
func (b *bench) runEcctl(url, stdout string, args ...string) (harness.Result, error) {
	cmd, done, err := b.ecctl(url, stdout, args...)
	if err != nil {
		return harness.Result{}, err
	}
	defer done()
	r, err := harness.Run(cmd)
	if err == nil && r.Code != 0 {
		err = fmt.Errorf("ecctl %s: exit %d\n%s", strings.Join(args, " "), r.Code, tail(r.Stderr))
	}
	return r, err
}

// firstRequest starts ecctl against a listener of its own and returns the time until the
// first bytes of a request arrive; then it stops ecctl.
func (b *bench) firstRequest(args ...string) (time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	cmd, done, err := b.ecctl("http://"+ln.Addr().String()+"/", os.DevNull, args...)
	if err != nil {
		return 0, err
	}
	defer done()
	arrived := make(chan time.Duration, 1)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		if _, err := conn.Read(make([]byte, 1)); err == nil {
			arrived <- time.Since(start)
		}
	}()
	select {
	case d := <-arrived:
		return d, nil
	case <-time.After(2 * time.Minute):
		return 0, fmt.Errorf("ecctl %s sent no request within 2 minutes", strings.Join(args, " "))
	case <-b.ctx.Done():
		return 0, b.ctx.Err()
	}
}

// mockCPU runs f and returns the CPU time m used meanwhile.
func mockCPU(m *harness.Mock, f func() error) (time.Duration, error) {
	before, err := m.CPU()
	if err != nil {
		return 0, err
	}
	if err := f(); err != nil {
		return 0, err
	}
	after, err := m.CPU()
	return after - before, err
}

func createCustomer(i int) string { return strconv.Itoa(createCustomer0 + i) }

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}

// prepareData exports the seeded customer with ecctl (the CSV of the create and sync
// measurements), and has a child process write the create bodies for curl and the desired
// state of the sync: this process must stay small, because a child's ru_maxrss starts from
// the parent's peak (Linux carries it over the vfork and exec that start the child), and the
// data would otherwise set a floor under every memory figure.
func (b *bench) prepareData() error {
	b.exportCSV = filepath.Join(b.dir, "users.csv")
	if _, err := b.runEcctl(b.seeded.URL, b.exportCSV, "users", "list", listCustomer, "-o", "csv"); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	b.desiredCSV = filepath.Join(b.dir, "desired.csv")
	var out bytes.Buffer
	cmd := exec.CommandContext(b.ctx, self, prepareCommand, "-users", strconv.Itoa(b.o.users), "-export", b.exportCSV,
		"-chunks", filepath.Join(b.dir, "chunks"), "-desired", b.desiredCSV)
	cmd.Stdout = &out
	r, err := harness.Run(cmd)
	if err == nil && r.Code != 0 {
		err = fmt.Errorf("exit %d: %s", r.Code, r.Stderr)
	}
	if err != nil {
		return fmt.Errorf("preparing the data: %w", err)
	}
	var p prepared
	if err := json.Unmarshal(out.Bytes(), &p); err != nil {
		return fmt.Errorf("preparing the data: %w", err)
	}
	b.chunkFiles = p.Chunks
	b.syncChanges = syncChanges{update: p.Update, create: p.Create, delete: p.Delete}
	return nil
}

// interleave runs the measurements reps times, alternating which goes first, so that a
// slow moment of a shared machine does not fall on one side only.
func interleave(reps int, fns ...func() error) error {
	for i := range reps {
		for j := range fns {
			if err := fns[(i+j)%len(fns)](); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *bench) measureStartup() error {
	run := func(bin string, args []string, into *[]time.Duration) func() error {
		return func() error {
			cmd := exec.CommandContext(b.ctx, bin, args...)
			cmd.Env = harness.Env(filepath.Join(b.dir, "home"), "http://127.0.0.1:9/")
			r, err := harness.Run(cmd)
			if err == nil && r.Code != 0 {
				err = fmt.Errorf("%s: exit %d: %s", bin, r.Code, r.Stderr)
			}
			*into = append(*into, r.Wall)
			return err
		}
	}
	// One untimed run of each puts both binaries in the page cache.
	if err := interleave(1, run(b.bins.Ecctl, []string{"version"}, new([]time.Duration)), run(b.bins.Hello, nil, new([]time.Duration))); err != nil {
		return err
	}
	return interleave(b.o.startups,
		run(b.bins.Ecctl, []string{"version"}, &b.startup),
		run(b.bins.Hello, nil, &b.hello))
}

func (b *bench) measureList() error {
	url := b.seeded.URL
	out := filepath.Join(b.dir, "list.jsonl")
	ecctl := func() error {
		var r harness.Result
		mockCPU, err := mockCPU(b.seeded, func() (err error) {
			r, err = b.runEcctl(url, out, "users", "list", listCustomer, "-o", "jsonl")
			return err
		})
		if err != nil {
			return err
		}
		if n, err := countLines(out); err != nil || n != b.o.users {
			return fmt.Errorf("ecctl users list -o jsonl wrote %d lines, want %d (%v)", n, b.o.users, err)
		}
		b.list, b.listCPU, b.listMock = append(b.list, r.Wall), append(b.listCPU, r.CPU), append(b.listMock, mockCPU)
		return nil
	}
	curl := func() error {
		var d time.Duration
		mockCPU, err := mockCPU(b.seeded, func() (err error) {
			d, err = b.curlPages(url, listCustomer, filepath.Join(b.dir, "list-curl.json"))
			return err
		})
		b.curlList, b.curlMockL = append(b.curlList, d), append(b.curlMockL, mockCPU)
		return err
	}
	return interleave(b.o.reps, ecctl, curl)
}

// curlPages fetches every page of the customer with one curl process per page, one after the
// other, as a shell loop would, all answers into one file.
func (b *bench) curlPages(url, customer, outPath string) (time.Duration, error) {
	out, err := os.Create(outPath)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	start := time.Now()
	for p := range b.pages {
		cmd := exec.CommandContext(b.ctx, "curl", "-sS", "-f", "-u", "demo:demo",
			fmt.Sprintf("%s%s?offset=%d&size=%d", url, customer, p*chunkSize, chunkSize))
		cmd.Stdout = out
		if r, err := harness.Run(cmd); err != nil || r.Code != 0 {
			return 0, fmt.Errorf("curl page %d: exit %d %v: %s", p, r.Code, err, r.Stderr)
		}
	}
	return time.Since(start), nil
}

func (b *bench) measureRSS() error {
	rss := func(args []string, into *[]int64) func() error {
		return func() error {
			r, err := b.runEcctl(b.seeded.URL, os.DevNull, append([]string{"users", "list", listCustomer, "-o", "jsonl"}, args...)...)
			*into = append(*into, r.MaxRSS)
			return err
		}
	}
	return interleave(b.o.reps, rss([]string{"--limit", "10000"}, &b.rss10k), rss(nil, &b.rss100k))
}

func (b *bench) measureCreate() error {
	customers := make([]string, 2*b.o.reps)
	for i := range customers {
		customers[i] = createCustomer(i)
	}
	var err error
	b.empty, err = harness.StartMock(b.ctx, b.bins.Ecmock, filepath.Join(b.dir, "ecmock-empty.log"),
		"--account", "demo:demo:"+strings.Join(customers, ","))
	if err != nil {
		return err
	}
	url := b.empty.URL
	next := 0
	fresh := func() string {
		c := customers[next]
		next++
		return c
	}
	ecctl := func() error {
		customer := fresh()
		var r harness.Result
		mockCPU, err := mockCPU(b.empty, func() (err error) {
			r, err = b.runEcctl(url, os.DevNull, "users", "create", customer, "-f", b.exportCSV)
			return err
		})
		if err != nil {
			return err
		}
		if err := b.expectCount(url, customer); err != nil {
			return err
		}
		b.create, b.createRSS, b.createCPU = append(b.create, r.Wall), append(b.createRSS, r.MaxRSS), append(b.createCPU, r.CPU)
		b.createMock = append(b.createMock, mockCPU)
		return nil
	}
	curl := func() error {
		customer := fresh()
		var d time.Duration
		mockCPU, err := mockCPU(b.empty, func() error {
			start := time.Now()
			for i, body := range b.chunkFiles {
				cmd := exec.CommandContext(b.ctx, "curl", "-sS", "-f", "-u", "demo:demo", "-X", "PUT",
					"-H", "Content-Type: application/json", "--data-binary", "@"+body, "-o", os.DevNull, url+customer)
				if r, err := harness.Run(cmd); err != nil || r.Code != 0 {
					return fmt.Errorf("curl body %d: exit %d %v: %s", i, r.Code, err, r.Stderr)
				}
			}
			d = time.Since(start)
			return nil
		})
		if err != nil {
			return err
		}
		b.curlCreate, b.curlMock = append(b.curlCreate, d), append(b.curlMock, mockCPU)
		return b.expectCount(url, customer)
	}
	// Everything ecctl does before its first request: start, read and check the whole file,
	// convert, encode the first body.
	prep := func() error {
		d, err := b.firstRequest("users", "create", createCustomer(0), "-f", b.exportCSV)
		b.createPrep = append(b.createPrep, d)
		return err
	}
	return interleave(b.o.reps, ecctl, curl, prep)
}

func (b *bench) expectCount(url, customer string) error {
	n, err := harness.Count(b.ctx, url, customer)
	if err != nil {
		return err
	}
	if n != int64(b.o.users) {
		return fmt.Errorf("customer %s has %d users after the create, want %d", customer, n, b.o.users)
	}
	return nil
}

// measureSync times the plan (--dry-run, which reads every user and compares) and the apply
// of a 1% change; the apply alternates between the desired state and the export, so every
// apply is a 1% change. The baseline of the plan is listing the same customer.
func (b *bench) measureSync() error {
	url := b.seeded.URL
	var help bytes.Buffer
	cmd := exec.CommandContext(b.ctx, b.bins.Ecctl, "users", "sync", "--help")
	cmd.Stdout = &help
	if r, err := harness.Run(cmd); err != nil || r.Code != 0 || !strings.Contains(help.String(), "--dry-run") {
		b.syncNote = "`ecctl users sync` is not available in this build: not measured"
		return nil
	}
	b.syncAvailable = true
	limit := strconv.Itoa(b.syncChanges.delete)
	plan := func() error {
		r, err := b.runEcctl(url, os.DevNull, "users", "sync", listCustomer, "-f", b.desiredCSV, "--prune", "--max-delete", limit, "--dry-run")
		b.syncPlan = append(b.syncPlan, r.Wall)
		b.syncPlanRSS = append(b.syncPlanRSS, r.MaxRSS)
		return err
	}
	list := func() error {
		r, err := b.runEcctl(url, os.DevNull, "users", "list", listCustomer, "-o", "jsonl")
		b.syncList = append(b.syncList, r.Wall)
		return err
	}
	if err := interleave(b.o.reps, plan, list); err != nil {
		return err
	}
	files := []string{b.desiredCSV, b.exportCSV}
	for i := range b.o.reps {
		r, err := b.runEcctl(url, os.DevNull, "users", "sync", listCustomer, "-f", files[i%2], "--prune", "--max-delete", limit, "--yes")
		if err != nil {
			return err
		}
		if !strings.Contains(r.Stderr, fmt.Sprintf("Created %d of %d users", b.syncChanges.create, b.syncChanges.create)) {
			return fmt.Errorf("sync apply %d: the report does not say %d users were created:\n%s", i+1, b.syncChanges.create, tail(r.Stderr))
		}
		b.syncApply = append(b.syncApply, r.Wall)
	}
	return nil
}

// countLines counts the lines of a file without holding it (see prepareData).
func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 64<<10)
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
