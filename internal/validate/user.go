package validate

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeUser turns an address as an administrator may type or paste it into the form the API
// expects, and checks it with UserAddress.
//
// An address copied from a URL may carry its "@" as "%40" (jane%40example.com). When the value
// holds no literal "@", it is percent-decoded exactly once (url.PathUnescape), so
// jane.doe%2Btag%40example.com becomes jane.doe+tag@example.com. A value that already holds an
// "@" is left alone, because "%" is a legal character of a local part (100%off@example.com).
// Decoding once means "%2540" becomes "%40", never "@": the value then has no "@" and is
// refused rather than guessed at.
//
// On error the returned string is empty.
func NormalizeUser(s string) (string, error) {
	candidate := s
	if !strings.Contains(s, "@") {
		if decoded, err := url.PathUnescape(s); err == nil {
			candidate = decoded
		}
	}
	if err := UserAddress(candidate); err != nil {
		var fe *FieldError
		if candidate != s && errors.As(err, &fe) {
			return "", fieldError(fe.Field, s, fe.Reason+" (percent-decoded once from "+quote(s)+")")
		}
		return "", err
	}
	return candidate, nil
}

// UserAddress checks a user's e-mail address: at most 256 characters and the spec's shape, a
// local part of letters, digits and !#$%&'*+/=?^_`{|}~- in dot-separated pieces, "@", and a
// domain of at least two dot-separated labels of letters, digits and inner hyphens. The shape is
// the project's (the vendor's pattern is not fully known). No percent-decoding is done here; see
// NormalizeUser.
func UserAddress(s string) error {
	if err := checkText("user", s, 1, userAddressMaxLength); err != nil {
		return err
	}
	if userAddressRE().MatchString(s) {
		return nil
	}
	return fieldError("user", s, quote(s)+" is not an e-mail address: "+addressProblem(s))
}

// addressProblem says in words why s, which failed the pattern, is not an address.
func addressProblem(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if r == ' ' {
			return "it contains a space"
		}
		return fmt.Sprintf("it contains white space (%q)", r)
	}
	switch strings.Count(s, "@") {
	case 0:
		return `it has no "@"`
	case 1:
	default:
		return `it has more than one "@"`
	}
	local, domain, _ := strings.Cut(s, "@")
	switch {
	case local == "":
		return `nothing before the "@"`
	case domain == "":
		return `nothing after the "@"`
	case !localPartRE().MatchString(local):
		return fmt.Sprintf("%s before the \"@\" may only hold letters a-z, digits and !#$%%&'*+/=?^_`{|}~- in pieces separated by single dots", quote(local))
	case !domainRE().MatchString(domain):
		return fmt.Sprintf(`%s after the "@" is not a domain name (labels of letters a-z, digits and inner hyphens, at least two, separated by dots, such as example.com)`, quote(domain))
	}
	// Not reached for inputs that fail the full pattern, since it is exactly local "@" domain;
	// kept so the message is never empty.
	return "it does not have the form local-part@domain"
}

// Domain checks a mail domain (the part of an address after "@"): at most 128 characters of at
// least two dot-separated labels of letters, digits and inner hyphens.
func Domain(s string) error {
	if err := checkText("domain", s, 1, domainMaxLength); err != nil {
		return err
	}
	if !domainRE().MatchString(s) {
		return fieldError("domain", s, quote(s)+" is not a domain name (labels of letters a-z, digits and inner hyphens, at least two, separated by dots, such as example.com)")
	}
	return nil
}
