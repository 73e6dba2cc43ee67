package mock

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ServeHTTP answers one request. The order of the checks is the order a client sees:
//
//  1. request id (X-Request-Id on every answer), counter, log line
//  2. --latency, then --rate-limit (429) and --fail-rate (503): before anything else, like
//     a proxy in front of the service, so a 429/503 never changed anything
//  3. routing: the generated ServeMux decides the operation; 404 / 405 otherwise
//  4. authentication (401) — every operation but setPassword
//  5. customer ownership (403) for a well-formed CUSTOMER the account does not own
//  6. body: over 8 MiB → 413, not JSON → 400, bulk array over MaxBulk → 413
//  7. validation against the spec (400 naming the field)
//  8. the generated strict handler → Server's operation methods (404, 409, ...)
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	start := time.Now()
	meta := newMeta(s.opts.Now())
	sw := &statusWriter{ResponseWriter: w}
	sw.Header().Set("X-Request-Id", meta.id)
	r = r.WithContext(context.WithValue(r.Context(), metaKey{}, meta))
	s.serve(sw, r)
	s.log.line(meta.at, r, sw.status, time.Since(start), meta.id)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	faults := s.faults.Load()
	if !sleep(r.Context(), faults.Latency) {
		return // the client is gone; nobody reads an answer
	}
	if ok, after := faults.limiter.allow(); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(after))
		writeError(w, r, http.StatusTooManyRequests,
			fmt.Sprintf("too many requests: at most %g per second (ecmock --rate-limit)", faults.RateLimit))
		return
	}
	if faults.failer.fail() {
		w.Header().Set("Retry-After", "1")
		writeError(w, r, http.StatusServiceUnavailable, "service unavailable, nothing was changed (ecmock --fail-rate)")
		return
	}
	rt, params := s.route(w, r)
	if rt == nil {
		return
	}
	if rt.auth {
		acc := s.authenticate(r)
		if acc == nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="ecmock", charset="UTF-8"`)
			writeError(w, r, http.StatusUnauthorized, "missing or wrong credentials")
			return
		}
		if c := params["CUSTOMER"]; rt.customer && customerPattern.MatchString(c) && !acc.customers[c] {
			writeError(w, r, http.StatusForbidden,
				fmt.Sprintf("customer %s does not belong to account %s", c, acc.name))
			return
		}
	}
	if rt.body && !s.readBody(w, r, rt) {
		return
	}
	splitGroups(r)
	if err := s.spec.validate(r, rt, params); err != nil {
		writeError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	s.mux.ServeHTTP(w, r)
}

// route finds the operation the ServeMux will dispatch to and its path values. It answers
// 404 or 405 itself and then returns nil.
func (s *Server) route(w http.ResponseWriter, r *http.Request) (*route, map[string]string) {
	_, pattern := s.mux.Handler(r)
	if rt := s.spec.routes[pattern]; rt != nil && rt.method == r.Method {
		// ServeMux also answers HEAD with a GET route and redirects unclean paths; the
		// exact segment match rules both out.
		if params, ok := rt.match(r.URL.EscapedPath()); ok {
			return rt, params
		}
	}
	var allowed []string
	for _, rt := range s.spec.list {
		if _, ok := rt.match(r.URL.EscapedPath()); ok && !slices.Contains(allowed, rt.method) {
			allowed = append(allowed, rt.method)
		}
	}
	slices.Sort(allowed)
	if len(allowed) == 0 {
		writeError(w, r, http.StatusNotFound, fmt.Sprintf("no operation at %s", r.URL.EscapedPath()))
		return nil, nil
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeError(w, r, http.StatusMethodNotAllowed,
		fmt.Sprintf("method %s not allowed at %s (allowed: %s)", r.Method, r.URL.EscapedPath(), strings.Join(allowed, ", ")))
	return nil, nil
}

// authenticate checks basic-auth credentials against every account in constant time.
func (s *Server) authenticate(r *http.Request) *account {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return nil
	}
	uh, ph := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	var found *account
	for i := range s.accounts {
		a := &s.accounts[i]
		if subtle.ConstantTimeCompare(uh[:], a.userHash[:])&subtle.ConstantTimeCompare(ph[:], a.passHash[:]) == 1 {
			found = a
		}
	}
	return found
}

// readBody reads the body within MaxBodyBytes, checks it is one JSON value and, for bulk
// operations, that it holds at most MaxBulk items. It answers errors itself.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, rt *route) bool {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, r, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body larger than %d bytes (8 MiB)", MaxBodyBytes))
			return false
		}
		writeError(w, r, http.StatusBadRequest, fmt.Sprintf("body: reading: %v", err))
		return false
	}
	if err := checkJSON(data); err != nil {
		writeError(w, r, http.StatusBadRequest, err.Error())
		return false
	}
	if rt.bulk {
		if n := countItems(data, s.opts.MaxBulk); n > s.opts.MaxBulk {
			writeError(w, r, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("at most %d users per request; send larger sets in chunks", s.opts.MaxBulk))
			return false
		}
	}
	r.ContentLength = int64(len(data))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	r.Body, _ = r.GetBody()
	return true
}
