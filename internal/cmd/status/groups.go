package status

import (
	"context"
	"slices"
	"strings"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// listAttempts is how often the by-group pass starts over when users change during it.
const listAttempts = 3

// groupTally counts users per failover group during one list pass.
type groupTally struct {
	// only, when not nil, restricts the rows to the groups asked for with --group: a member
	// of emea who is also in sales says nothing about sales as a whole.
	only   map[string]bool
	groups map[string]*Counts
	none   Counts
}

// tallyGroups reads every user matching groups (all users when empty) once and counts them
// per group. A user in several groups counts in each of them.
func tallyGroups(ctx context.Context, c *client.Client, customer string, groups []string) (*groupTally, error) {
	t := &groupTally{}
	reset := func() {
		t.groups = make(map[string]*Counts)
		t.none = Counts{}
		t.only = nil
		if len(groups) > 0 {
			t.only = make(map[string]bool, len(groups))
			for _, g := range groups {
				t.only[g] = true
				t.groups[g] = &Counts{} // a named group with no members is shown as 0
			}
		}
	}
	filter := client.Filter{Groups: groups}
	err := cmdutil.EachUserRetry(ctx, c, customer, filter, listAttempts, reset, func(u gen.User) error {
		t.add(u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (t *groupTally) add(u gen.User) {
	var names []string
	if g, err := u.FailoverGroups.Get(); err == nil {
		names = g
	}
	if len(names) == 0 {
		t.none.add(u.Status)
		return
	}
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if seen[name] || (t.only != nil && !t.only[name]) {
			continue
		}
		seen[name] = true
		c := t.groups[name]
		if c == nil {
			c = &Counts{}
			t.groups[name] = c
		}
		c.add(u.Status)
	}
}

func (c *Counts) add(s gen.UserStatus) {
	c.Total++
	if s.Activation {
		c.Activated++
	}
	if s.Access {
		c.Access++
	}
	if s.Failover {
		c.Failover++
	}
}

// rows returns the groups sorted by name.
func (t *groupTally) rows() []GroupCounts {
	out := make([]GroupCounts, 0, len(t.groups))
	for name, c := range t.groups {
		out = append(out, GroupCounts{Group: name, Counts: *c})
	}
	slices.SortFunc(out, func(a, b GroupCounts) int { return strings.Compare(a.Group, b.Group) })
	return out
}
