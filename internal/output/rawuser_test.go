package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/gen"
)

// writeRawUsers writes raw users through a new writer of format f and returns the output.
func writeRawUsers(t *testing.T, f Format, users []json.RawMessage) []byte {
	t.Helper()
	var buf bytes.Buffer
	uw, err := NewUserWriter(f, &buf)
	if err != nil {
		t.Fatal(err)
	}
	rw, ok := uw.(RawUserWriter)
	if !ok {
		t.Fatalf("%s: the writer is not a RawUserWriter", f)
	}
	for _, u := range users {
		if err := rw.WriteRaw(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// serverJSON encodes users the way a Go server does by default (encoding/json with HTML
// escaping, as ecmock's generated handler does), optionally with insignificant space.
func serverJSON(t *testing.T, users []gen.User, indent bool) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	for _, u := range users {
		var b []byte
		var err error
		if indent {
			b, err = json.MarshalIndent(u, " ", "\t")
		} else {
			b, err = json.Marshal(u)
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// The raw path prints byte for byte what the typed path (decode the server's JSON into
// gen.User, encode it) prints: the same members, escapes (control characters, U+2028) and
// indentation, whatever space and HTML escaping the server used, and invalid UTF-8 replaced
// by U+FFFD as the decoder replaces it.
func TestWriteRawPrintsWhatTheTypedPathPrints(t *testing.T) {
	users := append(testUsers(), syntheticUser(7), gen.User{
		User: "html@example.com", DisplayName: "R&D <Team> \u2028 line\u2029para", GivenName: "bad \xff utf8",
		SurName: `quote " and \ backslash`, Department: text("\u007f del \b\f"),
	})
	for _, indent := range []bool{false, true} {
		raw := serverJSON(t, users, indent)
		// A body with raw invalid UTF-8 and a raw U+2028, and escapes the encoder does not use.
		raw = append(raw, json.RawMessage(`{"customer":"44444","displayName":"\u00e9\/","domain":"example.com",`+
			`"givenName":"G","language":"de_DE","status":{"access":false,"activation":false,"failover":false},`+
			"\"surName\":\"S\",\"timezone\":\"UTC\",\"user\":\"raw\xffbytes\xe2\x80\xa8@example.com\"}"))
		var typed []gen.User
		for _, r := range raw {
			var u gen.User
			if err := json.Unmarshal(r, &u); err != nil {
				t.Fatal(err)
			}
			typed = append(typed, u)
		}
		for _, f := range []Format{JSON, JSONL} {
			want := writeUsers(t, f, typed)
			if got := writeRawUsers(t, f, raw); !bytes.Equal(got, want) {
				t.Errorf("%s (server indent %v): raw output differs\n--- raw ---\n%s\n--- typed ---\n%s", f, indent, got, want)
			}
		}
	}
}

func TestWriteRawKeepsTheServersOrderAndOnlyUserMembers(t *testing.T) {
	raw := []json.RawMessage{
		json.RawMessage(`{"user":"a@example.com","extra":{"x":[1,2,{"y":null}]},"status":{"failover":true,"new":1},"displayName":"A","more":"x"}`),
		json.RawMessage(`{"junk":1,"user":"b@example.com"}`),
		json.RawMessage(`{"junk":1}`),
	}
	got := string(writeRawUsers(t, JSONL, raw))
	want := `{"user":"a@example.com","status":{"failover":true,"new":1},"displayName":"A"}` + "\n" +
		`{"user":"b@example.com"}` + "\n" + "{}\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = string(writeRawUsers(t, JSON, raw[1:]))
	want = "[\n  {\n    \"user\": \"b@example.com\"\n  },\n  {}\n]\n"
	if got != want {
		t.Errorf("json: got\n%q\nwant\n%q", got, want)
	}
}

func TestWriteRawRefusesMalformedJSONWithoutPanicking(t *testing.T) {
	for _, in := range []string{
		``, `[]`, `"x"`, `{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,}`, `{"a" 1}`, `{1:2}`, `{"user":"x"} {}`,
		`{"user":tru}`, `{"user":01}`, `{"user":"\x"}`, `{"user":"a` + "\x01" + `"}`, `{"user":[1,]}`,
		`{"user":[1 2]}`, `{"user":"\ud800"`, strings.Repeat(`{"user":`, maxRawDepth+1),
	} {
		var buf bytes.Buffer
		uw, _ := NewUserWriter(JSONL, &buf)
		if err := uw.(RawUserWriter).WriteRaw(json.RawMessage(in)); err == nil {
			t.Errorf("%.40q: no error", in)
		}
		if err := uw.(RawUserWriter).WriteRaw(json.RawMessage(`{"user":"ok@example.com"}`)); err != nil {
			t.Errorf("after %.40q: the writer is not usable: %v", in, err)
		}
	}
}

// userMember must name exactly gen.User's JSON members.
func TestUserMembersAreGenUsers(t *testing.T) {
	typ := reflect.TypeOf(gen.User{})
	var names []string
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
		if !userMember([]byte(name)) {
			t.Errorf("gen.User member %q is not a userMember", name)
		}
	}
	for _, name := range []string{"costcenter", "customer", "department", "displayName", "domain", "failoverGroups",
		"givenName", "language", "mobile", "phone", "status", "surName", "timezone", "user"} {
		if !slices.Contains(names, name) {
			t.Errorf("userMember %q is not a member of gen.User", name)
		}
	}
}

func TestRawWritersAreTheJSONFormats(t *testing.T) {
	for _, f := range formats() {
		uw, err := NewUserWriter(f, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := uw.(RawUserWriter); ok != WritesRawUsers(f) {
			t.Errorf("%s: RawUserWriter %v, WritesRawUsers %v", f, ok, WritesRawUsers(f))
		}
	}
}

// FuzzWriteRaw: any input gives an error or, for a valid JSON object, the same document the
// typed path would print when the object decodes as a User: valid JSON in every case.
func FuzzWriteRaw(f *testing.F) {
	for _, u := range testUsers() {
		b, _ := json.Marshal(u)
		f.Add(b)
	}
	f.Add([]byte(`{"user":"a","x":[{},[],"\u2028",1e3,-0.5,true,null]}`))
	f.Add([]byte(`{"a":`))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, format := range []Format{JSON, JSONL} {
			var buf bytes.Buffer
			uw, _ := NewUserWriter(format, &buf)
			err := uw.(RawUserWriter).WriteRaw(in)
			if cerr := uw.Close(); cerr != nil {
				t.Fatal(cerr)
			}
			var obj map[string]json.RawMessage
			isObject := json.Unmarshal(in, &obj) == nil && bytes.HasPrefix(bytes.TrimLeft(in, " \t\r\n"), []byte("{"))
			if isObject && err != nil {
				t.Fatalf("%s: valid object %q refused: %v", format, in, err)
			}
			if err == nil && !json.Valid(buf.Bytes()) && format == JSON {
				t.Fatalf("%s: output is not JSON: %q", format, buf.Bytes())
			}
			var u gen.User
			if err == nil && format == JSONL && json.Unmarshal(in, &u) == nil && !hasDuplicateMembers(in) && !hasFoldedMembers(obj) {
				typed := writeUsers(t, JSONL, []gen.User{u})
				var a, b gen.User
				if json.Unmarshal(buf.Bytes(), &a) != nil || json.Unmarshal(typed, &b) != nil || !reflect.DeepEqual(a, b) {
					t.Fatalf("raw %q and typed %q differ", buf.Bytes(), typed)
				}
			}
		}
	})
}

// hasFoldedMembers reports a member that differs from a User member only in letter case:
// encoding/json decodes it into that field, the raw path leaves it out as unknown.
func hasFoldedMembers(obj map[string]json.RawMessage) bool {
	for k := range obj {
		if userMember([]byte(k)) {
			continue
		}
		for _, m := range []string{"costcenter", "customer", "department", "displayName", "domain", "failoverGroups",
			"givenName", "language", "mobile", "phone", "status", "surName", "timezone", "user"} {
			if strings.EqualFold(k, m) {
				return true
			}
		}
	}
	return false
}

// hasDuplicateMembers reports an object naming a member twice: the typed path keeps the
// last one, the raw path both (JSON readers then take the last one too).
func hasDuplicateMembers(in []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(in))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		k, _ := t.(string)
		if seen[k] {
			return true
		}
		seen[k] = true
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}
