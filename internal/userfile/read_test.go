package userfile_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

func TestReadExcelCSV(t *testing.T) {
	recs, probs := readFile(t, "excel-semicolon-bom.csv", userfile.ModeCreate)
	if probs != nil {
		t.Fatalf("problems: %q", probs)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	want := gen.UserUpdate{
		User: "r.meyer@example.com", DisplayName: ptr("R. Meyer"), GivenName: ptr("Robert"), SurName: ptr("Meyer"),
		Language: ptr("de_DE"), Timezone: ptr("Europe/Berlin"),
		Department: nullable.NewNullableWithValue("Vertrieb"), Costcenter: nullable.NewNullableWithValue("01"),
		Phone: nullable.NewNullableWithValue("+49 30 67242-33"), Mobile: nullable.NewNullableWithValue("+49 175 424222"),
		FailoverGroups: nullable.NewNullableWithValue([]string{"emea", "germany"}),
	}
	if !reflect.DeepEqual(recs[0].User, want) {
		t.Errorf("line 2 (the first header column must be found despite the BOM):\n got %+v\nwant %+v", recs[0].User, want)
	}
	if recs[0].Pos != "line 2" || recs[0].Line != 2 {
		t.Errorf("position %q %d, want line 2", recs[0].Pos, recs[0].Line)
	}
	mueller := recs[1].User
	if *mueller.DisplayName != "Jürgen Müller" || !mueller.Costcenter.IsNull() || !mueller.Phone.IsNull() {
		t.Errorf("line 3: umlauts or empty nullable cells wrong: %+v", mueller)
	}
	if dvorak := recs[2].User; !dvorak.FailoverGroups.IsNull() || !dvorak.Department.IsNull() {
		t.Errorf("line 4: empty groups and department cells must clear them: %+v", dvorak)
	}
	okafor := recs[3].User
	if *okafor.DisplayName != "Okafor; Sade" || okafor.Department.MustGet() != "R&D" ||
		!reflect.DeepEqual(okafor.FailoverGroups.MustGet(), []string{"emea", "uk"}) {
		t.Errorf("line 5: quoted cells wrong: %+v", okafor)
	}
	for _, r := range recs {
		for _, status := range []string{"activation", "access", "failover"} {
			if r.Fields[status] {
				t.Errorf("%s: status column %s must be ignored", r.Pos, status)
			}
		}
	}
}

// Excel writes an empty row of a sheet as a line of delimiters only (";;;;" or ",,,,").
// Such a row says nothing and is skipped like a blank line; the records keep the line
// numbers of the file.
func TestReadSkipsRowsOfEmptyCells(t *testing.T) {
	recs, probs := readFile(t, "excel-blank-rows.csv", userfile.ModeCreate)
	if probs != nil {
		t.Fatalf("problems: %q", probs)
	}
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s %s", r.Pos, r.User.User))
	}
	equalLines(t, "records", got, []string{
		"line 2 r.meyer@example.com", "line 5 j.mueller@example.com", "line 7 a.dvorak@example.cz",
	})

	for name, tc := range map[string]struct {
		input string
		mode  userfile.Mode
		want  []string // records, or problems when probs is set
		probs bool
	}{
		"commas": {input: "user,displayName,givenName,surName\n,,,\nx@example.com,X,X,X\n,,,\n", mode: userfile.ModeCreate,
			want: []string{"line 3 x@example.com"}},
		"quoted empty cells and spaces": {input: "user;phone\n\"\";\"\"\n ; \t\nx@example.com;1\n", mode: userfile.ModeUpdate,
			want: []string{"line 4 x@example.com"}},
		"fewer delimiters than columns": {input: "user,displayName,givenName,surName\n,,\nx@example.com,X,X,X\n,,,,,\n", mode: userfile.ModeCreate,
			want: []string{"line 3 x@example.com"}},
		"only empty rows": {input: "user,displayName,givenName,surName\n,,,\n,,,\n", mode: userfile.ModeCreate,
			want: []string{"no users in the file"}, probs: true},
		// One cell with a value makes a row, and its problems are reported.
		"one cell filled": {input: "user,displayName,givenName,surName\n,,Jane,\n", mode: userfile.ModeCreate,
			want: []string{
				"line 2: user: must not be empty",
				"line 2: displayName: missing; create needs user, displayName, givenName and surName",
				"line 2: surName: missing; create needs user, displayName, givenName and surName",
			}, probs: true},
	} {
		recs, probs := readString(t, tc.input, tc.mode)
		if tc.probs {
			equalLines(t, name, probs, tc.want)
			continue
		}
		if probs != nil {
			t.Errorf("%s: problems %q", name, probs)
			continue
		}
		var got []string
		for _, r := range recs {
			got = append(got, fmt.Sprintf("%s %s", r.Pos, r.User.User))
		}
		equalLines(t, name, got, tc.want)
	}
}

