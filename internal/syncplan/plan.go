package syncplan

import (
	"fmt"
	"strings"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

// Plan is what a sync changes. Its JSON form (MarshalJSON) is the one `users sync -o json`
// prints.
type Plan struct {
	// Create holds the users of the file that the service does not have, in file order.
	Create []Create
	// Update holds the users whose fields differ, in file order.
	Update []Change
	// Delete holds the addresses (as the service spells them) of the current users that are
	// not in the file, in the service's order; only with prune.
	Delete []string
	// Unchanged counts the users of the file that already match.
	Unchanged int
	// Kept counts the current users that are not in the file and stay because prune is off.
	Kept int
}

// Create is a user to create.
type Create struct {
	Pos  string // where the record is in the file, "line 3"
	Line int
	User gen.UserCreate
}

// Change is an update of one user.
type Change struct {
	// User is the address as the service knows it; it may differ from the file's in letter
	// case.
	User string
	Pos  string // where the record is in the file
	Line int
	// Patch is the bulk update item: User and only the fields that differ.
	Patch gen.UserUpdate
	// Fields maps the JSON name of each field that differs to its old and new value.
	Fields map[string]FieldChange
}

// FieldChange is a field's value on the service (From) and in the file (To): a string, a
// []string of groups, or nil for no value.
type FieldChange struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Changes is the number of users the plan creates, updates or deletes.
func (p Plan) Changes() int { return len(p.Create) + len(p.Update) + len(p.Delete) }

// Empty reports whether the plan changes nothing.
func (p Plan) Empty() bool { return p.Changes() == 0 }

// FieldNames returns the names of the changed fields in the order of the CSV columns.
func (c Change) FieldNames() []string {
	names := make([]string, 0, len(c.Fields))
	for _, name := range comparedFields() {
		if _, ok := c.Fields[name]; ok {
			names = append(names, name)
		}
	}
	return names
}

// AmbiguousError reports records of the file that match several current users whose
// addresses differ only in letter case, none of them spelt like the record.
type AmbiguousError struct {
	Matches []Ambiguity
}

// Ambiguity is one such record.
type Ambiguity struct {
	Pos        string
	File       string   // the address in the file
	Candidates []string // the current users it could mean
}

func (e *AmbiguousError) Error() string {
	lines := make([]string, len(e.Matches))
	for i, m := range e.Matches {
		lines[i] = fmt.Sprintf("%s: user: %q matches %s on the service, which differ only in letter case; spell the address exactly as one of them",
			m.Pos, m.File, strings.Join(quoteAll(m.Candidates), " and "))
	}
	return strings.Join(lines, "\n")
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return q
}

// DuplicateError reports two records of the file naming the same user. userfile.Read refuses
// such files already; Compute checks again because it cannot know where its records came from.
type DuplicateError struct {
	Pos, Other string
	User       string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s: user: %q is a duplicate of %s", e.Pos, e.User, e.Other)
}

// Compute returns the plan that makes current match desired. desired are the records of a
// file read with userfile.ModeSync; current are all users of the customer. With prune, the
// current users missing from the file are deleted; without, they are counted in Kept.
//
// It returns an *AmbiguousError when records match several current users (see the package
// documentation), and a *DuplicateError when two records name the same user.
func Compute(desired []userfile.Record, current []gen.User, prune bool) (*Plan, error) {
	idx := newIndex(current)
	// owner holds, per current user, the index of the record that names it, or one of
	// unowned and duplicateUser.
	owner := idx.owners()
	var creates map[string]int // lower-cased address → record index, made on first create
	plan := &Plan{}
	var ambiguous []Ambiguity
	var masks fieldMasks
	for i := range desired {
		rec := &desired[i]
		j, candidates := idx.lookup(rec.User.User)
		switch {
		case candidates != nil:
			ambiguous = append(ambiguous, Ambiguity{Pos: rec.Pos, File: rec.User.User, Candidates: candidates})
			continue
		case j < 0:
			if creates == nil {
				creates = make(map[string]int)
			}
			key := strings.ToLower(rec.User.User)
			if k, dup := creates[key]; dup {
				return nil, &DuplicateError{Pos: rec.Pos, Other: desired[k].Pos, User: rec.User.User}
			}
			creates[key] = i
			plan.Create = append(plan.Create, Create{Pos: rec.Pos, Line: rec.Line, User: rec.Create()})
			continue
		case owner[j] >= 0:
			return nil, &DuplicateError{Pos: rec.Pos, Other: desired[owner[j]].Pos, User: rec.User.User}
		}
		owner[j] = i
		if ch, changed := diff(rec, masks.of(rec.Fields), &current[j]); changed {
			plan.Update = append(plan.Update, ch)
		} else {
			plan.Unchanged++
		}
	}
	if len(ambiguous) > 0 {
		return nil, &AmbiguousError{Matches: ambiguous}
	}
	for j := range current {
		switch {
		case owner[j] != unowned:
			// Named by the file, or a repeated listing of an address already counted.
		case prune:
			plan.Delete = append(plan.Delete, current[j].User)
		default:
			plan.Kept++
		}
	}
	return plan, nil
}
