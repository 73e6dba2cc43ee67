package journalcmd

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// day is the unit of the d suffix: 24 hours, not a calendar day (a --since that crosses a
// daylight saving change is an hour off in local time, which does not matter for a look
// back through the journal).
const day = 24 * time.Hour

// parseSince reads --since: a positive duration back from now (Go's units plus d for days:
// 90m, 24h, 7d, 1d12h), an RFC 3339 time, or a date (midnight UTC).
func parseSince(s string, now time.Time) (time.Time, error) {
	if d, ok, err := parseAge(s); ok {
		if err != nil {
			return time.Time{}, fmt.Errorf("--since %s: %w", s, err)
		}
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want a duration back from now (90m, 24h, 7d, 1d12h), "+
		"an RFC 3339 time (2026-03-01T08:00:00Z) or a date (2026-03-01)", s)
}

// parseAge reads a duration with an optional leading number of days: "7d", "1d12h",
// "90m". ok reports whether s is written as a duration at all; err, when ok, says why it
// is not a usable one (not positive, too long).
func parseAge(s string) (d time.Duration, ok bool, err error) {
	negative, rest := false, s
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		negative, rest = rest[0] == '-', rest[1:]
	}
	var days int64
	hasDays := false
	if i := strings.IndexByte(rest, 'd'); i > 0 && isDigits(rest[:i]) {
		n, perr := strconv.ParseInt(rest[:i], 10, 64)
		if perr != nil || n > int64(math.MaxInt64/day) {
			return 0, true, errors.New("the duration is too long")
		}
		days, rest, hasDays = n, rest[i+1:], true
	}
	var part time.Duration
	if rest != "" || !hasDays {
		// What follows the days is a duration without a sign of its own: "1d-2h" is none.
		if hasDays && (strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+")) {
			return 0, false, nil
		}
		p, perr := time.ParseDuration(rest)
		if perr != nil {
			return 0, false, nil
		}
		part = p
	}
	if part > time.Duration(math.MaxInt64)-time.Duration(days)*day {
		return 0, true, errors.New("the duration is too long")
	}
	d = time.Duration(days)*day + part
	if negative || d <= 0 {
		return 0, true, errors.New("the duration must be positive")
	}
	return d, true, nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
