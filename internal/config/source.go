package config

import "fmt"

// SourceKind says which layer a setting came from.
type SourceKind int

// The layers a setting can come from, lowest precedence first.
const (
	SourceNone            SourceKind = iota // not set anywhere
	SourceDefault                           // built-in default
	SourceProfile                           // a key of the profile in the config file
	SourcePasswordCommand                   // the profile's password-command (password only)
	SourceEnv                               // an ECCTL_* environment variable
	SourceFlag                              // a command-line flag
)

// Source says where a setting came from, for `ecctl auth status` and for
// error messages. It never holds the value itself.
type Source struct {
	Kind SourceKind
	// Name is the flag name (without dashes), the environment variable or the
	// profile, depending on Kind.
	Name string
	// Path is the config file, for SourceProfile.
	Path string
}

// String renders the source the way a user would look for it:
// `flag --endpoint`, `env ECCTL_ENDPOINT`, `profile "default" (/path)`,
// `password-command of profile "default"`, `default` or `not set`.
func (s Source) String() string {
	switch s.Kind {
	case SourceFlag:
		return "flag --" + s.Name
	case SourceEnv:
		return "env " + s.Name
	case SourceProfile:
		return fmt.Sprintf("profile %q (%s)", s.Name, s.Path)
	case SourcePasswordCommand:
		return fmt.Sprintf("password-command of profile %q", s.Name)
	case SourceDefault:
		return "default"
	default:
		return "not set"
	}
}
