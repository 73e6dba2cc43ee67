package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"gopkg.in/yaml.v3"
)

// update re-reads the config file, lets edit change its YAML tree and, if
// edit reports a change, writes the file back and refreshes c.
//
// Editing the file's own YAML tree, instead of dumping viper's merged view
// (viper.WriteConfig), is what keeps flag and environment values such as
// ECCTL_PASSWORD out of the file, and keeps other profiles, unknown keys
// and comments as the user wrote them. Re-reading narrows the window in
// which a concurrent edit of the file would be lost.
func (c *Config) update(edit func(root *yaml.Node) (bool, error)) (bool, error) {
	if c.path == "" {
		return false, errors.New("no config file location: set --config or ECCTL_CONFIG (neither XDG_CONFIG_HOME nor HOME is set)")
	}
	data, _, err := readFile(c.path)
	if err != nil {
		return false, err
	}
	doc, err := parseDocument(data)
	if err != nil {
		return false, fmt.Errorf("parsing %s: %w", c.path, err)
	}
	root, err := documentMapping(doc)
	if err != nil {
		return false, fmt.Errorf("parsing %s: %w", c.path, err)
	}
	changed, err := edit(root)
	if err != nil {
		return false, err
	}
	if !changed {
		// Still refresh c: the file may have changed since Load.
		return false, c.parse(data)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return false, fmt.Errorf("encoding %s: %w", c.path, err)
	}
	if err := enc.Close(); err != nil {
		return false, fmt.Errorf("encoding %s: %w", c.path, err)
	}
	if err := writeFileAtomic(c.path, buf.Bytes()); err != nil {
		return false, err
	}
	return true, c.parse(buf.Bytes())
}

// parseDocument parses data into a YAML document node; empty input (or only
// comments) becomes an empty document.
func parseDocument(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		// The parser drops the comments of a file that has nothing else;
		// carry them over by hand.
		doc = yaml.Node{Kind: yaml.DocumentNode, HeadComment: commentLines(data)}
	}
	return &doc, nil
}

func commentLines(data []byte) string {
	var comments []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "#") {
			comments = append(comments, line)
		}
	}
	return strings.Join(comments, "\n")
}

// documentMapping returns the top-level mapping of doc, creating it when the
// document is empty or null.
func documentMapping(doc *yaml.Node) (*yaml.Node, error) {
	if len(doc.Content) == 0 {
		doc.Content = []*yaml.Node{newMapping()}
	}
	root := doc.Content[0]
	if isNull(root) {
		*root = *newMapping()
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the top level must be a mapping with a profiles key", root.Line)
	}
	return root, nil
}

// profileMapping returns the mapping of profile name, or nil if it does not
// exist and create is false. The profile's key is stored in lower case.
func profileMapping(root *yaml.Node, name string, create bool) (*yaml.Node, error) {
	profiles := mappingValue(root, "profiles")
	if profiles == nil || isNull(profiles) {
		if !create {
			return nil, nil
		}
		if profiles == nil {
			profiles = newMapping()
			root.Content = append(root.Content, newScalar("profiles"), profiles)
		} else {
			*profiles = *newMapping()
		}
	}
	if profiles.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: profiles must be a mapping of profile names to settings", profiles.Line)
	}
	idx := findKeys(profiles, name)
	if len(idx) == 0 {
		if !create {
			return nil, nil
		}
		p := newMapping()
		profiles.Content = append(profiles.Content, newScalar(name), p)
		return p, nil
	}
	profiles.Content[idx[0]].Value = name
	p := profiles.Content[idx[0]+1]
	if isNull(p) {
		if !create {
			return nil, nil
		}
		*p = *newMapping()
	}
	if p.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: profile %q must be a mapping of keys to values", p.Line, name)
	}
	return p, nil
}

// setScalar sets key to a string value in mapping m, keeping the key's
// comments. Keys differing only in case are the same key (as viper reads
// them), so any other spellings are removed.
func setScalar(m *yaml.Node, key, value string) bool {
	idx := findKeys(m, key)
	if len(idx) == 0 {
		m.Content = append(m.Content, newScalar(key), newScalar(value))
		return true
	}
	k, v := m.Content[idx[0]], m.Content[idx[0]+1]
	changed := k.Value != key || v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Value != value
	k.Value = key
	if v.Kind == yaml.ScalarNode {
		// Style 0 lets the encoder quote only where needed ("44444").
		v.Tag, v.Value, v.Style = "!!str", value, 0
	} else {
		*v = *newScalar(value)
	}
	if deleteKeyAt(m, idx[1:]) {
		changed = true
	}
	return changed
}

// deleteKey removes every spelling of key from mapping m.
func deleteKey(m *yaml.Node, key string) bool {
	return deleteKeyAt(m, findKeys(m, key))
}

func deleteKeyAt(m *yaml.Node, idx []int) bool {
	for i := len(idx) - 1; i >= 0; i-- {
		m.Content = append(m.Content[:idx[i]], m.Content[idx[i]+2:]...)
	}
	return len(idx) > 0
}

// findKeys returns the Content indexes of the keys of mapping m equal to key
// ignoring case.
func findKeys(m *yaml.Node, key string) []int {
	var idx []int
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			idx = append(idx, i)
		}
	}
	return idx
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	idx := findKeys(m, key)
	if len(idx) == 0 {
		return nil
	}
	return m.Content[idx[0]+1]
}

func newMapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func newScalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new file, never a torn one, and the new file is 0600 from its
// first byte (a password must never be readable, even briefly). A symlinked
// config (dotfile managers) is written through to its target.
func writeFileAtomic(path string, data []byte) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating config directory: %w", err)
	}
	// CreateTemp opens with 0600; the temp file lives in the same directory
	// so the rename below is atomic.
	tmp, err := os.CreateTemp(dir, ".config-*.yaml.tmp")
	if err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	tmpName := tmp.Name()
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	// Explicit, in case the platform's CreateTemp ever differs.
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("writing config: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	if err := os.Rename(tmpName, target); err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	committed = true
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. Best effort: not every platform or file
// system can sync a directory, and the file itself is already complete.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
