package failover

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/journal"
	"github.com/ecctl/ecctl/internal/validate"
)

// maxReason bounds --reason: it goes into every journal line and snapshot of the change.
const maxReason = 1000

// target is whom a failover command aims at: all users of the customer, the members of at
// least one of some groups, or named users.
type target struct {
	customer string
	groups   []string
	users    []string
}

// listed says whether the users in scope are found by a list pass (all users or groups)
// rather than one by one.
func (t target) listed() bool { return len(t.users) == 0 }

func (t target) filter() client.Filter { return client.Filter{Groups: t.groups} }

// describe names the scope for people: "members of emea, nordics in 44444".
func (t target) describe() string {
	switch {
	case len(t.groups) == 1:
		return fmt.Sprintf("members of group %s in %s", t.groups[0], t.customer)
	case len(t.groups) > 1:
		return fmt.Sprintf("members of groups %s in %s", strings.Join(t.groups, ", "), t.customer)
	case len(t.users) > 0:
		return fmt.Sprintf("%s of %s", plural(len(t.users), "named user"), t.customer)
	}
	return "all users of " + t.customer
}

// scope is the target as the journal and the snapshot record it. value is the failover
// value set (nil for a restore, which sets both flags to what they were).
func (t target) scope(value *bool) journal.Scope {
	s := journal.Scope{All: t.listed() && len(t.groups) == 0, Groups: t.groups}
	if len(t.users) > 0 {
		s = journal.UsersScope(t.users)
	}
	if value != nil {
		s.Flag, s.Value = string(gen.Failover), value
	}
	return s
}

// customerRequest is the customer- or group-wide flag request as it goes over the wire.
func customerRequest(customer string, flag gen.Flag, on bool, groups []string) string {
	path := "/" + customer + "/" + string(flag)
	if len(groups) > 0 {
		path += "?" + url.Values{"group": groups}.Encode()
	}
	return method(on) + " " + path
}

// userRequest is a per-user flag request as it goes over the wire.
func userRequest(customer, user string, flag gen.Flag, on bool) string {
	return method(on) + " /" + customer + "/" + user + "/" + string(flag)
}

func method(on bool) string {
	if on {
		return "PUT"
	}
	return "DELETE"
}

// checkTarget validates the scope flags before anything is sent (exit 2 on failure) and
// returns the users normalised (%40 → @) and without repeats.
func checkTarget(groups, users []string) ([]string, error) {
	if len(groups) > 0 && len(users) > 0 {
		return nil, cmdutil.UsageErrorf("--group and --user cannot be combined: a change aims at groups or at named users")
	}
	if err := validate.GroupFilter(groups); err != nil {
		return nil, cmdutil.UsageError(fmt.Errorf("--group: %w", err))
	}
	seen := make(map[string]bool, len(users))
	var out []string
	for _, u := range users {
		n, err := validate.NormalizeUser(u)
		if err != nil {
			return nil, cmdutil.UsageError(fmt.Errorf("--user: %w", err))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// checkReason refuses a --reason that is not text or too long for a journal line.
func checkReason(reason string) error {
	if !utf8.ValidString(reason) {
		return cmdutil.UsageErrorf("--reason: not valid UTF-8")
	}
	if n := utf8.RuneCountInString(reason); n > maxReason {
		return cmdutil.UsageErrorf("--reason: %d characters, at most %d", n, maxReason)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
