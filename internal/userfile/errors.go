package userfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a file.
type Problem struct {
	Pos    string // "line 3", "record 2, line 5"; empty when it concerns the whole file
	Line   int    // the line Pos names, 0 for the whole file
	Field  string // the JSON name of the field, if the problem is about one
	Reason string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Pos != "" {
		b.WriteString(p.Pos)
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Error holds every problem found in a file, in the order of the file.
type Error struct {
	Source   string
	Problems []Problem
}

// maxRendered is how many problems Error renders; a file saved in the wrong encoding can have a
// problem on each of its 100,000 lines. Problems always holds all of them.
const maxRendered = 100

// Error renders one line per problem: "users.csv: line 3: language: ...".
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == maxRendered {
			fmt.Fprintf(&b, "%s: ... and %d more problems", e.Source, len(e.Problems)-maxRendered)
			break
		}
		b.WriteString(e.Source)
		b.WriteString(": ")
		b.WriteString(p.String())
	}
	return b.String()
}

// quoteValue quotes a value for a message and shortens it, so that a huge cell does not flood
// the terminal.
func quoteValue(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == max {
			return strconv.Quote(s[:i]) + "..."
		}
		n++
	}
	return strconv.Quote(s)
}
