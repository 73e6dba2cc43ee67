package validate

import (
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ecctl/ecctl/gen/spec"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := spec.GetSpec()
	if err != nil {
		t.Fatalf("loading the embedded spec: %v", err)
	}
	return doc
}

// loadSpecForFuzz returns the spec's component schemas by name.
func loadSpecForFuzz() (map[string]*openapi3.Schema, error) {
	doc, err := spec.GetSpec()
	if err != nil {
		return nil, err
	}
	schemas := make(map[string]*openapi3.Schema, len(doc.Components.Schemas))
	for name, ref := range doc.Components.Schemas {
		schemas[name] = ref.Value
	}
	return schemas, nil
}

func specSchema(t *testing.T, doc *openapi3.T, name string) *openapi3.Schema {
	t.Helper()
	ref, ok := doc.Components.Schemas[name]
	if !ok || ref.Value == nil {
		t.Fatalf("schema %s is not in the spec", name)
	}
	return ref.Value
}

// limit is what this package believes about one schema; zero values mean "no such constraint".
type limit struct {
	minLength uint64
	maxLength uint64 // 0 = unbounded
	pattern   string
	maxItems  uint64 // arrays only
	items     string // arrays only: the $ref'd item schema
}

var specLimits = map[string]limit{
	"Customer":       {minLength: customerMinLength, maxLength: customerMaxLength, pattern: customerPattern},
	"UserAddress":    {maxLength: userAddressMaxLength, pattern: userAddressPattern},
	"Domain":         {maxLength: domainMaxLength, pattern: domainPattern},
	"DisplayName":    {minLength: displayNameMinLength, maxLength: displayNameMaxLength},
	"GivenName":      {minLength: givenNameMinLength, maxLength: givenNameMaxLength},
	"SurName":        {minLength: surNameMinLength, maxLength: surNameMaxLength},
	"Language":       {maxLength: languageMaxLength, pattern: languagePattern},
	"Timezone":       {minLength: timezoneMinLength, maxLength: timezoneMaxLength, pattern: timezonePattern},
	"Department":     {minLength: departmentMinLength, maxLength: departmentMaxLength},
	"Costcenter":     {minLength: costcenterMinLength, maxLength: costcenterMaxLength},
	"Phone":          {minLength: phoneMinLength, maxLength: phoneMaxLength},
	"Mobile":         {minLength: mobileMinLength, maxLength: mobileMaxLength},
	"GroupName":      {minLength: groupNameMinLength},
	"FailoverGroups": {maxItems: MaxGroups, items: "GroupName"},
	"GroupNames":     {maxItems: MaxGroups, items: "GroupName"},
	"Password":       {minLength: passwordMinLength, maxLength: passwordMaxLength, pattern: passwordPattern},
}

// notValidatedHere are the spec's constrained schemas this package deliberately has no check
// for, with the reason.
var notValidatedHere = map[string]string{
	"UserPathValue": "a path value; NormalizeUser turns it into a UserAddress",
	"Flag":          "an enum of the generated gen.Flag constants",
}

func TestConstantsMatchSpec(t *testing.T) {
	doc := loadSpec(t)
	for name, want := range specLimits {
		s := specSchema(t, doc, name)
		var gotMax uint64
		if s.MaxLength != nil {
			gotMax = *s.MaxLength
		}
		if s.MinLength != want.minLength {
			t.Errorf("%s: minLength is %d in the spec, %d here", name, s.MinLength, want.minLength)
		}
		if gotMax != want.maxLength {
			t.Errorf("%s: maxLength is %d in the spec, %d here", name, gotMax, want.maxLength)
		}
		if s.Pattern != want.pattern {
			t.Errorf("%s: pattern is %q in the spec,\n%q here", name, s.Pattern, want.pattern)
		}
		var gotItems uint64
		if s.MaxItems != nil {
			gotItems = *s.MaxItems
		}
		if gotItems != want.maxItems {
			t.Errorf("%s: maxItems is %d in the spec, %d here", name, gotItems, want.maxItems)
		}
		if want.items != "" && (s.Items == nil || !strings.HasSuffix(s.Items.Ref, "/"+want.items)) {
			t.Errorf("%s: items should be $ref %s", name, want.items)
		}
	}
}

// TestEveryConstrainedSchemaIsCovered catches a constraint added to the spec without a check
// here.
func TestEveryConstrainedSchemaIsCovered(t *testing.T) {
	doc := loadSpec(t)
	for name, ref := range doc.Components.Schemas {
		s := ref.Value
		constrained := s.MinLength > 0 || s.MaxLength != nil || s.Pattern != "" || s.MaxItems != nil || len(s.Enum) > 0
		if !constrained {
			continue
		}
		_, covered := specLimits[name]
		_, exempt := notValidatedHere[name]
		if !covered && !exempt {
			t.Errorf("schema %s has constraints but no check in package validate", name)
		}
	}
}

