package mock

import (
	"github.com/ecctl/ecctl/gen"
	"github.com/oapi-codegen/nullable"
)

// Defaults for fields a create request leaves out (openapi.yaml, UserCreate).
const (
	defaultLanguage = "en_US"
	defaultTimezone = "Europe/Berlin"
)

// toAPI renders a stored user; null optional fields are left out of the JSON.
func toAPI(customer string, u *user, groupNames []string) gen.User {
	out := gen.User{
		Customer:    customer,
		Domain:      u.domain(),
		User:        u.addr,
		DisplayName: u.displayName,
		GivenName:   u.givenName,
		SurName:     u.surName,
		Language:    u.language,
		Timezone:    u.timezone,
		Department:  optionalValue(u.department),
		Costcenter:  optionalValue(u.costcenter),
		Phone:       optionalValue(u.phone),
		Mobile:      optionalValue(u.mobile),
		Status: gen.UserStatus{
			Activation: u.has(flagActivation),
			Access:     u.has(flagAccess),
			Failover:   u.has(flagFailover),
		},
	}
	if names := namesOf(groupNames, u.groups); names != nil {
		out.FailoverGroups = nullable.NewNullableWithValue(names)
	}
	return out
}

func optionalValue(s string) nullable.Nullable[string] {
	if s == "" {
		return nil
	}
	return nullable.NewNullableWithValue(s)
}

// fromNullable turns a three-state request field into a change.
func fromNullable(n nullable.Nullable[string]) optString {
	switch {
	case !n.IsSpecified():
		return optString{}
	case n.IsNull():
		return optString{set: true}
	default:
		return optString{set: true, val: n.MustGet()}
	}
}

func valueOf(n nullable.Nullable[string]) string {
	if !n.IsSpecified() || n.IsNull() {
		return ""
	}
	return n.MustGet()
}

func groupsOf(n nullable.Nullable[gen.FailoverGroups]) (set bool, groups []string) {
	if !n.IsSpecified() {
		return false, nil
	}
	if n.IsNull() {
		return true, nil
	}
	g := n.MustGet()
	if len(g) == 0 {
		return true, nil
	}
	return true, g
}

// fromCreate builds a new user (no flags set) from a create request item.
func fromCreate(in gen.UserCreate) userData {
	d := userData{u: user{
		addr:        in.User,
		displayName: in.DisplayName,
		givenName:   in.GivenName,
		surName:     in.SurName,
		language:    defaultLanguage,
		timezone:    defaultTimezone,
		department:  valueOf(in.Department),
		costcenter:  valueOf(in.Costcenter),
		phone:       valueOf(in.Phone),
		mobile:      valueOf(in.Mobile),
	}}
	if in.Language != nil {
		d.u.language = *in.Language
	}
	if in.Timezone != nil {
		d.u.timezone = *in.Timezone
	}
	_, d.groups = groupsOf(in.FailoverGroups)
	return d
}

// fromUpdate builds a change from a bulk update item.
func fromUpdate(in gen.UserUpdate) change {
	return newChange(in.User, gen.UserPatch{
		DisplayName: in.DisplayName, GivenName: in.GivenName, SurName: in.SurName,
		Language: in.Language, Timezone: in.Timezone,
		Department: in.Department, Costcenter: in.Costcenter, Phone: in.Phone, Mobile: in.Mobile,
		FailoverGroups: in.FailoverGroups,
	})
}

// newChange builds a change of addr from a single-user patch.
func newChange(addr string, in gen.UserPatch) change {
	ch := change{
		addr:        addr,
		displayName: in.DisplayName,
		givenName:   in.GivenName,
		surName:     in.SurName,
		language:    in.Language,
		timezone:    in.Timezone,
		department:  fromNullable(in.Department),
		costcenter:  fromNullable(in.Costcenter),
		phone:       fromNullable(in.Phone),
		mobile:      fromNullable(in.Mobile),
	}
	ch.groupsSet, ch.groups = groupsOf(in.FailoverGroups)
	return ch
}
