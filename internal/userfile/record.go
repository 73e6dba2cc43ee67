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

// Creates is Record.Create for every record, in order, without the copies: the users share
// their values with the records (a nullable field of a user is the record's own map), so
// neither may be changed afterwards. Every nullable field is a map, and copying them all
// would double the memory a create of 100,000 users holds; a command that reads a file to
// create its users is done with the records once it has the users.
func Creates(records []Record) []gen.UserCreate {
	users := make([]gen.UserCreate, len(records))
	for i := range records {
		u := &records[i].User
		users[i] = gen.UserCreate{
			User:           u.User,
			DisplayName:    deref(u.DisplayName),
			GivenName:      deref(u.GivenName),
			SurName:        deref(u.SurName),
			Language:       u.Language,
			Timezone:       u.Timezone,
			Department:     valueShared(u.Department),
			Costcenter:     valueShared(u.Costcenter),
			Phone:          valueShared(u.Phone),
			Mobile:         valueShared(u.Mobile),
			FailoverGroups: valueShared(u.FailoverGroups),
		}
	}
	return users
}

// valueShared is valueOnly without the copy.
func valueShared[T any](n nullable.Nullable[T]) nullable.Nullable[T] {
	if !n.IsSpecified() || n.IsNull() {
		return nil
	}
	return n
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
