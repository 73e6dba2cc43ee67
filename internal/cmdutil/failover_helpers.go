package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
)

// ListPageSize is the page size of a full list pass (the API's default and maximum use).
const ListPageSize = 1000

// ErrListChanged is returned by EachUser when the customer's users changed while they were
// being read page by page, so that the pass may have skipped or repeated someone. The
// numbers drawn from such a pass would not be true; callers try again or give up loudly.
var ErrListChanged = errors.New("the user list changed while it was being read")

// EachUser calls fn for every user of customer that matches filter, reading all pages in
// one pass. Offset paging is not a consistent read: a user created or deleted between two
// pages shifts the offsets. EachUser therefore checks that every page reports the same
// total, that no address comes twice and that the pass saw exactly total users; when any
// of these fails it returns an error wrapping ErrListChanged (fn has then seen a partial
// or inconsistent list, which the caller must discard).
func EachUser(ctx context.Context, c *client.Client, customer string, filter client.Filter, fn func(gen.User) error) error {
	seen := make(map[string]struct{})
	total := -1
	for offset := 0; ; {
		page, err := c.ListPage(ctx, customer, filter, offset, ListPageSize)
		if err != nil {
			return err
		}
		if total >= 0 && page.Total != total {
			return fmt.Errorf("listing users of %s: %w (total %d, then %d)", customer, ErrListChanged, total, page.Total)
		}
		total = page.Total
		for _, u := range page.Users {
			if _, dup := seen[u.User]; dup {
				return fmt.Errorf("listing users of %s: %w (%s came twice)", customer, ErrListChanged, u.User)
			}
			seen[u.User] = struct{}{}
			if err := fn(u); err != nil {
				return err
			}
		}
		offset += len(page.Users)
		if len(page.Users) == 0 || offset >= total {
			break
		}
	}
	if len(seen) != total {
		return fmt.Errorf("listing users of %s: %w (read %d of %d)", customer, ErrListChanged, len(seen), total)
	}
	return nil
}

// EachUserRetry is EachUser that starts over (at most attempts times in all) when the list
// changed during the pass. reset is called before every new pass so that the caller can
// drop what it collected from the inconsistent one.
func EachUserRetry(ctx context.Context, c *client.Client, customer string, filter client.Filter, attempts int, reset func(), fn func(gen.User) error) error {
	var err error
	for range max(attempts, 1) {
		reset()
		err = EachUser(ctx, c, customer, filter, fn)
		if !errors.Is(err, ErrListChanged) {
			return err
		}
	}
	return err
}

// Parallel runs fns concurrently and waits for all of them. The first failure cancels the
// context the others run with, and is the error returned: the remaining ones would mostly
// be that cancellation.
func Parallel(ctx context.Context, fns ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, fn := range fns {
		wg.Go(func() {
			if err := fn(ctx); err != nil {
				once.Do(func() {
					first = err
					cancel()
				})
			}
		})
	}
	wg.Wait()
	return first
}
