package userfile

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Read reads the users of a file (see the package documentation for formats and rules). source
// names the file in messages. Problems with the content are returned together as an *Error, and
// then no records are returned; other errors are reading errors.
func Read(r io.Reader, source string, mode Mode) ([]Record, error) {
	if !mode.valid() {
		return nil, fmt.Errorf("reading %s: invalid mode %d", source, int(mode))
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", source, err)
	}
	rd := &reader{mode: mode, zones: map[string]error{}}
	rd.read(data)
	rd.checkDuplicates()
	if len(rd.problems) == 0 && len(rd.records) == 0 {
		rd.fileProblem("no users in the file")
	}
	if len(rd.problems) > 0 {
		slices.SortStableFunc(rd.problems, func(a, b Problem) int { return a.Line - b.Line })
		return nil, &Error{Source: source, Problems: rd.problems}
	}
	return rd.records, nil
}

// reader holds the state of one Read.
type reader struct {
	mode     Mode
	data     []byte // the file without its byte order mark
	records  []Record
	problems []Problem
	// zones memoises timezone checks: time.LoadLocation reads the tz database on every call,
	// and a file of 100,000 users names a handful of zones.
	zones map[string]error
	// missing holds required columns absent from a CSV header; reported once, not per line.
	missing map[string]bool
	// fieldMaps holds the Record.Fields map of each distinct set of fields.
	fieldMaps map[fieldSet]map[string]bool
	// lineStarts holds the offset of every line of data, built on first use by lineColAt.
	lineStarts []int
}

// expectOneRecordPerLine sizes the record slice for a line-oriented file, which saves regrowing
// (and briefly doubling) a slice of 100,000 records.
func (rd *reader) expectOneRecordPerLine() {
	rd.records = make([]Record, 0, bytes.Count(rd.data, []byte{'\n'})+1)
}

func (rd *reader) fileProblem(reason string) {
	rd.problems = append(rd.problems, Problem{Reason: reason})
}

func (rd *reader) lineProblem(line int, field, reason string) {
	rd.problems = append(rd.problems, Problem{Pos: linePos(line), Line: line, Field: field, Reason: reason})
}

func linePos(line int) string {
	return fmt.Sprintf("line %d", line)
}

func (rd *reader) read(data []byte) {
	if !rd.checkEncoding(data) {
		return
	}
	rd.data = bytes.TrimPrefix(data, utf8BOM)
	rest := bytes.TrimLeft(rd.data, " \t\r\n")
	if len(rest) == 0 {
		rd.fileProblem("the file is empty")
		return
	}
	switch {
	case rest[0] == '[':
		rd.readJSONArray()
	case rest[0] == '{':
		rd.readJSONStream()
	case rd.mode == ModeDelete && isJSONAddress(firstLine(rest)):
		rd.readJSONStream()
	case rd.mode == ModeDelete && isPlainAddress(firstLine(rest)):
		rd.readPlainList()
	default:
		rd.readCSV()
	}
}

// checkEncoding refuses what is not UTF-8 text, naming every line that is not.
func (rd *reader) checkEncoding(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		rd.fileProblem(`the file is UTF-16 (Excel's "Unicode Text"); save it as "CSV UTF-8" or convert it to UTF-8`)
		return false
	}
	valid, hasNUL := utf8.Valid(data), bytes.IndexByte(data, 0) >= 0
	if valid && !hasNUL {
		return true
	}
	if valid {
		rd.fileProblem("the file holds NUL bytes: it is binary or UTF-16, not UTF-8 text")
		return false
	}
	rd.fileProblem(`the file is not UTF-8; save it as "CSV UTF-8" (Excel) or convert it, for example with iconv -f WINDOWS-1252 -t UTF-8`)
	line := 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		if text := data[:end]; !utf8.Valid(text) {
			i := firstInvalid(text)
			rd.lineProblem(line, "", fmt.Sprintf("not valid UTF-8 at character %d (byte 0x%02X)", utf8.RuneCount(text[:i])+1, text[i]))
		}
		data = data[min(end+1, len(data)):]
		line++
	}
	return false
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// firstLine is the first non-empty line of b, trimmed.
func firstLine(b []byte) []byte {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			return line
		}
	}
	return nil
}

// isPlainAddress reports whether a first line is an address of a plain list rather than a CSV
// header: it holds an '@' (no column name does) and no delimiter.
func isPlainAddress(line []byte) bool {
	return bytes.IndexByte(line, '@') >= 0 && !bytes.ContainsAny(line, ",;")
}

// lineAt is the 1-based line of a byte offset in rd.data.
func (rd *reader) lineAt(offset int64) int {
	if rd.lineStarts == nil {
		rd.lineStarts = []int{0}
		for i, c := range rd.data {
			if c == '\n' {
				rd.lineStarts = append(rd.lineStarts, i+1)
			}
		}
	}
	off := int(min(max(offset, 0), int64(len(rd.data))))
	// The last line that starts at or before off.
	i, found := slices.BinarySearch(rd.lineStarts, off)
	if !found {
		i--
	}
	return i + 1
}

// lineColAt is lineAt plus the 1-based column, in characters. It counts from the start of the
// line, so it is meant for the odd syntax error, not for every record of a one-line file.
func (rd *reader) lineColAt(offset int64) (line, col int) {
	line = rd.lineAt(offset)
	off := int(min(max(offset, 0), int64(len(rd.data))))
	return line, utf8.RuneCount(rd.data[rd.lineStarts[line-1]:off]) + 1
}
