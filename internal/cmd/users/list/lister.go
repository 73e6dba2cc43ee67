package list

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/iostreams"
	"github.com/ecctl/ecctl/internal/output"
)

// pageSource is the part of the API client the lister uses.
type pageSource interface {
	ListPage(ctx context.Context, customer string, f client.Filter, offset, size int) (*gen.UserList, error)
}

// rawPageSource is the part of the API client that leaves the users of a page as the JSON
// objects the server sent.
type rawPageSource interface {
	ListPageRaw(ctx context.Context, customer string, f client.Filter, offset, size int) (*client.RawUserList, error)
}

// lister fetches the pages of one listing and streams their users to a writer.
type lister struct {
	pages pageSource
	// raw, when set, is asked for the pages instead of pages, and the users go to the writer
	// as the server's JSON objects: newWriter must then return an output.RawUserWriter. The
	// JSON formats list this way; decoding and encoding every user again would cost more
	// than the rest of the listing.
	raw  rawPageSource
	opts *Options
	// newWriter is called once the first page has arrived, so that a listing that fails at
	// once prints nothing on stdout (not an empty document that looks like "no users").
	newWriter func() (output.UserWriter, error)
	// newProgress, when set, shows progress for listings of more than one page.
	newProgress func(total int64, label string) iostreams.Progress

	// written is the number of users written so far.
	written int
	// planned is the number of users the first page promised (after offset and limit).
	planned int
	// drift, when not empty, says how the set of matching users changed while listing.
	drift string
}

// list plans the pages from the first page's total and streams every user to a writer.
// The writer is closed on every path after the first page, so an interrupted or failed
// listing still prints a complete document of what was listed.
func (l *lister) list(ctx context.Context) (err error) {
	o := l.opts
	firstSize := o.PageSize
	if o.Limit > 0 {
		firstSize = min(firstSize, o.Limit)
	}
	first, err := l.fetch(ctx, o.Offset, firstSize)
	if err != nil {
		return err
	}
	w, err := l.newWriter()
	if err != nil {
		return err
	}
	if _, ok := w.(output.RawUserWriter); l.raw != nil && !ok {
		return errors.New("listing users: the output format cannot take the API's JSON objects")
	}
	defer func() {
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing the user list: %w", cerr)
		}
	}()

	p := l.plan(first.total, firstSize, first.len())
	var bar iostreams.Progress = noProgress{}
	if p.pages > 0 && l.newProgress != nil {
		bar = l.newProgress(int64(l.planned), "listing users of "+o.Customer)
		defer bar.Finish()
	}

	n, err := l.emit(w, first, o.Offset, min(p.next, p.end)-o.Offset, p.total)
	bar.Add(n)
	if err != nil {
		return err
	}
	err = fetchOrdered(ctx, p.pages, o.Parallel,
		func(ctx context.Context, i int) (*page, error) {
			offset, size := p.page(i)
			return l.fetch(ctx, offset, size)
		},
		func(i int, page *page) error {
			offset, size := p.page(i)
			n, err := l.emit(w, page, offset, size, p.total)
			bar.Add(n)
			return err
		})
	if err != nil {
		return fmt.Errorf("stopped after %d of %d users: %w", l.written, l.planned, err)
	}
	return nil
}

// page is one answer of the server: its users decoded, or as the server's JSON objects.
type page struct {
	total int
	users []gen.User
	raw   []json.RawMessage
	isRaw bool
}

func (p *page) len() int {
	if p.isRaw {
		return len(p.raw)
	}
	return len(p.users)
}

// fetch asks for one page, raw when the lister lists raw users.
func (l *lister) fetch(ctx context.Context, offset, size int) (*page, error) {
	o := l.opts
	if l.raw != nil {
		r, err := l.raw.ListPageRaw(ctx, o.Customer, o.Filter, offset, size)
		if err != nil {
			return nil, err
		}
		return &page{total: r.Total, raw: r.Users, isRaw: true}, nil
	}
	u, err := l.pages.ListPage(ctx, o.Customer, o.Filter, offset, size)
	if err != nil {
		return nil, err
	}
	return &page{total: u.Total, users: u.Users}, nil
}

// pagePlan is the listing as the first page's total defines it: the matching users
// [offset, end), of which the first page covered the first few.
type pagePlan struct {
	total    int // matching users at the first page
	end      int // offset just after the last user to list
	next     int // offset of the second page
	pageSize int // users per later page
	pages    int // pages after the first
}

// plan divides the rest of the listing into pages. got is the number of users the first
// page brought: a server that caps pages below the size asked for answers with fewer users
// than asked for although more match. The plan then goes on in the server's page size
// rather than skipping the users between its cap and ours.
func (l *lister) plan(total, firstSize, got int) pagePlan {
	o := l.opts
	p := pagePlan{total: total, end: total, pageSize: o.PageSize}
	if o.Limit > 0 && p.end-o.Offset > o.Limit {
		p.end = o.Offset + o.Limit
	}
	if got > 0 && got < min(firstSize, p.end-o.Offset) {
		firstSize, p.pageSize = got, got
	}
	p.next = o.Offset + firstSize
	l.planned = max(0, p.end-o.Offset)
	if p.end > p.next {
		p.pages = (p.end - p.next + p.pageSize - 1) / p.pageSize
	}
	return p
}

// page returns the offset and size of page i after the first; the last one asks only for
// the users still wanted.
func (p pagePlan) page(i int) (offset, size int) {
	offset = p.next + i*p.pageSize
	return offset, min(p.pageSize, p.end-offset)
}

// noProgress is the progress of a listing nobody watches.
type noProgress struct{}

func (noProgress) Add(int) {}
func (noProgress) Finish() {}

// emit writes the users of one page, at most want of them: a page longer than asked for
// would overlap the next one. It notes the first sign that the matching users changed
// since the first page: another total, or a page shorter than asked for.
func (l *lister) emit(w output.UserWriter, page *page, offset, want, total int) (int, error) {
	want = max(0, want)
	if l.drift == "" {
		switch {
		case page.total != total:
			l.drift = fmt.Sprintf("the users of %s changed while they were listed (%d matched at the first page, %d at offset %d): the list may miss or repeat users; run it again for a consistent list",
				l.opts.Customer, total, page.total, offset)
		case page.len() < want:
			l.drift = fmt.Sprintf("the users of %s changed while they were listed (the page at offset %d had %d users, not %d): the list may miss or repeat users; run it again for a consistent list",
				l.opts.Customer, offset, page.len(), want)
		}
	}
	n := min(page.len(), want)
	for i := range n {
		var err error
		if page.isRaw {
			err = w.(output.RawUserWriter).WriteRaw(page.raw[i])
		} else {
			err = w.Write(page.users[i])
		}
		if err != nil {
			return i, fmt.Errorf("writing the user list: %w", err)
		}
		l.written++
	}
	return n, nil
}
