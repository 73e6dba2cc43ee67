package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// maxRawDepth bounds the nesting of a raw user (encoding/json's own limit): the rewriter
// recurses once per level.
const maxRawDepth = 10000

// userMember reports the members of the API's User object (gen.User's JSON names; a test
// keeps the two in step). A raw user is written with these only, so that the JSON formats
// show the same fields as the typed ones (yaml, csv, table) even if a server sends more.
func userMember(name []byte) bool {
	switch string(name) {
	case "costcenter", "customer", "department", "displayName", "domain", "failoverGroups",
		"givenName", "language", "mobile", "phone", "status", "surName", "timezone", "user":
		return true
	}
	return false
}

// rawRewriter appends a JSON object the way encoding/json writes it (compact, or indented like
// an Encoder with SetIndent("  ", "  ")): members in the order given, insignificant space
// dropped, strings in the form of an Encoder with SetEscapeHTML(false) — so control
// characters, U+2028, U+2029 and invalid UTF-8 are escaped as encoding/json escapes them.
// The input is checked on the way: malformed JSON is an error, never a panic. One
// rawRewriter serves one writer; its buffers are reused from user to user.
type rawRewriter struct {
	dst    []byte
	src    []byte
	i      int
	indent bool
	depth  int
	str    bytes.Buffer  // strings that need the slow path
	enc    *json.Encoder // writes into str
}

var errRawEnd = errors.New("unexpected end of JSON")

// rewriteUser rewrites one User object, keeping only the User members, into rw.dst.
func (rw *rawRewriter) rewriteUser(src []byte, indent bool) error {
	rw.dst, rw.src, rw.i, rw.indent, rw.depth = rw.dst[:0], src, 0, indent, 0
	rw.space()
	if rw.i >= len(src) || src[rw.i] != '{' {
		return errors.New("not a JSON object")
	}
	if err := rw.object(true); err != nil {
		return err
	}
	rw.space()
	if rw.i != len(src) {
		return fmt.Errorf("data after the object at byte %d", rw.i)
	}
	return nil
}

func (rw *rawRewriter) space() {
	for rw.i < len(rw.src) {
		switch rw.src[rw.i] {
		case ' ', '\t', '\n', '\r':
			rw.i++
		default:
			return
		}
	}
}

// peek returns the next byte after optional space.
func (rw *rawRewriter) peek() (byte, error) {
	rw.space()
	if rw.i >= len(rw.src) {
		return 0, errRawEnd
	}
	return rw.src[rw.i], nil
}

// next reads the byte after a member or element: ',' or the closing byte.
func (rw *rawRewriter) next(closing byte) (more bool, err error) {
	c, err := rw.peek()
	if err != nil {
		return false, err
	}
	rw.i++
	switch c {
	case ',':
		return true, nil
	case closing:
		return false, nil
	}
	return false, fmt.Errorf("want ',' or %q at byte %d, found %q", closing, rw.i-1, c)
}

// newline starts a line of the indented form at the current depth.
func (rw *rawRewriter) newline() {
	if !rw.indent {
		return
	}
	rw.dst = append(rw.dst, '\n', ' ', ' ')
	for range rw.depth {
		rw.dst = append(rw.dst, ' ', ' ')
	}
}

func (rw *rawRewriter) value() error {
	c, err := rw.peek()
	if err != nil {
		return err
	}
	switch c {
	case '{':
		return rw.object(false)
	case '[':
		return rw.array()
	case '"':
		return rw.string()
	}
	return rw.scalar()
}

func (rw *rawRewriter) enter() error {
	if rw.depth++; rw.depth > maxRawDepth {
		return errors.New("nested too deeply")
	}
	return nil
}

// close ends an object or array of n written items at the current depth.
func (rw *rawRewriter) close(n int, c byte) {
	rw.depth--
	if n > 0 {
		rw.newline()
	}
	rw.dst = append(rw.dst, c)
}

