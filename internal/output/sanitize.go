package output

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes text from the API safe to print on a terminal, on one line.
//
// It removes ANSI/ECMA-48 escape sequences whole (CSI such as "\x1b[31m", OSC such as
// "\x1b]0;title\x07", DCS/SOS/PM/APC strings, two-byte escapes, and their 8-bit C1 forms),
// other control characters (C0, DEL, C1), Unicode format characters (bidi overrides and
// isolates such as U+202E, zero-width characters, BOM) and unassigned code points. Line
// breaks, tabs and other spacing (CR, LF, VT, FF, NEL, U+2028, U+2029, U+00A0 ...) become
// one plain space each ("\r\n" counts as one). Letters, marks, digits, punctuation and
// symbols of every script stay as they are: "Müller", "Žofie", "東京" are unchanged.
func Sanitize(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // 8-bit DCS, SOS, OSC, PM, APC
			i = skipControlString(s, i+size)
			continue
		case r == '\r' && strings.HasPrefix(s[i+size:], "\n"):
			b.WriteByte(' ')
			i += size + 1
			continue
		case isBreakOrSpace(r):
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			// Invalid UTF-8: show the replacement character rather than a raw byte.
			b.WriteRune(utf8.RuneError)
		case unicode.IsGraphic(r):
			b.WriteRune(r)
		}
		// Anything else (controls, format characters, unassigned) is dropped.
		i += size
	}
	return b.String()
}

// isPlainASCII reports whether s holds only printable ASCII, the common case that needs no copy.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// isBreakOrSpace reports characters that separate words: they become a single space.
func isBreakOrSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85:
		return true
	}
	return r != ' ' && (unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r))
}

// skipEscape returns the index after the escape sequence whose ESC ended just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipControlString(s, i+1)
	}
	// nF escapes: intermediate bytes 0x20–0x2F, then one final byte 0x30–0x7E.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI returns the index after a control sequence's parameters, intermediates and final
// byte, starting just after "ESC [" (or 8-bit CSI).
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipControlString returns the index after an OSC/DCS/SOS/PM/APC string, which ends at
// BEL, ST ("ESC \" or 8-bit U+009C) or the end of s.
func skipControlString(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + size
		case r == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			// A new escape sequence starts: the string was not terminated.
			return i
		}
		i += size
	}
	return i
}
