package userfile

import (
	"strconv"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

// Columns are the CSV columns of -o csv, in order; Read accepts the same names. Treat the slice
// as read-only: Read and Row do not consult it, so changing it changes nothing but the caller's
// header.
var Columns = []string{
	"user", "displayName", "givenName", "surName", "language", "timezone",
	"department", "costcenter", "phone", "mobile", "failoverGroups",
	"activation", "access", "failover",
}

// groupSeparator joins the failover groups in one CSV cell.
const groupSeparator = ";"

// Row is the CSV row of a user, matching Columns: an absent or null field is an empty cell,
// groups are joined with ";", the status flags are true or false.
func Row(u gen.User) []string {
	return []string{
		u.User, u.DisplayName, u.GivenName, u.SurName, u.Language, u.Timezone,
		cell(u.Department), cell(u.Costcenter), cell(u.Phone), cell(u.Mobile),
		strings.Join(cell(u.FailoverGroups), groupSeparator),
		strconv.FormatBool(u.Status.Activation), strconv.FormatBool(u.Status.Access), strconv.FormatBool(u.Status.Failover),
	}
}

// cell is the value of a nullable field, or the zero value when it is absent or null.
func cell[T any](n nullable.Nullable[T]) T {
	var zero T
	if !n.IsSpecified() || n.IsNull() {
		return zero
	}
	return n.MustGet()
}

// kind says how a column or key is read.
type kind int

const (
	kindUnknown  kind = iota
	kindText          // a string that cannot be null
	kindNullable      // a string or null
	kindGroups        // a list of group names or null
	kindIgnored       // read-only: accepted and ignored
	kindUnnamed       // a CSV column without a header name: its cells must be empty
)

func kindOf(name string) kind {
	switch name {
	case "user", "displayName", "givenName", "surName", "language", "timezone":
		return kindText
	case "department", "costcenter", "phone", "mobile":
		return kindNullable
	case "failoverGroups":
		return kindGroups
	case "customer", "domain", "status", "activation", "access", "failover":
		return kindIgnored
	}
	return kindUnknown
}

// knownNames are the names kindOf knows, for suggestions.
func knownNames() []string {
	return []string{
		"user", "displayName", "givenName", "surName", "language", "timezone",
		"department", "costcenter", "phone", "mobile", "failoverGroups",
		"customer", "domain", "status", "activation", "access", "failover",
	}
}

// unknownReason explains an unknown column or key, suggesting the known name that differs only
// in letter case or by surrounding punctuation (Display Name, display_name).
func unknownReason(what, name string) string {
	reason := "unknown " + what + " " + strconv.Quote(name)
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '_' || r == '-' {
				return -1
			}
			return r
		}, s)
	}
	for _, known := range knownNames() {
		if strings.EqualFold(squash(name), known) {
			return reason + " (did you mean " + strconv.Quote(known) + "?)"
		}
	}
	return reason + " (known: " + strings.Join(Columns, ", ") + ")"
}
