package output

import (
	"bufio"
	"encoding/json"
	"fmt"
)

// RawUserWriter is a UserWriter that also takes users as the JSON objects the API sent. The
// JSON formats pass such objects through instead of decoding and encoding every user: the
// output is what Write would print for the same user, except that the members keep the
// order the API sent them in (Write prints them in alphabetical order; the API's own is
// alphabetical too).
type RawUserWriter interface {
	UserWriter
	// WriteRaw writes one user given as a JSON object. Members that are not the User's are
	// left out; malformed JSON is an error.
	WriteRaw(user json.RawMessage) error
}

// WritesRawUsers reports whether NewUserWriter returns a RawUserWriter for f: json and jsonl.
func WritesRawUsers(f Format) bool { return f == JSON || f == JSONL }

// jsonUserStream is the UserWriter of json and jsonl.
type jsonUserStream struct {
	userStream
	array bool // json (one indented array) rather than jsonl
	rw    rawRewriter
}

func (s *jsonUserStream) WriteRaw(user json.RawMessage) error {
	if s.closed {
		return errClosed
	}
	if s.err != nil {
		return s.err
	}
	if err := s.rw.rewriteUser(user, s.array); err != nil {
		// A malformed object is the server's fault, not the output's: the writer stays usable.
		return fmt.Errorf("user %d of the list is not a valid JSON object: %w", s.n+1, err)
	}
	if err := s.writeItem(s.rw.dst); err != nil {
		s.err = fmt.Errorf("write user %d: %w", s.n+1, err)
		return s.err
	}
	s.n++
	return nil
}

// writeItem writes an encoded user with the format's separators.
func (s *jsonUserStream) writeItem(obj []byte) error {
	if s.array {
		return writeArrayItem(s.out, obj, s.n == 0)
	}
	if _, err := s.out.Write(obj); err != nil {
		return err
	}
	return s.out.WriteByte('\n')
}

// writeArrayItem writes one indented object of the json array format.
func writeArrayItem(w *bufio.Writer, obj []byte, first bool) error {
	sep := ",\n  "
	if first {
		sep = "[\n  "
	}
	if _, err := w.WriteString(sep); err != nil {
		return err
	}
	_, err := w.Write(obj)
	return err
}
