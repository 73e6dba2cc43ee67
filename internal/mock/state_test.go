package mock_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clk := newClock()
	srv, err := mock.New(mock.Options{Accounts: testAccounts(), StatePath: path, Seed: 40, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv}
	e.ts = newServer(t, srv)
	u := newUser("kept@b.example", "emea", "night-shift")
	u["mobile"] = "+49 1"
	e.create("44444", u)
	e.do(http.MethodPut, "/44444/failover?group=emea", nil).expect(t, http.StatusOK)
	e.do(http.MethodPatch, "/55555", []any{map[string]any{"user": e.list("55555", "size=1").Users[0].User, "phone": nil}}).expect(t, http.StatusOK)
	tok := createToken(t, e, "44444", "kept@b.example")
	before44, before55 := e.all("44444", "", 1000), e.all("55555", "", 1000)
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	e.ts.Close()

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", info.Mode().Perm())
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), tok.Token) {
		t.Error("the state file holds a token in clear")
	}
	if !json.Valid(raw) {
		t.Fatal("the state file is not JSON")
	}

	// Restart: the file wins over --seed (which would otherwise regenerate users).
	again := newEnv(t, mock.Options{StatePath: path, Seed: 5, Now: clk.Now})
	after44, after55 := again.all("44444", "", 1000), again.all("55555", "", 1000)
	if !sameUsers(before44, after44) || !sameUsers(before55, after55) {
		t.Fatalf("users differ after a restart: %d/%d before, %d/%d after", len(before44), len(before55), len(after44), len(after55))
	}
	// The token survived the restart (as a digest) and still works once.
	setPassword(again, "kept@b.example", tok.Token, "Summer2026!x").expect(t, http.StatusOK)
	if !again.getUser("44444", "kept@b.example").Status.Activation {
		t.Error("password set after restart did not activate")
	}
}

func sameUsers(a, b []gen.User) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return len(a) > 0 && string(ja) == string(jb)
}

func TestStateWrittenAfterEachChangeWithoutClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, mock.Options{StatePath: path})
	e.create("44444", newUser("a@b.example"))
	if err := e.srv.Flush(); err != nil {
		t.Fatal(err)
	}
	var sf struct {
		Format    string
		Customers map[string]struct{ Users []struct{ User string } }
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &sf); err != nil {
		t.Fatal(err)
	}
	if sf.Format != "ecmock-state/1" || len(sf.Customers["44444"].Users) != 1 || sf.Customers["44444"].Users[0].User != "a@b.example" {
		t.Errorf("state file %s", raw)
	}
}

func TestDamagedStateFileIsRefusedAndKept(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	for name, content := range map[string]string{
		"truncated":      `{"format":"ecmock-state/1","customers":{"44444":{"users":[{"user":"a@b.exa`,
		"other format":   `{"format":"something-else","customers":{}}`,
		"bad user":       `{"format":"ecmock-state/1","customers":{"44444":{"users":[{"user":"no address","displayName":"x","givenName":"x","surName":"x","language":"de_DE","timezone":"UTC","status":{}}]}}}`,
		"duplicate user": `{"format":"ecmock-state/1","customers":{"44444":{"users":[` + strings.Repeat(`{"user":"a@b.example","displayName":"x","givenName":"x","surName":"x","language":"de_DE","timezone":"UTC","status":{}},`, 2) + `{"user":"c@b.example","displayName":"x","givenName":"x","surName":"x","language":"de_DE","timezone":"UTC","status":{}}]}}}`,
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := mock.New(mock.Options{StatePath: path, Seed: 3}); err == nil {
			t.Errorf("%s: a damaged state file was accepted", name)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("%s: the damaged state file was changed", name)
		}
	}
}

// A writer that crashed after creating its temporary file left a half-written temp file;
// the state file itself is whole and loads, and the leftover is cleaned up.
func TestLeftoverTempFileFromACrashIsIgnored(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	first := newEnv(t, mock.Options{StatePath: path})
	first.create("44444", newUser("a@b.example"))
	if err := first.srv.Flush(); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	leftover := filepath.Join(dir, ".state.json.tmp-123456")
	if err := os.WriteFile(leftover, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}

	e := newEnv(t, mock.Options{StatePath: path})
	if got := addresses(e.all("44444", "", 10)); !slices.Equal(got, []string{"a@b.example"}) {
		t.Errorf("loaded %v", got)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the leftover temporary file is still there: %v", err)
	}
}

func TestStateTokenOfUnknownUserIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	content := `{"format":"ecmock-state/1","customers":{"44444":{"users":[{"user":"a@b.example","displayName":"x","givenName":"x","surName":"x","language":"de_DE","timezone":"UTC","status":{}}],
"tokens":[{"user":"ghost@b.example","sha256":"` + strings.Repeat("ab", 32) + `","created":"2026-12-03T10:15:00Z","expires":"2026-12-04T10:15:00Z","mailNotification":false}]}}}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, mock.Options{StatePath: path})
	if err := e.srv.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	if n := e.count("44444", ""); n != 1 {
		t.Errorf("%d users", n)
	}
}
