package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// decode turns a 2xx answer into the operation's typed result with the generated parser.
// A 2xx that is not the documented one, or whose body is not the documented JSON object, is
// an error naming the operation: an endpoint that points at some other service must fail
// loudly instead of reporting zero users.
func decode[R, T any](k call, resp *http.Response, body []byte, parse func(*http.Response) (*R, error), pick func(*R) *T, schema string) (*T, error) {
	parsed, err := parse(resp)
	if err != nil {
		return nil, fmt.Errorf("%s: the answer (%s) is not the documented %s: %w", k.op, resp.Status, schema, err)
	}
	v := pick(parsed)
	if v == nil {
		return nil, fmt.Errorf("%s: unexpected answer %s with Content-Type %q; want the documented %s JSON", k.op, resp.Status, resp.Header.Get("Content-Type"), schema)
	}
	if missing := missingFields(body, requiredFields(schema)); len(missing) > 0 {
		return nil, fmt.Errorf("%s: the answer (%s) is not the documented %s: missing %s", k.op, resp.Status, schema, strings.Join(missing, ", "))
	}
	return v, nil
}

// requiredFields lists the `required` properties of the success schemas in openapi.yaml;
// a test compares them with the spec so that the two cannot drift.
func requiredFields(schema string) []string {
	switch schema {
	case "UserList":
		return []string{"id", "timestamp", "offset", "size", "filter", "total", "count", "users"}
	case "BulkResult":
		return []string{"id", "timestamp", "count", "users"}
	case "FlagResult":
		return []string{"id", "timestamp", "affectedUsers"}
	case "UserResponse":
		return []string{"id", "timestamp", "user"}
	case "Ack":
		return []string{"id", "timestamp"}
	case "TokenResponse":
		return []string{"id", "timestamp", "token", "expiryTimestamp", "url"}
	}
	return nil
}

// successSchemas are the schemas requiredFields knows, for the drift test.
func successSchemas() []string {
	return []string{"UserList", "BulkResult", "FlagResult", "UserResponse", "Ack", "TokenResponse"}
}

func missingFields(body []byte, required []string) []string {
	var fields map[string]presence
	if err := json.Unmarshal(body, &fields); err != nil {
		return required
	}
	var missing []string
	for _, f := range required {
		if !fields[f] {
			missing = append(missing, f)
		}
	}
	return slices.Clip(missing)
}

// presence records whether a JSON value is there and not null, without copying or decoding
// it: a list page's users array is large, and the generated parser decodes it already.
type presence bool

func (p *presence) UnmarshalJSON(b []byte) error {
	*p = string(b) != "null"
	return nil
}
