package config

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// KeyValue is one key of a profile as List shows it.
type KeyValue struct {
	Key   string
	Value string
}

// Get returns a key of the selected profile as stored in the file ("" when
// unset); flags and environment do not apply (Resolve has those). A stored
// password is shown as ********.
func (c *Config) Get(key string) (string, error) {
	k, err := canonicalKey(key)
	if err != nil {
		return "", err
	}
	v, ok := c.storedIn(c.profile, k)
	if k == KeyPassword && ok {
		return maskedPassword, nil
	}
	return v, nil
}

// List returns the keys set in the selected profile, in a fixed order, with
// a stored password shown as ********.
func (c *Config) List() []KeyValue {
	var kvs []KeyValue
	for _, k := range profileKeys {
		v, ok := c.storedIn(c.profile, k)
		if !ok {
			continue
		}
		if k == KeyPassword {
			v = maskedPassword
		}
		kvs = append(kvs, KeyValue{Key: k, Value: v})
	}
	return kvs
}

// Set stores key = value in the selected profile, creating the profile and
// the file if needed. The password cannot be set this way: a secret typed as
// a command argument ends up in shell history.
func (c *Config) Set(key, value string) error {
	k, err := canonicalKey(key)
	if err != nil {
		return err
	}
	if k == KeyPassword {
		return errors.New("the password cannot be set with config set: use `ecctl auth login` or ECCTL_PASSWORD")
	}
	v, err := normalizeValue(k, value)
	if err != nil {
		return err
	}
	_, err = c.update(func(root *yaml.Node) (bool, error) {
		p, err := profileMapping(root, c.profile, true)
		if err != nil {
			return false, err
		}
		return setScalar(p, k, v), nil
	})
	return err
}

// Unset removes key from the selected profile and reports whether it was
// there.
func (c *Config) Unset(key string) (bool, error) {
	k, err := canonicalKey(key)
	if err != nil {
		return false, err
	}
	return c.removeKey(c.profile, k)
}

// SaveLogin stores what `auth login` established in profile ("" means the
// selected one): endpoint (left as is when ""), username and, when
// storePassword is set, password. Without storePassword an existing stored
// password is removed, since it belongs to the previous login; the password
// is then expected from ECCTL_PASSWORD or a password-command. A stored
// password-command, if any, still takes precedence over a stored password.
func (c *Config) SaveLogin(profile, endpoint, username, password string, storePassword bool) error {
	name, err := c.profileArg(profile)
	if err != nil {
		return err
	}
	if endpoint != "" {
		if err := validateEndpoint(endpoint); err != nil {
			return err
		}
	}
	if _, err := normalizeValue(KeyUsername, username); err != nil {
		return err
	}
	if storePassword && password == "" {
		return errors.New("no password to store")
	}
	_, err = c.update(func(root *yaml.Node) (bool, error) {
		p, err := profileMapping(root, name, true)
		if err != nil {
			return false, err
		}
		changed := false
		if endpoint != "" {
			changed = setScalar(p, KeyEndpoint, endpoint) || changed
		}
		changed = setScalar(p, KeyUsername, username) || changed
		if storePassword {
			changed = setScalar(p, KeyPassword, password) || changed
		} else {
			changed = deleteKey(p, KeyPassword) || changed
		}
		return changed, nil
	})
	if err != nil {
		return fmt.Errorf("saving login to profile %q: %w", name, err)
	}
	return nil
}

// Logout removes the stored password of profile ("" means the selected one)
// and reports whether there was one. Everything else, including a
// password-command, stays.
func (c *Config) Logout(profile string) (bool, error) {
	name, err := c.profileArg(profile)
	if err != nil {
		return false, err
	}
	removed, err := c.removeKey(name, KeyPassword)
	if err != nil {
		return false, err
	}
	if _, still := c.storedIn(name, KeyPassword); still {
		// Inherited through a YAML alias or merge key: not ours to untangle.
		return removed, fmt.Errorf("profile %q still has a password from elsewhere in %s (a YAML alias or merge key); remove it by hand", name, c.path)
	}
	return removed, nil
}

func (c *Config) removeKey(profile, key string) (bool, error) {
	return c.update(func(root *yaml.Node) (bool, error) {
		p, err := profileMapping(root, profile, false)
		if err != nil || p == nil {
			return false, err
		}
		return deleteKey(p, key), nil
	})
}

func (c *Config) profileArg(profile string) (string, error) {
	if profile == "" {
		return c.profile, nil
	}
	return canonicalProfile(profile)
}