func TestReadJSONArray(t *testing.T) {
	recs, probs := readFile(t, "users.json", userfile.ModeCreate)
	if probs != nil {
		t.Fatalf("problems: %q", probs)
	}
	if len(recs) != 2 || recs[0].Pos != "record 1, line 2" || recs[1].Pos != "record 2, line 15" {
		t.Fatalf("records %+v", recs)
	}
	tanaka := recs[1]
	if tanaka.User.Language != nil || tanaka.Fields["language"] || tanaka.User.Department.IsSpecified() {
		t.Errorf("absent keys must stay absent: %+v", tanaka)
	}
	wantFields := map[string]bool{"user": true, "displayName": true, "givenName": true, "surName": true, "timezone": true}
	if !reflect.DeepEqual(tanaka.Fields, wantFields) {
		t.Errorf("Fields = %v, want %v", tanaka.Fields, wantFields)
	}
}

func TestReadJSONLines(t *testing.T) {
	recs, probs := readFile(t, "users.jsonl", userfile.ModeSync)
	if probs != nil {
		t.Fatalf("problems: %q", probs)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Pos+" "+r.User.User)
	}
	equalLines(t, "records", got, []string{
		"line 1 customer@domain.com",
		"line 2 l.tanaka@example.jp",
		"line 4 p.silva@example.com", // %40 normalised; customer, domain and status ignored
	})
	if !recs[1].User.Department.IsNull() || !recs[1].Fields["department"] {
		t.Errorf("department: null must clear: %+v", recs[1])
	}
}

func TestReadUpdateNulls(t *testing.T) {
	recs, probs := readFile(t, "update.jsonl", userfile.ModeUpdate)
	if probs != nil {
		t.Fatalf("problems: %q", probs)
	}
	first, second := recs[0], recs[1]
	if first.User.Department.MustGet() != "Support" || !first.User.Mobile.IsNull() || first.User.Phone.IsSpecified() || first.User.DisplayName != nil {
		t.Errorf("record 1: %+v", first.User)
	}
	if !second.User.FailoverGroups.IsNull() || *second.User.Timezone != "Etc/GMT+11" {
		t.Errorf("record 2: %+v", second.User)
	}
}

func TestReadDeleteFormats(t *testing.T) {
	want := []string{"customer@domain.com", "l.tanaka@example.jp", "p.silva@example.com"}
	inputs := map[string]string{
		"plain list":       "customer@domain.com\r\nl.tanaka%40example.jp\n\n  p.silva@example.com  \n",
		"JSON strings":     `["customer@domain.com", "l.tanaka@example.jp", "p.silva@example.com"]`,
		"JSON mixed":       `["customer@domain.com", {"user": "l.tanaka@example.jp", "displayName": "ignored"}, "p.silva@example.com"]`,
		"JSONL strings":    "\"customer@domain.com\"\n\"l.tanaka@example.jp\"\n\"p.silva@example.com\"\n",
		"JSONL objects":    "{\"user\":\"customer@domain.com\"}\n{\"user\":\"l.tanaka@example.jp\",\"failoverGroups\":\"x\"}\n\"p.silva@example.com\"\n",
		"CSV user column":  "user\ncustomer@domain.com\nl.tanaka@example.jp\np.silva@example.com\n",
		"CSV full export":  "user,displayName,givenName,surName,language,failoverGroups\ncustomer@domain.com,,,,xx,\nl.tanaka@example.jp,L,L,T,,\np.silva@example.com,,,,,\n",
		"CSV quoted users": "\"user\"\n\"customer@domain.com\"\n\"l.tanaka@example.jp\"\n\"p.silva@example.com\"\n",
	}
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			recs, probs := readString(t, input, userfile.ModeDelete)
			if probs != nil {
				t.Fatalf("problems: %q", probs)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.User.User)
				if len(r.Fields) != 1 || !r.Fields["user"] {
					t.Errorf("%s: delete records hold only user, got fields %v", r.Pos, r.Fields)
				}
			}
			equalLines(t, "users", got, want)
		})
	}
	recs, probs := readFile(t, "delete.txt", userfile.ModeDelete)
	if probs != nil || len(recs) != 3 || recs[2].Pos != "line 4" {
		t.Errorf("delete.txt: %+v %q", recs, probs)
	}
}

