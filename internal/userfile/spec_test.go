package userfile

import (
	"slices"
	"testing"

	"github.com/ecctl/ecctl/gen/spec"
)

// TestFieldsMatchSpec ties the field table to openapi.yaml: every writable property is known
// with the right nullability, the read-only ones are ignored, and the required fields per mode
// are the spec's.
func TestFieldsMatchSpec(t *testing.T) {
	doc, err := spec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	schemas := doc.Components.Schemas
	for name, prop := range schemas["UserUpdate"].Value.Properties {
		var want kind
		switch {
		case prop.Value.Type.Is("array"):
			want = kindGroups
		case prop.Value.Nullable:
			want = kindNullable
		default:
			want = kindText
		}
		if got := kindOf(name); got != want {
			t.Errorf("field %s: kind %d, the spec says %d", name, got, want)
		}
	}
	for name := range schemas["User"].Value.Properties {
		if _, writable := schemas["UserUpdate"].Value.Properties[name]; !writable && kindOf(name) != kindIgnored {
			t.Errorf("read-only field %s must be accepted and ignored", name)
		}
	}
	for name := range schemas["UserStatus"].Value.Properties {
		if kindOf(name) != kindIgnored {
			t.Errorf("status column %s must be accepted and ignored", name)
		}
	}
	for _, m := range []struct {
		mode   Mode
		schema string
	}{{ModeCreate, "UserCreate"}, {ModeSync, "UserCreate"}, {ModeUpdate, "UserUpdate"}} {
		required := schemas[m.schema].Value.Required
		for name := range schemas[m.schema].Value.Properties {
			if got, want := m.mode.required(name), slices.Contains(required, name); got != want {
				t.Errorf("%s: required(%s) = %v, the spec's %s says %v", m.mode, name, got, m.schema, want)
			}
		}
	}
	if !ModeDelete.required("user") || ModeDelete.required("displayName") {
		t.Error("delete needs user and nothing else")
	}
	// Every writable column of -o csv is a property of UserUpdate, the rest are status flags.
	for _, c := range Columns {
		_, writable := schemas["UserUpdate"].Value.Properties[c]
		_, status := schemas["UserStatus"].Value.Properties[c]
		if writable == status {
			t.Errorf("column %s must be either writable or a status flag", c)
		}
	}
}
