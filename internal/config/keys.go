package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Keys of a profile.
const (
	KeyEndpoint        = "endpoint"
	KeyUsername        = "username"
	KeyCustomer        = "customer"
	KeyOutput          = "output"
	KeyPasswordCommand = "password-command"
	KeyPassword        = "password"
)

// Defaults.
const (
	DefaultProfile  = "default"
	DefaultEndpoint = "https://api.retarus.com/email/continuity/v2/"
	DefaultOutput   = "table"
)

// maskedPassword stands in for a stored password wherever keys are shown.
const maskedPassword = "********"

// resolvedKeys are the settings with the full flag > env > profile > default
// chain, in the order `auth status` shows them.
var resolvedKeys = []string{KeyEndpoint, KeyUsername, KeyCustomer, KeyOutput}

// profileKeys are all keys a profile may hold, in the order List shows them.
var profileKeys = []string{KeyEndpoint, KeyUsername, KeyCustomer, KeyOutput, KeyPasswordCommand, KeyPassword}

// outputFormats mirrors internal/output's formats; config may not import
// output (it sits beside it), and a format the printer does not know is
// still caught there.
var outputFormats = []string{"table", "json", "jsonl", "yaml", "csv"}

// customerPattern is the API's CUSTOMER parameter pattern (openapi.yaml). The patterns are
// compiled on first use: every command pays for what happens at start-up.
var customerPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{5}([A-Z]{2})?$`) })

// profileNamePattern keeps names usable as viper key segments (no '.') and
// in shells without quoting.
var profileNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`) })

// Keys lists the keys `config get|set|unset` accept, for completion.
func Keys() []string {
	return slices.Clone(profileKeys)
}

// envVar is the environment variable that overrides key.
func envVar(key string) string {
	return "ECCTL_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// canonicalKey lower-cases key and checks that it is a profile key.
func canonicalKey(key string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(key))
	if !slices.Contains(profileKeys, k) {
		return "", fmt.Errorf("unknown key %q (keys: %s)", key, strings.Join(profileKeys, ", "))
	}
	return k, nil
}

// normalizeValue checks a value for key and returns it in stored form
// (output formats lower-cased). The password is never checked here: it is
// not set through this path and must not appear in an error.
func normalizeValue(key, value string) (string, error) {
	switch key {
	case KeyEndpoint:
		return value, validateEndpoint(value)
	case KeyOutput:
		v := strings.ToLower(value)
		if !slices.Contains(outputFormats, v) {
			return "", fmt.Errorf("output %q: must be one of %s", value, strings.Join(outputFormats, ", "))
		}
		return v, nil
	case KeyCustomer:
		if !customerPattern().MatchString(value) {
			return "", fmt.Errorf("customer %q: must be five digits, optionally followed by two upper-case letters (44444, 44444DE)", value)
		}
		return value, nil
	case KeyUsername, KeyPasswordCommand:
		if strings.TrimSpace(value) == "" {
			return "", fmt.Errorf("%s must not be empty", key)
		}
		return value, nil
	}
	return value, nil
}

func validateEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("endpoint %q: must be an absolute http:// or https:// URL", redactURL(endpoint))
	}
	if u.User != nil {
		// The URL would be shown by `auth status` and in debug traces.
		return fmt.Errorf("endpoint %q: must not contain credentials; use username and ECCTL_PASSWORD", redactURL(endpoint))
	}
	return nil
}

// redactURL hides a password typed into a URL before it is quoted in an
// error. Unparseable input is shown as is: it cannot be a URL with userinfo.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, hasPassword := u.User.Password(); hasPassword {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// canonicalProfile lower-cases a profile name and checks it.
func canonicalProfile(name string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(name))
	if !profileNamePattern().MatchString(p) {
		return "", fmt.Errorf("invalid profile name %q: use letters, digits, '-' and '_'", name)
	}
	return p, nil
}
