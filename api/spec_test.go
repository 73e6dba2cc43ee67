package api_test

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ecctl/ecctl/gen/spec"
)

// vendorOperations lists the vendor's 14 operations as method + path pairs on the wire, with
// their documented success status. The vendor's /{CUSTOMER}/{FLAG} is written as two literal
// paths in openapi.yaml (see its description), so operation 6 and 7 appear once per flag.
var vendorOperations = []struct {
	vendor  string
	method  string
	path    string
	success int
	opID    string
}{
	{"1 count", http.MethodHead, "/{CUSTOMER}", 200, "countUsers"},
	{"2 list", http.MethodGet, "/{CUSTOMER}", 200, "listUsers"},
	{"3 bulk create", http.MethodPut, "/{CUSTOMER}", 200, "createUsers"},
	{"4 bulk update", http.MethodPatch, "/{CUSTOMER}", 200, "updateUsers"},
	{"5 bulk delete", http.MethodDelete, "/{CUSTOMER}", 200, "deleteUsers"},
	{"6 customer flag set (failover)", http.MethodPut, "/{CUSTOMER}/failover", 200, "setCustomerFailover"},
	{"6 customer flag set (access)", http.MethodPut, "/{CUSTOMER}/access", 200, "setCustomerAccess"},
	{"7 customer flag unset (failover)", http.MethodDelete, "/{CUSTOMER}/failover", 200, "unsetCustomerFailover"},
	{"7 customer flag unset (access)", http.MethodDelete, "/{CUSTOMER}/access", 200, "unsetCustomerAccess"},
	{"8 user get", http.MethodGet, "/{CUSTOMER}/{USER}", 200, "getUser"},
	{"9 user update", http.MethodPatch, "/{CUSTOMER}/{USER}", 200, "updateUser"},
	{"10 user delete", http.MethodDelete, "/{CUSTOMER}/{USER}", 200, "deleteUser"},
	{"11 user flag set", http.MethodPut, "/{CUSTOMER}/{USER}/{FLAG}", 200, "setUserFlag"},
	{"12 user flag unset", http.MethodDelete, "/{CUSTOMER}/{USER}/{FLAG}", 200, "unsetUserFlag"},
	{"13 token create", http.MethodPost, "/{CUSTOMER}/{USER}/token", 201, "createToken"},
	{"14 password set", http.MethodPut, "/{USER}/password", 200, "setPassword"},
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("../openapi.yaml")
	if err != nil {
		t.Fatalf("loading openapi.yaml: %v", err)
	}
	return doc
}

func TestSpecValidates(t *testing.T) {
	doc := loadSpec(t)
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("openapi.yaml does not validate: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		t.Errorf("openapi = %q, want 3.0.x", doc.OpenAPI)
	}
}

func TestSpecHasEveryOperationAndNothingElse(t *testing.T) {
	doc := loadSpec(t)
	want := map[string]bool{}
	for _, op := range vendorOperations {
		key := op.method + " " + op.path
		want[key] = true
		item := doc.Paths.Value(op.path)
		if item == nil {
			t.Errorf("%s: path %s missing", op.vendor, op.path)
			continue
		}
		o := item.GetOperation(op.method)
		if o == nil {
			t.Errorf("%s: %s missing", op.vendor, key)
			continue
		}
		if o.OperationID != op.opID {
			t.Errorf("%s: operationId = %q, want %q", key, o.OperationID, op.opID)
		}
		if o.Responses.Status(op.success) == nil {
			t.Errorf("%s: no %d response", key, op.success)
		}
		for code := range o.Responses.Map() {
			if code[0] == '2' && code != strconv.Itoa(op.success) {
				t.Errorf("%s: unexpected success response %s", key, code)
			}
		}
		if len(o.Tags) != 1 || o.Summary == "" {
			t.Errorf("%s: want one tag and a summary, got tags %v summary %q", key, o.Tags, o.Summary)
		}
	}
	var extra []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !want[method+" "+path] {
				extra = append(extra, method+" "+path)
			}
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("operations not in the vendor's list: %v", extra)
	}
}

func TestSpecSecurity(t *testing.T) {
	doc := loadSpec(t)
	if len(doc.Security) != 1 || doc.Security[0]["basicAuth"] == nil {
		t.Fatalf("global security = %v, want basicAuth", doc.Security)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			public := method == http.MethodPut && path == "/{USER}/password"
			switch {
			case public && (op.Security == nil || len(*op.Security) != 0):
				t.Errorf("%s %s: want security: [] (no auth)", method, path)
			case !public && op.Security != nil:
				t.Errorf("%s %s: overrides the global basicAuth", method, path)
			}
		}
	}
}

