package mock

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ecctl/ecctl/gen"
)

// reqMeta is what every answer to a request shares: its id and timestamp.
type reqMeta struct {
	id string
	at time.Time
	ts string // at, RFC 3339 UTC
}

type metaKey struct{}

func newMeta(now time.Time) *reqMeta {
	at := now.UTC()
	return &reqMeta{id: newRequestID(), at: at, ts: at.Format(time.RFC3339)}
}

// metaFrom returns the meta ServeHTTP attached to the request. An operation method called
// directly (not over HTTP) gets a fresh one.
func metaFrom(ctx context.Context) *reqMeta {
	if m, ok := ctx.Value(metaKey{}).(*reqMeta); ok {
		return m
	}
	return newMeta(time.Now())
}

// newRequestID returns a random UUID (version 4), the form of the spec's example ids.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// errorBody is the Error object of an answer.
func errorBody(ctx context.Context, status int, format string, args ...any) gen.Error {
	m := metaFrom(ctx)
	return gen.Error{Id: m.id, Timestamp: m.ts, Status: status, Message: fmt.Sprintf(format, args...)}
}

// writeError answers with the Error body, or with the status and headers only on HEAD
// (openapi.yaml declares no body for HEAD answers).
func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	body, err := json.Marshal(errorBody(r.Context(), status, "%s", msg))
	if err != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// listNames renders addresses for a message, at most ten of them.
func listNames(names []string) string {
	const most = 10
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:most], ", "), len(names)-most)
}