// TestCSVCells pins down what an empty or filled cell means per mode.
func TestCSVCells(t *testing.T) {
	input := "user,displayName,givenName,surName,language,timezone,department,phone,failoverGroups\n" +
		"jane@example.com,,,,,,,,\n"
	recs, probs := readString(t, input, userfile.ModeUpdate)
	if probs != nil {
		t.Fatal(probs)
	}
	u := recs[0].User
	if u.DisplayName != nil || u.GivenName != nil || u.SurName != nil || u.Language != nil || u.Timezone != nil {
		t.Errorf("empty non-nullable cells must be absent on update: %+v", u)
	}
	if !u.Department.IsNull() || !u.Phone.IsNull() || !u.FailoverGroups.IsNull() || u.Mobile.IsSpecified() {
		t.Errorf("empty nullable cells must be null, a missing column absent: %+v", u)
	}
	wantFields := map[string]bool{"user": true, "department": true, "phone": true, "failoverGroups": true}
	if !reflect.DeepEqual(recs[0].Fields, wantFields) {
		t.Errorf("Fields = %v, want %v", recs[0].Fields, wantFields)
	}

	_, probs = readString(t, input, userfile.ModeCreate)
	equalLines(t, "create with empty name cells", probs, []string{
		"line 2: displayName: missing; create needs user, displayName, givenName and surName",
		"line 2: givenName: missing; create needs user, displayName, givenName and surName",
		"line 2: surName: missing; create needs user, displayName, givenName and surName",
	})
}

func TestCSVGroupsCell(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
		wantProbs   []string
	}{
		{"comma file", "user,failoverGroups\njane@example.com,emea;germany\n", []string{"emea", "germany"}, nil},
		{"semicolon file, quoted", "user;failoverGroups\njane@example.com;\"emea;germany\"\n", []string{"emea", "germany"}, nil},
		{"spaces trimmed", "user,failoverGroups\njane@example.com, emea ; germany\n", []string{"emea", "germany"}, nil},
		{"semicolon file, unquoted", "user;failoverGroups\njane@example.com;emea;germany\n", nil, []string{
			`line 2: 3 fields, but the header has 2; with ";" between the columns, a failoverGroups cell with several groups must be in double quotes, such as "emea;germany"`,
		}},
		{"empty group", "user,failoverGroups\njane@example.com,emea;\n", nil, []string{"line 2: failoverGroups: group 2 is empty"}},
		{"17 groups", "user,failoverGroups\njane@example.com," + strings.Repeat("g;", 16) + "g\n", nil, []string{"line 2: failoverGroups: 17 groups, at most 16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := readString(t, tt.input, userfile.ModeUpdate)
			equalLines(t, "problems", probs, tt.wantProbs)
			if tt.want != nil && (len(recs) != 1 || !reflect.DeepEqual(recs[0].User.FailoverGroups.MustGet(), tt.want)) {
				t.Errorf("records %+v, want groups %q", recs, tt.want)
			}
		})
	}
}

func TestDelimiterDetection(t *testing.T) {
	tests := []struct{ name, input, wantDisplay string }{
		{"comma", "user,displayName\njane@example.com,Doe; Jane\n", "Doe; Jane"},
		{"semicolon", "user;displayName\njane@example.com;Doe, Jane\n", "Doe, Jane"},
		{"semicolon inside quoted header", "\"user\",\"display;Name\"\n", ""},
		{"comma inside quoted header", "\"user\";displayName\njane@example.com;Doe, Jane\n", "Doe, Jane"},
		{"header name padded", " user ; displayName \r\njane@example.com;Jane\r\n", "Jane"},
		{"leading blank lines", "\n\nuser;displayName\njane@example.com;Jane\n", "Jane"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := readString(t, tt.input, userfile.ModeUpdate)
			if tt.wantDisplay == "" {
				equalLines(t, "problems", probs, []string{`line 1: unknown column "display;Name" (known: user, displayName, givenName, surName, language, timezone, department, costcenter, phone, mobile, failoverGroups, activation, access, failover)`})
				return
			}
			if probs != nil {
				t.Fatal(probs)
			}
			if got := *recs[0].User.DisplayName; got != tt.wantDisplay {
				t.Errorf("displayName %q, want %q", got, tt.wantDisplay)
			}
		})
	}
}

