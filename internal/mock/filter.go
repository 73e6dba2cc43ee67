package mock

import "slices"

// query is a filter as the API gives it: three optional booleans and optional groups.
type query struct {
	activation, access, failover *bool
	groups                       []string // nil: no group filter
}

// userMeta is what filters look at, kept for every user in a slice parallel to the
// sorted users: a filtered count scans 16 contiguous bytes per user instead of following
// a pointer to each user (which costs a cache miss each, ~50 ns, at 100k users).
type userMeta struct {
	flags  uint8  // the user's flags, plus metaManyGroups
	groups uint64 // bit g set: member of group id g (ids below 64)
}

// metaManyGroups marks a user with a group id of 64 or more; such ids are looked up on
// the user itself.
const metaManyGroups uint8 = 1 << 7

func metaOf(u *user) userMeta {
	m := userMeta{flags: u.flags}
	for _, g := range u.groups {
		if g < 64 {
			m.groups |= 1 << g
		} else {
			m.flags |= metaManyGroups
		}
	}
	return m
}

// filter is a query resolved against one customer's group ids.
type filter struct {
	mask, want uint8    // a user matches if flags&mask == want
	byGroup    bool     // a group filter was given
	groupBits  uint64   // the requested group ids below 64
	bigGroups  []uint32 // the requested group ids of 64 and more
}

func (q query) resolve(g *groupDict) filter {
	var f filter
	for _, b := range []struct {
		v    *bool
		flag uint8
	}{{q.activation, flagActivation}, {q.access, flagAccess}, {q.failover, flagFailover}} {
		if b.v == nil {
			continue
		}
		f.mask |= b.flag
		if *b.v {
			f.want |= b.flag
		}
	}
	if q.groups != nil {
		f.byGroup = true
		for _, name := range q.groups {
			switch id, ok := g.ids[name]; {
			case !ok: // nobody is in a group nobody was ever put in
			case id < 64:
				f.groupBits |= 1 << id
			default:
				f.bigGroups = append(f.bigGroups, id)
			}
		}
	}
	return f
}

// all reports whether the filter lets every user through.
func (f *filter) all() bool { return f.mask == 0 && !f.byGroup }

// matchAt reports whether the user at position i of the customer matches.
func (f *filter) matchAt(cd *customerData, i int) bool {
	m := cd.meta[i]
	if m.flags&f.mask != f.want {
		return false
	}
	if !f.byGroup || m.groups&f.groupBits != 0 {
		return true
	}
	if len(f.bigGroups) == 0 || m.flags&metaManyGroups == 0 {
		return false
	}
	for _, have := range cd.users[i].groups {
		if have >= 64 && slices.Contains(f.bigGroups, have) {
			return true
		}
	}
	return false
}

// countCells sums the users per flag combination that match the boolean part of f.
func (f *filter) countCells(cells *[8]int) int {
	n := 0
	for i, c := range cells {
		if uint8(i)&f.mask == f.want {
			n += c
		}
	}
	return n
}
