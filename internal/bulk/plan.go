package bulk

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/ecctl/ecctl/internal/iostreams"
)

// Limits and defaults of Options.
const (
	// MaxChunkSize is the API's limit of users per bulk request.
	MaxChunkSize     = 1000
	DefaultChunkSize = MaxChunkSize
	// MaxConcurrency bounds the requests in flight: beyond a handful the API only answers
	// 429 (too many requests) sooner.
	MaxConcurrency     = 16
	DefaultConcurrency = 4
	// DefaultGrace is how long requests in flight may still run after an interrupt.
	DefaultGrace = 15 * time.Second
)

// Options tune Run. The zero value of every field is usable.
type Options struct {
	// ChunkSize is the number of users per request, 1..MaxChunkSize; 0 means DefaultChunkSize.
	ChunkSize int
	// Concurrency is the number of requests in flight at once, 1..MaxConcurrency; 0 means
	// DefaultConcurrency.
	Concurrency int
	// Progress is told the number of users of every chunk that ends (applied or failed);
	// Run calls its Finish. nil means no progress.
	Progress iostreams.Progress
	// Grace is how long requests in flight may still take after ctx is cancelled; when it
	// has passed they are cancelled too. 0 means DefaultGrace.
	Grace time.Duration
	// Notes receives one-line notices while running (what happens after an interrupt).
	// nil means none.
	Notes io.Writer
}

// CheckChunkSize says whether n users fit in one request.
func CheckChunkSize(n int) error {
	if n < 1 || n > MaxChunkSize {
		return fmt.Errorf("%d users per request is out of range: the API takes 1 to %d", n, MaxChunkSize)
	}
	return nil
}

// CheckConcurrency says whether n requests may be in flight at once.
func CheckConcurrency(n int) error {
	if n < 1 || n > MaxConcurrency {
		return fmt.Errorf("%d requests at once is out of range: 1 to %d", n, MaxConcurrency)
	}
	return nil
}

// withDefaults fills in the zero fields and checks the others.
func (o Options) withDefaults() (Options, error) {
	if o.ChunkSize == 0 {
		o.ChunkSize = DefaultChunkSize
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Grace == 0 {
		o.Grace = DefaultGrace
	}
	if err := CheckChunkSize(o.ChunkSize); err != nil {
		return o, fmt.Errorf("bulk: chunk size: %w", err)
	}
	if err := CheckConcurrency(o.Concurrency); err != nil {
		return o, fmt.Errorf("bulk: concurrency: %w", err)
	}
	if o.Grace < 0 {
		return o, fmt.Errorf("bulk: negative grace period %s", o.Grace)
	}
	return o, nil
}

// State is what became of a chunk.
type State int

// The states of a chunk.
const (
	NotSent State = iota // not sent (yet): the run was interrupted or stopped first, or a plan
	Applied
	Failed
)

// String is the state's name in reports: "notSent", "applied" or "failed".
func (s State) String() string {
	switch s {
	case Applied:
		return "applied"
	case Failed:
		return "failed"
	}
	return "notSent"
}

// MarshalText makes a State a JSON string.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Chunk is one request's worth of users and what became of it.
type Chunk struct {
	// Seq numbers the chunks of a run from 1, in the order of the batches and their users.
	Seq   int
	Kind  Kind
	Users []string // the users the request names
	State State
	// Applied are the users the API reported as applied (State Applied).
	Applied []string
	// RequestID is the id of the API's answer: of the applied request, or of the error answer.
	RequestID string
	// Err is why the chunk failed (State Failed): a *client.APIError, a *client.NetworkError,
	// or another error from the client.
	Err error
	// MaybeApplied is set on a failed chunk whose request may have been applied although no
	// usable answer came back.
	MaybeApplied bool

	batch  *Batch
	lo, hi int
}

// Request describes the HTTP request of the chunk: method, path relative to the API endpoint
// (with the query, if any) and the body exactly as it is sent (nil when there is none). It is
// what --dry-run shows.
func (c Chunk) Request(customer string) (method, path string, body any) {
	return c.batch.request(customer, c.lo, c.hi)
}

// Plan cuts the batches into the chunks Run would send, in order, without sending anything.
// Single-user batches are one chunk each.
func Plan(o Options, batches ...Batch) ([]Chunk, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	return plan(o, batches), nil
}

func plan(o Options, batches []Batch) []Chunk {
	// The chunks point at their batch; a copy keeps the caller's slice out of it.
	batches = slices.Clone(batches)
	n := 0
	for _, b := range batches {
		n += (b.Len() + o.ChunkSize - 1) / o.ChunkSize
	}
	chunks := make([]Chunk, 0, n)
	for i := range batches {
		b := &batches[i]
		size := o.ChunkSize
		if b.single {
			size = 1
		}
		for lo := 0; lo < b.Len(); lo += size {
			hi := min(lo+size, b.Len())
			chunks = append(chunks, Chunk{
				Seq: len(chunks) + 1, Kind: b.kind, Users: b.users[lo:hi],
				batch: b, lo: lo, hi: hi,
			})
		}
	}
	return chunks
}
