package validate_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ecctl/ecctl/internal/validate"
)

// errText is "" for nil, else err.Error(); it also checks that every error is a *FieldError.
func errText(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var fe *validate.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is a %T, want *validate.FieldError", err, err)
	}
	return err.Error()
}

func TestCustomer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"44444", ""},
		{"44444AB", ""},
		{"", "customer: must not be empty"},
		{"4444", `customer: "4444" is not a customer number (five digits and an optional two-letter upper-case suffix, such as 44444 or 44444AB)`},
		{"44444ab", `customer: "44444ab" is not a customer number (five digits and an optional two-letter upper-case suffix, such as 44444 or 44444AB)`},
		{"44444\n", `customer: "44444\n" is not a customer number (five digits and an optional two-letter upper-case suffix, such as 44444 or 44444AB)`},
	}
	for _, tt := range tests {
		if got := errText(t, validate.Customer(tt.in)); got != tt.want {
			t.Errorf("Customer(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestUserAddress(t *testing.T) {
	tests := []struct{ in, want string }{
		{"customer@domain.com", ""},
		{"first.last+tag@mail.example-group.co.uk", ""},
		{"o'brien@example.com", ""},
		{"100%off@example.com", ""},
		{"", "user: must not be empty"},
		{"jane.example.com", `user: "jane.example.com" is not an e-mail address: it has no "@"`},
		{"jane@doe@example.com", `user: "jane@doe@example.com" is not an e-mail address: it has more than one "@"`},
		{"jane @example.com", `user: "jane @example.com" is not an e-mail address: it contains a space`},
		{"jane@example.com\t", `user: "jane@example.com\t" is not an e-mail address: it contains white space ('\t')`},
		{"@example.com", `user: "@example.com" is not an e-mail address: nothing before the "@"`},
		{"jane@", `user: "jane@" is not an e-mail address: nothing after the "@"`},
		{"jane..doe@example.com", "user: \"jane..doe@example.com\" is not an e-mail address: \"jane..doe\" before the \"@\" may only hold letters a-z, digits and !#$%&'*+/=?^_`{|}~- in pieces separated by single dots"},
		{"jürgen@example.de", "user: \"jürgen@example.de\" is not an e-mail address: \"jürgen\" before the \"@\" may only hold letters a-z, digits and !#$%&'*+/=?^_`{|}~- in pieces separated by single dots"},
		{"jane@localhost", `user: "jane@localhost" is not an e-mail address: "localhost" after the "@" is not a domain name (labels of letters a-z, digits and inner hyphens, at least two, separated by dots, such as example.com)`},
		{"jane@-example.com", `user: "jane@-example.com" is not an e-mail address: "-example.com" after the "@" is not a domain name (labels of letters a-z, digits and inner hyphens, at least two, separated by dots, such as example.com)`},
		{"jane%40example.com", `user: "jane%40example.com" is not an e-mail address: it has no "@"`},
		{"j\xffane@example.com", `user: "j\xffane@example.com" is not valid UTF-8 text`},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 189) + ".de", `user: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... has 257 characters, at most 256`},
	}
	for _, tt := range tests {
		if got := errText(t, validate.UserAddress(tt.in)); got != tt.want {
			t.Errorf("UserAddress(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeUser(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"jane@example.com", "jane@example.com", ""},
		{"jane%40example.com", "jane@example.com", ""},
		{"Jane.Doe%40Example.COM", "Jane.Doe@Example.COM", ""},
		{"jane.doe%2Btag%40example.com", "jane.doe+tag@example.com", ""},
		// A literal "@" means the value is not percent-encoded; "%" is a legal local-part character.
		{"100%25off@example.com", "100%25off@example.com", ""},
		{"a%b@example.com", "a%b@example.com", ""},
		// Decoded once only: %2540 is %40 after one decoding, never "@".
		{"jane%2540example.com", "", `user: "jane%40example.com" is not an e-mail address: it has no "@" (percent-decoded once from "jane%2540example.com")`},
		{"x%40y%40example.com", "", `user: "x@y@example.com" is not an e-mail address: it has more than one "@" (percent-decoded once from "x%40y%40example.com")`},
		{"jane%zzexample.com", "", `user: "jane%zzexample.com" is not an e-mail address: it has no "@"`},
		{"", "", "user: must not be empty"},
	}
	for _, tt := range tests {
		got, err := validate.NormalizeUser(tt.in)
		if gotErr := errText(t, err); got != tt.want || gotErr != tt.wantErr {
			t.Errorf("NormalizeUser(%q) = %q, %s\nwant %q, %s", tt.in, got, gotErr, tt.want, tt.wantErr)
		}
	}
}

func TestDomain(t *testing.T) {
	if err := validate.Domain("domain.com"); err != nil {
		t.Errorf("Domain(domain.com) = %v", err)
	}
	want := `domain: "domain" is not a domain name (labels of letters a-z, digits and inner hyphens, at least two, separated by dots, such as example.com)`
	if got := errText(t, validate.Domain("domain")); got != want {
		t.Errorf("Domain(domain)\n got %s\nwant %s", got, want)
	}
}

func TestTextFields(t *testing.T) {
	tests := []struct {
		check    func(string) error
		in, want string
	}{
		{validate.DisplayName, "R. Meyer", ""},
		{validate.DisplayName, "", "displayName: must not be empty"},
		{validate.DisplayName, strings.Repeat("ä", 256), ""},
		{validate.DisplayName, strings.Repeat("x", 300), `displayName: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... has 300 characters, at most 256`},
		{validate.GivenName, "", "givenName: must not be empty"},
		{validate.GivenName, strings.Repeat("x", 129), `givenName: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... has 129 characters, at most 128`},
		{validate.SurName, "M\xfcller", `surName: "M\xfcller" is not valid UTF-8 text`},
		{validate.SurName, "Müller", ""},
		{validate.Department, "", "department: must not be empty"},
		{validate.Costcenter, "01", ""},
		{validate.Phone, "+49 30 67242-33", ""},
		{validate.Phone, strings.Repeat("1", 65), `phone: "` + strings.Repeat("1", 60) + `"... has 65 characters, at most 64`},
		{validate.Mobile, "", "mobile: must not be empty"},
		{validate.GroupName, "emea", ""},
		{validate.GroupName, "", "group: must not be empty"},
	}
	for _, tt := range tests {
		if got := errText(t, tt.check(tt.in)); got != tt.want {
			t.Errorf("check(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		in         string
		documented bool
		want       string
	}{
		{"de_DE", true, ""},
		{"hu_HU", true, ""},
		{"it_IT", false, ""},
		{"", false, "language: must not be empty"},
		{"xx", false, `language: "xx" is not of the form ll_CC (language_COUNTRY, such as de_DE)`},
		{"de-DE", false, `language: "de-DE" is not of the form ll_CC (language_COUNTRY, such as de_DE); did you mean "de_DE"?`},
		{"DE_de", false, `language: "DE_de" is not of the form ll_CC (language_COUNTRY, such as de_DE); did you mean "de_DE"?`},
		{"deu_DEU", false, `language: "deu_DEU" is not of the form ll_CC (language_COUNTRY, such as de_DE)`},
		{"german", false, `language: "german" is not of the form ll_CC (language_COUNTRY, such as de_DE)`},
	}
	for _, tt := range tests {
		documented, err := validate.Language(tt.in)
		if got := errText(t, err); got != tt.want || documented != tt.documented {
			t.Errorf("Language(%q) = %v, %s\nwant %v, %s", tt.in, documented, got, tt.documented, tt.want)
		}
	}
	for _, l := range validate.Languages {
		if documented, err := validate.Language(l); err != nil || !documented {
			t.Errorf("Language(%q) = %v, %v; every documented language must be valid and documented", l, documented, err)
		}
	}
	if len(validate.Languages) != 10 {
		t.Errorf("the vendor documents ten languages, Languages has %d", len(validate.Languages))
	}
}

func TestTimezone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Europe/Berlin", ""},
		{"Etc/GMT+11", ""},
		{"Etc/GMT-14", ""},
		{"Africa/Asmera", ""},
		{"Africa/Asmara", ""},
		{"America/Argentina/ComodRivadavia", ""}, // 32 characters, the longest zone name
		{"America/Indiana/Indianapolis", ""},
		{"US/Pacific", ""},
		{"UTC", ""},
		{"", "timezone: must not be empty"},
		{"Europe/Berln", `timezone: "Europe/Berln" is not an IANA time zone (such as Europe/Berlin)`},
		{"europe/berlin", `timezone: "europe/berlin" is not an IANA time zone; did you mean "Europe/Berlin"?`},
		{"Local", `timezone: "Local" is not an IANA time zone (such as Europe/Berlin)`},
		{"Europe/../etc/passwd", `timezone: "Europe/../etc/passwd" is not an IANA time zone (such as Europe/Berlin)`},
		{"/etc/localtime", `timezone: "/etc/localtime" is not an IANA time zone (such as Europe/Berlin)`},
		{"CEST", `timezone: "CEST" is not an IANA time zone (such as Europe/Berlin)`},
		{"America/Argentina/ComodRivadaviaX", `timezone: "America/Argentina/ComodRivadaviaX" has 33 characters, at most 32`},
		// Files of a Linux zoneinfo directory that time.LoadLocation would load on that machine only.
		{"localtime", `timezone: "localtime" is not an IANA time zone (such as Europe/Berlin)`},
		{"posixrules", `timezone: "posixrules" is not an IANA time zone (such as Europe/Berlin)`},
		{"posix/Europe/Berlin", `timezone: "posix/Europe/Berlin" is not an IANA time zone (such as Europe/Berlin)`},
		{"right/UTC", `timezone: "right/UTC" is not an IANA time zone (such as Europe/Berlin)`},
	}
	for _, tt := range tests {
		if got := errText(t, validate.Timezone(tt.in)); got != tt.want {
			t.Errorf("Timezone(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestTimezonesListLoadable(t *testing.T) {
	zones := validate.Timezones()
	if len(zones) < 400 {
		t.Fatalf("Timezones() lists %d zones; the tz database has about 600", len(zones))
	}
	for i, z := range zones {
		if i > 0 && zones[i-1] >= z {
			t.Errorf("Timezones() not sorted or not unique at %q, %q", zones[i-1], z)
		}
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("listed zone %q does not load: %v", z, err)
		}
		if err := validate.Timezone(z); err != nil {
			t.Errorf("listed zone %q is refused: %v", z, err)
		}
	}
	for _, want := range []string{"Europe/Berlin", "Africa/Asmera", "Etc/GMT+11", "America/Argentina/ComodRivadavia"} {
		found := false
		for _, z := range zones {
			found = found || z == want
		}
		if !found {
			t.Errorf("Timezones() lacks %s", want)
		}
	}
	zones[0] = "changed"
	if validate.Timezones()[0] == "changed" {
		t.Error("Timezones() returns shared state")
	}
}

func TestGroups(t *testing.T) {
	many := func(n int) []string {
		g := make([]string, n)
		for i := range g {
			g[i] = "g"
		}
		return g
	}
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"emea", "germany"}, ""},
		{many(16), ""},
		{many(17), "failoverGroups: 17 groups, at most 16"},
		{[]string{"emea", ""}, "failoverGroups: group 2 is empty"},
		{[]string{"emea", "b\xffd"}, `failoverGroups: group 2 ("b\xffd") is not valid UTF-8 text`},
	}
	for _, tt := range tests {
		if got := errText(t, validate.Groups(tt.in)); got != tt.want {
			t.Errorf("Groups(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	if got := errText(t, validate.GroupFilter(many(17))); got != "group: 17 groups, at most 16" {
		t.Errorf("GroupFilter(17 groups) = %s", got)
	}
}

func TestPasswordNeverEchoed(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Summer2026!x", ""},
		{"aB3$aB3$", ""},
		{"Sh0rt!", "password: too short: 6 characters, at least 8"},
		{strings.Repeat("Ab1!", 65), "password: too long: 260 characters, at most 256"},
		{"Secret word 1", "password: may only contain letters a-z and A-Z, digits and the characters @$!%*?& (no spaces, no accented letters)"},
		{"Pässwort123", "password: may only contain letters a-z and A-Z, digits and the characters @$!%*?& (no spaces, no accented letters)"},
	}
	for _, tt := range tests {
		err := validate.Password(tt.in)
		if got := errText(t, err); got != tt.want {
			t.Errorf("Password(...)\n got %s\nwant %s", got, tt.want)
		}
		var fe *validate.FieldError
		if errors.As(err, &fe) {
			if fe.Value != "" || strings.Contains(err.Error(), tt.in) {
				t.Errorf("the error for a password reveals it: %+v", fe)
			}
		}
	}
}

func TestFieldErrorCarriesValue(t *testing.T) {
	var fe *validate.FieldError
	if !errors.As(validate.Timezone("Europe/Berln"), &fe) {
		t.Fatal("want a *FieldError")
	}
	if fe.Field != "timezone" || fe.Value != "Europe/Berln" {
		t.Errorf("FieldError = %+v", fe)
	}
}

func TestGroupFilterRefusesCommas(t *testing.T) {
	err := validate.GroupFilter([]string{"emea", "emea,germany"})
	if err == nil || !strings.Contains(err.Error(), "comma") || !strings.HasPrefix(err.Error(), "group: ") {
		t.Fatalf("GroupFilter with a comma = %v, want a group error about the comma", err)
	}
	if err := validate.Groups([]string{"a,b"}); err != nil {
		t.Fatalf("Groups (a user's membership) = %v; only filters refuse commas", err)
	}
}
