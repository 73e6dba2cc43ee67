package failover

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// perUserConcurrency bounds the per-user requests (reads and flag changes) in flight at
// once: enough to restore a few thousand users in seconds, few enough not to run into the
// API's rate limit in a burst (the client retries 429s anyway).
const perUserConcurrency = 8

// listAttempts is how often a list pass starts over when users change while it runs.
const listAttempts = 3

// forEach calls fn(ctx, i) for every i in [0, n), at most limit at a time. Once ctx is done
// it starts no more calls, waits for the running ones and returns ctx's error.
func forEach(ctx context.Context, n, limit int, fn func(ctx context.Context, i int)) error {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := ctx.Err(); err != nil { // select picks at random when both are ready
			return err
		}
		wg.Go(func() {
			defer func() { <-sem }()
			fn(ctx, i)
		})
	}
	return nil
}

func flagsOf(u gen.User) UserFlags {
	return UserFlags{User: u.User, Failover: u.Status.Failover, Access: u.Status.Access}
}

// listState reads the flags of every user matching filter in one list pass, in the API's
// order. The pass starts over when the users change during it, so that no user is missed.
func listState(ctx context.Context, c *client.Client, customer string, filter client.Filter) ([]UserFlags, error) {
	var users []UserFlags
	err := cmdutil.EachUserRetry(ctx, c, customer, filter, listAttempts, func() { users = users[:0] }, func(u gen.User) error {
		users = append(users, flagsOf(u))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return users, nil
}

// fetchState reads the named users one by one. Users the API does not know (404) are
// returned in missing, in the order given; any other failure is an error.
func fetchState(ctx context.Context, c *client.Client, customer string, users []string) (found []UserFlags, missing []string, err error) {
	type answer struct {
		flags UserFlags
		err   error
	}
	answers := make([]answer, len(users))
	if err := forEach(ctx, len(users), perUserConcurrency, func(ctx context.Context, i int) {
		u, err := c.GetUser(ctx, customer, users[i])
		if err != nil {
			answers[i].err = err
			return
		}
		answers[i].flags = flagsOf(*u)
	}); err != nil {
		return nil, nil, err
	}
	for i, a := range answers {
		switch {
		case isNotFound(a.err):
			missing = append(missing, users[i])
		case a.err != nil:
			return nil, nil, a.err
		default:
			found = append(found, a.flags)
		}
	}
	return found, missing, nil
}

func isNotFound(err error) bool {
	var api *client.APIError
	return errors.As(err, &api) && api.Status == http.StatusNotFound
}

// userFailure is a per-user request that failed.
type userFailure struct {
	User  string `json:"user"`
	Flag  string `json:"flag"`
	Error string `json:"error"`
}

// flagChange is one per-user flag request.
type flagChange struct {
	user string
	flag gen.Flag
	on   bool
}

func (ch flagChange) request(customer string) string {
	return userRequest(customer, ch.user, ch.flag, ch.on)
}

// applied is what a batch of per-user flag requests achieved.
type applied struct {
	done       []flagChange
	failed     []userFailure
	requestIDs []string
	// interrupted is set when ctx ended before every request was sent.
	interrupted bool
}

// applyChanges sends the per-user flag requests, perUserConcurrency at a time. A failed
// request does not stop the others: each user's change stands alone and the caller
// reports the failures. When ctx ends, no more requests are started.
func applyChanges(ctx context.Context, c *client.Client, customer string, changes []flagChange) applied {
	type answer struct {
		sent bool
		id   string
		err  error
	}
	answers := make([]answer, len(changes))
	err := forEach(ctx, len(changes), perUserConcurrency, func(ctx context.Context, i int) {
		ch := changes[i]
		ack, err := c.SetUserFlag(ctx, customer, ch.user, ch.flag, ch.on)
		answers[i].sent = true
		if err != nil {
			answers[i].err = err
			return
		}
		answers[i].id = ack.Id
	})
	var res applied
	res.interrupted = err != nil
	for i, a := range answers {
		switch {
		case !a.sent:
		case a.err != nil:
			if ctx.Err() != nil && errors.Is(a.err, ctx.Err()) {
				res.interrupted = true
				continue
			}
			res.failed = append(res.failed, userFailure{User: changes[i].user, Flag: string(changes[i].flag), Error: a.err.Error()})
		default:
			res.done = append(res.done, changes[i])
			res.requestIDs = append(res.requestIDs, a.id)
		}
	}
	return res
}

// describeFailures renders up to a few failures for an error message.
func describeFailures(failed []userFailure) string {
	const shown = 3
	s := ""
	for i, f := range failed {
		if i == shown {
			s += fmt.Sprintf("; and %d more", len(failed)-shown)
			break
		}
		if i > 0 {
			s += "; "
		}
		s += f.Error
	}
	return s
}
