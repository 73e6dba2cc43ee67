package userfile

import (
	"errors"
	"strings"

	"github.com/ecctl/ecctl/internal/validate"
)

// draft is a record being read. Its problems go straight to the reader.
type draft struct {
	rd  *reader
	rec Record
	// userOK is set when the address is valid, so that the record takes part in the
	// duplicate check.
	userOK bool
	// set holds the fields the record sets, one bit each (fieldBit); Record.Fields is made
	// from it when the record is finished.
	set fieldSet
	// failed holds the fields that already have a problem, so that a missing-field problem
	// is not added on top.
	failed map[string]bool
}

func (rd *reader) newDraft(pos string, line int) *draft {
	return &draft{rd: rd, rec: Record{Pos: pos, Line: line}}
}

func (d *draft) fail(field, reason string) {
	if d.failed == nil {
		d.failed = map[string]bool{}
	}
	d.failed[field] = true
	d.rd.problems = append(d.rd.problems, Problem{Pos: d.rec.Pos, Line: d.rec.Line, Field: field, Reason: reason})
}

// failErr reports a validation error of package validate under the field it names.
func (d *draft) failErr(field string, err error, hint string) {
	var fe *validate.FieldError
	if errors.As(err, &fe) {
		d.fail(fe.Field, fe.Reason+hint)
		return
	}
	d.fail(field, err.Error()+hint)
}

// setText sets a field that holds a string; name must be of kindText or kindNullable.
func (d *draft) setText(name, s string) {
	if d.rd.mode == ModeDelete && name != "user" {
		return
	}
	u := &d.rec.User
	var err error
	switch name {
	case "user":
		var addr string
		if addr, err = validate.NormalizeUser(s); err == nil {
			u.User, d.userOK = addr, true
		}
	case "displayName":
		err = validate.DisplayName(s)
		u.DisplayName = &s
	case "givenName":
		err = validate.GivenName(s)
		u.GivenName = &s
	case "surName":
		err = validate.SurName(s)
		u.SurName = &s
	case "language":
		_, err = validate.Language(s)
		u.Language = &s
	case "timezone":
		err = d.rd.timezone(s)
		u.Timezone = &s
	case "department":
		err = validate.Department(s)
		u.Department.Set(s)
	case "costcenter":
		err = validate.Costcenter(s)
		u.Costcenter.Set(s)
	case "phone":
		err = validate.Phone(s)
		u.Phone.Set(s)
	case "mobile":
		err = validate.Mobile(s)
		u.Mobile.Set(s)
	}
	if err != nil {
		hint := ""
		if s == "" && kindOf(name) == kindNullable {
			hint = " (use null to clear it)"
		}
		d.failErr(name, err, hint)
		return
	}
	d.set = d.set.with(name)
}

// setNull clears a nullable field; null on any other field is a problem.
func (d *draft) setNull(name string) {
	if d.rd.mode == ModeDelete && name != "user" {
		return
	}
	u := &d.rec.User
	switch name {
	case "department":
		u.Department.SetNull()
	case "costcenter":
		u.Costcenter.SetNull()
	case "phone":
		u.Phone.SetNull()
	case "mobile":
		u.Mobile.SetNull()
	case "failoverGroups":
		u.FailoverGroups.SetNull()
	default:
		d.fail(name, "must not be null (only department, costcenter, phone, mobile and failoverGroups can be cleared)")
		return
	}
	d.set = d.set.with(name)
}

// setGroups sets the failover groups.
func (d *draft) setGroups(groups []string) {
	if d.rd.mode == ModeDelete {
		return
	}
	if err := validate.Groups(groups); err != nil {
		d.failErr("failoverGroups", err, "")
		return
	}
	d.rec.User.FailoverGroups.Set(groups)
	d.set = d.set.with("failoverGroups")
}

// finish checks the required fields and adds the record.
func (d *draft) finish() {
	for _, name := range []string{"user", "displayName", "givenName", "surName"} {
		if !d.rd.mode.required(name) || d.set.has(name) || d.failed[name] || d.rd.missing[name] {
			continue
		}
		d.fail(name, "missing; "+d.rd.mode.String()+" needs "+d.rd.mode.requiredText())
	}
	// A record without a valid address has a problem already, which makes Read fail; leaving
	// it out keeps it from the duplicate check.
	if d.userOK {
		d.rec.Fields = d.rd.fieldsMap(d.set)
		d.rd.records = append(d.rd.records, d.rec)
	}
}

// timezone checks a zone once per distinct value.
func (rd *reader) timezone(s string) error {
	if err, ok := rd.zones[s]; ok {
		return err
	}
	err := validate.Timezone(s)
	rd.zones[s] = err
	return err
}

// checkDuplicates reports every record whose address another record already named, ignoring
// letter case (see the package documentation).
func (rd *reader) checkDuplicates() {
	first := make(map[string]int, len(rd.records))
	for i, r := range rd.records {
		key := strings.ToLower(r.User.User)
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		prev := rd.records[j]
		reason := quoteValue(r.User.User) + " is a duplicate of " + prev.Pos
		if prev.User.User != r.User.User {
			reason = quoteValue(r.User.User) + " is a duplicate of " + quoteValue(prev.User.User) + " on " + prev.Pos +
				" (the addresses differ only in letter case, which mail systems ignore)"
		}
		rd.problems = append(rd.problems, Problem{Pos: r.Pos, Line: r.Line, Field: "user", Reason: reason})
	}
}
