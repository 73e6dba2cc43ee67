package validate

import (
	"fmt"
	"unicode/utf8"
)

// checkText checks a plain text field: valid UTF-8 and a length between min and max
// characters.
func checkText(field, value string, min, max int) error {
	if !utf8.ValidString(value) {
		return fieldError(field, value, quote(value)+" is not valid UTF-8 text")
	}
	n := utf8.RuneCountInString(value)
	switch {
	case n == 0 && min > 0:
		return fieldError(field, value, "must not be empty")
	case n < min:
		return fieldError(field, value, fmt.Sprintf("%s has %d characters, at least %d", quote(value), n, min))
	case n > max:
		return fieldError(field, value, fmt.Sprintf("%s has %d characters, at most %d", quote(value), n, max))
	}
	return nil
}

// DisplayName checks a user's display name (1 to 256 characters).
func DisplayName(s string) error {
	return checkText("displayName", s, displayNameMinLength, displayNameMaxLength)
}

// GivenName checks a user's given name (1 to 128 characters).
func GivenName(s string) error {
	return checkText("givenName", s, givenNameMinLength, givenNameMaxLength)
}

// SurName checks a user's surname (1 to 128 characters).
func SurName(s string) error {
	return checkText("surName", s, surNameMinLength, surNameMaxLength)
}

// Department checks a department (1 to 256 characters). Whether it may be null is the caller's
// business: an empty string is never valid, null clears the field.
func Department(s string) error {
	return checkText("department", s, departmentMinLength, departmentMaxLength)
}

// Costcenter checks a cost center (1 to 256 characters); see Department about null.
func Costcenter(s string) error {
	return checkText("costcenter", s, costcenterMinLength, costcenterMaxLength)
}

// Phone checks a phone number (1 to 64 characters, any characters); see Department about null.
func Phone(s string) error {
	return checkText("phone", s, phoneMinLength, phoneMaxLength)
}

// Mobile checks a mobile number (1 to 64 characters, any characters); see Department about null.
func Mobile(s string) error {
	return checkText("mobile", s, mobileMinLength, mobileMaxLength)
}
