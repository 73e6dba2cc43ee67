package mock

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ecctl/ecctl/gen"
)

var _ gen.StrictServerInterface = (*Server)(nil)

// Server is a running mock: its data, its configuration and its HTTP handler.
type Server struct {
	opts     Options
	accounts []account
	spec     *spec
	mux      *http.ServeMux
	store    *store
	tz       tzChecker
	faults   atomic.Pointer[faultSet]
	log      requestLog
	state    *persister // nil without StatePath

	requests atomic.Int64
	changes  atomic.Int64

	notesMu sync.Mutex
	notes   []Notification
}

// account is an Account with the hashes used for the constant-time comparison.
type account struct {
	name      string
	userHash  [32]byte
	passHash  [32]byte
	customers map[string]bool
}

// Notification is an e-mail the real service would have sent (mailNotification).
type Notification struct {
	Customer string
	User     string
	// Reason is "create" (user created with mailNotification) or "token".
	Reason string
	// URL is the token's url for Reason "token". Kept in memory only, never logged.
	URL string
	At  time.Time
}

// maxNotifications bounds the in-memory record of notifications (newest kept).
const maxNotifications = 1000

// New builds a server: accounts, data (state file, else seed), faults. With a StatePath
// the caller must Close the server to stop its writer and write the last changes.
func New(opts Options) (*Server, error) {
	if err := opts.normalize(); err != nil {
		return nil, err
	}
	sp, err := loadSpec()
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:  opts,
		spec:  sp,
		store: newStore(),
		log:   requestLog{w: opts.Logger},
	}
	s.faults.Store(&faultSet{
		Faults:  Faults{Latency: opts.Latency, FailRate: opts.FailRate, RateLimit: opts.RateLimit},
		limiter: newRateLimiter(opts.RateLimit, opts.Now),
		failer:  newFailer(opts.FailRate, opts.Rand),
	})
	var customers []string
	for _, a := range opts.Accounts {
		acc := account{
			name:      a.User,
			userHash:  sha256.Sum256([]byte(a.User)),
			passHash:  sha256.Sum256([]byte(a.Pass)),
			customers: make(map[string]bool),
		}
		for _, c := range a.Customers {
			acc.customers[c] = true
			if !slices.Contains(customers, c) {
				customers = append(customers, c)
			}
		}
		s.accounts = append(s.accounts, acc)
	}
	loaded := false
	if opts.StatePath != "" {
		if loaded, err = loadState(opts.StatePath, s.store, sp); err != nil {
			return nil, err
		}
	}
	for _, c := range customers {
		s.store.ensureCustomer(c)
		if !loaded && opts.Seed > 0 {
			if dup, ok := s.store.load(c, seedUsers(c, opts.Seed)); !ok {
				return nil, fmt.Errorf("seeding %s: address %s generated twice", c, dup)
			}
		}
	}
	s.mux = http.NewServeMux()
	strict := gen.NewStrictHandlerWithOptions(s, nil, gen.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, http.StatusBadRequest, err.Error())
		},
		ResponseErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, http.StatusInternalServerError, err.Error())
		},
	})
	gen.HandlerWithOptions(strict, gen.StdHTTPServerOptions{
		BaseRouter: s.mux,
		ErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, http.StatusBadRequest, err.Error())
		},
	})
	if opts.StatePath != "" {
		s.state = startPersister(opts.StatePath, s.store, opts.Logger)
	}
	return s, nil
}

// NewHandler returns the handler of a fresh in-memory server: the form tests of other
// packages want (`httptest.NewServer(mock.NewHandler(...))`). It refuses a StatePath,
// whose writer needs Close.
func NewHandler(opts Options) (http.Handler, error) {
	if opts.StatePath != "" {
		return nil, fmt.Errorf("mock.NewHandler keeps state in memory; use New and Close for a state file")
	}
	return New(opts)
}

// Handler returns the server's HTTP handler (the server itself).
func (s *Server) Handler() http.Handler { return s }

// Requests is the number of requests that reached the server, rejected ones included.
func (s *Server) Requests() int64 { return s.requests.Load() }

// Changes is the number of requests that changed (or could have changed) the data: every
// successful create, update, delete, flag, token and password request.
func (s *Server) Changes() int64 { return s.changes.Load() }

// Notifications returns the e-mails the real service would have sent, oldest first (at
// most the newest 1000).
func (s *Server) Notifications() []Notification {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	return slices.Clone(s.notes)
}

func (s *Server) notify(n ...Notification) {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	s.notes = append(s.notes, n...)
	if over := len(s.notes) - maxNotifications; over > 0 {
		s.notes = slices.Delete(s.notes, 0, over)
	}
}

// changed records an applied change and wakes the state writer.
func (s *Server) changed() {
	s.changes.Add(1)
	if s.state != nil {
		s.state.kick()
	}
}

// Flush writes the state file now if it is behind (no-op without StatePath).
func (s *Server) Flush() error {
	if s.state == nil {
		return nil
	}
	return s.state.save()
}

// Close stops the state writer after writing the last changes. The handler keeps working
// in memory afterwards, but changes are no longer written.
func (s *Server) Close() error {
	if s.state == nil {
		return nil
	}
	return s.state.close()
}
