package mock

// groupDict gives each failover group name of a customer a small id, so that group
// filters compare integers. Names are only ever appended: a names slice taken under the
// read lock stays valid after it is released.
type groupDict struct {
	ids   map[string]uint32
	names []string
}

func newGroupDict() groupDict {
	return groupDict{ids: make(map[string]uint32)}
}

// id returns the id of name, assigning one if it is new. Callers hold the write lock.
func (g *groupDict) id(name string) uint32 {
	if id, ok := g.ids[name]; ok {
		return id
	}
	id := uint32(len(g.names))
	g.names = append(g.names, name)
	g.ids[name] = id
	return id
}

// ids converts names to ids; nil for no groups.
func (g *groupDict) idsOf(names []string) []uint32 {
	if len(names) == 0 {
		return nil
	}
	out := make([]uint32, len(names))
	for i, n := range names {
		out[i] = g.id(n)
	}
	return out
}

// namesOf converts ids back to names with a names slice taken under the lock.
func namesOf(names []string, ids []uint32) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = names[id]
	}
	return out
}
