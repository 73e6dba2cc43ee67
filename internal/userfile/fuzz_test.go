package userfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
	"github.com/ecctl/ecctl/internal/validate"
)

// FuzzRead reads arbitrary bytes in every mode: it must never panic, and what it accepts must
// hold up: at least one record, every address valid and unique ignoring case, the required
// fields present.
func FuzzRead(f *testing.F) {
	samples, _ := filepath.Glob("testdata/*.*")
	broken, _ := filepath.Glob("testdata/broken/*")
	for _, name := range append(samples, broken...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "[", "{", "\"", "[]", "[{}]", "{}", "\ufeff", "user\n", "user;x\n\"a;b\"", "a@b.co\n",
		"\"a@b.co\"\n{", "[\"a@b.co\",", "user\n\"x@y.de", "{\"user\":\"a@b.co\"}\n{\"user\":",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range []userfile.Mode{userfile.ModeCreate, userfile.ModeUpdate, userfile.ModeDelete, userfile.ModeSync} {
			recs, err := userfile.Read(strings.NewReader(string(data)), "fuzz", mode)
			if err != nil {
				var fe *userfile.Error
				if !errors.As(err, &fe) || len(fe.Problems) == 0 || recs != nil {
					t.Fatalf("%s: error %v (%T) with %d records", mode, err, err, len(recs))
				}
				_ = err.Error()
				continue
			}
			if len(recs) == 0 {
				t.Fatalf("%s: no records and no error", mode)
			}
			seen := map[string]bool{}
			for _, r := range recs {
				if err := validate.UserAddress(r.User.User); err != nil {
					t.Fatalf("%s: %s: accepted an invalid address: %v", mode, r.Pos, err)
				}
				key := strings.ToLower(r.User.User)
				if seen[key] {
					t.Fatalf("%s: %s: accepted a duplicate %q", mode, r.Pos, r.User.User)
				}
				seen[key] = true
				if r.Line < 1 || r.Pos == "" || !r.Fields["user"] {
					t.Fatalf("%s: record without a position or user field: %+v", mode, r)
				}
				if mode == userfile.ModeCreate || mode == userfile.ModeSync {
					if r.User.DisplayName == nil || r.User.GivenName == nil || r.User.SurName == nil {
						t.Fatalf("%s: %s: a required name is missing: %+v", mode, r.Pos, r.User)
					}
					_ = r.Create()
				}
				if mode == userfile.ModeDelete && len(r.Fields) != 1 {
					t.Fatalf("delete: %s: fields %v", r.Pos, r.Fields)
				}
			}
			_ = userfile.Warnings(recs)
		}
	})
}
