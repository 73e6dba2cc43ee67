package output

import (
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

// NoValue is what a table shows for an absent, null or empty value.
const NoValue = "-"

// YesNo renders a boolean for a table cell.
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// OrDash returns s, or [NoValue] when s is empty, so a table never has a blank hole that
// makes the next column look shifted.
func OrDash(s string) string {
	if s == "" {
		return NoValue
	}
	return s
}

// NullableText renders a nullable text field for a table cell: its value, or [NoValue]
// when it is absent, null or empty.
func NullableText[T ~string](n nullable.Nullable[T]) string {
	// GetOrEmpty is "" for absent and null alike.
	return OrDash(string(n.GetOrEmpty()))
}

// GroupsText renders failover groups for a table cell, joined with ",": [NoValue] when
// there are none.
func GroupsText(n nullable.Nullable[gen.FailoverGroups]) string {
	return OrDash(strings.Join(n.GetOrEmpty(), ","))
}

// userTableHeader is the column set of user lists in table form.
func userTableHeader() []string {
	return []string{"USER", "NAME", "LANGUAGE", "TIMEZONE", "GROUPS", "ACTIVATION", "ACCESS", "FAILOVER"}
}

// userTableRow renders u for a user list table. The cells are not sanitised yet.
func userTableRow(u gen.User) []string {
	return []string{
		OrDash(u.User),
		OrDash(u.DisplayName),
		OrDash(u.Language),
		OrDash(u.Timezone),
		GroupsText(u.FailoverGroups),
		YesNo(u.Status.Activation),
		YesNo(u.Status.Access),
		YesNo(u.Status.Failover),
	}
}

// UserDetails renders every field of one user as a two-column table without a header,
// for `users get` in table form. It matches the table argument of [Print].
func UserDetails(u gen.User) (headers []string, rows [][]string) {
	return nil, [][]string{
		{"User", OrDash(u.User)},
		{"Customer", OrDash(u.Customer)},
		{"Domain", OrDash(u.Domain)},
		{"Display name", OrDash(u.DisplayName)},
		{"Given name", OrDash(u.GivenName)},
		{"Surname", OrDash(u.SurName)},
		{"Language", OrDash(u.Language)},
		{"Timezone", OrDash(u.Timezone)},
		{"Department", NullableText(u.Department)},
		{"Cost center", NullableText(u.Costcenter)},
		{"Phone", NullableText(u.Phone)},
		{"Mobile", NullableText(u.Mobile)},
		{"Failover groups", GroupsText(u.FailoverGroups)},
		{"Activation", YesNo(u.Status.Activation)},
		{"Access", YesNo(u.Status.Access)},
		{"Failover", YesNo(u.Status.Failover)},
	}
}
