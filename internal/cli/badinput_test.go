package cli_test

import (
	"bufio"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cli"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/mock"
)

// badInputDir holds malformed inputs (CSV, JSON and JSON Lines user files, config files) and
// manifest.txt, which lists the command lines that use them.
const badInputDir = "testdata/badinput"

// badCase is one line of manifest.txt:
//
//	name | substring of stderr | [VAR=value ...] ecctl arguments [< stdin-file]
//
// Arguments are split at spaces; double quotes keep spaces together. $DIR stands for the
// manifest's directory. VAR=value words before the arguments set (or, with nothing after
// the =, unset) environment variables of that run.
type badCase struct {
	line       int
	name, want string
	env        map[string]string
	args       []string
	stdin      string
}

// TestBadInputIsRefusedBeforeAnyRequest runs every case of the corpus through ecctl against
// an in-process ecmock: each must exit 2 with a clear message (the case's substring on
// stderr) and send nothing (ecmock's request counter).
func TestBadInputIsRefusedBeforeAnyRequest(t *testing.T) {
	cases := readBadCases(t)
	if len(cases) < 40 {
		t.Errorf("the corpus has %d cases; it should keep at least 40", len(cases))
	}
	srv, err := mock.New(mock.Options{Seed: 20})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	dir, err := filepath.Abs(badInputDir)
	if err != nil {
		t.Fatal(err)
	}
	// The config with a password must be readable by others whatever the umask of the
	// checkout was: that is the mistake the case is about.
	if err := os.Chmod(filepath.Join(dir, "config", "readable-password.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, c := range cases {
		if prev, dup := seen[c.name]; dup {
			t.Errorf("manifest.txt:%d: case %q is also on line %d", c.line, c.name, prev)
		}
		seen[c.name] = c.line
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			env := map[string]string{
				"HOME":            home,
				"XDG_CONFIG_HOME": filepath.Join(home, ".config"),
				"XDG_STATE_HOME":  filepath.Join(home, ".local", "state"),
				"ECCTL_ENDPOINT":  hs.URL + "/",
				"ECCTL_USERNAME":  "demo",
				"ECCTL_PASSWORD":  "demo",
			}
			for k, v := range c.env {
				env[k] = v
			}
			ios, stdin, stdout, stderr := iostreams.Test()
			if c.stdin != "" {
				data, err := os.ReadFile(filepath.Join(dir, c.stdin))
				if err != nil {
					t.Fatal(err)
				}
				stdin.Write(data)
			}
			f := cmdutil.New(ios)
			f.Getenv = func(k string) string { return env[k] }
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.ReplaceAll(a, "$DIR", dir)
			}
			before := srv.Requests()
			code := cli.Run(args, f)
			if sent := srv.Requests() - before; sent != 0 {
				t.Errorf("manifest.txt:%d: ecctl %s sent %d requests for bad input", c.line, strings.Join(c.args, " "), sent)
			}
			if code != cmdutil.ExitUsage {
				t.Errorf("manifest.txt:%d: ecctl %s exited %d, want 2\nstderr:\n%s", c.line, strings.Join(c.args, " "), code, stderr)
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("manifest.txt:%d: stderr does not say %q:\n%s", c.line, c.want, stderr)
			}
			if stdout.Len() != 0 {
				t.Errorf("manifest.txt:%d: stdout is not empty:\n%s", c.line, stdout)
			}
		})
	}
}

func readBadCases(t *testing.T) []badCase {
	t.Helper()
	f, err := os.Open(filepath.Join(badInputDir, "manifest.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []badCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		if len(parts) != 3 {
			t.Fatalf("manifest.txt:%d: want \"name | substring | arguments\", got %q", n, line)
		}
		words, err := splitWords(parts[2])
		if err != nil {
			t.Fatalf("manifest.txt:%d: %v", n, err)
		}
		c := badCase{line: n, name: strings.TrimSpace(parts[0]), want: strings.TrimSpace(parts[1]), env: map[string]string{}}
		for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
			k, v, _ := strings.Cut(words[0], "=")
			c.env[k] = v
			words = words[1:]
		}
		if i := len(words) - 2; i >= 0 && words[i] == "<" {
			c.stdin, words = words[i+1], words[:i]
		}
		if c.name == "" || c.want == "" || len(words) == 0 {
			t.Fatalf("manifest.txt:%d: a case needs a name, a substring and arguments", n)
		}
		c.args = words
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// splitWords splits at spaces; double quotes keep spaces (and nothing else special).
func splitWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unclosed double quote in %q", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}
