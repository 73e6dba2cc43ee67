package userfile

import (
	"slices"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/validate"
)

// Record is one user read from a file.
type Record struct {
	// Pos says where the record starts, for messages: "line 3" (CSV, JSON Lines, plain list)
	// or "record 2, line 5" (JSON array).
	Pos  string
	Line int
	// User holds the fields given. Absent fields are nil or unspecified; a nullable field
	// cleared in the file is null.
	User gen.UserUpdate
	// Fields holds the JSON names of the fields the record sets, to a value or to null.
	// Read-only: records that set the same fields share one map, which keeps a file of
	// 100,000 users from holding 100,000 copies of it.
	Fields map[string]bool
}

// Create is the record as a user to create. A field cleared in the file (null, or an empty CSV
// cell) is left out, which for a new user means the same; language and timezone are left out
// when absent, so the service applies its defaults.
func (r Record) Create() gen.UserCreate {
	u := r.User
	return gen.UserCreate{
		User:           u.User,
		DisplayName:    deref(u.DisplayName),
		GivenName:      deref(u.GivenName),
		SurName:        deref(u.SurName),
		Language:       clonePtr(u.Language),
		Timezone:       clonePtr(u.Timezone),
		Department:     valueOnly(u.Department),
		Costcenter:     valueOnly(u.Costcenter),
		Phone:          valueOnly(u.Phone),
		Mobile:         valueOnly(u.Mobile),
		FailoverGroups: groupsOnly(u.FailoverGroups),
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func clonePtr(p *string) *string {
	if p == nil {
		return nil
	}
	s := *p
	return &s
}

// valueOnly copies a nullable field when it holds a value; null and absent become absent. The
// copy shares no map with the record.
func valueOnly(n nullable.Nullable[string]) nullable.Nullable[string] {
	if !n.IsSpecified() || n.IsNull() {
		return nil
	}
	return nullable.NewNullableWithValue(n.MustGet())
}

// groupsOnly is valueOnly for the groups; the copy shares no slice with the record either.
func groupsOnly(n nullable.Nullable[[]string]) nullable.Nullable[[]string] {
	if !n.IsSpecified() || n.IsNull() {
		return nil
	}
	return nullable.NewNullableWithValue(slices.Clone(n.MustGet()))
}

// Warnings lists what is valid but worth a word to the user: languages outside the ten the
// vendor documents, which the service may not know.
func Warnings(records []Record) []Problem {
	var warnings []Problem
	for _, r := range records {
		if r.User.Language == nil {
			continue
		}
		if documented, err := validate.Language(*r.User.Language); err == nil && !documented {
			warnings = append(warnings, Problem{
				Pos: r.Pos, Line: r.Line, Field: "language",
				Reason: quoteValue(*r.User.Language) + " is not one of the languages the vendor documents (" +
					strings.Join(validate.Languages, ", ") + "); the service may refuse it",
			})
		}
	}
	return warnings
}
