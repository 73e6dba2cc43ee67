// Package build reports which ecctl this is: version and commit, for
// `ecctl version` and the User-Agent header.
package build

import (
	"runtime/debug"
)

// Version and Commit are set at link time by release builds:
//
//	go build -ldflags "-X github.com/ecctl/ecctl/internal/build.Version=1.2.3 \
//	  -X github.com/ecctl/ecctl/internal/build.Commit=$(git rev-parse HEAD)"
//
// They are variables only because -X can set nothing else; nothing in the
// program assigns them. Left empty, Info falls back to what the Go toolchain
// recorded in the binary.
var (
	Version string
	Commit  string
)

// Info returns the version and commit of this binary. Link-time values win;
// otherwise the module version (set by `go install ...@v1.2.3`) and the VCS
// revision stamped by `go build` are used; failing both, "dev" and "unknown".
func Info() (version, commit string) {
	return info(Version, Commit, debug.ReadBuildInfo)
}

// UserAgent is the User-Agent header value sent to the API: ecctl/<version>.
func UserAgent() string {
	version, _ := Info()
	return "ecctl/" + version
}

func info(ldVersion, ldCommit string, readBuildInfo func() (*debug.BuildInfo, bool)) (version, commit string) {
	version, commit = ldVersion, ldCommit
	if version != "" && commit != "" {
		return version, commit
	}
	bi, ok := readBuildInfo()
	if ok {
		// "(devel)" is what the toolchain records for a build of the main
		// module without version information; it tells a user nothing.
		if version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		if commit == "" {
			commit = vcsRevision(bi.Settings)
		}
	}
	if version == "" {
		version = "dev"
	}
	if commit == "" {
		commit = "unknown"
	}
	return version, commit
}

// vcsRevision returns the commit recorded by `go build`, marked "-dirty" when
// the working tree had uncommitted changes, so a bug report says so.
func vcsRevision(settings []debug.BuildSetting) string {
	var revision string
	var modified bool
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision != "" && modified {
		revision += "-dirty"
	}
	return revision
}
