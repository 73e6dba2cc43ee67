package mock

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// TokenLifetime is how long a token from createToken stays valid.
const TokenLifetime = 24 * time.Hour

// tokenDigest identifies a token without keeping it: the table and the state file hold
// only SHA-256 digests, so neither a memory dump of the map keys nor the state file
// gives a usable token away.
type tokenDigest [sha256.Size]byte

type tokenEntry struct {
	customer string
	addr     string
	created  time.Time
	expires  time.Time
	mail     bool
}

type tokenKey struct{ customer, addr string }

// tokenTable keeps at most one token per user: a newer token replaces the older.
// Callers hold the store's write lock.
type tokenTable struct {
	byDigest map[tokenDigest]*tokenEntry
	byUser   map[tokenKey]tokenDigest
}

func newTokenTable() tokenTable {
	return tokenTable{byDigest: make(map[tokenDigest]*tokenEntry), byUser: make(map[tokenKey]tokenDigest)}
}

func (t *tokenTable) add(d tokenDigest, e *tokenEntry) {
	t.forget(e.customer, e.addr)
	t.byDigest[d] = e
	t.byUser[tokenKey{e.customer, e.addr}] = d
}

// issue creates a random single-use token for a user.
func (t *tokenTable) issue(c, addr string, now time.Time, mail bool) (string, time.Time) {
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go 1.24+)
	tok := base64.RawURLEncoding.EncodeToString(raw[:])
	e := &tokenEntry{customer: c, addr: addr, created: now.UTC(), expires: now.Add(TokenLifetime).UTC(), mail: mail}
	t.add(sha256.Sum256([]byte(tok)), e)
	return tok, e.expires
}

// consume removes the token if it belongs to addr and has not expired, and returns the
// customer of the user.
func (t *tokenTable) consume(addr, tok string, now time.Time) (string, bool) {
	d := sha256.Sum256([]byte(tok))
	e, ok := t.byDigest[d]
	if !ok || e.addr != addr {
		return "", false
	}
	t.forget(e.customer, e.addr)
	if !now.Before(e.expires) {
		return "", false
	}
	return e.customer, true
}

// forget drops the token of a user (deleted user, replaced token).
func (t *tokenTable) forget(c, addr string) {
	k := tokenKey{c, addr}
	if d, ok := t.byUser[k]; ok {
		delete(t.byDigest, d)
		delete(t.byUser, k)
	}
}
