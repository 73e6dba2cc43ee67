package mock_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/mock"
)

func TestSchemaViolationsAre400NamingTheField(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.create("44444", newUser("a@b.example"))
	before := e.srv.Changes()

	user := func(field string, value any) string {
		u := newUser("n@b.example")
		u[field] = value
		data := fmt.Sprintf(`[{"user":"ok@b.example","displayName":"x","givenName":"x","surName":"x"},%s]`, mustJSON(t, u))
		return data
	}
	groups17 := make([]string, 17)
	for i := range groups17 {
		groups17[i] = fmt.Sprint("g", i)
	}
	for _, tc := range []struct {
		name         string
		method, path string
		body         any
		opts         []reqOption
		message      string
	}{
		{"customer too short", http.MethodGet, "/4444", nil, nil, `^CUSTOMER: minimum string length is 5`},
		{"customer pattern", http.MethodGet, "/4444A", nil, nil, `^CUSTOMER: string doesn.t match`},
		{"customer suffix lower case", http.MethodGet, "/44444ab", nil, nil, `^CUSTOMER: `},
		{"user path no @", http.MethodGet, "/44444/nobody", nil, nil, `^USER: string doesn't match`},
		{"user path not an address", http.MethodGet, "/44444/a@b", nil, nil, `^USER: "a@b" is not an e-mail address`},
		{"flag enum", http.MethodPut, "/44444/a@b.example/activation", nil, nil, `^FLAG: value is not one of the allowed values`},
		{"boolean filter", http.MethodGet, "/44444?activation=maybe", nil, nil, `^activation: `},
		{"negative offset", http.MethodGet, "/44444?offset=-1", nil, nil, `^offset: number must be at least 0`},
		{"size not a number", http.MethodGet, "/44444?size=ten", nil, nil, `^size: `},
		{"empty group", http.MethodHead, "/44444?group=", nil, nil, ``},
		{"user pattern", http.MethodPut, "/44444", user("user", "not an address"), nil, `^body\[1\]\.user: string doesn't match`},
		{"user too long", http.MethodPut, "/44444", user("user", strings.Repeat("a", 250)+"@b.example"), nil, `^body\[1\]\.user: maximum string length is 256`},
		{"displayName too long", http.MethodPut, "/44444", user("displayName", strings.Repeat("x", 257)), nil, `^body\[1\]\.displayName: maximum string length is 256`},
		{"givenName empty", http.MethodPut, "/44444", user("givenName", ""), nil, `^body\[1\]\.givenName: minimum string length is 1`},
		{"surName too long", http.MethodPut, "/44444", user("surName", strings.Repeat("x", 129)), nil, `^body\[1\]\.surName: maximum string length is 128`},
		{"language shape", http.MethodPut, "/44444", user("language", "german"), nil, `^body\[1\]\.language: `},
		{"timezone pattern", http.MethodPut, "/44444", user("timezone", "Europe/Ber lin"), nil, `^body\[1\]\.timezone: string doesn't match`},
		{"timezone unknown", http.MethodPut, "/44444", user("timezone", "Mars/Olympus_Mons"), nil, `^body\[1\]\.timezone: "Mars/Olympus_Mons" is not a time zone`},
		{"timezone Local", http.MethodPut, "/44444", user("timezone", "Local"), nil, `^body\[1\]\.timezone: "Local"`},
		{"phone too long", http.MethodPut, "/44444", user("phone", strings.Repeat("1", 65)), nil, `^body\[1\]\.phone: maximum string length is 64`},
		{"department empty", http.MethodPut, "/44444", user("department", ""), nil, `^body\[1\]\.department: minimum string length is 1`},
		{"17 groups", http.MethodPut, "/44444", user("failoverGroups", groups17), nil, `^body\[1\]\.failoverGroups: maximum number of items is 16`},
		{"empty group name", http.MethodPut, "/44444", user("failoverGroups", []string{"emea", ""}), nil, `^body\[1\]\.failoverGroups\[1\]: minimum string length is 1`},
		{"unknown field", http.MethodPut, "/44444", user("favouriteColour", "blue"), nil, `^body\[1\]: property "favouriteColour" is unsupported`},
		{"missing required", http.MethodPut, "/44444", `[{"user":"n@b.example","displayName":"x","givenName":"x"}]`, nil, `^body\[0\]\.surName: property "surName" is missing`},
		{"wrong type", http.MethodPut, "/44444", `[{"user":"n@b.example","displayName":1,"givenName":"x","surName":"x"}]`, nil, `^body\[0\]\.displayName: `},
		{"not an array", http.MethodPut, "/44444", `{"user":"n@b.example"}`, nil, `^body: `},
		{"null body", http.MethodPut, "/44444", `null`, nil, `^body: `},
		{"bad JSON", http.MethodPut, "/44444", `[{"user":`, nil, `^body: invalid JSON`},
		{"trailing data", http.MethodPut, "/44444", `[] []`, nil, `^body: invalid JSON at byte`},
		{"no body", http.MethodPut, "/44444", nil, nil, `^body: a JSON request body is required`},
		{"wrong content type", http.MethodPut, "/44444", `[]`, []reqOption{contentType("text/plain")}, `^body: header Content-Type has unexpected value`},
		{"patch one: unknown field", http.MethodPatch, "/44444/a@b.example", `{"user":"x@b.example"}`, nil, `^body: property "user" is unsupported`},
		{"patch one: timezone", http.MethodPatch, "/44444/a@b.example", `{"timezone":"Nowhere/Special"}`, nil, `^body\.timezone: "Nowhere/Special" is not a time zone`},
		{"patch many: unknown field", http.MethodPatch, "/44444", `[{"user":"a@b.example","status":{"access":true}}]`, nil, `^body\[0\]: property "status" is unsupported`},
		{"delete: not addresses", http.MethodDelete, "/44444", `["a@b.example", 7]`, nil, `^body\[1\]: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(tc.method, tc.path, tc.body, tc.opts...)
			if tc.method == http.MethodHead {
				r.expect(t, http.StatusBadRequest)
				if len(r.body) != 0 {
					t.Errorf("HEAD answered with a body %q", r.body)
				}
				return
			}
			r.errorMatches(t, http.StatusBadRequest, tc.message)
		})
	}
	if e.srv.Changes() != before || e.count("44444", "") != 1 {
		t.Error("an invalid request changed the data")
	}
}

func TestTimezonesOfTheIANADatabaseAreAccepted(t *testing.T) {
	e := newEnv(t, mock.Options{})
	for i, tz := range []string{"Europe/Berlin", "Africa/Asmera", "Etc/GMT+11", "America/Argentina/Buenos_Aires", "UTC"} {
		u := newUser(fmt.Sprintf("u%d@b.example", i))
		u["timezone"] = tz
		e.create("44444", u)
	}
}
