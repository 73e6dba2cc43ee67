package output

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

// Print writes one result (an object, a summary) in format f: v itself for json (indented
// by two spaces), jsonl (one compact line) and yaml; what table returns for csv and table
// (headers first when there are any; table is only called for these two formats, and
// they fail when it is nil). Cells of the table format are sanitised; the caller's slices
// are not modified. The output is written with a single Write.
func Print(w io.Writer, f Format, v any, table func() (headers []string, rows [][]string)) error {
	var buf bytes.Buffer
	var err error
	switch f {
	case JSON:
		err = newJSONEncoder(&buf, "", "  ").Encode(v)
	case JSONL:
		err = newJSONEncoder(&buf, "", "").Encode(v)
	case YAML:
		err = encodeYAMLDocument(&buf, v)
	case CSV, Table:
		if table == nil {
			return fmt.Errorf("output format %q is not available for this result", f)
		}
		headers, rows := table()
		if f == CSV {
			err = encodeCSV(&buf, headers, rows)
		} else {
			err = encodeTable(&buf, headers, rows)
		}
	default:
		return fmt.Errorf("unknown output format %q", f)
	}
	if err != nil {
		return fmt.Errorf("format %s output: %w", f, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// PrintUser writes one user: the object itself for json, jsonl and yaml, the user list's
// CSV columns for csv (so `users get -o csv` matches `users list -o csv`), and a
// field/value table ([UserDetails]) for table.
func PrintUser(w io.Writer, f Format, u gen.User) error {
	if f == CSV {
		uw := newCSVUserWriter(w, userfile.Columns, userfile.Row)
		err := uw.Write(u)
		if cerr := uw.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return Print(w, f, u, func() ([]string, [][]string) { return UserDetails(u) })
}

func encodeYAMLDocument(buf *bytes.Buffer, v any) error {
	n, err := toYAMLNode(v)
	if err != nil {
		return err
	}
	return writeYAML(buf, n)
}

func encodeCSV(buf *bytes.Buffer, headers []string, rows [][]string) error {
	cw := csv.NewWriter(buf)
	if len(headers) > 0 {
		if err := cw.Write(headers); err != nil {
			return err
		}
	}
	if err := cw.WriteAll(rows); err != nil { // WriteAll flushes
		return err
	}
	return cw.Error()
}

func encodeTable(buf *bytes.Buffer, headers []string, rows [][]string) error {
	if len(headers) == 0 && len(rows) == 0 {
		return nil
	}
	h := sanitizeRow(append([]string(nil), headers...))
	r := make([][]string, len(rows))
	for i, row := range rows {
		r[i] = sanitizeRow(append([]string(nil), row...))
	}
	return renderTable(buf, growWidths(nil, h, r), h, r)
}
