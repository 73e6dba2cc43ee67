package mock

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"
)

// Defaults of Options.
const (
	DefaultMaxBulk      = 1000
	DefaultTokenURLBase = "https://continuity.example/activate/"
	// MaxBodyBytes is the largest request body the server reads; larger bodies get 413.
	MaxBodyBytes = 8 << 20
)

// customerPattern is the spec's Customer pattern; TestSpecConstants keeps the two in step.
var customerPattern = regexp.MustCompile(`^[0-9]{5}([A-Z]{2})?$`)

// Options configures a Server. The zero value is usable: one demo account, no users, no
// faults, state kept in memory only.
type Options struct {
	// Accounts are the API users. Empty means DefaultAccounts().
	Accounts []Account
	// Seed is the number of generated users per account customer (deterministic). Seeding
	// only happens when StatePath is empty or names a file that does not exist yet.
	Seed int
	// StatePath is a JSON file holding the data across restarts; empty keeps it in memory.
	StatePath string
	// Latency is added to every request (the wait ends early when the client goes away).
	Latency time.Duration
	// FailRate is the share (0..1) of requests answered 503 with Retry-After before anything
	// else happens.
	FailRate float64
	// RateLimit is the number of requests per second the server accepts (token bucket with a
	// burst of one second); above it requests get 429 with Retry-After. 0 means no limit.
	RateLimit float64
	// MaxBulk is the largest array a bulk create/update/delete may hold (413 above it).
	// 0 means DefaultMaxBulk.
	MaxBulk int
	// Now is the clock (token expiry, timestamps, rate limit); nil means time.Now.
	Now func() time.Time
	// Rand drives FailRate; nil means a randomly seeded source. Tests pass a fixed one.
	Rand rand.Source
	// Logger receives one line per request; nil means no log.
	Logger io.Writer
	// TokenURLBase is put before a token to form the token's url; empty means
	// DefaultTokenURLBase.
	TokenURLBase string
}

// Account is an API user and the customers it may manage.
type Account struct {
	User      string
	Pass      string
	Customers []string
}

// DefaultAccounts is the account used when none is given: demo/demo for 44444 and 55555.
func DefaultAccounts() []Account {
	return []Account{{User: "demo", Pass: "demo", Customers: []string{"44444", "55555"}}}
}

// ParseAccount parses "USER:PASS:CUST[,CUST...]". The password may contain ':' (the user
// ends at the first colon, the customer list starts after the last one).
func ParseAccount(s string) (Account, error) {
	first := strings.IndexByte(s, ':')
	last := strings.LastIndexByte(s, ':')
	if first < 0 || first == last {
		return Account{}, errors.New("account must be USER:PASS:CUSTOMER[,CUSTOMER...]")
	}
	a := Account{User: s[:first], Pass: s[first+1 : last]}
	for _, c := range strings.Split(s[last+1:], ",") {
		a.Customers = append(a.Customers, strings.TrimSpace(c))
	}
	if err := a.validate(); err != nil {
		return Account{}, err
	}
	return a, nil
}

func (a Account) validate() error {
	if a.User == "" {
		return errors.New("account: empty user name")
	}
	if a.Pass == "" {
		return fmt.Errorf("account %q: empty password", a.User)
	}
	if len(a.Customers) == 0 {
		return fmt.Errorf("account %q: no customer", a.User)
	}
	for _, c := range a.Customers {
		if !customerPattern.MatchString(c) {
			return fmt.Errorf("account %q: customer %q is not five digits with an optional two-letter suffix", a.User, c)
		}
	}
	return nil
}

func (o *Options) normalize() error {
	if len(o.Accounts) == 0 {
		o.Accounts = DefaultAccounts()
	}
	seen := make(map[string]bool, len(o.Accounts))
	for _, a := range o.Accounts {
		if err := a.validate(); err != nil {
			return err
		}
		if seen[a.User] {
			return fmt.Errorf("account %q given twice", a.User)
		}
		seen[a.User] = true
	}
	switch {
	case o.Seed < 0:
		return fmt.Errorf("seed %d: must not be negative", o.Seed)
	case o.Latency < 0:
		return fmt.Errorf("latency %s: must not be negative", o.Latency)
	case o.FailRate < 0 || o.FailRate > 1:
		return fmt.Errorf("fail rate %g: must be between 0 and 1", o.FailRate)
	case o.RateLimit < 0:
		return fmt.Errorf("rate limit %g: must not be negative", o.RateLimit)
	case o.MaxBulk < 0:
		return fmt.Errorf("max bulk %d: must not be negative", o.MaxBulk)
	}
	if o.MaxBulk == 0 {
		o.MaxBulk = DefaultMaxBulk
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = io.Discard
	}
	if o.TokenURLBase == "" {
		o.TokenURLBase = DefaultTokenURLBase
	}
	return nil
}
