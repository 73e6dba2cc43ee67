package mock

import "strings"

// Status flags of a user, as bits of user.flags. The three bits index customerData.cells.
const (
	flagFailover uint8 = 1 << iota
	flagAccess
	flagActivation
	flagBits = flagFailover | flagAccess | flagActivation
)

// user is one mailbox as the store keeps it. Once a *user is in the store it is never
// modified: a change stores a modified copy. Optional strings are "" when null (the spec
// gives them minLength 1, so "" is never a value).
type user struct {
	addr        string
	displayName string
	givenName   string
	surName     string
	language    string
	timezone    string
	department  string
	costcenter  string
	phone       string
	mobile      string
	groups      []uint32 // ids in customerData.groups; nil when the user has none
	flags       uint8
}

func (u *user) domain() string {
	return u.addr[strings.LastIndexByte(u.addr, '@')+1:]
}

func (u *user) has(flag uint8) bool { return u.flags&flag != 0 }

// optString is a change of a nullable string: absent (set false), null (set, val ""), or a value.
type optString struct {
	set bool
	val string
}

func (o optString) apply(dst *string) {
	if o.set {
		*dst = o.val
	}
}

// userData is a user as a request or the state file describes it, before group names
// become ids.
type userData struct {
	u      user
	groups []string
}

// change is a bulk or single update of one user: nil/unset fields stay as they are.
type change struct {
	addr                                  string
	displayName, givenName, surName       *string
	language, timezone                    *string
	department, costcenter, phone, mobile optString
	groupsSet                             bool
	groups                                []string // nil with groupsSet clears the groups
}
