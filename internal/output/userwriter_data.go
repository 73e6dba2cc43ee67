package output

import (
	"bufio"
	"bytes"
	"encoding/json"

	"gopkg.in/yaml.v3"

	"github.com/ecctl/ecctl/gen"
)

// newJSONEncoder returns an encoder that leaves <, > and & alone (the output is read by
// people and programs, never embedded in HTML) and indents when indent is not empty.
func newJSONEncoder(buf *bytes.Buffer, prefix, indent string) *json.Encoder {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	return enc
}

// jsonArrayEncoder writes one indented JSON array:
//
//	[
//	  {
//	    "costcenter": "01",
//	    ...
//	  }
//	]
//
// and "[]" for an empty list.
type jsonArrayEncoder struct{}

func (jsonArrayEncoder) item(w *bufio.Writer, u gen.User, first bool) error {
	var buf bytes.Buffer
	if err := newJSONEncoder(&buf, "  ", "  ").Encode(u); err != nil {
		return err
	}
	return writeArrayItem(w, bytes.TrimSuffix(buf.Bytes(), []byte("\n")), first)
}

func (jsonArrayEncoder) end(w *bufio.Writer, n int) error {
	closing := "\n]\n"
	if n == 0 {
		closing = "[]\n"
	}
	_, err := w.WriteString(closing)
	return err
}

// jsonLinesEncoder writes one compact JSON object per line, nothing for an empty list.
type jsonLinesEncoder struct{}

func (jsonLinesEncoder) item(w *bufio.Writer, u gen.User, _ bool) error {
	var buf bytes.Buffer
	if err := newJSONEncoder(&buf, "", "").Encode(u); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func (jsonLinesEncoder) end(*bufio.Writer, int) error { return nil }

// yamlSequenceEncoder writes a YAML block sequence one item at a time: each user is
// encoded as a one-item sequence, and consecutive block sequences at the top level read
// as one. An empty list is "[]".
type yamlSequenceEncoder struct{}

func (yamlSequenceEncoder) item(w *bufio.Writer, u gen.User, _ bool) error {
	n, err := toYAMLNode(u)
	if err != nil {
		return err
	}
	return writeYAML(w, &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}})
}

func (yamlSequenceEncoder) end(w *bufio.Writer, n int) error {
	if n > 0 {
		return nil
	}
	_, err := w.WriteString("[]\n")
	return err
}
