package change

import (
	"errors"
	"fmt"
	"strings"

	"github.com/oapi-codegen/nullable"
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/validate"
)

// Fields are the field flags of one user (--display-name ... --group) and, for update, the
// --clear-X flags that send null.
type Fields struct {
	DisplayName, GivenName, SurName string
	Language, Timezone              string
	Department, Costcenter          string
	Phone, Mobile                   string
	Groups                          []string

	ClearDepartment, ClearCostcenter, ClearPhone, ClearMobile, ClearGroups bool

	// given holds the names of the flags given on the command line (see Capture).
	given map[string]bool
}

// fieldFlag ties a flag to its API field and, for nullable fields, its --clear flag.
type fieldFlag struct {
	flag, field, clear string
}

var fieldFlags = []fieldFlag{
	{"display-name", "displayName", ""},
	{"given-name", "givenName", ""},
	{"sur-name", "surName", ""},
	{"language", "language", ""},
	{"timezone", "timezone", ""},
	{"department", "department", "clear-department"},
	{"cost-center", "costcenter", "clear-cost-center"},
	{"phone", "phone", "clear-phone"},
	{"mobile", "mobile", "clear-mobile"},
	{"group", "failoverGroups", "clear-groups"},
}

// AddFieldFlags registers the field flags on cmd, and the --clear-X flags when withClear.
func AddFieldFlags(cmd *cobra.Command, fl *Fields, withClear bool) {
	f := cmd.Flags()
	f.StringVar(&fl.DisplayName, "display-name", "", "display name (1-256 characters)")
	f.StringVar(&fl.GivenName, "given-name", "", "given name (1-128 characters)")
	f.StringVar(&fl.SurName, "sur-name", "", "surname (1-128 characters)")
	f.StringVar(&fl.Language, "language", "", "language, ll_CC such as de_DE")
	f.StringVar(&fl.Timezone, "timezone", "", "time zone, an IANA name such as Europe/Berlin")
	f.StringVar(&fl.Department, "department", "", "department (1-256 characters)")
	f.StringVar(&fl.Costcenter, "cost-center", "", "cost center (1-256 characters)")
	f.StringVar(&fl.Phone, "phone", "", "phone number (1-64 characters)")
	f.StringVar(&fl.Mobile, "mobile", "", "mobile number (1-64 characters)")
	if withClear {
		cmdutil.AddGroupFlag(cmd, &fl.Groups, "failover `GROUP` (repeatable, at most 16; replaces the user's groups)")
		f.BoolVar(&fl.ClearDepartment, "clear-department", false, "remove the department")
		f.BoolVar(&fl.ClearCostcenter, "clear-cost-center", false, "remove the cost center")
		f.BoolVar(&fl.ClearPhone, "clear-phone", false, "remove the phone number")
		f.BoolVar(&fl.ClearMobile, "clear-mobile", false, "remove the mobile number")
		f.BoolVar(&fl.ClearGroups, "clear-groups", false, "remove the user from all failover groups")
	} else {
		cmdutil.AddGroupFlag(cmd, &fl.Groups, "failover `GROUP` (repeatable, at most 16)")
	}
	_ = cmd.RegisterFlagCompletionFunc("language", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return validate.Languages, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("timezone", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return validate.Timezones(), cobra.ShellCompDirectiveNoFileComp
	})
	for _, ff := range fieldFlags {
		if ff.flag == "language" || ff.flag == "timezone" {
			continue
		}
		_ = cmd.RegisterFlagCompletionFunc(ff.flag, NoArgCompletion)
	}
}

// Capture records which field flags were given. A --clear-X flag counts only when true
// (--clear-phone=false asks for nothing). Call it in RunE, before run.
func (fl *Fields) Capture(cmd *cobra.Command) {
	fl.given = map[string]bool{}
	flags := cmd.Flags()
	for _, ff := range fieldFlags {
		if flags.Changed(ff.flag) {
			fl.given[ff.flag] = true
		}
		if ff.clear != "" && flags.Lookup(ff.clear) != nil && flags.Changed(ff.clear) {
			if on, err := flags.GetBool(ff.clear); err == nil && on {
				fl.given[ff.clear] = true
			}
		}
	}
}

// SetGiven marks flags as given (names without "--"), for tests that build Fields without
// cobra. A --clear-X name given here counts as true.
func (fl *Fields) SetGiven(names ...string) {
	if fl.given == nil {
		fl.given = map[string]bool{}
	}
	for _, n := range names {
		fl.given[n] = true
	}
}

// Given lists the field flags given, as --name, in the order of the help.
func (fl *Fields) Given() []string {
	var names []string
	for _, ff := range fieldFlags {
		for _, name := range []string{ff.flag, ff.clear} {
			if name != "" && fl.given[name] {
				names = append(names, "--"+name)
			}
		}
	}
	return names
}

// problems collects everything wrong with the flags, so that one run reports all of it.
type problems []string

func (p *problems) check(flag string, err error) {
	if err == nil {
		return
	}
	var fe *validate.FieldError
	if errors.As(err, &fe) {
		*p = append(*p, fmt.Sprintf("--%s: %s", flag, fe.Reason))
		return
	}
	*p = append(*p, fmt.Sprintf("--%s: %v", flag, err))
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return cmdutil.UsageErrorf("%s", strings.Join(p, "\n"))
}