// fieldSchemas maps the JSON field names this package reports to the schema each names.
var fieldSchemas = map[string]string{
	"user": "UserAddress", "displayName": "DisplayName", "givenName": "GivenName",
	"surName": "SurName", "language": "Language", "timezone": "Timezone",
	"department": "Department", "costcenter": "Costcenter", "phone": "Phone", "mobile": "Mobile",
	"failoverGroups": "FailoverGroups",
}

func TestFieldNamesMatchSpec(t *testing.T) {
	doc := loadSpec(t)
	for _, object := range []string{"UserCreate", "UserUpdate", "UserPatch", "User"} {
		for prop, ref := range specSchema(t, doc, object).Properties {
			want, ok := fieldSchemas[prop]
			if !ok {
				continue // customer, domain, status: read-only, checked by their own schema
			}
			if !strings.HasSuffix(ref.Ref, "/"+want) {
				t.Errorf("%s.%s refers to %q, this package checks it as %s", object, prop, ref.Ref, want)
			}
		}
	}
}

// TestAgreesWithSpecSchema runs the same values through this package and through kin-openapi's
// validation of the spec's schema: they must agree (Timezone and Language are compared only on
// values where the documented extra strictness does not apply).
func TestAgreesWithSpecSchema(t *testing.T) {
	doc := loadSpec(t)
	long := func(n int) string { return strings.Repeat("a", n) }
	languageCheck := func(s string) error { _, err := Language(s); return err }
	cases := []struct {
		schema string
		check  func(string) error
		values []string
	}{
		{"Customer", Customer, []string{"44444", "44444AB", "4444", "444444", "44444ab", "44444A", "44444ABC", "", "٤٤٤٤٤"}},
		{"UserAddress", UserAddress, []string{
			"customer@domain.com", "a.b+c@x-y.example.org", "a..b@x.com", ".a@x.com", "a@x", "a@-x.com",
			"a@x-.com", "a@x--y.com", "jane doe@x.com", "a@b@c.com", "jürgen@x.de", "@x.com", "a@",
			long(64) + "@" + long(187) + ".com", long(64) + "@" + long(188) + ".com", "",
		}},
		{"Domain", Domain, []string{"domain.com", "x-y.example.org", "localhost", "a_b.com", long(124) + ".com", long(125) + ".com"}},
		{"DisplayName", DisplayName, []string{"R. Meyer", "", "é", long(256), long(257), strings.Repeat("ü", 256), strings.Repeat("ü", 257)}},
		{"GivenName", GivenName, []string{"Robert", "", long(128), long(129)}},
		{"SurName", SurName, []string{"Meyer", "", long(128), long(129), strings.Repeat("😀", 128)}},
		{"Department", Department, []string{"Sales", "", long(256), long(257)}},
		{"Costcenter", Costcenter, []string{"01", "", long(256), long(257)}},
		{"Phone", Phone, []string{"+49 30 67242-33", "", long(64), long(65)}},
		{"Mobile", Mobile, []string{"+49 175 424222", "", long(64), long(65)}},
		{"GroupName", GroupName, []string{"emea", "", " ", long(1000)}},
		{"Language", languageCheck, []string{"de_DE", "it_IT", "xx_YY", "de-DE", "de_de", "de", "", "deu_DEU"}},
		{"Timezone", Timezone, []string{"Europe/Berlin", "Etc/GMT+11", "Africa/Asmera", "America/Argentina/ComodRivadavia", "", "Europe Berlin", "a/../b", long(33)}},
		{"Password", Password, []string{"Summer2026!x", "short1!", long(8), long(256), long(257), "with space1", "Passw0rd#"}},
	}
	for _, c := range cases {
		s := specSchema(t, doc, c.schema)
		for _, v := range c.values {
			ours := c.check(v)
			spec := s.VisitJSON(v)
			if (ours == nil) != (spec == nil) {
				t.Errorf("%s(%q): this package says %v, the spec's schema says %v", c.schema, v, ours, spec)
			}
		}
	}
	groups := make([]any, 17)
	for i := range groups {
		groups[i] = "g"
	}
	for _, n := range []int{0, 1, 16, 17} {
		values, strs := groups[:n], make([]string, n)
		for i := range strs {
			strs[i] = "g"
		}
		ours := Groups(strs)
		spec := specSchema(t, doc, "FailoverGroups").VisitJSON(values)
		if (ours == nil) != (spec == nil) {
			t.Errorf("Groups(%d names): this package says %v, the spec's schema says %v", n, ours, spec)
		}
	}
}

// TestStricterThanSpec pins down the values where this package is deliberately stricter than
// the spec's schema (see the package documentation).
func TestStricterThanSpec(t *testing.T) {
	doc := loadSpec(t)
	tz := specSchema(t, doc, "Timezone")
	for _, v := range []string{"Local", "Europe/Berln", "europe/berlin", "Mars/Olympus", "posixrules", "right/UTC"} {
		if err := tz.VisitJSON(v); err != nil {
			t.Errorf("spec refuses %q already (%v); the test case is pointless", v, err)
		}
		var fe *FieldError
		if err := Timezone(v); !errors.As(err, &fe) {
			t.Errorf("Timezone(%q) = %v, want a *FieldError", v, err)
		}
	}
}