// object rewrites the object at rw.i; members keeps only the User members.
func (rw *rawRewriter) object(members bool) error {
	if err := rw.enter(); err != nil {
		return err
	}
	rw.i++ // '{'
	rw.dst = append(rw.dst, '{')
	n := 0
	if c, err := rw.peek(); err != nil {
		return err
	} else if c == '}' {
		rw.i++
		rw.close(n, '}')
		return nil
	}
	for more := true; more; {
		mark := len(rw.dst)
		if n > 0 {
			rw.dst = append(rw.dst, ',')
		}
		rw.newline()
		if c, err := rw.peek(); err != nil {
			return err
		} else if c != '"' {
			return fmt.Errorf("want a member name at byte %d, found %q", rw.i, c)
		}
		nameAt := len(rw.dst)
		if err := rw.string(); err != nil {
			return err
		}
		keep := !members || userMember(rw.dst[nameAt+1:len(rw.dst)-1])
		if c, err := rw.peek(); err != nil {
			return err
		} else if c != ':' {
			return fmt.Errorf("want ':' at byte %d, found %q", rw.i, c)
		}
		rw.i++
		if keep {
			rw.dst = append(rw.dst, ':')
			if rw.indent {
				rw.dst = append(rw.dst, ' ')
			}
			n++
		}
		if err := rw.value(); err != nil {
			return err
		}
		if !keep {
			rw.dst = rw.dst[:mark]
		}
		var err error
		if more, err = rw.next('}'); err != nil {
			return err
		}
	}
	rw.close(n, '}')
	return nil
}

func (rw *rawRewriter) array() error {
	if err := rw.enter(); err != nil {
		return err
	}
	rw.i++ // '['
	rw.dst = append(rw.dst, '[')
	n := 0
	if c, err := rw.peek(); err != nil {
		return err
	} else if c == ']' {
		rw.i++
		rw.close(n, ']')
		return nil
	}
	for more := true; more; {
		if n > 0 {
			rw.dst = append(rw.dst, ',')
		}
		rw.newline()
		if err := rw.value(); err != nil {
			return err
		}
		n++
		var err error
		if more, err = rw.next(']'); err != nil {
			return err
		}
	}
	rw.close(n, ']')
	return nil
}

// scalar copies a number, true, false or null, which encoding/json writes as they are.
func (rw *rawRewriter) scalar() error {
	start := rw.i
	for rw.i < len(rw.src) {
		switch rw.src[rw.i] {
		case ',', '}', ']', ':', ' ', '\t', '\n', '\r', '"', '{', '[':
			goto end
		}
		rw.i++
	}
end:
	tok := rw.src[start:rw.i]
	switch string(tok) {
	case "true", "false", "null":
	default:
		var n json.Number
		if len(tok) == 0 || json.Unmarshal(tok, &n) != nil {
			return fmt.Errorf("invalid value %q at byte %d", tok, start)
		}
	}
	rw.dst = append(rw.dst, tok...)
	return nil
}

// string copies the string at rw.i. Strings without escapes and control characters, in valid
// UTF-8 without U+2028 or U+2029, are copied as they are (the common case: nothing to
// change); the others are decoded and encoded again.
func (rw *rawRewriter) string() error {
	start := rw.i
	plain, ascii := true, true
	j := start + 1
	for ; j < len(rw.src); j++ {
		c := rw.src[j]
		if c == '"' {
			break
		}
		switch {
		case c == '\\':
			plain = false
			j++ // the escaped byte; a \uXXXX's digits need no care
		case c < 0x20:
			plain = false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if j >= len(rw.src) {
		return errRawEnd
	}
	tok := rw.src[start : j+1]
	rw.i = j + 1
	if plain && (ascii || (utf8.Valid(tok) && !hasLineSeparator(tok))) {
		rw.dst = append(rw.dst, tok...)
		return nil
	}
	var s string
	if err := json.Unmarshal(tok, &s); err != nil {
		return fmt.Errorf("invalid string at byte %d: %w", start, err)
	}
	if rw.enc == nil {
		rw.enc = json.NewEncoder(&rw.str)
		rw.enc.SetEscapeHTML(false)
	}
	rw.str.Reset()
	if err := rw.enc.Encode(s); err != nil {
		return err
	}
	rw.dst = append(rw.dst, bytes.TrimSuffix(rw.str.Bytes(), []byte{'\n'})...)
	return nil
}

// hasLineSeparator reports U+2028 or U+2029 (UTF-8 E2 80 A8/A9), which encoding/json escapes
// because they end lines in JavaScript.
func hasLineSeparator(b []byte) bool {
	for {
		i := bytes.IndexByte(b, 0xE2)
		if i < 0 || i+2 >= len(b) {
			return false
		}
		if b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return true
		}
		b = b[i+1:]
	}
}
