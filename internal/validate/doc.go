// Package validate checks single values against the constraints of openapi.yaml, so that ecctl
// refuses a bad value before anything is sent and says in plain words what is wrong.
//
// Every check returns nil or a *FieldError naming the API's JSON field (user, displayName,
// language, failoverGroups, ...). Lengths are counted in characters (Unicode code points), as JSON
// Schema does, not in bytes. The limits and patterns are constants of this package; a test loads
// the embedded spec (spec.GetSpec in gen/spec) and fails if any of them drifts from openapi.yaml.
//
// Two checks are stricter than the spec's schema, on purpose and documented there:
//
//   - Timezone accepts only names of Go's tz database (the data time/tzdata embeds, listed by
//     Timezones) that time.LoadLocation loads. LoadLocation alone would depend on the machine:
//     it reads the system's zoneinfo files first, which on Linux include "localtime",
//     "posixrules" and "posix/..." and on macOS match names case-insensitively. "Local" is
//     refused; a name that differs from a zone only in letter case gets a suggestion.
//   - Language reports whether the value is one of the ten languages the vendor documents, so a
//     caller can warn about others; the spec accepts any ll_CC value.
package validate
