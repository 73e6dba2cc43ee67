package validate

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Groups checks a user's failover groups: at most MaxGroups names, none of them empty. A nil or
// empty list is valid (no groups).
func Groups(g []string) error {
	return checkGroups("failoverGroups", g)
}

// GroupFilter checks the groups of a filter (--group): the same rules as Groups, reported for
// the field "group".
//
// A group name in a filter may not contain a comma: the service reads one comma-joined
// value as several groups (the vendor's own samples send group=emea%2Cgermany), so
// --group "emea,germany" would silently mean emea OR germany. Give --group twice instead.
func GroupFilter(g []string) error {
	if err := checkGroups("group", g); err != nil {
		return err
	}
	for _, name := range g {
		if strings.Contains(name, ",") {
			return fieldError("group", name, fmt.Sprintf("%s contains a comma, which the service reads as several groups; give --group once per group", quote(name)))
		}
	}
	return nil
}

// GroupName checks one failover group name: not empty (the vendor sets no other limit).
func GroupName(s string) error {
	return checkText("group", s, groupNameMinLength, math.MaxInt)
}

func checkGroups(field string, g []string) error {
	if len(g) > MaxGroups {
		return fieldError(field, strings.Join(g, ";"), fmt.Sprintf("%d groups, at most %d", len(g), MaxGroups))
	}
	for i, name := range g {
		switch {
		case len(name) < groupNameMinLength:
			return fieldError(field, strings.Join(g, ";"), fmt.Sprintf("group %d is empty", i+1))
		case !utf8.ValidString(name):
			return fieldError(field, strings.Join(g, ";"), fmt.Sprintf("group %d (%s) is not valid UTF-8 text", i+1, quote(name)))
		}
	}
	return nil
}