func TestSpecHeadCountHasHeaderAndNoBodies(t *testing.T) {
	doc := loadSpec(t)
	head := doc.Paths.Value("/{CUSTOMER}").Head
	ok := head.Responses.Status(200).Value
	h := ok.Headers["User-Count"]
	if h == nil || !h.Value.Required || h.Value.Schema.Value.Type.Is("integer") == false {
		t.Fatalf("HEAD 200 must declare a required integer User-Count header")
	}
	if *h.Value.Schema.Value.Min != 0 {
		t.Errorf("User-Count minimum = %v, want 0", *h.Value.Schema.Value.Min)
	}
	for code, r := range head.Responses.Map() {
		if len(r.Value.Content) != 0 {
			t.Errorf("HEAD %s declares a body; HEAD responses have none", code)
		}
	}
}

func TestSpecErrorBodyOnEveryErrorResponse(t *testing.T) {
	doc := loadSpec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if method == http.MethodHead {
				continue
			}
			for code, r := range op.Responses.Map() {
				if code[0] != '4' && code[0] != '5' {
					continue
				}
				mt := r.Value.Content.Get("application/json")
				if mt == nil || mt.Schema.Ref != "#/components/schemas/Error" {
					t.Errorf("%s %s %s: want the Error body", method, path, code)
				}
			}
			for _, code := range []int{400, 429, 503} {
				if op.Responses.Status(code) == nil {
					t.Errorf("%s %s: no %d response", method, path, code)
				}
			}
		}
	}
}

func TestSpecConstraints(t *testing.T) {
	doc := loadSpec(t)
	s := doc.Components.Schemas
	cases := []struct {
		schema  string
		min     uint64
		max     *uint64
		pattern string
	}{
		{"Customer", 5, u(7), "^[0-9]{5}([A-Z]{2})?$"},
		{"DisplayName", 1, u(256), ""},
		{"GivenName", 1, u(128), ""},
		{"SurName", 1, u(128), ""},
		{"Department", 1, u(256), ""},
		{"Costcenter", 1, u(256), ""},
		{"Phone", 1, u(64), ""},
		{"Mobile", 1, u(64), ""},
		{"Language", 0, u(8), "^[a-z]{2}_[A-Z]{2}$"},
		{"Timezone", 1, u(32), ""},
		{"UserAddress", 0, u(256), ""},
		{"Domain", 0, u(128), ""},
		{"Password", 8, u(256), "^[a-zA-Z0-9@$!%*?&]*$"},
	}
	for _, c := range cases {
		v := s[c.schema].Value
		if v.MinLength != c.min || *v.MaxLength != *c.max {
			t.Errorf("%s: length %d..%d, want %d..%d", c.schema, v.MinLength, *v.MaxLength, c.min, *c.max)
		}
		if c.pattern != "" && v.Pattern != c.pattern {
			t.Errorf("%s: pattern %q, want %q", c.schema, v.Pattern, c.pattern)
		}
		if v.Pattern != "" && (!strings.HasPrefix(v.Pattern, "^") || !strings.HasSuffix(v.Pattern, "$")) {
			t.Errorf("%s: pattern %q is not anchored", c.schema, v.Pattern)
		}
	}
	for _, name := range []string{"Department", "Costcenter", "Phone", "Mobile", "FailoverGroups"} {
		if !s[name].Value.Nullable {
			t.Errorf("%s must be nullable", name)
		}
	}
	for _, name := range []string{"FailoverGroups", "GroupNames"} {
		if m := s[name].Value.MaxItems; m == nil || *m != 16 {
			t.Errorf("%s: maxItems must be 16", name)
		}
	}
	for _, name := range []string{"UserCreate", "UserUpdate", "UserPatch", "PasswordChange"} {
		ap := s[name].Value.AdditionalProperties
		if ap.Has == nil || *ap.Has {
			t.Errorf("%s must refuse unknown fields (additionalProperties: false)", name)
		}
	}
}

// The embedded spec in gen must be the same document as openapi.yaml: the drift check covers
// the Go code, this covers the copy the mock validates against.
func TestEmbeddedSpecMatchesFile(t *testing.T) {
	embedded, err := spec.GetSpec()
	if err != nil {
		t.Fatalf("gen.GetSpec: %v", err)
	}
	// oapi-codegen capitalises operation ids in the copy it embeds; nothing else may differ.
	for _, item := range embedded.Paths.Map() {
		for _, op := range item.Operations() {
			op.OperationID = strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
		}
	}
	file := loadSpec(t)
	a, _ := embedded.MarshalJSON()
	b, _ := file.MarshalJSON()
	if string(a) != string(b) {
		t.Fatal("the spec embedded in gen differs from openapi.yaml; run make generate")
	}
}

func u(v uint64) *uint64 { return &v }
