package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

// UserWriter streams a list of users in one format. Write each user in turn, then Close.
// Output is buffered: Close finishes the document ("]" for json) and flushes, so call it
// also when listing fails midway — what was listed is then printed as a valid document,
// and the command's error and exit status say it is incomplete. Memory does not grow with
// the number of users written. A UserWriter is not safe for concurrent use.
type UserWriter interface {
	Write(u gen.User) error
	Close() error
}

// errClosed is returned by Write after Close.
var errClosed = errors.New("output: write after close")

// bufferSize is the write buffer in front of the destination: lists are written in a few
// large writes, not one system call per user.
const bufferSize = 64 << 10

// NewUserWriter returns a streaming writer of users to w in format f.
func NewUserWriter(f Format, w io.Writer) (UserWriter, error) {
	switch f {
	case Table:
		return newTableUserWriter(w, tableBatchSize), nil
	case JSON:
		return &jsonUserStream{userStream: userStream{out: bufio.NewWriterSize(w, bufferSize), enc: jsonArrayEncoder{}}, array: true}, nil
	case JSONL:
		return &jsonUserStream{userStream: userStream{out: bufio.NewWriterSize(w, bufferSize), enc: jsonLinesEncoder{}}}, nil
	case YAML:
		return &userStream{out: bufio.NewWriterSize(w, bufferSize), enc: yamlSequenceEncoder{}}, nil
	case CSV:
		return newCSVUserWriter(w, userfile.Columns, userfile.Row), nil
	}
	return nil, fmt.Errorf("output format %q cannot list users", f)
}

// itemEncoder renders one list format: what goes before the first item, between items,
// after the last one, and for an empty list.
type itemEncoder interface {
	// item writes u; first is true for the first user of the list.
	item(w *bufio.Writer, u gen.User, first bool) error
	// end finishes the document; n is the number of users written.
	end(w *bufio.Writer, n int) error
}

// userStream is the UserWriter of the data formats (json, jsonl, yaml). Errors are
// sticky: after a failed write every later call returns the same error.
type userStream struct {
	out    *bufio.Writer
	enc    itemEncoder
	n      int
	err    error
	closed bool
}

func (s *userStream) Write(u gen.User) error {
	if s.closed {
		return errClosed
	}
	if s.err != nil {
		return s.err
	}
	if err := s.enc.item(s.out, u, s.n == 0); err != nil {
		s.err = fmt.Errorf("write user %q: %w", u.User, err)
		return s.err
	}
	s.n++
	return nil
}

func (s *userStream) Close() error {
	if s.closed {
		return s.err
	}
	s.closed = true
	if s.err != nil {
		return s.err
	}
	if err := s.enc.end(s.out, s.n); err != nil {
		s.err = fmt.Errorf("finish user list: %w", err)
		return s.err
	}
	if err := s.out.Flush(); err != nil {
		s.err = fmt.Errorf("write user list: %w", err)
	}
	return s.err
}
