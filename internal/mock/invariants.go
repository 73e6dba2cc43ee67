package mock

import (
	"fmt"
	"slices"
)

// CheckInvariants verifies the store's internal consistency: users strictly sorted, the
// index and the per-flag counters agree with the users, tokens belong to existing users.
func (s *Server) CheckInvariants() error {
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	for c, cd := range st.customers {
		if len(cd.byAddr) != len(cd.users) || len(cd.meta) != len(cd.users) {
			return fmt.Errorf("%s: index has %d users, list %d", c, len(cd.byAddr), len(cd.users))
		}
		var cells [8]int
		for i, u := range cd.users {
			if i > 0 && cd.users[i-1].addr >= u.addr {
				return fmt.Errorf("%s: users not strictly sorted at %d: %q >= %q", c, i, cd.users[i-1].addr, u.addr)
			}
			if cd.byAddr[u.addr] != u {
				return fmt.Errorf("%s: index entry of %s is not the listed user", c, u.addr)
			}
			if cd.meta[i] != metaOf(u) {
				return fmt.Errorf("%s: filter data of %s is stale", c, u.addr)
			}
			cells[u.flags&flagBits]++
		}
		if cells != cd.cells {
			return fmt.Errorf("%s: flag counters %v, recounted %v", c, cd.cells, cells)
		}
	}
	for k, d := range st.tokens.byUser {
		e := st.tokens.byDigest[d]
		if e == nil || e.customer != k.customer || e.addr != k.addr {
			return fmt.Errorf("token index of %v broken", k)
		}
		if cd := st.customers[k.customer]; cd == nil || cd.byAddr[k.addr] == nil {
			return fmt.Errorf("token of unknown user %v", k)
		}
	}
	if len(st.tokens.byUser) != len(st.tokens.byDigest) {
		return fmt.Errorf("%d tokens by user, %d by digest", len(st.tokens.byUser), len(st.tokens.byDigest))
	}
	return nil
}

// SortedAddresses returns a customer's addresses in store order.
func (s *Server) SortedAddresses(customer string) []string {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var out []string
	for _, u := range s.store.customers[customer].users {
		out = append(out, u.addr)
	}
	return slices.Clip(out)
}
