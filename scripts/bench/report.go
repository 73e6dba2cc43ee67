package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ecctl/ecctl/scripts/internal/harness"
)

// machine describes where the figures were measured.
type machine struct {
	cpus              int
	model, memory, os string
	goVersion, load   string
	date              time.Time
}

func describeMachine() machine {
	m := machine{cpus: runtime.NumCPU(), goVersion: runtime.Version(), date: time.Now().UTC(),
		model: procField("/proc/cpuinfo", "model name"), memory: procField("/proc/meminfo", "MemTotal")}
	var kb int64
	if _, err := fmt.Sscanf(m.memory, "%d kB", &kb); err == nil {
		m.memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
	}
	m.os = runtime.GOOS + "/" + runtime.GOARCH
	if out, err := exec.Command("uname", "-sr").Output(); err == nil {
		m.os = strings.TrimSpace(string(out)) + " " + runtime.GOARCH
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(data)); len(f) >= 3 {
			m.load = strings.Join(f[:3], " ")
		}
	}
	if m.model == "" {
		m.model = "unknown"
	}
	return m
}

// procField is the value of the first "key: value" line of a /proc file with the key.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return ""
}

// selfPeakRSS is this process's VmHWM.
func selfPeakRSS() string {
	v := procField("/proc/self/status", "VmHWM")
	if v == "" {
		return "unknown"
	}
	return v
}

// row is one line of the results.
type row struct {
	what, ecctl, baseline string
	ratio                 float64 // 0: none
	target                float64 // 0: no target; else the ratio must be ≤ target
	note                  string
}

func (r row) status() string {
	switch {
	case r.target == 0:
		return ""
	case r.ratio <= r.target:
		return "met"
	}
	return "MISSED"
}

