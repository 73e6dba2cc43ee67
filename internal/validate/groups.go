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
func GroupFilter(g []string) error {
	return checkGroups("group", g)
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
