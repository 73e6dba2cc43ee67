package build

import (
	"runtime/debug"
	"strings"
	"testing"
)

func buildInfo(version string, settings ...debug.BuildSetting) func() (*debug.BuildInfo, bool) {
	return func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/ecctl/ecctl", Version: version}, Settings: settings}, true
	}
}

func noBuildInfo() (*debug.BuildInfo, bool) { return nil, false }

func TestInfo(t *testing.T) {
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef"}
	dirty := debug.BuildSetting{Key: "vcs.modified", Value: "true"}
	clean := debug.BuildSetting{Key: "vcs.modified", Value: "false"}
	tests := []struct {
		name                    string
		ldVersion, ldCommit     string
		read                    func() (*debug.BuildInfo, bool)
		wantVersion, wantCommit string
	}{
		{"ldflags win", "1.2.3", "abc", buildInfo("v9.9.9", rev), "1.2.3", "abc"},
		{"ldflags version, vcs commit", "1.2.3", "", buildInfo("v9.9.9", rev, clean), "1.2.3", "0123456789abcdef"},
		{"go install version", "", "", buildInfo("v1.4.0"), "v1.4.0", "unknown"},
		{"local build", "", "", buildInfo("(devel)", rev, dirty), "dev", "0123456789abcdef-dirty"},
		{"no build info", "", "", noBuildInfo, "dev", "unknown"},
		{"empty build info", "", "", buildInfo(""), "dev", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, c := info(tt.ldVersion, tt.ldCommit, tt.read)
			if v != tt.wantVersion || c != tt.wantCommit {
				t.Errorf("info() = %q, %q; want %q, %q", v, c, tt.wantVersion, tt.wantCommit)
			}
		})
	}
}

// The test binary carries real build info; Info and UserAgent must agree and
// never be empty.
func TestUserAgent(t *testing.T) {
	version, commit := Info()
	if version == "" || commit == "" {
		t.Fatalf("Info() = %q, %q; want both non-empty", version, commit)
	}
	ua := UserAgent()
	t.Logf("Info() = %s %s; User-Agent: %s", version, commit, ua)
	if ua != "ecctl/"+version {
		t.Errorf("UserAgent() = %q, want %q", ua, "ecctl/"+version)
	}
	if strings.ContainsAny(ua, " \t\r\n") {
		t.Errorf("UserAgent() = %q contains whitespace", ua)
	}
}
