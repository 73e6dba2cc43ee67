package syncplan

import (
	"context"
	"fmt"
	"sync"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
)

// Lister reads one page of a customer's users; *client.Client is one.
type Lister interface {
	ListPage(ctx context.Context, customer string, f client.Filter, offset, size int) (*gen.UserList, error)
}

// FetchOptions tune FetchAll.
type FetchOptions struct {
	// PageSize is the number of users per request; 0 means 1000, the API's default.
	PageSize int
	// Parallel is the number of pages read at the same time after the first; 0 means 1.
	Parallel int
	// Progress, when set, is called with the number of users of each page read (from
	// several goroutines at once); the first call comes after the first page, whose total
	// says how many to expect.
	Progress func(users, total int)
}

// DefaultPageSize is the page size of FetchAll when none is given.
const DefaultPageSize = 1000

// FetchAll reads every user of the customer. The first page tells how many users there are;
// the other pages are read with up to o.Parallel requests at a time, each into its place of
// one slice, so memory is the users themselves.
//
// Offset paging is only consistent while nobody changes the users: a user created or deleted
// between two pages shifts the ones after it, which could hide a user from the plan (and then
// sync would try to create it again). FetchAll therefore checks that every page reports the
// same total and returns an error asking to try again when one does not.
func FetchAll(ctx context.Context, l Lister, customer string, o FetchOptions) ([]gen.User, error) {
	size := o.PageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	parallel := max(1, o.Parallel)
	first, err := l.ListPage(ctx, customer, client.Filter{}, 0, size)
	if err != nil {
		return nil, err
	}
	total := first.Total
	users := make([]gen.User, 0, max(total, len(first.Users)))
	users = append(users, first.Users...)
	if o.Progress != nil {
		o.Progress(len(first.Users), total)
	}
	switch {
	case len(first.Users) == 0 && total > 0:
		return nil, fmt.Errorf("listing users of %s: the server reports %d users but sent none", customer, total)
	case len(first.Users) >= total:
		if len(first.Users) != total {
			return nil, changedError(customer, total, len(first.Users))
		}
		return users, nil
	}
	// A server may answer with smaller pages than asked for; the next pages start where
	// the first one ended.
	step := len(first.Users)
	pages := (total - step + step - 1) / step
	results := make([][]gen.User, pages)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// firstErr is the first failure in time: the requests it cancels fail after it, with
	// errors that only say they were cancelled.
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(parallel, pages) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				page, err := l.ListPage(ctx, customer, client.Filter{}, step*(p+1), step)
				if err == nil && page.Total != total {
					err = changedError(customer, total, page.Total)
				}
				if err != nil {
					fail(err)
					continue
				}
				results[p] = page.Users
				if o.Progress != nil {
					o.Progress(len(page.Users), total)
				}
			}
		}()
	}
feed:
	for p := range pages {
		select {
		case next <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("listing users of %s: %w", customer, err)
	}
	for _, r := range results {
		users = append(users, r...)
	}
	if len(users) != total {
		return nil, changedError(customer, total, len(users))
	}
	return users, nil
}

func changedError(customer string, was, now int) error {
	return fmt.Errorf("listing users of %s: the number of users changed from %d to %d while they were read; "+
		"something else is changing them, try again when it has finished", customer, was, now)
}
