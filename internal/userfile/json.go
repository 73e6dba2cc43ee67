package userfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readJSONArray reads a JSON array of records. A syntax error ends the reading: after it the
// array's structure is unknown.
func (rd *reader) readJSONArray() {
	dec := json.NewDecoder(bytes.NewReader(rd.data))
	if _, err := dec.Token(); err != nil { // the '[' the format was detected by
		rd.jsonSyntax(err, 0, "the array")
		return
	}
	n := 1
	for ; dec.More(); n++ {
		start := skipSeparators(rd.data, dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			rd.jsonSyntax(err, 0, fmt.Sprintf("record %d", n))
			return
		}
		line := rd.lineAt(start)
		rd.jsonRecord(raw, fmt.Sprintf("record %d, line %d", n, line), line)
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		rd.jsonSyntax(err, 0, "the array")
		return
	}
	if end := int64(len(rd.data) - len(bytes.TrimLeft(rd.data[dec.InputOffset():], " \t\r\n"))); end < int64(len(rd.data)) {
		line, col := rd.lineColAt(end)
		rd.lineProblem(line, "", fmt.Sprintf("character %d: text after the end of the JSON array", col))
	}
}

// readJSONStream reads JSON values one after the other (JSON Lines). After a syntax error it
// goes on at the next line that starts a record, so that every broken line is reported.
func (rd *reader) readJSONStream() {
	base := int64(0)
	for base < int64(len(rd.data)) {
		dec := json.NewDecoder(bytes.NewReader(rd.data[base:]))
		for {
			start := base + skipSeparators(rd.data[base:], dec.InputOffset())
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				return
			}
			if err != nil {
				base = rd.streamSyntax(err, base, start)
				break
			}
			line := rd.lineAt(start)
			rd.jsonRecord(raw, linePos(line), line)
		}
	}
}

// streamSyntax reports a syntax error in the value that starts at offset start, and returns
// where reading goes on. When the error is the start of a new record on a later line, the
// record before it was not closed: that is reported on the record's own line, and reading goes
// on with the new record.
func (rd *reader) streamSyntax(err error, base, start int64) int64 {
	line := rd.lineAt(start)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		at := base + max(se.Offset-1, 0)
		if rd.startsRecord(at) && rd.lineAt(at) > line {
			rd.lineProblem(line, "", fmt.Sprintf("invalid JSON: the record is not closed before line %d (a \"}\" or quote is missing)", rd.lineAt(at)))
			return at
		}
		return rd.nextRecordStart(rd.jsonSyntax(err, base, ""))
	case errors.Is(err, io.ErrUnexpectedEOF):
		rd.lineProblem(line, "", `invalid JSON: the file ends before the record is closed (a "}" or quote is missing)`)
		return int64(len(rd.data))
	}
	return rd.nextRecordStart(rd.jsonSyntax(err, base, ""))
}

// startsRecord reports whether offset is the first non-space byte of its line and could start
// a record.
func (rd *reader) startsRecord(offset int64) bool {
	if offset >= int64(len(rd.data)) {
		return false
	}
	c := rd.data[offset]
	if c != '{' && !(rd.mode == ModeDelete && c == '"') {
		return false
	}
	lineStart := bytes.LastIndexByte(rd.data[:offset], '\n') + 1
	return len(bytes.TrimLeft(rd.data[lineStart:offset], " \t\r")) == 0
}

// nextRecordStart is the offset of the first line after the one holding offset that starts
// (after spaces) with '{', or with '"' for delete; len(data) if there is none.
func (rd *reader) nextRecordStart(offset int64) int64 {
	i := offset
	for {
		nl := bytes.IndexByte(rd.data[min(i, int64(len(rd.data))):], '\n')
		if nl < 0 {
			return int64(len(rd.data))
		}
		i += int64(nl) + 1
		rest := bytes.TrimLeft(rd.data[i:], " \t\r")
		if len(rest) > 0 && (rest[0] == '{' || rd.mode == ModeDelete && rest[0] == '"') {
			return i
		}
	}
}

