package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// LoadOptions says where Load finds its inputs. Everything is optional.
type LoadOptions struct {
	// Path of the config file. When set it wins over --config and
	// ECCTL_CONFIG; meant for callers that parsed the flag themselves.
	Path string
	// Profile to use. When set it wins over --profile and ECCTL_PROFILE and
	// is reported as the flag.
	Profile string
	// Flags holds the parsed global flags (cobra: cmd.Flags()). Only flags
	// the user changed count; they win over everything else. Known names:
	// endpoint, username, customer, output, profile, config.
	Flags *pflag.FlagSet
	// Getenv looks up environment variables; nil means os.Getenv.
	Getenv func(string) string
	// Stderr receives the standard error of a password-command (so a
	// password manager can explain itself); nil means os.Stderr.
	Stderr io.Writer
}

// Config is the loaded config file plus the flags and environment it is
// resolved against. Methods that write change the file on disk at once.
// A Config is meant for one command invocation and is not safe for
// concurrent use.
type Config struct {
	// file holds the config file's content only. Nothing else (flags, env,
	// defaults) is ever bound to it, so it can never be mistaken for, or
	// written out as, anything but what the file says.
	file *viper.Viper

	path          string
	profile       string
	profileSource Source

	flags  *pflag.FlagSet
	getenv func(string) string
	stderr io.Writer
	// passwordTimeout bounds a password-command; 0 means PasswordCommandTimeout (tests
	// shorten it).
	passwordTimeout time.Duration
}

// Load finds and reads the config file and selects the profile. A missing
// file is not an error (everything can come from flags and environment); a
// malformed one is, and so is a file holding a password that group or others
// can read.
func Load(opts LoadOptions) (*Config, error) {
	c := &Config{
		file:   viper.New(),
		flags:  opts.Flags,
		getenv: opts.Getenv,
		stderr: opts.Stderr,
	}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	if c.stderr == nil {
		c.stderr = os.Stderr
	}
	c.file.SetConfigType("yaml")

	var err error
	if c.path, err = c.findPath(opts.Path); err != nil {
		return nil, err
	}
	if err := c.selectProfile(opts.Profile); err != nil {
		return nil, err
	}
	if c.path == "" {
		return c, nil
	}
	data, mode, err := readFile(c.path)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return c, nil
	}
	if err := c.parse(data); err != nil {
		return nil, err
	}
	if c.holdsPassword() && othersCanRead(mode) {
		return nil, fmt.Errorf("%s holds a password and is readable by others (mode %04o); run: chmod 600 %s",
			c.path, mode.Perm(), c.path)
	}
	return c, nil
}

// FindPath returns the config file Load would read, without reading it: `config path` must
// answer even when the file is the thing that is broken.
func FindPath(opts LoadOptions) (string, error) {
	c := &Config{flags: opts.Flags, getenv: opts.Getenv}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	return c.findPath(opts.Path)
}

// Path is the config file in use, whether or not it exists. It is empty
// only when no --config or ECCTL_CONFIG was given and neither
// XDG_CONFIG_HOME nor a home directory is known.
func (c *Config) Path() string { return c.path }

// Profile is the selected profile's name (lower case).
func (c *Config) Profile() string { return c.profile }

// Profiles lists the profiles in the config file, sorted, for completion.
func (c *Config) Profiles() []string {
	var names []string
	for name := range c.file.GetStringMap("profiles") {
		if profileNamePattern().MatchString(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// findPath: LoadOptions.Path > --config > ECCTL_CONFIG > XDG default.
func (c *Config) findPath(explicit string) (string, error) {
	path := explicit
	if path == "" {
		path, _ = c.flagValue("config")
	}
	if path == "" {
		path = c.getenv("ECCTL_CONFIG")
	}
	if path == "" {
		path = defaultPath(c.getenv)
	}
	if path == "" {
		return "", nil
	}
	// Absolute, so messages and `config path` are unambiguous.
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("config file %s: %w", path, err)
	}
	return abs, nil
}

// defaultPath follows the XDG base directory spec, which ignores a relative
// XDG_CONFIG_HOME, and falls back to ~/.config on every OS so the
// documentation holds everywhere.
func defaultPath(getenv func(string) string) string {
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "ecctl", "config.yaml")
	}
	home := getenv("HOME")
	if home == "" && runtime.GOOS == "windows" {
		// What os.UserHomeDir reads there, looked up through getenv so an
		// injected environment stays the only one consulted.
		home = getenv("USERPROFILE")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "ecctl", "config.yaml")
}