func TestReadProblems(t *testing.T) {
	tests := []struct {
		name  string
		input string
		mode  userfile.Mode
		want  []string
	}{
		{"empty", "", userfile.ModeCreate, []string{"the file is empty"}},
		{"only spaces", " \r\n\t\n", userfile.ModeUpdate, []string{"the file is empty"}},
		{"only a BOM", "\ufeff", userfile.ModeUpdate, []string{"the file is empty"}},
		{"header only", "user,displayName,givenName,surName\n", userfile.ModeCreate, []string{"no users in the file"}},
		{"empty JSON array", "[]", userfile.ModeDelete, []string{"no users in the file"}},
		{
			"unknown and missing columns", "User,display_name,givenName,surName,notes\nx@example.com,X,X,X,hi\n", userfile.ModeCreate,
			[]string{
				`line 1: unknown column "User" (did you mean "user"?)`,
				`line 1: unknown column "display_name" (did you mean "displayName"?)`,
				`line 1: unknown column "notes" (known: user, displayName, givenName, surName, language, timezone, department, costcenter, phone, mobile, failoverGroups, activation, access, failover)`,
				`line 1: missing column "user"; create needs the columns user, displayName, givenName and surName`,
				`line 1: missing column "displayName"; create needs the columns user, displayName, givenName and surName`,
			},
		},
		{"update needs only user", "displayName\nX\n", userfile.ModeUpdate, []string{`line 1: missing column "user"; update needs the columns user`}},
		{
			"repeated column", "user,phone,phone\nx@example.com,1,2\n", userfile.ModeUpdate,
			[]string{`line 1: column "phone" appears twice (columns 2 and 3)`},
		},
		{
			"tab separated", "user\tdisplayName\nx@example.com\tX\n", userfile.ModeUpdate,
			[]string{`line 1: the columns are separated by tabs; use "," or ";" (save as CSV, not as text)`},
		},
		{
			"no header", "jane@example.com,Jane Doe,Jane,Doe\n", userfile.ModeCreate,
			[]string{`line 1: "jane@example.com" looks like an address, not a column name: the first line must name the columns, such as user,displayName,givenName,surName`},
		},
		{
			"unnamed columns", "user,,\nx@example.com,,\ny@example.com,,oops\n", userfile.ModeUpdate,
			[]string{`line 3: column 3 holds "oops" but has no name in the header`},
		},
		{
			"field counts", "user,phone\nx@example.com\ny@example.com,1,2\nz@example.com,3\n", userfile.ModeUpdate,
			[]string{"line 2: 1 field, but the header has 2", "line 3: 3 fields, but the header has 2"},
		},
		{
			"bare quote", "user,displayName\nx@example.com,The \"Boss\"\ny@example.com,Y\n", userfile.ModeUpdate,
			[]string{`line 2: character 19: a double quote (") in a field that does not start with one; put the whole field in double quotes and write the quote twice ("")`},
		},
		{
			"unclosed quote", "user,displayName\nx@example.com,\"Jürgen\ny@example.com,Y\n", userfile.ModeUpdate,
			[]string{`line 2: line 3, character 16: a field in double quotes is not closed, or a quote inside it is not written twice ("")`},
		},
		{
			"NUL bytes", "user\nx@example.com\x00\n", userfile.ModeUpdate,
			[]string{"the file holds NUL bytes: it is binary or UTF-16, not UTF-8 text"},
		},
		{
			"nulls", `[{"user":"x@example.com","displayName":null,"department":null,"timezone":null,"failoverGroups":null}]`, userfile.ModeUpdate,
			[]string{
				"record 1, line 1: displayName: must not be null (only department, costcenter, phone, mobile and failoverGroups can be cleared)",
				"record 1, line 1: timezone: must not be null (only department, costcenter, phone, mobile and failoverGroups can be cleared)",
			},
		},
		{
			"empty strings", `{"user":"x@example.com","department":"","surName":""}`, userfile.ModeUpdate,
			[]string{"line 1: department: must not be empty (use null to clear it)", "line 1: surName: must not be empty"},
		},
		{
			"key twice", `{"user":"x@example.com","phone":"1","phone":"2"}`, userfile.ModeUpdate,
			[]string{"line 1: phone: the key appears twice in the object"},
		},
		{
			"missing user", `{"displayName":"X"}`, userfile.ModeUpdate,
			[]string{"line 1: user: missing; update needs user"},
		},
		{
			"wrong element", "[[\"x@example.com\"], 7, true]", userfile.ModeDelete,
			[]string{
				`record 1, line 1: must be an address in double quotes or an object with "user", not a list`,
				`record 2, line 1: must be an address in double quotes or an object with "user", not a number`,
				`record 3, line 1: must be an address in double quotes or an object with "user", not true or false`,
			},
		},
		{
			"text after array", "[{\"user\":\"x@example.com\"}]\n]", userfile.ModeUpdate,
			[]string{"line 2: character 1: text after the end of the JSON array"},
		},
		{
			"truncated array", "[{\"user\":\"x@example.com\"},\n{\"user\":", userfile.ModeUpdate,
			[]string{`line 2: the JSON ends too early in record 2 (a closing "]", "}" or quote is missing)`},
		},
		{
			"unclosed last JSON line", "{\"user\":\"x@example.com\"}\n{\"user\":\"y@example.com\"\n", userfile.ModeUpdate,
			[]string{`line 2: invalid JSON: the file ends before the record is closed (a "}" or quote is missing)`},
		},
		{
			"duplicates", "user\njane@example.com\nJane@Example.com\njane%40example.com\n", userfile.ModeDelete,
			[]string{
				`line 3: user: "Jane@Example.com" is a duplicate of "jane@example.com" on line 2 (the addresses differ only in letter case, which mail systems ignore)`,
				`line 4: user: "jane@example.com" is a duplicate of line 2`,
			},
		},
		{
			"duplicates in JSON", `["jane@example.com", {"user": "jane@example.com"}]`, userfile.ModeDelete,
			[]string{`record 2, line 1: user: "jane@example.com" is a duplicate of record 1, line 1`},
		},
		{
			"plain list with a bad line", "jane@example.com\njohn.example.com\n", userfile.ModeDelete,
			[]string{`line 2: user: "john.example.com" is not an e-mail address: it has no "@"`},
		},
		{
			"double-encoded address", "user\njane%2540example.com\n", userfile.ModeDelete,
			[]string{`line 2: user: "jane%40example.com" is not an e-mail address: it has no "@" (percent-decoded once from "jane%2540example.com")`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := readString(t, tt.input, tt.mode)
			equalLines(t, "problems", probs, tt.want)
		})
	}
}

