package mock

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// rateLimiter is a token bucket: rate tokens per second, at most one second's worth
// (at least one token) banked.
type rateLimiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newRateLimiter(rate float64, now func() time.Time) *rateLimiter {
	if rate <= 0 {
		return nil
	}
	burst := math.Max(1, rate)
	return &rateLimiter{rate: rate, burst: burst, tokens: burst, last: now(), now: now}
}

// allow takes a token, or says after how many whole seconds one will be there.
func (l *rateLimiter) allow() (ok bool, retryAfter int) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if elapsed := now.Sub(l.last).Seconds(); elapsed > 0 {
		l.tokens = math.Min(l.burst, l.tokens+elapsed*l.rate)
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return true, 0
	}
	return false, max(1, int(math.Ceil((1-l.tokens)/l.rate)))
}

// failer decides which requests get a simulated 503.
type failer struct {
	rate float64
	mu   sync.Mutex
	rnd  *rand.Rand // nil: the goroutine-safe global generator
}

func newFailer(rate float64, src rand.Source) *failer {
	f := &failer{rate: rate}
	if src != nil {
		f.rnd = rand.New(src)
	}
	return f
}

func (f *failer) fail() bool {
	if f.rate <= 0 {
		return false
	}
	if f.rnd == nil {
		return rand.Float64() < f.rate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rnd.Float64() < f.rate
}

// sleep waits d, or less if ctx ends first; it reports whether the full wait happened.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Faults are the injected faults of a running server.
type Faults struct {
	Latency   time.Duration
	FailRate  float64
	RateLimit float64
}

// faultSet is one consistent set of faults with the state that serves them.
type faultSet struct {
	Faults
	limiter *rateLimiter
	failer  *failer
}

// Faults returns the faults in force.
func (s *Server) Faults() Faults { return s.faults.Load().Faults }

// SetFaults changes the injected faults of a running server, for tests that let a script
// run into trouble half-way. Requests already past the fault checks are not affected. After
// a change the fail rate draws from the shared random generator, not Options.Rand.
func (s *Server) SetFaults(f Faults) error {
	o := s.opts
	o.Latency, o.FailRate, o.RateLimit = f.Latency, f.FailRate, f.RateLimit
	if err := o.normalize(); err != nil {
		return err
	}
	s.faults.Store(&faultSet{
		Faults:  f,
		limiter: newRateLimiter(f.RateLimit, s.opts.Now),
		failer:  newFailer(f.FailRate, nil),
	})
	return nil
}
