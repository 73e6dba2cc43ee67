package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// countResult stands for a summary such as `users count`.
type countResult struct {
	Customer string `json:"customer"`
	Count    int64  `json:"count"`
}

func countTable() ([]string, [][]string) { return nil, [][]string{{"42"}} }

func TestPrintFormats(t *testing.T) {
	v := countResult{Customer: "44444", Count: 42}
	for f, want := range map[Format]string{
		JSON:  "{\n  \"customer\": \"44444\",\n  \"count\": 42\n}\n",
		JSONL: "{\"customer\":\"44444\",\"count\":42}\n",
		YAML:  "customer: \"44444\"\ncount: 42\n",
		CSV:   "42\n",
		Table: "42\n",
	} {
		var buf bytes.Buffer
		if err := Print(&buf, f, v, countTable); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if buf.String() != want {
			t.Errorf("%s: got %q, want %q", f, buf.String(), want)
		}
	}
}

func TestPrintCSVWritesHeadersAndRows(t *testing.T) {
	var buf bytes.Buffer
	err := Print(&buf, CSV, nil, func() ([]string, [][]string) {
		return []string{"user", "result"}, [][]string{{"a@example.com", "ok"}, {"b@example.com", "404: not found, sorry"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "user,result\na@example.com,ok\nb@example.com,\"404: not found, sorry\"\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestPrintKeepsHTMLCharacters(t *testing.T) {
	var buf bytes.Buffer
	if err := Print(&buf, JSONL, map[string]string{"message": "a <b> & c"}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "a <b> & c") {
		t.Errorf("got %s", buf.String())
	}
}

func TestPrintWithoutTableFails(t *testing.T) {
	for _, f := range []Format{CSV, Table} {
		var buf bytes.Buffer
		if err := Print(&buf, f, countResult{}, nil); err == nil {
			t.Errorf("%s: no error without a table", f)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %q", f, buf.String())
		}
	}
	if err := Print(&bytes.Buffer{}, "xml", countResult{}, countTable); err == nil {
		t.Error("no error for format xml")
	}
}

func TestPrintReportsEncodingErrors(t *testing.T) {
	for _, f := range []Format{JSON, JSONL, YAML} {
		var buf bytes.Buffer
		if err := Print(&buf, f, map[string]any{"bad": make(chan int)}, nil); err == nil {
			t.Errorf("%s: no error for an unencodable value", f)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %q", f, buf.String())
		}
	}
}

func TestPrintUserFormats(t *testing.T) {
	u := fullUser()
	var buf bytes.Buffer
	if err := PrintUser(&buf, CSV, u); err != nil {
		t.Fatal(err)
	}
	if want := string(writeUsers(t, CSV, testUsers()[:1])); buf.String() != want {
		t.Errorf("users get -o csv = %q, want the list's CSV %q", buf.String(), want)
	}

	buf.Reset()
	if err := PrintUser(&buf, JSON, u); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["user"] != u.User || back["costcenter"] != "01" {
		t.Errorf("json: %v %s", err, buf.String())
	}

	buf.Reset()
	if err := PrintUser(&buf, YAML, nullUser()); err != nil {
		t.Fatal(err)
	}
	var y map[string]any
	if err := yaml.Unmarshal(buf.Bytes(), &y); err != nil {
		t.Fatal(err)
	}
	if v, ok := y["department"]; !ok || v != nil {
		t.Errorf("null department: %v, %v in\n%s", v, ok, buf.String())
	}
	if strings.HasPrefix(buf.String(), "---") || strings.HasPrefix(buf.String(), "- ") {
		t.Errorf("one user is one YAML mapping:\n%s", buf.String())
	}
}
