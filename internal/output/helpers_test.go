package output

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// assertGolden compares got with testdata/<name>, or rewrites the file with -update.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func text(s string) nullable.Nullable[string] { return nullable.NewNullableWithValue(s) }

func groups(g ...string) nullable.Nullable[gen.FailoverGroups] {
	return nullable.NewNullableWithValue[gen.FailoverGroups](g)
}

// fullUser has every field set.
func fullUser() gen.User {
	return gen.User{
		User: "robert.meyer@domain.com", Customer: "44444", Domain: "domain.com",
		DisplayName: "R. Meyer", GivenName: "Robert", SurName: "Meyer",
		Language: "de_DE", Timezone: "Europe/Berlin",
		Department: text("Sales"), Costcenter: text("01"),
		Phone: text("+49 30 67242-33"), Mobile: text("+49 175 424222"),
		FailoverGroups: groups("emea", "germany"),
		Status:         gen.UserStatus{Activation: true, Access: true, Failover: false},
	}
}

// nullUser has every nullable field null.
func nullUser() gen.User {
	return gen.User{
		User: "zofie.dvorakova@example.cz", Customer: "44444", Domain: "example.cz",
		DisplayName: "Žofie Dvořáková", GivenName: "Žofie", SurName: "Dvořáková",
		Language: "cs_CZ", Timezone: "Europe/Prague",
		Department: nullable.NewNullNullable[string](), Costcenter: nullable.NewNullNullable[string](),
		Phone: nullable.NewNullNullable[string](), Mobile: nullable.NewNullNullable[string](),
		FailoverGroups: nullable.NewNullNullable[gen.FailoverGroups](),
		Status:         gen.UserStatus{Activation: false, Access: false, Failover: true},
	}
}

// sparseUser leaves every nullable field absent.
func sparseUser() gen.User {
	return gen.User{
		User: "juergen.mueller@example.de", Customer: "44444", Domain: "example.de",
		DisplayName: "Jürgen Müller", GivenName: "Jürgen", SurName: "Müller",
		Language: "en_GB", Timezone: "Etc/GMT+11",
		Status: gen.UserStatus{Activation: true},
	}
}

// hostileUser carries terminal escapes, control characters and bidi overrides in its data.
func hostileUser() gen.User {
	return gen.User{
		User: "evil@example.com", Customer: "44444", Domain: "example.com",
		DisplayName: "\x1b[31mRed\x1b[0m \x1b]0;pwned\x07Team\r\nLead\u202Egpj.exe",
		GivenName:   "Eve\x00", SurName: "Tab\tbed",
		Language: "en_US", Timezone: "America/New_York",
		Department:     text("Ops\x1b[2J"),
		FailoverGroups: groups("a\x1b[1mb", "c\u2066d"),
		Status:         gen.UserStatus{Access: true},
	}
}

func testUsers() []gen.User {
	return []gen.User{fullUser(), nullUser(), sparseUser(), hostileUser()}
}

// syntheticUser is user i of a large generated list; every user differs.
func syntheticUser(i int) gen.User {
	u := fullUser()
	u.User = fmt.Sprintf("user%06d@example.com", i)
	u.DisplayName = fmt.Sprintf("User Number %d", i)
	u.Department = text(fmt.Sprintf("Dept %d", i%97))
	u.Status.Failover = i%2 == 0
	return u
}

// writeUsers writes users through a new writer of format f and returns the output.
func writeUsers(t *testing.T, f Format, users []gen.User) []byte {
	t.Helper()
	var buf bytes.Buffer
	uw, err := NewUserWriter(f, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if err := uw.Write(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := uw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
