package syncplan

import (
	"strings"

	"github.com/ecctl/ecctl/gen"
)

// Marks in the owner slice of Compute for current users that no record names.
const (
	unowned       = -1
	duplicateUser = -2 // the address was listed before: the listing overlapped
)

// index finds current users by address, ignoring letter case, in constant time.
type index struct {
	current []gen.User
	// byKey maps the lower-cased address to the user's position in current.
	byKey map[string]int
	// variants holds, for the rare keys that several current addresses share (they differ
	// only in letter case), all their positions.
	variants map[string][]int
	// duplicates marks positions whose exact address came earlier in current.
	duplicates []int
}

func newIndex(current []gen.User) *index {
	idx := &index{current: current, byKey: make(map[string]int, len(current))}
	for j := range current {
		addr := current[j].User
		key := strings.ToLower(addr)
		first, seen := idx.byKey[key]
		if !seen {
			idx.byKey[key] = j
			continue
		}
		if vs, ok := idx.variants[key]; ok {
			if idx.isRepeat(vs, addr) {
				idx.duplicates = append(idx.duplicates, j)
				continue
			}
			idx.variants[key] = append(vs, j)
			continue
		}
		if current[first].User == addr {
			idx.duplicates = append(idx.duplicates, j)
			continue
		}
		if idx.variants == nil {
			idx.variants = make(map[string][]int)
		}
		idx.variants[key] = []int{first, j}
	}
	return idx
}

func (idx *index) isRepeat(positions []int, addr string) bool {
	for _, p := range positions {
		if idx.current[p].User == addr {
			return true
		}
	}
	return false
}

// owners returns a slice with one entry per current user: unowned, or duplicateUser for a
// repeated address.
func (idx *index) owners() []int {
	owner := make([]int, len(idx.current))
	for j := range owner {
		owner[j] = unowned
	}
	for _, j := range idx.duplicates {
		owner[j] = duplicateUser
	}
	return owner
}

// lookup returns the position of the current user with address addr (ignoring letter case),
// or -1. When several current addresses differ from addr only in letter case and none is
// spelt exactly like it, it returns them as candidates instead.
func (idx *index) lookup(addr string) (pos int, candidates []string) {
	key := strings.ToLower(addr)
	if vs, ok := idx.variants[key]; ok {
		for _, p := range vs {
			if idx.current[p].User == addr {
				return p, nil
			}
		}
		candidates = make([]string, len(vs))
		for i, p := range vs {
			candidates[i] = idx.current[p].User
		}
		return -1, candidates
	}
	if p, ok := idx.byKey[key]; ok {
		return p, nil
	}
	return -1, nil
}
