package mock

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// store holds every customer's users and the tokens. One RWMutex guards it all; version
// counts the changes so that the state writer knows whether it is behind.
type store struct {
	mu        sync.RWMutex
	customers map[string]*customerData
	tokens    tokenTable
	intern    map[string]string // language, time zone and department values, shared
	version   uint64
}

// customerData keeps a customer's users sorted by address (byte order) with an index by
// address, the filter data of each user in a parallel slice (meta[i] describes users[i]),
// the number of users per flag combination (so counts without a group filter cost eight
// additions), and the customer's group names.
type customerData struct {
	users  []*user
	meta   []userMeta
	byAddr map[string]*user
	cells  [8]int
	groups groupDict
}

func newStore() *store {
	return &store{
		customers: make(map[string]*customerData),
		tokens:    newTokenTable(),
		intern:    make(map[string]string),
	}
}

func newCustomerData() *customerData {
	return &customerData{byAddr: make(map[string]*user), groups: newGroupDict()}
}

// ensureCustomer makes sure the customer exists (an account may own a customer without
// users). Callers hold the write lock or own the store exclusively.
func (s *store) ensureCustomer(c string) *customerData {
	cd := s.customers[c]
	if cd == nil {
		cd = newCustomerData()
		s.customers[c] = cd
	}
	return cd
}

// customer returns the data of c for reading, nil if unknown. Callers hold a lock.
func (s *store) customer(c string) *customerData { return s.customers[c] }

func (s *store) internString(v string) string {
	if v == "" {
		return ""
	}
	if have, ok := s.intern[v]; ok {
		return have
	}
	if len(s.intern) < 1<<16 {
		s.intern[v] = v
	}
	return v
}

// materialize turns userData into a store user: group names become ids, repeated values
// are interned. Callers hold the write lock.
func (s *store) materialize(cd *customerData, d *userData) *user {
	u := d.u
	u.language = s.internString(u.language)
	u.timezone = s.internString(u.timezone)
	u.department = s.internString(u.department)
	u.groups = cd.groups.idsOf(d.groups)
	return &u
}

// load adds users to a customer in one go (seeding, state file, create): one sort, no
// per-user insertion. If an address occurs twice, or is there already, it changes nothing
// and reports the address.
func (s *store) load(c string, data []userData) (dup string, ok bool) {
	cd := s.ensureCustomer(c)
	seen := make(map[string]bool, len(data))
	for i := range data {
		a := data[i].u.addr
		if _, exists := cd.byAddr[a]; exists || seen[a] {
			return a, false
		}
		seen[a] = true
	}
	added := make([]*user, 0, len(data))
	for i := range data {
		u := s.materialize(cd, &data[i])
		cd.byAddr[u.addr] = u
		cd.cells[u.flags&flagBits]++
		added = append(added, u)
	}
	cd.merge(added)
	if len(added) > 0 {
		s.version++
	}
	return "", true
}

func byAddr(a, b *user) int { return cmp.Compare(a.addr, b.addr) }

// merge adds users (unsorted, none of them present yet) in one pass over the existing
// ones, keeping users and meta sorted and parallel.
func (cd *customerData) merge(added []*user) {
	if len(added) == 0 {
		return
	}
	slices.SortFunc(added, byAddr)
	n := len(cd.users) + len(added)
	users, meta := make([]*user, 0, n), make([]userMeta, 0, n)
	i, j := 0, 0
	for i < len(cd.users) || j < len(added) {
		if j == len(added) || (i < len(cd.users) && cd.users[i].addr < added[j].addr) {
			users, meta = append(users, cd.users[i]), append(meta, cd.meta[i])
			i++
		} else {
			users, meta = append(users, added[j]), append(meta, metaOf(added[j]))
			j++
		}
	}
	cd.users, cd.meta = users, meta
}

// removeWhere deletes the users for which gone is true, in one pass.
func (cd *customerData) removeWhere(gone func(*user) bool) {
	k := 0
	for i, u := range cd.users {
		if !gone(u) {
			cd.users[k], cd.meta[k] = u, cd.meta[i]
			k++
		}
	}
	clear(cd.users[k:])
	cd.users, cd.meta = cd.users[:k], cd.meta[:k]
}