// skipSeparators returns the offset of the first byte at or after off that is not white space
// or a comma: the start of the next array element or stream value.
func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonSyntax reports a syntax error of the decoder that started at base, and returns the
// offset of the error in rd.data.
func (rd *reader) jsonSyntax(err error, base int64, what string) int64 {
	in := ""
	if what != "" {
		in = " in " + what
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		at := base + max(se.Offset-1, 0) // Offset counts the bytes read, including the bad one
		line, col := rd.lineColAt(at)
		rd.lineProblem(line, "", fmt.Sprintf("character %d (byte offset %d): invalid JSON%s: %v", col, at, in, se))
		return at
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		at := int64(len(rd.data))
		rd.lineProblem(rd.lineAt(at), "", "the JSON ends too early"+in+` (a closing "]", "}" or quote is missing)`)
		return at
	}
	rd.fileProblem(fmt.Sprintf("invalid JSON%s: %v", in, err))
	return int64(len(rd.data))
}

// jsonRecord reads one array element or stream value.
func (rd *reader) jsonRecord(raw json.RawMessage, pos string, line int) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '{':
		rd.jsonObject(raw, pos, line)
	case len(raw) > 0 && raw[0] == '"' && rd.mode == ModeDelete:
		var addr string
		d := rd.newDraft(pos, line)
		if err := json.Unmarshal(raw, &addr); err != nil {
			d.fail("user", err.Error())
		} else {
			d.setText("user", addr)
		}
		d.finish()
	case rd.mode == ModeDelete:
		rd.problems = append(rd.problems, Problem{Pos: pos, Line: line,
			Reason: "must be an address in double quotes or an object with \"user\", not " + jsonKind(raw)})
	default:
		rd.problems = append(rd.problems, Problem{Pos: pos, Line: line,
			Reason: "must be an object with the user's fields, such as {\"user\": \"jane@example.com\", ...}, not " + jsonKind(raw)})
	}
}

// jsonObject reads the keys of one object in order.
func (rd *reader) jsonObject(raw json.RawMessage, pos string, line int) {
	d := rd.newDraft(pos, line)
	defer d.finish()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		d.fail("", "invalid JSON: "+err.Error())
		return
	}
	seen := make(map[string]bool, 16)
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		var value json.RawMessage
		if err == nil && isKey {
			err = dec.Decode(&value)
		}
		if err != nil || !isKey {
			d.fail("", fmt.Sprintf("invalid JSON: %v", err))
			return
		}
		if seen[key] {
			d.fail(key, "the key appears twice in the object")
			continue
		}
		seen[key] = true
		k := kindOf(key)
		switch {
		case k == kindUnknown:
			d.fail("", unknownReason("key", key))
		case k == kindIgnored, rd.mode == ModeDelete && key != "user":
		default:
			d.jsonValue(key, k, bytes.TrimSpace(value))
		}
	}
}

// jsonValue sets one field from its JSON value, reporting a value of the wrong type.
func (d *draft) jsonValue(key string, k kind, v json.RawMessage) {
	switch {
	case len(v) == 0:
		d.fail(key, "has no value")
	case v[0] == 'n':
		d.setNull(key)
	case k == kindGroups:
		if v[0] != '[' {
			d.fail(key, `must be a list of group names, such as ["emea", "germany"], not `+jsonKind(v))
			return
		}
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil {
			d.fail(key, err.Error())
			return
		}
		groups := make([]string, len(items))
		for i, item := range items {
			if jsonKind(item) != "text" || json.Unmarshal(item, &groups[i]) != nil {
				d.fail(key, fmt.Sprintf("group %d must be text in double quotes, not %s", i+1, jsonKind(item)))
				return
			}
		}
		d.setGroups(groups)
	default:
		var s string
		if v[0] != '"' || json.Unmarshal(v, &s) != nil {
			d.fail(key, "must be text in double quotes, not "+jsonKind(v))
			return
		}
		d.setText(key, s)
	}
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "text"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// isJSONAddress reports whether a first line is a JSON string holding an address: a JSON Lines
// file of addresses, for delete. A quoted CSV header ("user";...) is not.
func isJSONAddress(line []byte) bool {
	var s string
	return len(line) > 0 && line[0] == '"' && json.Unmarshal(line, &s) == nil && bytes.IndexByte(line, '@') >= 0
}
