package mock

import (
	"context"
	"slices"
	"strings"
	"testing"

	genspec "github.com/ecctl/ecctl/gen/spec"
)

// The few constants the mock keeps outside the spec must equal the spec's.
func TestSpecConstants(t *testing.T) {
	doc, err := genspec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = nil
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the embedded spec does not validate: %v", err)
	}
	if got := doc.Components.Schemas["Customer"].Value.Pattern; got != customerPattern.String() {
		t.Errorf("Customer pattern %q, mock uses %q", got, customerPattern)
	}
	size := doc.Components.Parameters["Size"].Value.Schema.Value.Default
	if size != float64(defaultPageSize) {
		t.Errorf("Size default %v, mock uses %d", size, defaultPageSize)
	}
	if flags := doc.Components.Schemas["Flag"].Value.Enum; !slices.Equal(flags, []any{"failover", "access"}) {
		t.Errorf("Flag enum %v: the mock knows failover and access", flags)
	}
}

// Every operation of the spec has a route the generated ServeMux dispatches to.
func TestEveryOperationIsRouted(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.spec.list) != 16 {
		t.Errorf("%d operations, want 16", len(s.spec.list))
	}
	for _, rt := range s.spec.list {
		// The embedded spec carries the operation ids capitalised (CreateUsers).
		if !rt.auth != strings.EqualFold(rt.kin.Operation.OperationID, "setPassword") {
			t.Errorf("%s: auth %v", rt.kin.Operation.OperationID, rt.auth)
		}
	}
	var bulk []string
	for _, rt := range s.spec.list {
		if rt.bulk {
			bulk = append(bulk, rt.kin.Operation.OperationID)
		}
	}
	slices.Sort(bulk)
	if !slices.Equal(bulk, []string{"CreateUsers", "DeleteUsers", "UpdateUsers"}) {
		t.Errorf("bulk operations %v", bulk)
	}
}
