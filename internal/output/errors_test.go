package output

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

// apiError stands for client.APIError.
type apiError struct {
	status  int
	message string
	id      string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("get user: %d %s: %s (request id %s)", e.status, http.StatusText(e.status), e.message, e.id)
}
func (e *apiError) HTTPStatus() int    { return e.status }
func (e *apiError) RequestID() string  { return e.id }
func (e *apiError) APIMessage() string { return e.message }

var _ HTTPError = (*apiError)(nil)

func TestWriteError(t *testing.T) {
	notFound := &apiError{status: 404, message: "user not found", id: "3f2a9c"}
	for _, tc := range []struct {
		name string
		f    Format
		err  error
		want string
	}{
		{"API error as JSON", JSON, notFound,
			`{"error":{"status":404,"message":"user not found","id":"3f2a9c"}}` + "\n"},
		{"wrapped API error as JSON Lines", JSONL, fmt.Errorf("users get: %w", notFound),
			`{"error":{"status":404,"message":"user not found","id":"3f2a9c"}}` + "\n"},
		{"API error without request id", JSON, &apiError{status: 503, message: "Service Unavailable"},
			`{"error":{"status":503,"message":"Service Unavailable"}}` + "\n"},
		{"API error without message", JSON, &apiError{status: 500, id: "x1"},
			`{"error":{"status":500,"message":"Internal Server Error","id":"x1"}}` + "\n"},
		{"unknown status without message", JSON, &apiError{status: 599},
			`{"error":{"status":599,"message":"get user: 599 :  (request id )"}}` + "\n"},
		{"status 0 is no API error", JSON, &apiError{message: "m"},
			`{"error":{"message":"get user: 0 : m (request id )"}}` + "\n"},
		{"other error as JSON", JSON, errors.New(`read users.csv: open users.csv: no such file <or> "directory"`),
			`{"error":{"message":"read users.csv: open users.csv: no such file <or> \"directory\""}}` + "\n"},
		{"API error in a table", Table, notFound,
			"Error: get user: 404 Not Found: user not found (request id 3f2a9c)\n"},
		{"YAML and CSV print plain errors", YAML, errors.New("boom"), "Error: boom\n"},
		{"CSV", CSV, errors.New("boom"), "Error: boom\n"},
		{"plain errors are sanitised line by line", Table,
			errors.New("users.csv: line 3: displayName: \x1b[31mbad\x1b[0m\nusers.csv: line 5: user: missing\n"),
			"Error: users.csv: line 3: displayName: bad\nusers.csv: line 5: user: missing\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			WriteError(&buf, tc.f, tc.err)
			if buf.String() != tc.want {
				t.Errorf("got  %q\nwant %q", buf.String(), tc.want)
			}
		})
	}
}

func TestWriteErrorNil(t *testing.T) {
	var buf bytes.Buffer
	WriteError(&buf, JSON, nil)
	if buf.Len() != 0 {
		t.Errorf("wrote %q for a nil error", buf.String())
	}
}
