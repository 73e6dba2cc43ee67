package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"
	"gopkg.in/yaml.v3"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

func TestUserListGoldens(t *testing.T) {
	for f, name := range map[Format]string{JSON: "users.json", JSONL: "users.jsonl", YAML: "users.yaml", CSV: "users.csv"} {
		t.Run(string(f), func(t *testing.T) {
			assertGolden(t, name, writeUsers(t, f, testUsers()))
		})
	}
}

func TestEmptyUserLists(t *testing.T) {
	for f, want := range map[Format]string{
		JSON:  "[]\n",
		JSONL: "",
		YAML:  "[]\n",
		CSV:   strings.Join(userfile.Columns, ",") + "\n",
	} {
		if got := string(writeUsers(t, f, nil)); got != want {
			t.Errorf("%s: empty list = %q, want %q", f, got, want)
		}
	}
}

// The JSON array reads back as the users written, with absent and null kept apart.
func TestJSONUserListRoundTrips(t *testing.T) {
	users := testUsers()
	var got []gen.User
	if err := json.Unmarshal(writeUsers(t, JSON, users), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, users) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v", got, users)
	}
}

func TestJSONLinesOneUserPerLine(t *testing.T) {
	users := testUsers()
	sc := bufio.NewScanner(bytes.NewReader(writeUsers(t, JSONL, users)))
	var got []gen.User
	for sc.Scan() {
		var u gen.User
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			t.Fatalf("line %d: %v", len(got)+1, err)
		}
		got = append(got, u)
	}
	if !reflect.DeepEqual(got, users) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v", got, users)
	}
}

// YAML has the JSON's keys in the JSON's order, omits absent fields and shows null ones.
func TestYAMLUserListMatchesJSON(t *testing.T) {
	users := testUsers()
	var fromJSON, fromYAML []any
	if err := json.Unmarshal(writeUsers(t, JSON, users), &fromJSON); err != nil {
		t.Fatal(err)
	}
	out := writeUsers(t, YAML, users)
	if err := yaml.Unmarshal(out, &fromYAML); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromYAML, fromJSON) {
		t.Errorf("YAML differs from JSON:\n yaml %v\n json %v", fromYAML, fromJSON)
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	seq := doc.Content[0]
	if len(seq.Content) != len(users) {
		t.Fatalf("%d items, want %d", len(seq.Content), len(users))
	}
	for i, u := range users {
		data, _ := json.Marshal(u)
		if got, want := yamlKeys(seq.Content[i]), jsonKeys(t, data); !slices.Equal(got, want) {
			t.Errorf("user %d: YAML keys %v, JSON keys %v", i, got, want)
		}
	}
	full, null, sparse := seq.Content[0], seq.Content[1], seq.Content[2]
	if v := yamlValue(full, "costcenter"); v.Value != "01" || v.Tag != "!!str" {
		t.Errorf("costcenter = %s %q, want the string \"01\"", v.Tag, v.Value)
	}
	if v := yamlValue(null, "department"); v == nil || v.Tag != "!!null" {
		t.Errorf("null department not shown as null: %v", v)
	}
	if v := yamlValue(sparse, "department"); v != nil {
		t.Errorf("absent department shown as %q", v.Value)
	}
}

func TestCSVUserList(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(writeUsers(t, CSV, testUsers()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], userfile.Columns) {
		t.Errorf("header %v", recs[0])
	}
	full, null, sparse, hostile := recs[1], recs[2], recs[3], recs[4]
	col := func(rec []string, name string) string { return rec[slices.Index(userfile.Columns, name)] }
	for name, want := range map[string]string{
		"user": "robert.meyer@domain.com", "failoverGroups": "emea;germany", "costcenter": "01",
		"phone": "+49 30 67242-33", "activation": "true", "failover": "false",
	} {
		if got := col(full, name); got != want {
			t.Errorf("full user %s = %q, want %q", name, got, want)
		}
	}
	for _, rec := range [][]string{null, sparse} {
		for _, name := range []string{"department", "costcenter", "phone", "mobile", "failoverGroups"} {
			if got := col(rec, name); got != "" {
				t.Errorf("%s: %s = %q, want empty", col(rec, "user"), name, got)
			}
		}
	}
	// CSV is data for round trips: it is not sanitised (encoding/csv reads the quoted
	// "\r\n" back as "\n").
	if got, want := col(hostile, "displayName"), strings.ReplaceAll(hostileUser().DisplayName, "\r\n", "\n"); got != want {
		t.Errorf("displayName = %q, want it unchanged", got)
	}
}

