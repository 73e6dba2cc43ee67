package client

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

func ptr(s string) *string { return &s }

// createBodyCases cover every member in each of its states.
func createBodyCases() [][]gen.UserCreate {
	full := gen.UserCreate{
		User: "robert.meyer@domain.com", DisplayName: "R. Meyer", GivenName: "Robert", SurName: "Meyer",
		Language: ptr("de_DE"), Timezone: ptr("Europe/Berlin"),
		Costcenter: nullable.NewNullableWithValue("01"), Department: nullable.NewNullableWithValue("Sales"),
		Phone: nullable.NewNullableWithValue("+49 30 67242-33"), Mobile: nullable.NewNullableWithValue("+49 175 424222"),
		FailoverGroups: nullable.NewNullableWithValue([]string{"emea", "germany"}),
	}
	nulls := gen.UserCreate{
		User: "n@example.com", Costcenter: nullable.NewNullNullable[string](), Department: nullable.NewNullNullable[string](),
		Phone: nullable.NewNullNullable[string](), Mobile: nullable.NewNullNullable[string](),
		FailoverGroups: nullable.NewNullNullable[[]string](),
	}
	odd := gen.UserCreate{
		User: "odd@example.com", DisplayName: "R&D <Team> \"quoted\" \\ \u2028\u2029 \x00\x01\x1b\x7f \b\f\n\r\t",
		GivenName: "bad \xff\xfe utf8 \xe2\x80", SurName: "Žofie 日本 🙂", Language: ptr(""),
		FailoverGroups: nullable.NewNullableWithValue([]string{}),
		Department:     nullable.Nullable[string]{},                    // empty, not nil: left out too
		Phone:          nullable.Nullable[string]{true: "", false: ""}, // both keys: null wins
		Mobile:         nullable.Nullable[string]{true: "x"},
	}
	nilGroups := gen.UserCreate{User: "g@example.com", FailoverGroups: nullable.Nullable[[]string]{true: nil}}
	return [][]gen.UserCreate{nil, {}, {full}, {full, nulls, odd, nilGroups}}
}

// The hand-written encoder writes exactly what json.Marshal writes: the API and the curl
// baseline of `make bench` see the same bytes.
func TestCreateBodyIsJSONMarshal(t *testing.T) {
	for _, users := range createBodyCases() {
		want, err := json.Marshal(append([]gen.UserCreate{}, users...))
		if err != nil {
			t.Fatal(err)
		}
		if got := createBody(users); !bytes.Equal(got, want) {
			t.Errorf("createBody\n got %s\nwant %s", got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "R&D <x>", "\u2028\u2029", "\xff", "\x00\x1f\x7f", `"\`, "Ünïcödé 🙂"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal = %s", s, got, want)
		}
	})
}

func BenchmarkCreateBody(b *testing.B) {
	users := make([]gen.UserCreate, 1000)
	for i := range users {
		users[i] = createBodyCases()[2][0]
	}
	b.Run("createBody", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = createBody(users)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(users); err != nil {
				b.Fatal(err)
			}
		}
	})
}