type results struct {
	machine machine
	o       options
	rows    []row
	notes   []string
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func ms(d time.Duration) string   { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mib(b int64) string          { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (b *bench) report(m machine) results {
	med := harness.Median
	k := b.o.users / 1000
	res := results{machine: m, o: b.o}
	secsOf := func(ds []time.Duration) string { return fmt.Sprintf("%.2f s", med(ds).Seconds()) }
	res.rows = append(res.rows,
		row{what: fmt.Sprintf("list %dk users -o jsonl (vs curl loop, %d pages)", k, b.pages),
			ecctl: secs(med(b.list)), baseline: secs(med(b.curlList)), ratio: ratio(med(b.list), med(b.curlList)), target: 0.7,
			note: fmt.Sprintf("ecctl CPU %s; ecmock CPU %s (curl loop: %s)", secsOf(b.listCPU), secsOf(b.listMock), secsOf(b.curlMockL))},
		row{what: fmt.Sprintf("list peak RSS: %dk vs 10k users", k),
			ecctl: mib(harness.MedianInt(b.rss100k)), baseline: mib(harness.MedianInt(b.rss10k)),
			ratio: float64(harness.MedianInt(b.rss100k)) / float64(max(1, harness.MedianInt(b.rss10k))), target: 1.3},
		row{what: fmt.Sprintf("create %dk users from CSV (vs curl loop, %d bodies)", k, len(b.chunkFiles)),
			ecctl: secs(med(b.create)), baseline: secs(med(b.curlCreate)), ratio: ratio(med(b.create), med(b.curlCreate)), target: 0.5,
			note: fmt.Sprintf("ecctl CPU %s, peak RSS %s; ecmock CPU %s (curl loop: %s); %s before ecctl's first request",
				secsOf(b.createCPU), mib(harness.MedianInt(b.createRSS)), secsOf(b.createMock), secsOf(b.curlMock), secsOf(b.createPrep))},
	)
	// No client can be faster than ecmock's CPU time spread over every core, after its own
	// work before the first request (reading and checking the whole file comes first).
	floor := med(b.createPrep) + med(b.createMock)/time.Duration(res.machine.cpus)
	if floorRatio := ratio(floor, med(b.curlCreate)); floorRatio > 0.5 {
		res.notes = append(res.notes, fmt.Sprintf("create: the floor on this machine is %.2f× the curl loop, above the target of 0.5×: "+
			"a client that checks the whole file before it sends anything (ecctl's contract: a file with a mistake sends nothing) "+
			"cannot meet the target here, even at no cost of its own while sending. ecctl takes %.2f s, %.0f%% above the floor of %.2f s; "+
			"with more cores the floor drops.", floorRatio, med(b.create).Seconds(), 100*(float64(med(b.create))/float64(floor)-1), floor.Seconds()))
	}
	res.rows = append(res.rows, row{what: fmt.Sprintf("create: floor on %d cores (work before the first request + ecmock CPU / %d)", res.machine.cpus, res.machine.cpus),
		ecctl: secs(floor), baseline: secs(med(b.curlCreate)), ratio: ratio(floor, med(b.curlCreate)),
		note: "what ecctl would take if ecmock used every core all the time and ecctl cost nothing while sending"})
	if b.syncAvailable {
		c := b.syncChanges
		res.rows = append(res.rows,
			row{what: fmt.Sprintf("sync plan, 1%% of %dk changed (vs list -o jsonl)", k),
				ecctl: secs(med(b.syncPlan)), baseline: secs(med(b.syncList)), ratio: ratio(med(b.syncPlan), med(b.syncList)),
				note: fmt.Sprintf("%d updates, %d creates, %d deletes; peak RSS %s", c.update, c.create, c.delete, mib(harness.MedianInt(b.syncPlanRSS)))},
			row{what: fmt.Sprintf("sync apply, 1%% of %dk changed (vs its plan)", k),
				ecctl: secs(med(b.syncApply)), baseline: secs(med(b.syncPlan)), ratio: ratio(med(b.syncApply), med(b.syncPlan)),
				note: "plan + 1000 changes in 3 requests"},
		)
	} else {
		res.notes = append(res.notes, b.syncNote)
	}
	res.notes = append(res.notes, fmt.Sprintf("The measuring process's own peak RSS was %s: a floor under every ru_maxrss above, since Linux carries a parent's peak over to a child it starts.", selfPeakRSS()))
	res.rows = append(res.rows,
		row{what: "start-up: ecctl version (vs hello-world)",
			ecctl: ms(med(b.startup)), baseline: ms(med(b.hello)), ratio: ratio(med(b.startup), med(b.hello)), target: 3,
			note: fmt.Sprintf("median of %d runs each", b.o.startups)},
	)
	return res
}

func (res results) missed() int {
	n := 0
	for _, r := range res.rows {
		if r.status() == "MISSED" {
			n++
		}
	}
	return n
}

func (r row) cells() []string {
	ratio, target := "", ""
	if r.ratio > 0 {
		ratio = fmt.Sprintf("%.2f×", r.ratio)
	}
	if r.target > 0 {
		target = fmt.Sprintf("≤ %.1f×", r.target)
	}
	return []string{r.what, r.ecctl, r.baseline, ratio, target, r.status(), r.note}
}

func headers() []string {
	return []string{"Measurement", "ecctl", "Baseline", "Ratio", "Target", "Met", "Notes"}
}

// table is the plain-text table printed on stdout.
func (res results) table() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(headers(), "\t"))
	for _, r := range res.rows {
		fmt.Fprintln(tw, strings.Join(r.cells(), "\t"))
	}
	tw.Flush()
	for _, n := range res.notes {
		fmt.Fprintln(&b, n)
	}
	return b.String()
}

// markdown is docs/benchmarks.md.
func (res results) markdown() string {
	m := res.machine
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (scripts/bench) on %s. Every figure is the median of %d runs\n", m.date.Format("2006-01-02 15:04 MST"), res.o.reps)
	fmt.Fprintf(&b, "(start-up: %d runs), measured against a baseline run in the same invocation, alternating\n", res.o.startups)
	b.WriteString("which of the two goes first; the ratio is ecctl / baseline.\n\n")
	b.WriteString("| " + strings.Join(headers(), " | ") + " |\n")
	b.WriteString("|" + strings.Repeat("---|", len(headers())) + "\n")
	for _, r := range res.rows {
		b.WriteString("| " + strings.Join(r.cells(), " | ") + " |\n")
	}
	for _, n := range res.notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	fmt.Fprintf(&b, "\n## Machine\n\n")
	fmt.Fprintf(&b, "- CPUs: %d (%s)\n- Memory: %s\n- OS: %s\n- Go: %s\n- Load average at the start: %s\n",
		m.cpus, m.model, m.memory, m.os, m.goVersion, m.load)
	b.WriteString(method)
	return b.String()
}

const method = `
## Method

- ` + "`make bench`" + ` (scripts/bench) builds ecctl and ecmock as the releases are built (CGO_ENABLED=0,
  -trimpath, -s -w) and a hello-world Go program the same way, into a temporary directory.
- One ecmock is seeded with the users of customer 44444; its export (` + "`ecctl users list -o csv`" + `)
  is the input of the create and sync measurements.
- **list**: ` + "`ecctl users list 44444 -o jsonl`" + ` into a file, against one ` + "`curl`" + ` process per page
  of 1000 users, one after the other, into a file (the baseline does not even convert the
  pages to JSON Lines). The output of ecctl is checked for the number of lines.
- **peak RSS**: ` + "`ru_maxrss`" + ` of ` + "`ecctl users list`" + ` with ` + "`--limit 10000`" + ` and without. The measuring
  process keeps itself small (a child writes the data files), because Linux starts a child's
  ` + "`ru_maxrss`" + ` at its parent's peak.
- **create**: ` + "`ecctl users create CUSTOMER -f users.csv`" + ` (defaults: 1000 users per request, 4
  requests in flight) against one ` + "`curl -X PUT`" + ` per 1000-user JSON body, pre-generated with the
  encoding ecctl uses, into fresh empty customers of a second ecmock; both must leave the
  customer with every user. CPU times are ` + "`getrusage`" + ` for ecctl and /proc/PID/stat for ecmock.
  "Before ecctl's first request" is the time from starting the same command until the first
  bytes of a request reach a listener of the benchmark: start, reading and checking every
  record (ecctl sends nothing until the whole file is valid), converting and encoding the
  first body.
- **create floor**: that time plus ecmock's CPU time for ecctl's requests divided by the
  number of cores: no client could finish sooner on this machine. Where the floor is near or
  above a target, the target cannot be met here by the client; more cores lower it.
- **sync**: a desired state differing in 1% of the users (0.6% another department, 0.2%
  missing, 0.2% new). The plan is ` + "`ecctl users sync --prune --dry-run`" + ` (reads every user,
  compares), set against listing the same users; the apply alternates between the desired
  state and the export, so that every apply changes 1%.
- **start-up**: ` + "`ecctl version`" + ` against the hello-world binary.

The machine may be shared with other work: the runs alternate between ecctl and its baseline
so that a busy moment hits both, and medians discard outliers. Absolute times vary between
machines; the ratios are what the targets are about.
`
