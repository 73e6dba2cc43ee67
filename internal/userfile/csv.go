package userfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// column is one column of a CSV header.
type column struct {
	name string
	kind kind
}

func (rd *reader) readCSV() {
	delim := detectDelimiter(rd.data)
	cr := csv.NewReader(bytes.NewReader(rd.data))
	cr.Comma = delim
	// LazyQuotes stays off, so a stray quote is reported rather than guessed at, and
	// FieldsPerRecord stays 0, so the header sets the number of fields every line must have.
	header, err := cr.Read()
	if err != nil {
		rd.csvProblem(err, delim, nil, nil)
		return
	}
	headerLine, _ := cr.FieldPos(0)
	cols, ok := rd.readHeader(header, headerLine)
	if !ok {
		return
	}
	// The lines go to the workers of a pipeline (so the reader must not reuse their fields).
	p := rd.newCSVPipeline(cols)
	defer p.finish()
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			if !rd.csvProblem(err, delim, cols, fields) {
				return
			}
			continue
		}
		if emptyRow(fields) {
			continue
		}
		line, _ := cr.FieldPos(0)
		p.add(fields, line)
	}
}

// detectDelimiter looks at the first non-empty line: ';' if it holds ';' and no ',' outside
// quotes, else ','.
func detectDelimiter(data []byte) rune {
	inQuotes := false
	semicolons, commas := 0, 0
	for _, c := range bytes.TrimLeft(data, " \t\r\n") {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case c == '\n':
			if semicolons > 0 && commas == 0 {
				return ';'
			}
			return ','
		case c == ';':
			semicolons++
		case c == ',':
			commas++
		}
	}
	if semicolons > 0 && commas == 0 {
		return ';'
	}
	return ','
}

// readHeader maps the header's columns to fields and reports unknown, repeated and missing
// columns. It returns false when the first line is plainly not a header.
func (rd *reader) readHeader(header []string, line int) ([]column, bool) {
	if len(header) == 1 && strings.Contains(header[0], "\t") {
		rd.lineProblem(line, "", "the columns are separated by tabs; use \",\" or \";\" (save as CSV, not as text)")
		return nil, false
	}
	cols := make([]column, len(header))
	seen := make(map[string]int, len(header))
	for i, h := range header {
		name := strings.TrimSpace(h)
		if strings.Contains(name, "@") {
			rd.lineProblem(line, "", quoteValue(name)+" looks like an address, not a column name: the first line must name the columns, such as user,displayName,givenName,surName")
			return nil, false
		}
		cols[i] = column{name: name, kind: kindOf(name)}
		switch {
		case name == "":
			cols[i].kind = kindUnnamed
			continue
		case cols[i].kind == kindUnknown:
			rd.lineProblem(line, "", unknownReason("column", name))
		}
		if j, dup := seen[name]; dup {
			rd.lineProblem(line, "", fmt.Sprintf("column %q appears twice (columns %d and %d)", name, j+1, i+1))
			cols[i].kind = kindIgnored
		}
		seen[name] = i
	}
	for _, name := range []string{"user", "displayName", "givenName", "surName"} {
		if _, ok := seen[name]; !ok && rd.mode.required(name) {
			if rd.missing == nil {
				rd.missing = map[string]bool{}
			}
			rd.missing[name] = true
			rd.lineProblem(line, "", fmt.Sprintf("missing column %q; %s needs the columns %s", name, rd.mode, rd.mode.requiredText()))
		}
	}
	return cols, true
}

// csvRecord reads one line of cells.
func (rd *reader) csvRecord(cols []column, fields []string, line int) {
	d := rd.newDraft(linePos(line), line)
	for i, cell := range fields {
		c := cols[i]
		switch c.kind {
		case kindText:
			// An empty cell leaves the field out, except for the address, which is never
			// optional.
			if cell != "" || c.name == "user" {
				d.setText(c.name, cell)
			}
		case kindNullable:
			if cell == "" {
				d.setNull(c.name)
			} else {
				d.setText(c.name, cell)
			}
		case kindGroups:
			if cell == "" {
				d.setNull(c.name)
			} else {
				d.setGroups(splitGroups(cell))
			}
		case kindUnnamed:
			if strings.TrimSpace(cell) != "" {
				d.fail("", fmt.Sprintf("column %d holds %s but has no name in the header", i+1, quoteValue(cell)))
			}
		}
	}
	d.finish()
}

// emptyRow says whether every cell of a row is empty or blank. Excel saves an empty row of
// a sheet as a line of delimiters only (";;;;" or ",,,,"); such a row is skipped like a
// blank line (which encoding/csv skips), rather than reported once per required cell.
func emptyRow(fields []string) bool {
	for _, cell := range fields {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// splitGroups splits a failoverGroups cell at ";" and trims each name.
func splitGroups(cell string) []string {
	groups := strings.Split(cell, groupSeparator)
	for i, g := range groups {
		groups[i] = strings.TrimSpace(g)
	}
	return groups
}

// csvProblem reports an error of the CSV reader and says whether reading can go on.
func (rd *reader) csvProblem(err error, delim rune, cols []column, fields []string) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		rd.fileProblem(err.Error())
		return false
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount) && emptyRow(fields):
		// A row of delimiters only, even a different number of them, holds nothing to get
		// wrong.
	case errors.Is(pe.Err, csv.ErrFieldCount):
		reason := fmt.Sprintf("%d %s, but the header has %d", len(fields), plural(len(fields), "field", "fields"), len(cols))
		if delim == ';' && len(fields) > len(cols) && hasGroupsColumn(cols) {
			reason += `; with ";" between the columns, a failoverGroups cell with several groups must be in double quotes, such as "emea;germany"`
		}
		rd.lineProblem(pe.StartLine, "", reason)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		rd.lineProblem(pe.StartLine, "", fmt.Sprintf(`%s: a double quote (") in a field that does not start with one; put the whole field in double quotes and write the quote twice ("")`, rd.charPos(pe)))
	case errors.Is(pe.Err, csv.ErrQuote):
		rd.lineProblem(pe.StartLine, "", fmt.Sprintf(`%s: a field in double quotes is not closed, or a quote inside it is not written twice ("")`, rd.charPos(pe)))
	default:
		rd.lineProblem(pe.StartLine, "", fmt.Sprintf("%s: %v", rd.charPos(pe), pe.Err))
	}
	return true
}

func hasGroupsColumn(cols []column) bool {
	for _, c := range cols {
		if c.kind == kindGroups {
			return true
		}
	}
	return false
}

// charPos renders where a CSV parse error is, in characters (the reader counts bytes).
func (rd *reader) charPos(pe *csv.ParseError) string {
	col := pe.Column
	rd.lineAt(0) // builds lineStarts
	if pe.Line >= 1 && pe.Line <= len(rd.lineStarts) {
		text := rd.data[rd.lineStarts[pe.Line-1]:]
		if end := bytes.IndexByte(text, '\n'); end >= 0 {
			text = text[:end]
		}
		col = utf8.RuneCount(text[:min(max(pe.Column-1, 0), len(text))]) + 1
	}
	if pe.Line != pe.StartLine {
		return "line " + strconv.Itoa(pe.Line) + ", character " + strconv.Itoa(col)
	}
	return "character " + strconv.Itoa(col)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
