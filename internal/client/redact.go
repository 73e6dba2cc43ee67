package client

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Redaction for the debug trace. The trace is meant to be pasted into a ticket, so every
// secret is replaced before anything is written: the Authorization header (and its
// relatives), URL userinfo, query parameters with secret names, every JSON value under a
// key that names a secret (password, token, ...) at any depth, the token inside a `url`
// value, and any later occurrence of a secret seen in the same exchange.

const redacted = "[REDACTED]"

// isSecretName reports whether a header, query or JSON key names a secret.
func isSecretName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"password", "passwd", "token", "secret", "authorization", "cookie", "apikey", "api-key", "api_key"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// redactURL removes credentials from an address: userinfo, and the values of query
// parameters with secret names. It leaves everything else readable.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return redacted
	}
	return assembleURL(u, u.EscapedPath(), redactQuery(u.RawQuery, false), u.EscapedFragment())
}

// redactLink is redactURL for a `url` value in a body. The API's token URL is a base
// followed by the token, so the last path segment, every query value and the fragment go.
func redactLink(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return redacted
	}
	path := u.EscapedPath()
	if trimmed := strings.TrimRight(path, "/"); trimmed != "" {
		if i := strings.LastIndex(trimmed, "/"); i < len(trimmed)-1 {
			path = trimmed[:i+1] + redacted
		}
	}
	fragment := ""
	if u.Fragment != "" {
		fragment = redacted
	}
	return assembleURL(u, path, redactQuery(u.RawQuery, true), fragment)
}

// assembleURL writes a URL by hand because url.URL.String would percent-encode the
// brackets of [REDACTED].
func assembleURL(u *url.URL, path, query, fragment string) string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.Opaque != "" {
		b.WriteString(redacted)
	} else if u.Host != "" || u.User != nil {
		b.WriteString("//")
		if u.User != nil {
			b.WriteString(redacted + "@")
		}
		b.WriteString(u.Host)
	}
	b.WriteString(path)
	if query != "" || u.ForceQuery {
		b.WriteString("?" + query)
	}
	if fragment != "" {
		b.WriteString("#" + fragment)
	}
	return b.String()
}

// redactQuery replaces the values of secret parameters (all values when all is set),
// keeping the order and encoding of everything else.
func redactQuery(raw string, all bool) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		key, _, hasValue := strings.Cut(p, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if hasValue && (all || isSecretName(name)) {
			parts[i] = key + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}

// redactBody returns body with secrets replaced, and the secret values it found (so that
// they can be scrubbed from the rest of the exchange). JSON is rewritten structurally;
// anything else (a truncated or broken document, a form) falls back to patterns.
func redactBody(body []byte) ([]byte, []string) {
	if out, secrets, ok := redactJSON(body); ok {
		return out, secrets
	}
	out := looseSecretPair().ReplaceAll(body, []byte(`${1}"`+redacted+`"`))
	out = looseURLPair().ReplaceAll(out, []byte(`${1}"`+redacted+`"`))
	out = looseFormPair().ReplaceAll(out, []byte(`${1}=`+redacted))
	return out, nil
}

// Patterns for bodies that are not valid JSON. Compiled once, on first use (only --debug
// needs them, and every command pays for what happens at start-up); regexps are safe for
// concurrent use and never modified.
var (
	looseSecretPair = lazyRegexp(`(?i)("[^"\\]*(?:password|passwd|token|secret)[^"\\]*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]*)`)
	looseURLPair    = lazyRegexp(`(?i)("url"\s*:\s*)("(?:[^"\\]|\\.)*"?)`)
	looseFormPair   = lazyRegexp(`(?i)\b(\w*(?:password|passwd|token|secret)\w*)=[^&\s]*`)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// redactJSON rewrites a JSON document token by token, so that key order and numbers stay
// as the server sent them. ok is false when body is not one valid JSON value.
func redactJSON(body []byte) (out []byte, secrets []string, ok bool) {
	r := &jsonRedactor{dec: json.NewDecoder(bytes.NewReader(body))}
	r.dec.UseNumber()
	r.enc = json.NewEncoder(&r.out)
	r.enc.SetEscapeHTML(false)
	if err := r.value("", false); err != nil {
		return nil, nil, false
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, nil, false
	}
	return r.out.Bytes(), r.secrets, true
}

type jsonRedactor struct {
	dec     *json.Decoder
	enc     *json.Encoder
	out     bytes.Buffer
	secrets []string
}

// value copies one JSON value. key is the name it is stored under (array items inherit
// their array's); secret is set inside a value whose key names a secret.
func (r *jsonRedactor) value(key string, secret bool) error {
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		return r.container(t, key, secret)
	case string:
		switch {
		case secret:
			r.secrets = append(r.secrets, t)
			r.out.WriteString(`"` + redacted + `"`)
		case strings.EqualFold(key, "url"):
			r.str(redactLink(t))
		default:
			r.str(t)
		}
	case json.Number:
		r.scalar(t.String(), secret)
	case bool:
		r.scalar(strconv.FormatBool(t), secret)
	case nil:
		r.out.WriteString("null")
	}
	return nil
}

func (r *jsonRedactor) container(open json.Delim, key string, secret bool) error {
	closing := byte(']')
	if open == '{' {
		closing = '}'
	}
	r.out.WriteByte(byte(open))
	for i := 0; r.dec.More(); i++ {
		if i > 0 {
			r.out.WriteByte(',')
		}
		childKey, childSecret := key, secret
		if open == '{' {
			tok, err := r.dec.Token()
			if err != nil {
				return err
			}
			childKey, _ = tok.(string)
			childSecret = secret || isSecretName(childKey)
			r.str(childKey)
			r.out.WriteByte(':')
		}
		if err := r.value(childKey, childSecret); err != nil {
			return err
		}
	}
	if _, err := r.dec.Token(); err != nil {
		return err
	}
	r.out.WriteByte(closing)
	return nil
}

func (r *jsonRedactor) scalar(text string, secret bool) {
	if secret {
		r.secrets = append(r.secrets, text)
		r.out.WriteString(`"` + redacted + `"`)
		return
	}
	r.out.WriteString(text)
}

func (r *jsonRedactor) str(s string) {
	// Encode writes a trailing newline; drop it to keep the document on one line.
	_ = r.enc.Encode(s)
	r.out.Truncate(r.out.Len() - 1)
}

// scrub replaces every occurrence of a known secret (and its URL-escaped forms) in s.
// Values shorter than 4 bytes are left alone: replacing them would garble the trace
// without protecting anything (the API's passwords have at least 8 characters).
func scrub(s string, secrets []string) string {
	for _, v := range secrets {
		if len(v) < 4 {
			continue
		}
		for _, form := range []string{v, url.PathEscape(v), url.QueryEscape(v)} {
			s = strings.ReplaceAll(s, form, redacted)
		}
	}
	return s
}
