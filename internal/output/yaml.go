package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// yamlIndent is the indentation of YAML output (yaml.v3 defaults to 4).
const yamlIndent = 2

// toYAMLNode converts v to a YAML node tree through its JSON encoding, so YAML output has
// exactly the JSON keys, key order and omissions (nullable fields that are absent are left
// out, null ones are null) of the API types.
func toYAMLNode(v any) (*yaml.Node, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := jsonValueNode(dec)
	if err != nil {
		return nil, fmt.Errorf("convert %T to YAML: %w", v, err)
	}
	return n, nil
}

// jsonValueNode reads one JSON value from dec and returns it as a YAML node.
func jsonValueNode(dec *json.Decoder) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := keyTok.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", keyTok)
				}
				val, err := jsonValueNode(dec)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, stringNode(key), val)
			}
			_, err := dec.Token() // '}'
			return n, err
		case '[':
			n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for dec.More() {
				val, err := jsonValueNode(dec)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, val)
			}
			_, err := dec.Token() // ']'
			return n, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string:
		return stringNode(t), nil
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(t.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: t.String()}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(t)}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// stringNode returns s as a YAML string scalar, styled as yaml.v3 styles a Go string:
// the encoder itself quotes a !!str value that would read back as another type under
// YAML 1.2 ("01", "null", "1e3", "true"); what only YAML 1.1 readers would misread ("yes",
// "off", "1:20") is quoted here, as yaml.v3 does for Go strings. (Node.Encode would do
// the same, but builds a whole encoder per string.)
func stringNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if !strings.Contains(s, "\n") && (isYAML11Bool(s) || isBase60Float(s)) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// isYAML11Bool reports the YAML 1.1 spellings of booleans that YAML 1.2 reads as strings.
func isYAML11Bool(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return false
}

// base60Float matches YAML 1.1 sexagesimal numbers such as "1:20" (yaml.v3's expression).
// Compiled on first use: every command pays for what happens at start-up.
var base60Float = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
})

func isBase60Float(s string) bool {
	return strings.IndexByte(s, ':') >= 0 && base60Float().MatchString(s)
}

// writeYAML writes n as one YAML document without a "---" marker.
func writeYAML(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(yamlIndent)
	if err := enc.Encode(n); err != nil {
		return fmt.Errorf("encode YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode YAML: %w", err)
	}
	return nil
}
