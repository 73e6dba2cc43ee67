package mock

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/ecctl/ecctl/gen"
)

// stateFormat is written into every state file and checked when loading one.
const stateFormat = "ecmock-state/1"

// stateFile is the JSON of --state. Users carry the API's field names; tokens are kept as
// SHA-256 digests only, so the file holds no usable secret.
type stateFile struct {
	Format    string                    `json:"format"`
	Customers map[string]*stateCustomer `json:"customers"`
}

type stateCustomer struct {
	Users  []stateUser  `json:"users"`
	Tokens []stateToken `json:"tokens,omitempty"`
}

type stateUser struct {
	User           string         `json:"user"`
	DisplayName    string         `json:"displayName"`
	GivenName      string         `json:"givenName"`
	SurName        string         `json:"surName"`
	Language       string         `json:"language"`
	Timezone       string         `json:"timezone"`
	Department     string         `json:"department,omitempty"`
	Costcenter     string         `json:"costcenter,omitempty"`
	Phone          string         `json:"phone,omitempty"`
	Mobile         string         `json:"mobile,omitempty"`
	FailoverGroups []string       `json:"failoverGroups,omitempty"`
	Status         gen.UserStatus `json:"status"`
}

type stateToken struct {
	User             string    `json:"user"`
	SHA256           string    `json:"sha256"`
	Created          time.Time `json:"created"`
	Expires          time.Time `json:"expires"`
	MailNotification bool      `json:"mailNotification"`
}

// snapshot is the data at one version, taken under the read lock and written without it
// (users are immutable, group names append-only).
type snapshot struct {
	version   uint64
	customers []customerSnapshot
}

type customerSnapshot struct {
	id     string
	users  []*user
	groups []string
	tokens []stateToken
}

func (s *store) snapshot() snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	snap := snapshot{version: s.version}
	for id, cd := range s.customers {
		snap.customers = append(snap.customers, customerSnapshot{id: id, users: slices.Clone(cd.users), groups: cd.groups.names})
	}
	slices.SortFunc(snap.customers, func(a, b customerSnapshot) int {
		if a.id < b.id {
			return -1
		}
		return 1
	})
	for i := range snap.customers {
		cs := &snap.customers[i]
		for d, e := range s.tokens.byDigest {
			if e.customer == cs.id {
				cs.tokens = append(cs.tokens, stateToken{User: e.addr, SHA256: hex.EncodeToString(d[:]),
					Created: e.created, Expires: e.expires, MailNotification: e.mail})
			}
		}
		slices.SortFunc(cs.tokens, func(a, b stateToken) int {
			if a.User < b.User {
				return -1
			}
			return 1
		})
	}
	return snap
}

// encode streams the snapshot as JSON, one user per line, without building it in memory.
func (snap *snapshot) encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	if _, err := fmt.Fprintf(w, "{\"format\":%q,\"customers\":{", stateFormat); err != nil {
		return err
	}
	for i, cs := range snap.customers {
		sep := ","
		if i == 0 {
			sep = ""
		}
		if _, err := fmt.Fprintf(w, "%s\n%q:{\"users\":[", sep, cs.id); err != nil {
			return err
		}
		for j, u := range cs.users {
			if j > 0 {
				if _, err := io.WriteString(w, ","); err != nil {
					return err
				}
			}
			if err := enc.Encode(toState(u, cs.groups)); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "],\"tokens\":"); err != nil {
			return err
		}
		if cs.tokens == nil {
			cs.tokens = []stateToken{}
		}
		if err := enc.Encode(cs.tokens); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "}"); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "}}\n")
	return err
}

func toState(u *user, groups []string) stateUser {
	return stateUser{
		User: u.addr, DisplayName: u.displayName, GivenName: u.givenName, SurName: u.surName,
		Language: u.language, Timezone: u.timezone,
		Department: u.department, Costcenter: u.costcenter, Phone: u.phone, Mobile: u.mobile,
		FailoverGroups: namesOf(groups, u.groups),
		Status: gen.UserStatus{
			Activation: u.has(flagActivation), Access: u.has(flagAccess), Failover: u.has(flagFailover),
		},
	}
}

func fromState(su stateUser) userData {
	d := userData{u: user{
		addr: su.User, displayName: su.DisplayName, givenName: su.GivenName, surName: su.SurName,
		language: su.Language, timezone: su.Timezone,
		department: su.Department, costcenter: su.Costcenter, phone: su.Phone, mobile: su.Mobile,
	}, groups: su.FailoverGroups}
	if su.Status.Activation {
		d.u.flags |= flagActivation
	}
	if su.Status.Access {
		d.u.flags |= flagAccess
	}
	if su.Status.Failover {
		d.u.flags |= flagFailover
	}
	return d
}

// loadState reads the state file into st. A missing file is not an error (loaded false);
// a damaged one is, and is left alone so nothing overwrites it.
func loadState(path string, st *store, sp *spec) (loaded bool, err error) {
	if err := removeStaleTemps(path); err != nil {
		return false, err
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("opening state file: %w", err)
	}
	defer f.Close()
	var sf stateFile
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sf); err != nil {
		return false, fmt.Errorf("reading state file %s: %w", path, err)
	}
	if sf.Format != stateFormat {
		return false, fmt.Errorf("state file %s: format %q, want %q", path, sf.Format, stateFormat)
	}
	for c, sc := range sf.Customers {
		if !customerPattern.MatchString(c) {
			return false, fmt.Errorf("state file %s: %q is not a customer number", path, c)
		}
		if sc == nil {
			continue
		}
		data := make([]userData, len(sc.Users))
		for i, su := range sc.Users {
			if !sp.userAddress.MatchString(su.User) || su.DisplayName == "" || su.GivenName == "" || su.SurName == "" ||
				su.Language == "" || su.Timezone == "" {
				return false, fmt.Errorf("state file %s: customer %s, user %d (%q): missing or malformed field", path, c, i, su.User)
			}
			data[i] = fromState(su)
		}
		if dup, ok := st.load(c, data); !ok {
			return false, fmt.Errorf("state file %s: customer %s: user %s occurs twice", path, c, dup)
		}
		cd := st.customers[c]
		for _, t := range sc.Tokens {
			if cd.byAddr[t.User] == nil {
				continue // a hand-edited file: a token of nobody can never be used
			}
			raw, err := hex.DecodeString(t.SHA256)
			if err != nil || len(raw) != len(tokenDigest{}) {
				return false, fmt.Errorf("state file %s: customer %s: token of %s: bad digest", path, c, t.User)
			}
			st.tokens.add(tokenDigest(raw), &tokenEntry{customer: c, addr: t.User, created: t.Created, expires: t.Expires, mail: t.MailNotification})
		}
	}
	// What was just read is what the file holds: nothing to write until the next change.
	st.version = 0
	return true, nil
}
