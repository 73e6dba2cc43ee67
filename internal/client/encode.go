package client

import (
	"unicode/utf8"

	"github.com/oapi-codegen/nullable"

	"github.com/ecctl/ecctl/gen"
)

// createBody encodes the body of a bulk create byte for byte as json.Marshal does (a test
// holds the two together), without reflection: json.Marshal spends most of its time in the
// MarshalJSON of every nullable field (each a map) and in compacting what that returns, which
// for 100,000 users made encoding a large part of `users create`.
func createBody(users []gen.UserCreate) []byte {
	b := make([]byte, 0, 384*len(users)+2)
	b = append(b, '[')
	for i := range users {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendUserCreate(b, &users[i])
	}
	return append(b, ']')
}

// appendUserCreate writes the members in gen.UserCreate's field order, which is the order
// json.Marshal uses; omitempty members are left out when nil or empty.
func appendUserCreate(b []byte, u *gen.UserCreate) []byte {
	o := object{b: append(b, '{')}
	o.nullableString("costcenter", u.Costcenter)
	o.nullableString("department", u.Department)
	o.name("displayName")
	o.b = appendJSONString(o.b, u.DisplayName)
	if len(u.FailoverGroups) > 0 {
		o.name("failoverGroups")
		if _, null := u.FailoverGroups[false]; null {
			o.b = append(o.b, "null"...)
		} else {
			o.b = appendStrings(o.b, u.FailoverGroups[true])
		}
	}
	o.name("givenName")
	o.b = appendJSONString(o.b, u.GivenName)
	o.optionalString("language", u.Language)
	o.nullableString("mobile", u.Mobile)
	o.nullableString("phone", u.Phone)
	o.name("surName")
	o.b = appendJSONString(o.b, u.SurName)
	o.optionalString("timezone", u.Timezone)
	o.name("user")
	o.b = appendJSONString(o.b, u.User)
	return append(o.b, '}')
}

// object writes the members of one JSON object.
type object struct {
	b []byte
	n int
}

func (o *object) name(name string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':')
}

// nullableString is a nullable.Nullable[string] member with omitempty: left out when
// unspecified, null when null (nullable.Nullable.MarshalJSON checks null first).
func (o *object) nullableString(name string, v nullable.Nullable[string]) {
	if len(v) == 0 {
		return
	}
	o.name(name)
	if _, null := v[false]; null {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = appendJSONString(o.b, v[true])
}

// optionalString is a *string member with omitempty.
func (o *object) optionalString(name string, v *string) {
	if v == nil {
		return
	}
	o.name(name)
	o.b = appendJSONString(o.b, *v)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString quotes s as encoding/json does by default (HTML escaping on): ", \ and
// control characters escaped (\b \f \n \r \t by name, the others as \u00XX), <, > and &
// as \u003c \u003e \u0026, U+2028 and U+2029 as \u2028 and \u2029, invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