// index returns the position of addr in the sorted users, or -1.
func (cd *customerData) index(addr string) int {
	i, found := slices.BinarySearchFunc(cd.users, addr, func(u *user, a string) int {
		return cmp.Compare(u.addr, a)
	})
	if !found {
		return -1
	}
	return i
}

// replace puts nu in the place of the user with the same address.
func (cd *customerData) replace(old, nu *user) {
	cd.replaceAt(cd.index(old.addr), old, nu)
}

func (cd *customerData) replaceAt(i int, old, nu *user) {
	cd.users[i], cd.meta[i] = nu, metaOf(nu)
	cd.byAddr[nu.addr] = nu
	cd.cells[old.flags&flagBits]--
	cd.cells[nu.flags&flagBits]++
}

// count returns the number of users matching q without copying anything: O(1) without a
// group filter, one pass otherwise.
func (s *store) count(c string, q query) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cd := s.customer(c)
	if cd == nil {
		return 0
	}
	f := q.resolve(&cd.groups)
	if !f.byGroup {
		return f.countCells(&cd.cells)
	}
	n := 0
	for i := range cd.meta {
		if f.matchAt(cd, i) {
			n++
		}
	}
	return n
}

// page returns the matching users from offset on, at most size of them, the number of
// matching users, and the customer's group names (to resolve the users' group ids).
// Only the page is allocated.
func (s *store) page(c string, q query, offset, size int) (page []*user, total int, groupNames []string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cd := s.customer(c)
	if cd == nil {
		return nil, 0, nil
	}
	groupNames = cd.groups.names
	f := q.resolve(&cd.groups)
	if f.all() {
		total = len(cd.users)
		lo := min(offset, total)
		hi := lo + min(size, total-lo)
		return slices.Clone(cd.users[lo:hi]), total, groupNames
	}
	capacity := size
	if !f.byGroup {
		total = f.countCells(&cd.cells)
		capacity = min(size, max(total-offset, 0))
	}
	page = make([]*user, 0, min(capacity, 1024))
	seen := 0
	for i := range cd.meta {
		if !f.matchAt(cd, i) {
			continue
		}
		if seen >= offset && len(page) < size {
			page = append(page, cd.users[i])
		}
		seen++
		if !f.byGroup && len(page) == size {
			break // total is known from the cells
		}
	}
	if f.byGroup {
		total = seen
	}
	return page, total, groupNames
}

// get returns one user and the group names, or nil.
func (s *store) get(c, addr string) (*user, []string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cd := s.customer(c)
	if cd == nil {
		return nil, nil
	}
	return cd.byAddr[addr], cd.groups.names
}

// create adds users unless one of them exists; then it returns the existing addresses and
// changes nothing. The request must not name an address twice (the caller checks).
func (s *store) create(c string, data []userData) (existing []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	for i := range data {
		if _, ok := cd.byAddr[data[i].u.addr]; ok {
			existing = append(existing, data[i].u.addr)
		}
	}
	if len(existing) > 0 || len(data) == 0 {
		return existing
	}
	if dup, ok := s.load(c, data); !ok {
		return []string{dup} // the caller refuses duplicates first; this keeps the store whole anyway
	}
	return nil
}

// update applies changes unless one names an unknown user; then it returns the unknown
// addresses and changes nothing.
func (s *store) update(c string, changes []change) (unknown []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	for i := range changes {
		if _, ok := cd.byAddr[changes[i].addr]; !ok {
			unknown = append(unknown, changes[i].addr)
		}
	}
	if len(unknown) > 0 || len(changes) == 0 {
		return unknown
	}
	for i := range changes {
		old := cd.byAddr[changes[i].addr]
		cd.replace(old, s.applyChange(cd, old, &changes[i]))
	}
	s.version++
	return nil
}

