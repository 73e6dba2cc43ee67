package syncplan

import (
	"encoding/json"

	"github.com/ecctl/ecctl/gen"
)

// planJSON is the documented JSON shape of a plan:
//
//	{"create":[UserCreate...],"update":[{"user":"…","changes":{"department":{"from":…,"to":…}}}],
//	 "delete":["address"...],"unchanged":N}
//
// create holds the user objects as they are sent; lists are [] rather than null when empty.
type planJSON struct {
	Create    []gen.UserCreate `json:"create"`
	Update    []changeJSON     `json:"update"`
	Delete    []string         `json:"delete"`
	Unchanged int              `json:"unchanged"`
}

type changeJSON struct {
	User    string                 `json:"user"`
	Changes map[string]FieldChange `json:"changes"`
}

// MarshalJSON renders the plan in the shape `users sync -o json` documents. Kept is left
// out: it describes the users sync leaves alone, not a change.
func (p Plan) MarshalJSON() ([]byte, error) {
	out := planJSON{
		Create:    make([]gen.UserCreate, len(p.Create)),
		Update:    make([]changeJSON, len(p.Update)),
		Delete:    p.Delete,
		Unchanged: p.Unchanged,
	}
	for i, c := range p.Create {
		out.Create[i] = c.User
	}
	for i, c := range p.Update {
		out.Update[i] = changeJSON{User: c.User, Changes: c.Fields}
	}
	if out.Delete == nil {
		out.Delete = []string{}
	}
	return json.Marshal(out)
}

// CreateUsers returns the users to create, as the bulk create sends them.
func (p Plan) CreateUsers() []gen.UserCreate {
	users := make([]gen.UserCreate, len(p.Create))
	for i, c := range p.Create {
		users[i] = c.User
	}
	return users
}

// UpdateUsers returns the bulk update items.
func (p Plan) UpdateUsers() []gen.UserUpdate {
	users := make([]gen.UserUpdate, len(p.Update))
	for i, c := range p.Update {
		users[i] = c.Patch
	}
	return users
}