// TestReadBrokenSamples reads the files in testdata/broken, each with several problems, all of
// which must be reported.
func TestReadBrokenSamples(t *testing.T) {
	tests := []struct {
		file string
		mode userfile.Mode
		want []string
	}{
		{"broken/windows-1252.csv", userfile.ModeCreate, []string{
			`the file is not UTF-8; save it as "CSV UTF-8" (Excel) or convert it, for example with iconv -f WINDOWS-1252 -t UTF-8`,
			"line 2: not valid UTF-8 at character 24 (byte 0xFC)",
			"line 4: not valid UTF-8 at character 25 (byte 0xE7)",
		}},
		{"broken/utf16.csv", userfile.ModeCreate, []string{
			`the file is UTF-16 (Excel's "Unicode Text"); save it as "CSV UTF-8" or convert it to UTF-8`,
		}},
		{"broken/unquoted-groups.csv", userfile.ModeCreate, []string{
			`line 2: 6 fields, but the header has 5; with ";" between the columns, a failoverGroups cell with several groups must be in double quotes, such as "emea;germany"`,
		}},
		{"broken/bad-values.csv", userfile.ModeCreate, []string{
			`line 1: unknown column "Department" (did you mean "department"?)`,
			`line 2: user: "jane.example.com" is not an e-mail address: it has no "@"`,
			`line 2: language: "de-DE" is not of the form ll_CC (language_COUNTRY, such as de_DE); did you mean "de_DE"?`,
			`line 2: timezone: "Europe/Berln" is not an IANA time zone (such as Europe/Berlin)`,
			`line 3: language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`,
			`line 3: timezone: "europe/berlin" is not an IANA time zone; did you mean "Europe/Berlin"?`,
			`line 3: failoverGroups: 17 groups, at most 16`,
			`line 3: displayName: missing; create needs user, displayName, givenName and surName`,
			`line 4: failoverGroups: group 2 is empty`,
			`line 4: user: "John@Example.com" is a duplicate of "john@example.com" on line 3 (the addresses differ only in letter case, which mail systems ignore)`,
		}},
		{"broken/syntax.json", userfile.ModeCreate, []string{
			`line 3: character 103 (byte offset 209): invalid JSON in record 2: invalid character '}' looking for beginning of object key string`,
		}},
		{"broken/syntax.jsonl", userfile.ModeUpdate, []string{
			`line 2: invalid JSON: the record is not closed before line 3 (a "}" or quote is missing)`,
			`line 3: character 44 (byte offset 150): invalid JSON: invalid character '\'' looking for beginning of value`,
		}},
		{"broken/wrong-types.json", userfile.ModeUpdate, []string{
			`record 1, line 2: failoverGroups: must be a list of group names, such as ["emea", "germany"], not text`,
			`record 1, line 2: costcenter: must be text in double quotes, not a number`,
			`record 1, line 2: language: must not be null (only department, costcenter, phone, mobile and failoverGroups can be cleared)`,
			`record 1, line 2: unknown key "Phone" (did you mean "phone"?)`,
			`record 2, line 4: user: must not be null (only department, costcenter, phone, mobile and failoverGroups can be cleared)`,
			`record 2, line 4: failoverGroups: group 2 must be text in double quotes, not a number`,
			`record 3, line 5: must be an object with the user's fields, such as {"user": "jane@example.com", ...}, not text`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, probs := readFile(t, tt.file, tt.mode)
			equalLines(t, "problems", probs, tt.want)
		})
	}
}

