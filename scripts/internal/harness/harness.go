// Package harness is what the measuring programs (scripts/bench, scripts/soak) share: it
// builds ecctl, ecmock and a hello-world binary the way `make build` does, starts ecmock on
// a free port, runs commands with their wall time and peak memory, and reads an ecmock
// customer back for comparisons.
package harness

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Binaries are the programs a measurement runs, built into one directory.
type Binaries struct {
	Dir    string
	Ecctl  string
	Ecmock string
	// Hello is a hello-world Go program built with the same flags: the floor of a Go
	// binary's start-up.
	Hello string
}

// buildFlags are those of `make build` (without the version stamps, which cost nothing).
func buildFlags() []string { return []string{"-trimpath", "-ldflags", "-s -w"} }

const helloSource = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// Build compiles ecctl and ecmock from the module at moduleDir, and a hello-world program,
// into dir. Everything is built with CGO_ENABLED=0, as the releases are (.goreleaser.yaml):
// with cgo, ecctl links the C library dynamically (package net), which adds the dynamic
// loader's work to every start.
func Build(ctx context.Context, moduleDir, dir string) (Binaries, error) {
	b := Binaries{
		Dir:    dir,
		Ecctl:  filepath.Join(dir, "ecctl"),
		Ecmock: filepath.Join(dir, "ecmock"),
		Hello:  filepath.Join(dir, "hello"),
	}
	args := append([]string{"build"}, buildFlags()...)
	args = append(args, "-o", dir+string(filepath.Separator), "./cmd/ecctl", "./cmd/ecmock")
	if err := goCmd(ctx, moduleDir, args...); err != nil {
		return b, fmt.Errorf("building ecctl and ecmock: %w", err)
	}
	src := filepath.Join(dir, "hello-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return b, err
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.22\n"), 0o644); err != nil {
		return b, err
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(helloSource), 0o644); err != nil {
		return b, err
	}
	args = append([]string{"build"}, buildFlags()...)
	if err := goCmd(ctx, src, append(args, "-o", b.Hello, ".")...); err != nil {
		return b, fmt.Errorf("building hello-world: %w", err)
	}
	return b, nil
}

func goCmd(ctx context.Context, dir string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	// The hello-world module must not be built in the workspace or module of the caller.
	cmd.Env = append(os.Environ(), "GOWORK=off", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// ModuleRoot finds the directory of go.mod from the working directory up.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the working directory or above it; run from the repository")
		}
		dir = parent
	}
}

// Result is one finished command.
type Result struct {
	Wall time.Duration
	// MaxRSS is the peak resident memory in bytes (getrusage ru_maxrss).
	MaxRSS int64
	// CPU is the user and system time the process used.
	CPU    time.Duration
	Code   int
	Stderr string
}

// Run runs cmd to the end and measures it. A non-zero exit is not an error: Code says it.
// cmd.Stderr, when nil, is captured into Result.Stderr.
func Run(cmd *exec.Cmd) (Result, error) {
	var stderr strings.Builder
	if cmd.Stderr == nil {
		cmd.Stderr = &stderr
	}
	start := time.Now()
	err := cmd.Run()
	r := Result{Wall: time.Since(start), Stderr: stderr.String()}
	if cmd.ProcessState == nil {
		return r, fmt.Errorf("running %s: %w", cmd.Path, err)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return r, fmt.Errorf("running %s: %w", cmd.Path, err)
	}
	r.Code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return r, nil
}

// Median of the durations (the mean of the two middle ones for an even count).
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// MedianInt is Median for integers.
func MedianInt(vs []int64) int64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Mock is a running ecmock.
type Mock struct {
	URL string
	// LogPath is the file ecmock writes its request log to: one line per request with its
	// method and status.
	LogPath string
	cmd     *exec.Cmd
	log     *os.File
}

// StartMock starts ecmock on a free loopback port with the extra flags and returns once it
// has printed its base URL (after seeding). Its request log goes to logPath.
func StartMock(ctx context.Context, bin, logPath string, flags ...string) (*Mock, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append([]string{"--addr", "127.0.0.1:0"}, flags...)...)
	cmd.Stderr = log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		log.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("starting ecmock: %w", err)
	}
	m := &Mock{LogPath: logPath, cmd: cmd, log: log}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		// Nothing else comes on stdout; the pipe is drained so ecmock never blocks.
		for sc.Scan() {
		}
	}()
	select {
	case url, ok := <-line:
		if !ok || !strings.HasPrefix(url, "http://") {
			m.Stop()
			return nil, fmt.Errorf("ecmock %s printed no base URL (log: %s)", strings.Join(flags, " "), logPath)
		}
		m.URL = url
		return m, nil
	case <-ctx.Done():
		m.Stop()
		return nil, ctx.Err()
	case <-time.After(2 * time.Minute):
		m.Stop()
		return nil, fmt.Errorf("ecmock %s did not start within 2 minutes", strings.Join(flags, " "))
	}
}

// Stop ends ecmock (SIGINT, then SIGKILL after 10 s) and waits for it.
func (m *Mock) Stop() {
	if m.cmd.Process == nil {
		return
	}
	_ = m.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() {
		_ = m.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = m.cmd.Process.Kill()
		<-done
	}
	m.log.Close()
}

// Env is the environment of an ecctl run against url: its own home and config, demo/demo.
func Env(home, url string) []string {
	env := []string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".local", "state"),
		"ECCTL_ENDPOINT=" + url,
		"ECCTL_USERNAME=demo",
		"ECCTL_PASSWORD=demo",
		"NO_COLOR=1",
		"PATH=" + os.Getenv("PATH"),
	}
	return env
}

// Throttled counts the requests ecmock answered 503 or 429 in its log from byte offset on,
// by method, and returns the log's size (the offset for the next count).
func (m *Mock) Throttled(offset int64) (byMethod map[string]int, end int64, err error) {
	data, err := os.ReadFile(m.LogPath)
	if err != nil {
		return nil, 0, err
	}
	byMethod = map[string]int{}
	for _, line := range strings.Split(string(data[min(offset, int64(len(data))):]), "\n") {
		if !strings.Contains(line, " status=503 ") && !strings.Contains(line, " status=429 ") {
			continue
		}
		for _, f := range strings.Fields(line) {
			if method, ok := strings.CutPrefix(f, "method="); ok {
				byMethod[method]++
			}
		}
	}
	return byMethod, int64(len(data)), nil
}

// CPU is the user and system time ecmock has used so far (Linux: /proc/PID/stat, in units
// of USER_HZ, which is 100 on Linux whatever the kernel's tick).
func (m *Mock) CPU() (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", m.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The command name in parentheses may hold spaces; the fields after it are fixed.
	i := strings.LastIndexByte(string(data), ')')
	fields := strings.Fields(string(data[i+1:]))
	if i < 0 || len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", m.cmd.Process.Pid)
	}
	var ticks int64
	for _, f := range fields[11:13] { // utime, stime
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat: %w", m.cmd.Process.Pid, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * (time.Second / 100), nil
}