// selectProfile: LoadOptions.Profile > --profile > ECCTL_PROFILE > default.
func (c *Config) selectProfile(explicit string) error {
	name, src := explicit, Source{Kind: SourceFlag, Name: "profile"}
	if name == "" {
		name, _ = c.flagValue("profile")
	}
	if name == "" {
		name, src = c.getenv("ECCTL_PROFILE"), Source{Kind: SourceEnv, Name: "ECCTL_PROFILE"}
	}
	if name == "" {
		name, src = DefaultProfile, Source{Kind: SourceDefault}
	}
	p, err := canonicalProfile(name)
	if err != nil {
		return fmt.Errorf("%w (from %s)", err, src)
	}
	c.profile, c.profileSource = p, src
	return nil
}

// flagValue returns the value of a flag the user set.
func (c *Config) flagValue(name string) (string, bool) {
	if c.flags == nil {
		return "", false
	}
	f := c.flags.Lookup(name)
	if f == nil || !f.Changed {
		return "", false
	}
	return f.Value.String(), true
}

// readFile returns the file's content and mode, or nil content when it does
// not exist. Mode and content come from the same open file.
func readFile(path string) ([]byte, fs.FileMode, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("reading config: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, fmt.Errorf("reading config: %w", err)
	}
	if info.IsDir() {
		return nil, 0, fmt.Errorf("config file %s is a directory", path)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, 0, fmt.Errorf("reading config %s: %w", path, err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, info.Mode(), nil
}

// parse loads data into the file view and checks its shape, so later
// lookups can trust that profiles are mappings.
func (c *Config) parse(data []byte) error {
	if err := c.file.ReadConfig(bytes.NewReader(data)); err != nil {
		// viper prefixes "While parsing config:"; the YAML error itself
		// carries the line number.
		var parseErr viper.ConfigParseError
		if errors.As(err, &parseErr) {
			err = parseErr.Unwrap()
		}
		return fmt.Errorf("parsing %s: %w", c.path, err)
	}
	raw := c.file.Get("profiles")
	if raw == nil {
		return nil
	}
	profiles, ok := raw.(map[string]any)
	if !ok {
		return fmt.Errorf("parsing %s: profiles must be a mapping of profile names to settings", c.path)
	}
	for name, p := range profiles {
		if _, ok := p.(map[string]any); !ok && p != nil {
			return fmt.Errorf("parsing %s: profile %q must be a mapping of keys to values", c.path, name)
		}
	}
	return nil
}

// holdsPassword reports whether any profile has a password key.
func (c *Config) holdsPassword() bool {
	for _, p := range c.file.GetStringMap("profiles") {
		if m, ok := p.(map[string]any); ok {
			if _, ok := m[KeyPassword]; ok {
				return true
			}
		}
	}
	return false
}

// othersCanRead reports whether group or others have any access. Windows
// has no such mode bits (Go reports 0666), so the check cannot apply there.
func othersCanRead(mode fs.FileMode) bool {
	return runtime.GOOS != "windows" && mode.Perm()&0o077 != 0
}

// profileExists reports whether the selected profile is in the file (an
// empty "staging:" counts).
func (c *Config) profileExists() bool {
	_, ok := c.file.GetStringMap("profiles")[c.profile]
	return ok
}

// stored returns a key of the selected profile; see storedIn.
func (c *Config) stored(key string) (string, bool) {
	return c.storedIn(c.profile, key)
}

// storedIn returns a key of profile as the file has it, and whether it is
// set to something non-empty. YAML numbers (customer: 44444) come back as
// their decimal text.
func (c *Config) storedIn(profile, key string) (string, bool) {
	v := c.file.GetString("profiles." + profile + "." + key)
	return v, v != ""
}