func (s *store) applyChange(cd *customerData, old *user, ch *change) *user {
	nu := *old
	for _, f := range []struct {
		dst *string
		src *string
	}{{&nu.displayName, ch.displayName}, {&nu.givenName, ch.givenName}, {&nu.surName, ch.surName},
		{&nu.language, ch.language}, {&nu.timezone, ch.timezone}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	ch.department.apply(&nu.department)
	ch.costcenter.apply(&nu.costcenter)
	ch.phone.apply(&nu.phone)
	ch.mobile.apply(&nu.mobile)
	if ch.groupsSet {
		nu.groups = cd.groups.idsOf(ch.groups)
	}
	nu.language = s.internString(nu.language)
	nu.timezone = s.internString(nu.timezone)
	nu.department = s.internString(nu.department)
	return &nu
}

// remove deletes users unless one is unknown; then it returns the unknown addresses and
// deletes nothing. One pass over the customer's users.
func (s *store) remove(c string, addrs []string) (unknown []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	for _, a := range addrs {
		if _, ok := cd.byAddr[a]; !ok {
			unknown = append(unknown, a)
		}
	}
	if len(unknown) > 0 || len(addrs) == 0 {
		return unknown
	}
	gone := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		u := cd.byAddr[a]
		gone[a] = true
		delete(cd.byAddr, a)
		cd.cells[u.flags&flagBits]--
		s.tokens.forget(c, a)
	}
	cd.removeWhere(func(u *user) bool { return gone[u.addr] })
	s.version++
	return nil
}

// setFlag sets or clears flag for every user in the scope of q and returns how many users
// are in scope (whether or not their flag changed; see FlagResult in openapi.yaml).
func (s *store) setFlag(c string, q query, flag uint8, on bool) (inScope int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	f := q.resolve(&cd.groups)
	changed := false
	for i := range cd.meta {
		if !f.matchAt(cd, i) {
			continue
		}
		inScope++
		if u := cd.users[i]; u.has(flag) != on {
			nu := *u
			nu.flags ^= flag
			cd.replaceAt(i, u, &nu)
			changed = true
		}
	}
	if changed {
		s.version++
	}
	return inScope
}

// setUserFlag sets or clears a flag of one user; false if the user does not exist.
func (s *store) setUserFlag(c, addr string, flag uint8, on bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	u, ok := cd.byAddr[addr]
	if !ok {
		return false
	}
	if u.has(flag) != on {
		nu := *u
		nu.flags ^= flag
		cd.replace(u, &nu)
		s.version++
	}
	return true
}

// removeOne deletes one user; false if it does not exist.
func (s *store) removeOne(c, addr string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	u, ok := cd.byAddr[addr]
	if !ok {
		return false
	}
	i := cd.index(addr)
	cd.users, cd.meta = slices.Delete(cd.users, i, i+1), slices.Delete(cd.meta, i, i+1)
	delete(cd.byAddr, addr)
	cd.cells[u.flags&flagBits]--
	s.tokens.forget(c, addr)
	s.version++
	return true
}

// createToken stores a new token for an existing user, replacing an older one.
func (s *store) createToken(c, addr string, now time.Time, mail bool) (tok string, expires time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureCustomer(c)
	if _, exists := cd.byAddr[addr]; !exists {
		return "", time.Time{}, false
	}
	tok, expires = s.tokens.issue(c, addr, now, mail)
	s.version++
	return tok, expires, true
}

// usePassword consumes a valid token of addr and marks the user activated. It reports
// false, changing nothing, for a wrong, used or expired token and gives no reason.
func (s *store) usePassword(addr, tok string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.tokens.consume(addr, tok, now)
	if !ok {
		return false
	}
	s.version++ // the token is gone even if the user vanished meanwhile
	cd := s.customers[c]
	if cd == nil {
		return false
	}
	u, ok := cd.byAddr[addr]
	if !ok {
		return false
	}
	if !u.has(flagActivation) {
		nu := *u
		nu.flags |= flagActivation
		cd.replace(u, &nu)
	}
	return true
}
