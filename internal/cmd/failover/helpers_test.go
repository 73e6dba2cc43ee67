package failover_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmd/failover"
	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/mock"
)

const (
	apiUser     = "ops-admin"
	apiPassword = "Zq7!distinctive-Secret-4711"
)

// env is an in-process ecmock with 20 users for 44444 and 55555, and the state and config
// directories of one ecctl "machine".
type env struct {
	*cmdtest.Env
	t *testing.T
	// wrap, when set, sits in front of the mock's handler (fault injection).
	wrap atomic.Pointer[func(http.Handler) http.Handler]
}

// setWrap puts a handler in front of the mock (nil: none).
func (e *env) setWrap(w func(http.Handler) http.Handler) {
	if w == nil {
		e.wrap.Store(nil)
		return
	}
	e.wrap.Store(&w)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t}
	e.Env = cmdtest.New(t,
		cmdtest.WithMock(mock.Options{
			Seed:     20,
			Accounts: []mock.Account{{User: apiUser, Pass: apiPassword, Customers: []string{"44444", "55555"}}},
		}),
		cmdtest.WithHandler(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h := next
				if w := e.wrap.Load(); w != nil {
					h = (*w)(h)
				}
				h.ServeHTTP(w, r)
			})
		}))
	return e
}

// runOpts steer one run of ecctl failover.
type runOpts struct {
	output string // "" means table
	yes    bool
	tty    bool   // stdin and stderr are terminals
	stdin  string // answers to prompts
	// watch, when set, receives stderr instead of a plain buffer.
	watch *watchWriter
}

// watchWriter is a stderr that is safe to read while the command runs, and closes seen
// when word is written.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	word string
	seen chan struct{}
	once sync.Once
}

func newWatchWriter(word string) *watchWriter {
	return &watchWriter{word: word, seen: make(chan struct{})}
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.word) {
		w.once.Do(func() { close(w.seen) })
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

type result struct {
	stdout, stderr string
	err            error
}

// code is the exit code the CLI ends with for the run's error.
func (r result) code() int { return cmdtest.ExitCode(r.err) }

// run executes `ecctl failover ARGS...` as a fresh process on the env's machine would.
func (e *env) run(ctx context.Context, o runOpts, args ...string) result {
	e.t.Helper()
	output := o.output
	if output == "" {
		output = "table"
	}
	r := e.Again(cmdtest.WithOutput(output))
	r.In.WriteString(o.stdin)
	if o.tty {
		r.TTY()
	}
	r.F.Global.Yes = o.yes
	var errOut interface{ String() string } = r.ErrOut
	if o.watch != nil {
		r.F.IOStreams.ErrOut, errOut = o.watch, o.watch
	}
	err := r.RunContext(ctx, failover.NewCmd(r.F), args...)
	return result{stdout: r.Out.String(), stderr: errOut.String(), err: err}
}

// export reads every user of customer straight from the API, in address order.
func (e *env) export(customer string) []gen.User {
	e.t.Helper()
	var users []gen.User
	err := cmdutil.EachUser(context.Background(), e.Client(), customer, client.Filter{}, func(u gen.User) error {
		users = append(users, u)
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return users
}

func (e *env) count(customer string, f client.Filter) int64 {
	e.t.Helper()
	n, err := e.Client().Count(context.Background(), customer, f)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) snapshots() []string {
	e.t.Helper()
	paths, err := filepath.Glob(filepath.Join(e.StateDir(), "snapshots", "*.json"))
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Sort(paths)
	return paths
}

func inGroup(u gen.User, group string) bool {
	g, err := u.FailoverGroups.Get()
	return err == nil && slices.Contains(g, group)
}

// mustJSON decodes the command's stdout.
func mustJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("stdout is not the expected JSON: %v\n%s", err, s)
	}
	return v
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// flagsOf maps address → (failover, access) for comparisons.
type flagPair struct{ failover, access bool }

func flagsOf(users []gen.User) map[string]flagPair {
	m := make(map[string]flagPair, len(users))
	for _, u := range users {
		m[u.User] = flagPair{u.Status.Failover, u.Status.Access}
	}
	return m
}

// usersJSON renders users for an exact comparison of everything but what a test expects
// to differ.
func usersJSON(t *testing.T, users []gen.User) string {
	t.Helper()
	b, err := json.MarshalIndent(users, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
