package validate

import (
	"regexp"
	"sync"
)

// The constraints of openapi.yaml (components/schemas). spec_test.go compares every one of them
// with the embedded spec, so a change to the spec that is not made here fails the tests.
const (
	customerMinLength = 5
	customerMaxLength = 7
	customerPattern   = `^[0-9]{5}([A-Z]{2})?$`

	// The e-mail shape is ours (the vendor's pattern is cut off in its reference); it is built
	// from a local-part and a domain expression so that an error can say which half is wrong.
	localPartExpr        = "[!#$%&'*+/=?^_`{|}~a-zA-Z0-9-]+(\\.[!#$%&'*+/=?^_`{|}~a-zA-Z0-9-]+)*"
	domainExpr           = `[a-zA-Z0-9]+(-+[a-zA-Z0-9]+)*(\.[a-zA-Z0-9]+(-+[a-zA-Z0-9]+)*)+`
	userAddressMaxLength = 256
	userAddressPattern   = "^" + localPartExpr + "@" + domainExpr + "$"
	domainMaxLength      = 128
	domainPattern        = "^" + domainExpr + "$"

	displayNameMinLength = 1
	displayNameMaxLength = 256
	givenNameMinLength   = 1
	givenNameMaxLength   = 128
	surNameMinLength     = 1
	surNameMaxLength     = 128
	departmentMinLength  = 1
	departmentMaxLength  = 256
	costcenterMinLength  = 1
	costcenterMaxLength  = 256
	phoneMinLength       = 1
	phoneMaxLength       = 64
	mobileMinLength      = 1
	mobileMaxLength      = 64

	languageMaxLength = 8
	languagePattern   = `^[a-z]{2}_[A-Z]{2}$`

	timezoneMinLength = 1
	timezoneMaxLength = 32
	timezonePattern   = `^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`

	groupNameMinLength = 1

	passwordMinLength = 8
	passwordMaxLength = 256
	passwordPattern   = `^[a-zA-Z0-9@$!%*?&]*$`
)

// MaxGroups is the most failover groups a user may belong to, and the most groups a filter may
// name (maxItems of FailoverGroups and GroupNames).
const MaxGroups = 16

// Compiled once, on first use rather than when the program starts: every ecctl command
// pays for package initialisation, also those that validate nothing (ecctl version). A
// *regexp.Regexp is safe for concurrent use and never changes.
var (
	customerRE    = lazyRegexp(customerPattern)
	userAddressRE = lazyRegexp(userAddressPattern)
	localPartRE   = lazyRegexp("^" + localPartExpr + "$")
	domainRE      = lazyRegexp(domainPattern)
	languageRE    = lazyRegexp(languagePattern)
	timezoneRE    = lazyRegexp(timezonePattern)
	passwordRE    = lazyRegexp(passwordPattern)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
