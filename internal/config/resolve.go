package config

import (
	"errors"
	"fmt"
	"strings"
)

// ErrProfileNotFound is wrapped by Resolve and Password when the profile was
// chosen explicitly (--profile, ECCTL_PROFILE) but is not in the file: a
// typo must not silently fall back to built-in defaults. Commands that
// create a profile (auth login, config set) write to it without resolving.
var ErrProfileNotFound = errors.New("profile not found")

// Settings are the resolved values of the non-secret settings.
type Settings struct {
	Profile  string
	Endpoint string
	Username string
	Customer string
	Output   string
	// Sources has an entry for "profile" and for each of endpoint,
	// username, customer and output.
	Sources map[string]Source
}

// Resolve applies flag > environment > profile > default to endpoint,
// username, customer and output and checks the values, naming where a bad
// one came from.
func (c *Config) Resolve() (Settings, error) {
	if err := c.requireProfile(); err != nil {
		return Settings{}, err
	}
	s := Settings{
		Profile: c.profile,
		Sources: map[string]Source{"profile": c.profileSource},
	}
	for _, key := range resolvedKeys {
		value, src := c.lookup(key)
		if src.Kind != SourceNone {
			v, err := normalizeValue(key, value)
			if err != nil {
				return Settings{}, fmt.Errorf("%w (from %s)%s", err, src, c.quoteHint(key, src))
			}
			value = v
		}
		s.Sources[key] = src
		switch key {
		case KeyEndpoint:
			s.Endpoint = value
		case KeyUsername:
			s.Username = value
		case KeyCustomer:
			s.Customer = value
		case KeyOutput:
			s.Output = value
		}
	}
	return s, nil
}

// lookup finds the winning value of key and its source.
func (c *Config) lookup(key string) (string, Source) {
	if v, ok := c.flagValue(key); ok {
		return v, Source{Kind: SourceFlag, Name: key}
	}
	if v := c.getenv(envVar(key)); v != "" {
		return v, Source{Kind: SourceEnv, Name: envVar(key)}
	}
	if v, ok := c.stored(key); ok {
		return v, c.profileKeySource()
	}
	switch key {
	case KeyEndpoint:
		return DefaultEndpoint, Source{Kind: SourceDefault}
	case KeyOutput:
		return DefaultOutput, Source{Kind: SourceDefault}
	}
	return "", Source{Kind: SourceNone}
}

func (c *Config) profileKeySource() Source {
	return Source{Kind: SourceProfile, Name: c.profile, Path: c.path}
}

// requireProfile fails when an explicitly chosen profile does not exist.
func (c *Config) requireProfile() error {
	if c.profileSource.Kind == SourceDefault || c.profileExists() {
		return nil
	}
	where := c.path
	if where == "" {
		where = "the config file"
	}
	known := c.Profiles()
	if len(known) == 0 {
		return fmt.Errorf("%w: %q (from %s) is not in %s, which has no profiles", ErrProfileNotFound, c.profile, c.profileSource, where)
	}
	return fmt.Errorf("%w: %q (from %s) is not in %s (profiles: %s)",
		ErrProfileNotFound, c.profile, c.profileSource, where, strings.Join(known, ", "))
}

// quoteHint explains the YAML trap behind a customer that lost its leading
// zero or letters: `customer: 04444` is a number to YAML.
func (c *Config) quoteHint(key string, src Source) string {
	if key != KeyCustomer || src.Kind != SourceProfile {
		return ""
	}
	if _, isString := c.file.Get("profiles." + c.profile + "." + key).(string); isString {
		return ""
	}
	return `; quote it in the file: customer: "04444"`
}