// Create is the new user the flags describe (users create USER). The three names are
// required. warn receives a note about a language the vendor does not document.
func (fl *Fields) Create(user string, warn func(format string, args ...any)) (gen.UserCreate, error) {
	var p problems
	var missing []string
	for _, name := range []string{"display-name", "given-name", "sur-name"} {
		if !fl.given[name] {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		p = append(p, fmt.Sprintf("a new user needs %s", strings.Join(missing, ", ")))
	}
	u := gen.UserCreate{User: user, DisplayName: fl.DisplayName, GivenName: fl.GivenName, SurName: fl.SurName}
	fl.checkNames(&p)
	u.Language, u.Timezone = fl.place(&p, warn)
	u.Department = fl.text(&p, "department", fl.Department, validate.Department)
	u.Costcenter = fl.text(&p, "cost-center", fl.Costcenter, validate.Costcenter)
	u.Phone = fl.text(&p, "phone", fl.Phone, validate.Phone)
	u.Mobile = fl.text(&p, "mobile", fl.Mobile, validate.Mobile)
	u.FailoverGroups = fl.groups(&p)
	return u, p.err()
}

// Patch is the change the flags describe (users update USER): a flag not given is absent,
// --clear-X is null. A flag together with its --clear-X, or no change at all, is a usage error.
func (fl *Fields) Patch(warn func(format string, args ...any)) (gen.UserPatch, error) {
	var p problems
	if len(fl.Given()) == 0 {
		return gen.UserPatch{}, cmdutil.UsageErrorf("nothing to change: give at least one field flag (--display-name, --department, --clear-phone, ...) or -f FILE")
	}
	for _, ff := range fieldFlags {
		if ff.clear != "" && fl.given[ff.flag] && fl.given[ff.clear] {
			p = append(p, fmt.Sprintf("--%s and --%s contradict each other: give one", ff.flag, ff.clear))
		}
	}
	var patch gen.UserPatch
	fl.checkNames(&p)
	if fl.given["display-name"] {
		patch.DisplayName = &fl.DisplayName
	}
	if fl.given["given-name"] {
		patch.GivenName = &fl.GivenName
	}
	if fl.given["sur-name"] {
		patch.SurName = &fl.SurName
	}
	patch.Language, patch.Timezone = fl.place(&p, warn)
	patch.Department = fl.clearable(&p, "department", fl.Department, validate.Department)
	patch.Costcenter = fl.clearable(&p, "cost-center", fl.Costcenter, validate.Costcenter)
	patch.Phone = fl.clearable(&p, "phone", fl.Phone, validate.Phone)
	patch.Mobile = fl.clearable(&p, "mobile", fl.Mobile, validate.Mobile)
	if fl.given["clear-groups"] {
		patch.FailoverGroups = nullable.NewNullNullable[[]string]()
	} else {
		patch.FailoverGroups = fl.groups(&p)
	}
	return patch, p.err()
}

func (fl *Fields) checkNames(p *problems) {
	if fl.given["display-name"] {
		p.check("display-name", validate.DisplayName(fl.DisplayName))
	}
	if fl.given["given-name"] {
		p.check("given-name", validate.GivenName(fl.GivenName))
	}
	if fl.given["sur-name"] {
		p.check("sur-name", validate.SurName(fl.SurName))
	}
}

// place checks --language and --timezone; an absent flag stays absent (the service's default
// on create, unchanged on update).
func (fl *Fields) place(p *problems, warn func(string, ...any)) (language, timezone *string) {
	if fl.given["language"] {
		documented, err := validate.Language(fl.Language)
		p.check("language", err)
		if err == nil && !documented && warn != nil {
			warn("--language %s is not one of the languages the vendor documents (%s); the service may refuse it",
				fl.Language, strings.Join(validate.Languages, " "))
		}
		language = &fl.Language
	}
	if fl.given["timezone"] {
		p.check("timezone", validate.Timezone(fl.Timezone))
		timezone = &fl.Timezone
	}
	return language, timezone
}

// text is an optional nullable field of a new user: absent unless given.
func (fl *Fields) text(p *problems, flag, value string, check func(string) error) nullable.Nullable[string] {
	if !fl.given[flag] {
		return nil
	}
	p.check(flag, check(value))
	return nullable.NewNullableWithValue(value)
}

// clearable is a nullable field of a change: absent, a value, or null with --clear-X.
func (fl *Fields) clearable(p *problems, flag, value string, check func(string) error) nullable.Nullable[string] {
	clearFlag := "clear-" + flag
	switch {
	case fl.given[clearFlag]:
		return nullable.NewNullNullable[string]()
	case !fl.given[flag]:
		return nil
	case value == "":
		*p = append(*p, fmt.Sprintf("--%s: must not be empty (--%s removes the value)", flag, clearFlag))
		return nil
	}
	p.check(flag, check(value))
	return nullable.NewNullableWithValue(value)
}

func (fl *Fields) groups(p *problems) nullable.Nullable[[]string] {
	if !fl.given["group"] {
		return nil
	}
	p.check("group", validate.Groups(fl.Groups))
	return nullable.NewNullableWithValue(append([]string(nil), fl.Groups...))
}
