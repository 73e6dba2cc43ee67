package validate

import (
	"fmt"
	"unicode/utf8"
)

// Password checks a new user password: 8 to 256 characters, each a letter a-z or A-Z, a digit or
// one of @$!%*?&. The error never contains the password, not even in FieldError.Value.
func Password(s string) error {
	n := utf8.RuneCountInString(s)
	switch {
	case n < passwordMinLength:
		return fieldError("password", "", fmt.Sprintf("too short: %d characters, at least %d", n, passwordMinLength))
	case n > passwordMaxLength:
		return fieldError("password", "", fmt.Sprintf("too long: %d characters, at most %d", n, passwordMaxLength))
	case !passwordRE().MatchString(s):
		return fieldError("password", "", "may only contain letters a-z and A-Z, digits and the characters @$!%*?& (no spaces, no accented letters)")
	}
	return nil
}
