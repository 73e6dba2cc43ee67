package validate

import (
	"fmt"
	"strings"
	"time"
	// The tz database is linked in, so that every listed zone loads on every machine,
	// including Windows and containers without zoneinfo files.
	_ "time/tzdata"
	"unicode/utf8"
)

// Timezone checks an IANA time-zone name such as Europe/Berlin: 1 to 32 characters of the
// spec's pattern, a name of Go's tz database (the data time/tzdata embeds, listed by
// Timezones), and loadable with time.LoadLocation. Legacy names (Africa/Asmera, US/Pacific) and
// Etc zones (Etc/GMT+11) are valid.
//
// time.LoadLocation alone is not enough, because it reads the machine's zoneinfo directory
// first: on Linux that directory also holds "localtime", "posixrules", "posix/..." and
// "right/..." files, and on a case-insensitive file system (macOS) "europe/berlin" loads too.
// The answer would then depend on the machine. "Local" is refused as well: it means the
// machine's zone, not a name the service knows. A name that differs from a zone only in letter
// case is refused with a suggestion.
func Timezone(s string) error {
	if s == "" {
		return fieldError("timezone", s, "must not be empty")
	}
	if n := utf8.RuneCountInString(s); n > timezoneMaxLength {
		return fieldError("timezone", s, fmt.Sprintf("%s has %d characters, at most %d", quote(s), n, timezoneMaxLength))
	}
	notZone := quote(s) + " is not an IANA time zone"
	if !timezoneRE().MatchString(s) {
		return fieldError("timezone", s, notZone+" (such as Europe/Berlin)")
	}
	listed, folded := lookupZone(s)
	switch {
	case !listed && folded != "":
		return fieldError("timezone", s, notZone+`; did you mean "`+folded+`"?`)
	case !listed:
		return fieldError("timezone", s, notZone+" (such as Europe/Berlin)")
	}
	if _, err := time.LoadLocation(s); err != nil {
		return fieldError("timezone", s, notZone+": "+err.Error())
	}
	return nil
}

// lookupZone reports whether s is a zone of the tz database, and otherwise the zone that
// equals s ignoring case, if any.
func lookupZone(s string) (listed bool, folded string) {
	for line := range strings.Lines(zoneList) {
		name := strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(name, "#") {
			continue
		}
		if name == s {
			return true, ""
		}
		if folded == "" && strings.EqualFold(name, s) {
			folded = name
		}
	}
	return false, folded
}
