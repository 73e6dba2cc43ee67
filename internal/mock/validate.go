package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // time zone names resolve on machines without a zoneinfo database

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// validate checks the request against the spec and returns a message naming the field.
func (sp *spec) validate(r *http.Request, rt *route, params map[string]string) error {
	err := openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      rt.kin,
		Options:    sp.filterOpts,
	})
	if err == nil {
		return nil
	}
	return errors.New(validationMessage(err))
}

// validationMessage turns a kin-openapi error into "<field>: <reason>", e.g.
// `body[3].language: string doesn't match the regular expression "..."`. kin-openapi's
// reasons never contain the offending value, so a password is never echoed.
func validationMessage(err error) string {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return err.Error()
	}
	field := "body"
	if re.Parameter != nil {
		field = re.Parameter.Name
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		return field + jsonPath(se.JSONPointer()) + ": " + se.Reason
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) {
		return field + ": " + pe.Error()
	}
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		if re.Parameter == nil {
			return "body: a JSON request body is required"
		}
		return field + ": required"
	}
	reason := re.Reason
	if re.Err != nil && reason == "" {
		reason = re.Err.Error()
	}
	return field + ": " + reason
}

// jsonPath renders a JSON pointer as "[3].language".
func jsonPath(pointer []string) string {
	var b strings.Builder
	for _, p := range pointer {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			b.WriteString("[" + p + "]")
		} else {
			b.WriteString("." + p)
		}
	}
	return b.String()
}

// checkJSON refuses what kin-openapi lets through: trailing data after the JSON value.
func checkJSON(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 || json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("body: invalid JSON at byte %d: %v", se.Offset, err)
	}
	return fmt.Errorf("body: invalid JSON: %v", err)
}

// countItems counts the items of a JSON array body, stopping after limit+1.
func countItems(data []byte, limit int) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return 0
	}
	n := 0
	for dec.More() && n <= limit {
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return n
		}
		n++
	}
	return n
}

// splitGroups accepts `group` both as repeated keys and as one comma-joined value
// (`group=emea%2Cgermany`, as the vendor's curl samples send it): every value is split at
// commas before validation, so maxItems 16 counts the names after splitting.
func splitGroups(r *http.Request) {
	if !strings.Contains(r.URL.RawQuery, "group") {
		return
	}
	q := r.URL.Query()
	values, ok := q["group"]
	if !ok {
		return
	}
	var split []string
	for _, v := range values {
		split = append(split, strings.Split(v, ",")...)
	}
	q["group"] = split
	r.URL.RawQuery = q.Encode()
}

// normalizeUser turns a USER path value into an address. ServeMux has already decoded
// the path once; a value that still holds "%40" and no "@" was encoded twice (a user
// typed %40), and its "%40" is taken as "@". The address must then fit UserAddress.
func (sp *spec) normalizeUser(v string) (string, error) {
	if !strings.Contains(v, "@") {
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
	}
	if len(v) > sp.userMaxLen {
		return "", fmt.Errorf("USER: maximum string length is %d", sp.userMaxLen)
	}
	if !sp.userAddress.MatchString(v) {
		return "", fmt.Errorf("USER: %q is not an e-mail address of the form the spec allows (UserAddress)", v)
	}
	return v, nil
}

// tzChecker answers whether a name is an IANA time zone, caching the answers.
type tzChecker struct {
	mu    sync.Mutex
	known map[string]bool
}

func (t *tzChecker) valid(name string) bool {
	// "Local" would mean the mock's own zone, "" is UTC to LoadLocation: neither is a name.
	if name == "" || name == "Local" {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if ok, seen := t.known[name]; seen {
		return ok
	}
	_, err := time.LoadLocation(name)
	if t.known == nil {
		t.known = make(map[string]bool)
	}
	if len(t.known) < 4096 {
		t.known[name] = err == nil
	}
	return err == nil
}

// checkTimezone returns the message for an unknown zone, or "".
func (t *tzChecker) check(field string, tz *string) string {
	if tz == nil || t.valid(*tz) {
		return ""
	}
	return fmt.Sprintf("%s: %q is not a time zone of the IANA database", field, *tz)
}
