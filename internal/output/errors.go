package output

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
)

// HTTPError is implemented by errors that carry an API response (client.APIError), so that
// output can report status and request id without importing the client.
type HTTPError interface {
	// HTTPStatus is the response's status code; 0 means none.
	HTTPStatus() int
	// RequestID is the X-Request-Id of the response, "" when there was none.
	RequestID() string
	// APIMessage is the message of the API's error body (or the status text when the
	// response had no body).
	APIMessage() string
}

// errorDoc is the JSON shape of an error on stderr:
// {"error":{"status":404,"message":"...","id":"..."}}. status and id are left out when
// the error did not come from an API response.
type errorDoc struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Status  int    `json:"status,omitempty"`
	Message string `json:"message"`
	ID      string `json:"id,omitempty"`
}

// WriteError reports err on w (stderr). With json and jsonl it writes one line of JSON
// (see errorDoc); the message is the API's message for API errors (the status text when
// the API gave none) and err's full text otherwise. Every other format writes "Error: <err>" with control characters removed from
// each line (messages can hold API data); multi-line errors keep their lines. A nil err
// writes nothing. Failures to write are ignored: there is nowhere left to report them.
func WriteError(w io.Writer, f Format, err error) {
	if err == nil {
		return
	}
	var buf bytes.Buffer
	if f == JSON || f == JSONL {
		// Encoding a struct of strings and an int cannot fail.
		_ = newJSONEncoder(&buf, "", "").Encode(errorDoc{Error: errorBodyOf(err)})
	} else {
		buf.WriteString("Error: ")
		buf.WriteString(sanitizeLines(err.Error()))
		buf.WriteByte('\n')
	}
	_, _ = w.Write(buf.Bytes())
}

func errorBodyOf(err error) errorBody {
	var he HTTPError
	if errors.As(err, &he) && he.HTTPStatus() > 0 {
		msg := he.APIMessage()
		if msg == "" {
			msg = http.StatusText(he.HTTPStatus())
		}
		if msg == "" {
			msg = err.Error()
		}
		return errorBody{Status: he.HTTPStatus(), Message: msg, ID: he.RequestID()}
	}
	return errorBody{Message: err.Error()}
}

// sanitizeLines sanitises each line of s and keeps the line breaks.
func sanitizeLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\r\n"), "\n")
	for i, l := range lines {
		lines[i] = Sanitize(strings.TrimSuffix(l, "\r"))
	}
	return strings.Join(lines, "\n")
}