func TestErrorRendering(t *testing.T) {
	_, err := userfile.Read(strings.NewReader("user,language\nx@example.com,xx\n"), "users.csv", userfile.ModeUpdate)
	want := `users.csv: line 2: language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v\nwant %s", err, want)
	}

	var b strings.Builder
	b.WriteString("user\n")
	for i := range 150 {
		fmt.Fprintf(&b, "bad%d\n", i)
	}
	_, err = userfile.Read(strings.NewReader(b.String()), "many.csv", userfile.ModeDelete)
	var fe *userfile.Error
	if !errors.As(err, &fe) || len(fe.Problems) != 150 {
		t.Fatalf("want 150 problems, got %v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 101 || lines[100] != "many.csv: ... and 50 more problems" {
		t.Errorf("Error() renders %d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

func TestReadInvalidModeAndIOError(t *testing.T) {
	if _, err := userfile.Read(strings.NewReader("user\nx@example.com\n"), "in", userfile.Mode(0)); err == nil {
		t.Error("mode 0 must be refused")
	}
	boom := errors.New("disk on fire")
	_, err := userfile.Read(iotest.ErrReader(boom), "users.csv", userfile.ModeCreate)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "users.csv") {
		t.Errorf("Read = %v, want the reading error wrapped with the source", err)
	}
	var fe *userfile.Error
	if errors.As(err, &fe) {
		t.Error("a reading error is not a content problem")
	}
	_ = io.EOF
}

func TestModeString(t *testing.T) {
	for m, want := range map[userfile.Mode]string{userfile.ModeCreate: "create", userfile.ModeUpdate: "update", userfile.ModeDelete: "delete", userfile.ModeSync: "sync", 0: "unknown mode"} {
		if got := m.String(); got != want {
			t.Errorf("Mode(%d).String() = %q, want %q", int(m), got, want)
		}
	}
}

func TestReadJSONEdges(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"BOM before JSON", "\ufeff[{\"user\":\"x@example.com\"}]", nil},
		{"pretty JSON stream", "{\n  \"user\": \"x@example.com\"\n}\n{\n  \"user\": \"y@example.com\"\n}\n", nil},
		{"two objects on a line", `{"user":"x@example.com"} {"user":"y@example.com"}`, nil},
		{"unclosed array", "[{\"user\":\"x@example.com\"}\n", []string{`line 2: the JSON ends too early in the array (a closing "]", "}" or quote is missing)`}},
		{"comma after array", "[{\"user\":\"x@example.com\"}],", []string{"line 1: character 27: text after the end of the JSON array"}},
		{"pretty stream, unclosed object", "{\n  \"user\": \"x@example.com\"\n{\n  \"user\": \"y@example.com\"\n}\n", []string{
			`line 1: invalid JSON: the record is not closed before line 3 (a "}" or quote is missing)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := readString(t, tt.input, userfile.ModeUpdate)
			equalLines(t, "problems", probs, tt.want)
			if tt.want == nil && len(recs) == 0 {
				t.Error("no records")
			}
		})
	}
}
