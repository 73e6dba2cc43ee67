package mock

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// statusWriter remembers the status of the answer for the log line.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestLog writes one line per request. It never logs headers, query strings or
// bodies: credentials, tokens and passwords cannot end up in it. The path is logged
// escaped, so it holds no control characters.
type requestLog struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *requestLog) line(at time.Time, r *http.Request, status int, took time.Duration, id string) {
	st := "-" // the client went away before an answer
	if status != 0 {
		st = fmt.Sprint(status)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = fmt.Fprintf(l.w, "time=%s method=%s path=%s status=%s duration=%s id=%s\n",
		at.UTC().Format(time.RFC3339), r.Method, r.URL.EscapedPath(), st, took.Round(time.Microsecond), id)
}
