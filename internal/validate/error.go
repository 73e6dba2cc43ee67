package validate

import (
	"strconv"
	"unicode/utf8"
)

// FieldError says which field is wrong and why. Value is the value as given, except for
// passwords, where it is always empty.
type FieldError struct {
	Field  string
	Value  string
	Reason string
}

func (e *FieldError) Error() string {
	return e.Field + ": " + e.Reason
}

func fieldError(field, value, reason string) error {
	return &FieldError{Field: field, Value: value, Reason: reason}
}

// maxQuoted is how many characters of a value an error message shows; a 5,000-character
// spreadsheet cell should not flood the terminal.
const maxQuoted = 60

// quote renders a value for an error message: Go-quoted, so that control characters, invalid
// bytes and leading or trailing spaces are visible, and shortened to maxQuoted characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + "..."
		}
		n++
	}
	return strconv.Quote(s)
}