func TestUserWriterRejectsWriteAfterClose(t *testing.T) {
	for _, f := range formats() {
		uw, err := NewUserWriter(f, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		if err := uw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := uw.Write(fullUser()); !errors.Is(err, errClosed) {
			t.Errorf("%s: Write after Close = %v", f, err)
		}
		if err := uw.Close(); err != nil {
			t.Errorf("%s: second Close = %v", f, err)
		}
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// A failed write is reported, by Write or at the latest by Close.
func TestUserWriterReportsWriteErrors(t *testing.T) {
	for _, f := range formats() {
		uw, err := NewUserWriter(f, failingWriter{})
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		for range 3 {
			errs = append(errs, uw.Write(fullUser()))
		}
		errs = append(errs, uw.Close())
		if err := errors.Join(errs...); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: got %v, want %v", f, err, errDiskFull)
		}
	}
}

func TestNewUserWriterUnknownFormat(t *testing.T) {
	if _, err := NewUserWriter("xml", &bytes.Buffer{}); err == nil {
		t.Fatal("no error for format xml")
	}
}

func yamlKeys(m *yaml.Node) []string {
	var keys []string
	for i := 0; i < len(m.Content); i += 2 {
		keys = append(keys, m.Content[i].Value)
	}
	return keys
}

func yamlValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// jsonKeys returns the top-level keys of a JSON object in document order.
func jsonKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	var keys []string
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// The contract: `users list -o csv` can be fed back to sync unchanged. Set fields come back
// as values, and empty cells of nullable fields as null (clear), absent or null alike.
func TestCSVUserListReadsBackWithUserfile(t *testing.T) {
	users := []gen.User{fullUser(), nullUser(), sparseUser()}
	recs, err := userfile.Read(bytes.NewReader(writeUsers(t, CSV, users)), "users.csv", userfile.ModeSync)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(users) {
		t.Fatalf("%d records, want %d", len(recs), len(users))
	}
	for i, u := range users {
		got := recs[i].User
		for name, pair := range map[string][2]string{
			"user": {got.User, u.User}, "displayName": {deref(got.DisplayName), u.DisplayName},
			"givenName": {deref(got.GivenName), u.GivenName}, "surName": {deref(got.SurName), u.SurName},
			"language": {deref(got.Language), u.Language}, "timezone": {deref(got.Timezone), u.Timezone},
		} {
			if pair[0] != pair[1] {
				t.Errorf("%s: %s = %q, want %q", u.User, name, pair[0], pair[1])
			}
		}
		for name, pair := range map[string][2]nullable.Nullable[string]{
			"department": {got.Department, u.Department}, "costcenter": {got.Costcenter, u.Costcenter},
			"phone": {got.Phone, u.Phone}, "mobile": {got.Mobile, u.Mobile},
		} {
			if g, w := pair[0], pair[1]; g.GetOrEmpty() != w.GetOrEmpty() || (w.GetOrEmpty() == "") != g.IsNull() {
				t.Errorf("%s: %s = %v, want %v (empty means null)", u.User, name, g, w)
			}
		}
		if g, w := got.FailoverGroups.GetOrEmpty(), u.FailoverGroups.GetOrEmpty(); !slices.Equal(g, w) {
			t.Errorf("%s: failoverGroups = %v, want %v", u.User, g, w)
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return "<absent>"
	}
	return *p
}
