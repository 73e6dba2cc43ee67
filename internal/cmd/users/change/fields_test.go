package change

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdtest"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

func TestPatchSendsOnlyGivenFieldsAndNullForClear(t *testing.T) {
	fl := Fields{DisplayName: "Jane Q. Doe", Groups: []string{"emea", "germany"}}
	fl.SetGiven("display-name", "clear-phone", "group")
	patch, err := fl.Patch(nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(patch)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"displayName":"Jane Q. Doe","failoverGroups":["emea","germany"],"phone":null}`
	if string(data) != want {
		t.Errorf("patch %s, want %s", data, want)
	}
}

func TestPatchUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fl    Fields
		given []string
		want  []string
	}{
		{"nothing", Fields{}, nil, []string{"nothing to change"}},
		{"contradiction", Fields{Phone: "+49 1"}, []string{"phone", "clear-phone"},
			[]string{"--phone and --clear-phone contradict each other"}},
		{"groups contradiction", Fields{Groups: []string{"emea"}}, []string{"group", "clear-groups"},
			[]string{"--group and --clear-groups contradict each other"}},
		{"all problems at once", Fields{Language: "german", Timezone: "Mars/Olympus", Department: ""},
			[]string{"language", "timezone", "department"},
			[]string{"--language: \"german\" is not of the form ll_CC", "--timezone: ", "--department: must not be empty (--clear-department removes the value)"}},
		{"too many groups", Fields{Groups: strings.Split("a b c d e f g h i j k l m n o p q", " ")}, []string{"group"},
			[]string{"--group: 17 groups, at most 16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.fl.SetGiven(tc.given...)
			_, err := tc.fl.Patch(nil)
			if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage {
				t.Fatalf("error %v, want a usage error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCreateNeedsTheNames(t *testing.T) {
	fl := Fields{DisplayName: "Jane Doe"}
	fl.SetGiven("display-name")
	_, err := fl.Create("jane@example.com", nil)
	if cmdtest.MustExitCode(t, err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "a new user needs --given-name, --sur-name") {
		t.Errorf("error %v", err)
	}
}

func TestCreateWarnsAboutUndocumentedLanguage(t *testing.T) {
	fl := Fields{DisplayName: "Jane Doe", GivenName: "Jane", SurName: "Doe", Language: "it_IT", Department: "Sales"}
	fl.SetGiven("display-name", "given-name", "sur-name", "language", "department")
	var warnings []string
	u, err := fl.Create("jane@example.com", func(format string, args ...any) {
		warnings = append(warnings, fmt.Sprintf(format, args...))
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(u)
	want := `{"department":"Sales","displayName":"Jane Doe","givenName":"Jane","language":"it_IT","surName":"Doe","user":"jane@example.com"}`
	if string(data) != want {
		t.Errorf("user %s, want %s", data, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "--language it_IT is not one of the languages the vendor documents") {
		t.Errorf("warnings %q", warnings)
	}
}
