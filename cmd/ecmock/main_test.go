package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects stderr written by the server goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs ecmock with args and returns the base URL from its first stdout line, a
// stop function (the SIGINT/SIGTERM path) that returns the exit code, and stderr.
func start(t *testing.T, args ...string) (base string, stop func() int, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	stderr = &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, outW, stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no first stdout line (exit %d): %v\nstderr: %s", <-code, err, stderr)
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	var once sync.Once
	result := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case result = <-code:
			case <-time.After(30 * time.Second):
				t.Fatal("ecmock did not stop")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	return strings.TrimSpace(line), stop, stderr
}

func get(t *testing.T, url, user, pass string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestServesOnAFreePortAndPrintsTheBaseURLFirst(t *testing.T) {
	base, stop, stderr := start(t, "--addr", "127.0.0.1:0", "--seed", "25")
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/") || strings.HasSuffix(base, ":0/") {
		t.Fatalf("first stdout line %q", base)
	}
	resp, body := get(t, base+"44444?size=5", "demo", "demo")
	var list struct{ Total, Count int }
	if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 || list.Total != 25 || list.Count != 5 {
		t.Fatalf("GET 44444: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, base+"55555", "demo", "wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong password: %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d after the stop signal", code)
	}
	log := stderr.String()
	if !strings.Contains(log, "method=GET path=/44444 status=200") || !strings.Contains(log, "ecmock: stopped") {
		t.Errorf("stderr:\n%s", log)
	}
	if strings.Contains(log, "demo:demo") || strings.Contains(log, "wrong") {
		t.Errorf("stderr shows a password:\n%s", log)
	}
}

func TestAccountsFromFlags(t *testing.T) {
	base, _, _ := start(t, "--addr", "127.0.0.1:0", "--account", "ops:s3cr:et:44444AB", "--account", "b:b:55555")
	if resp, _ := get(t, base+"44444AB", "ops", "s3cr:et"); resp.StatusCode != http.StatusOK {
		t.Errorf("ops on 44444AB: %d", resp.StatusCode)
	}
	if resp, _ := get(t, base+"55555", "ops", "s3cr:et"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("ops on 55555: %d", resp.StatusCode)
	}
	if resp, _ := get(t, base+"44444", "demo", "demo"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the default account exists next to --account: %d", resp.StatusCode)
	}
}

func TestStateIsWrittenOnShutdownAndLoadedAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	base, stop, _ := start(t, "--addr", "127.0.0.1:0", "--state", path, "--seed", "7")
	req, _ := http.NewRequest(http.MethodPut, base+"44444/failover", nil)
	req.SetBasicAuth("demo", "demo")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT failover: %v %v", err, resp)
	}
	resp.Body.Close()
	if code := stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	base, _, _ = start(t, "--addr", "127.0.0.1:0", "--state", path, "--seed", "100")
	_, body := get(t, base+"44444?failover=true", "demo", "demo")
	var list struct{ Total int }
	if err := json.Unmarshal(body, &list); err != nil || list.Total != 7 {
		t.Errorf("after restart: %s", body)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--addr", "0.0.0.0:0"}, 2, "not a loopback address"},
		{[]string{"--addr", ":8080"}, 2, "not a loopback address"},
		{[]string{"--account", "nocustomer"}, 2, "USER:PASS:CUSTOMER"},
		{[]string{"--account", "a:b:1234"}, 2, "five digits"},
		{[]string{"--fail-rate", "lots"}, 2, "invalid value"},
		{[]string{"--max-bulk", "0"}, 2, "at least 1"},
		{[]string{"--no-such-flag"}, 2, "not defined"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"--fail-rate", "2"}, 2, "between 0 and 1"},
		{[]string{"--latency", "-1s"}, 2, "must not be negative"},
		{[]string{"--addr", "127.0.0.1:0", "--state", "/nonexistent-dir/x/state.json"}, 1, "state"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.err) || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout.String(), stderr.String(), tc.code, tc.err)
		}
	}
}

func TestHelpGoesToStdout(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Usage: ecmock", "--addr host:port", "--account USER:PASS:CUST[,CUST...]", "--rate-limit RPS", "--max-bulk N", "--allow-remote", "Examples:"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, stdout.String())
		}
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestAllowRemote(t *testing.T) {
	if err := checkLoopback("[::1]:0"); err != nil {
		t.Error(err)
	}
	if err := checkLoopback("localhost:8080"); err != nil {
		t.Error(err)
	}
	cfg, _ := parseFlags([]string{"--addr", "0.0.0.0:0", "--allow-remote"}, io.Discard, io.Discard)
	if cfg == nil || cfg.addr != "0.0.0.0:0" {
		t.Error("--allow-remote did not allow a non-loopback address")
	}
}
