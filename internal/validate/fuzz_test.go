package validate

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzNormalizeUser(f *testing.F) {
	for _, s := range []string{
		"jane@example.com", "jane%40example.com", "jane%2540example.com", "a%b@example.com",
		"x%40y%40z.com", "%", "%4", "%40", "@", "a@b.c", "jane.doe%2Btag%40example.com", "\xff@x.com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizeUser(in)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "user" || fe.Reason == "" {
				t.Fatalf("NormalizeUser(%q) error %#v is not a user *FieldError", in, err)
			}
			if out != "" {
				t.Fatalf("NormalizeUser(%q) = %q with an error", in, out)
			}
			return
		}
		if err := UserAddress(out); err != nil {
			t.Fatalf("NormalizeUser(%q) = %q, which UserAddress refuses: %v", in, out, err)
		}
		if strings.Contains(in, "@") && out != in {
			t.Fatalf("NormalizeUser(%q) = %q changed an address that had an @", in, out)
		}
		if again, err := NormalizeUser(out); err != nil || again != out {
			t.Fatalf("NormalizeUser is not idempotent: %q -> %q -> %q, %v", in, out, again, err)
		}
	})
}

// FuzzValidators checks every validator against the spec's own schema (kin-openapi): a value
// this package accepts must be valid for the spec, and the reverse holds except for the
// documented extra strictness (invalid UTF-8, Timezone's tz database check).
func FuzzValidators(f *testing.F) {
	for _, s := range []string{
		"", "44444", "44444AB", "customer@domain.com", "domain.com", "R. Meyer", "de_DE", "de-DE",
		"Europe/Berlin", "Etc/GMT+11", "Local", "europe/berlin", "Summer2026!x", "emea", "\xff",
		strings.Repeat("a", 257), "a/../b",
	} {
		f.Add(s)
	}
	doc, err := loadSpecForFuzz()
	if err != nil {
		f.Fatal(err)
	}
	type check struct {
		schema  string
		run     func(string) error
		field   string
		stricts bool // this package may refuse values the spec's schema accepts
	}
	checks := []check{
		{"Customer", Customer, "customer", false},
		{"UserAddress", UserAddress, "user", false},
		{"Domain", Domain, "domain", false},
		{"DisplayName", DisplayName, "displayName", false},
		{"GivenName", GivenName, "givenName", false},
		{"SurName", SurName, "surName", false},
		{"Department", Department, "department", false},
		{"Costcenter", Costcenter, "costcenter", false},
		{"Phone", Phone, "phone", false},
		{"Mobile", Mobile, "mobile", false},
		{"GroupName", GroupName, "group", false},
		{"Language", func(s string) error { _, err := Language(s); return err }, "language", false},
		{"Timezone", Timezone, "timezone", true},
		{"Password", Password, "password", false},
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, c := range checks {
			err := c.run(in)
			specErr := doc[c.schema].VisitJSON(in)
			if err != nil {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != c.field || fe.Reason == "" || err.Error() != c.field+": "+fe.Reason {
					t.Fatalf("%s(%q): malformed error %#v", c.schema, in, err)
				}
				if c.field == "password" && fe.Value != "" {
					t.Fatalf("Password error carries the value")
				}
			}
			if err == nil && specErr != nil {
				t.Fatalf("%s(%q) accepted a value the spec refuses: %v", c.schema, in, specErr)
			}
			if err != nil && specErr == nil && !c.stricts && utf8.ValidString(in) {
				t.Fatalf("%s(%q) refused a value the spec accepts: %v", c.schema, in, err)
			}
		}
		if Timezone(in) == nil {
			if _, err := time.LoadLocation(in); err != nil || in == "Local" {
				t.Fatalf("Timezone(%q) accepted a zone time.LoadLocation refuses: %v", in, err)
			}
		}
		g := strings.Split(in, ";")
		if err := Groups(g); (err == nil) != (len(g) <= MaxGroups && !strings.Contains(";"+in+";", ";;") && utf8.ValidString(in)) {
			t.Fatalf("Groups(%q) = %v", g, err)
		}
	})
}
