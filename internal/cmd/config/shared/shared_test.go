package shared

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/ecctl/ecctl/internal/cmdutil"
)

func TestEditError(t *testing.T) {
	tests := []struct {
		err  error
		code int
	}{
		{fmt.Errorf("writing config: %w", &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}), cmdutil.ExitFailure},
		{fmt.Errorf("writing config: %w", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: fs.ErrPermission}), cmdutil.ExitFailure},
		{errors.New(`unknown key "x"`), cmdutil.ExitUsage},
	}
	for _, tt := range tests {
		code := cmdutil.ExitFailure
		var exit *cmdutil.ExitError
		if errors.As(EditError(tt.err), &exit) {
			code = exit.Code
		}
		if code != tt.code {
			t.Errorf("EditError(%v): exit %d, want %d", tt.err, code, tt.code)
		}
	}
}

func TestSettableKeysLeaveOutThePassword(t *testing.T) {
	for _, k := range SettableKeys() {
		if k == "password" {
			t.Fatal("password is settable")
		}
	}
}
