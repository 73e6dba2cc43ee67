package list

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/output"
)

// fakePages serves n users u000@example.com... and records the requests. total, when set,
// says what each answer reports as the number of matching users; long makes every answer
// hold more users than asked for.
type fakePages struct {
	n     int
	total func(offset int) int
	long  bool
	cap   int // the server's own page size limit; 0: none

	mu       sync.Mutex
	requests []string
}

func (p *fakePages) ListPage(_ context.Context, _ string, _ client.Filter, offset, size int) (*gen.UserList, error) {
	p.mu.Lock()
	p.requests = append(p.requests, fmt.Sprintf("%d+%d", offset, size))
	p.mu.Unlock()
	end := min(p.n, offset+size)
	if p.cap > 0 {
		end = min(end, offset+p.cap)
	}
	if p.long {
		end = p.n
	}
	page := &gen.UserList{Offset: offset, Size: size, Total: p.n}
	if p.total != nil {
		page.Total = p.total(offset)
	}
	for i := offset; i < end; i++ {
		page.Users = append(page.Users, gen.User{User: fmt.Sprintf("u%03d@example.com", i)})
	}
	page.Count = len(page.Users)
	return page, nil
}

// listJSON runs a lister over pages and returns the addresses in the JSON it wrote.
func listJSON(t *testing.T, pages pageSource, opts Options) (*lister, []string, error) {
	t.Helper()
	var out bytes.Buffer
	if opts.PageSize == 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.Parallel == 0 {
		opts.Parallel = DefaultParallel
	}
	opts.Customer = "44444"
	l := &lister{pages: pages, opts: &opts, newWriter: func() (output.UserWriter, error) {
		return output.NewUserWriter(output.JSON, &out)
	}}
	err := l.list(context.Background())
	var users []gen.User
	if out.Len() > 0 {
		if jerr := json.Unmarshal(out.Bytes(), &users); jerr != nil {
			t.Fatalf("output is not a JSON array of users: %v\n%s", jerr, out.String())
		}
	}
	var addrs []string
	for _, u := range users {
		addrs = append(addrs, u.User)
	}
	return l, addrs, err
}

func addresses(from, to int) []string {
	var a []string
	for i := from; i < to; i++ {
		a = append(a, fmt.Sprintf("u%03d@example.com", i))
	}
	return a
}

func TestListerPlansPagesFromTheFirstTotal(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		opts     Options
		want     []string
		requests string
	}{
		{"all in one page", 20, Options{}, addresses(0, 20), "0+1000"},
		{"pages of 3", 10, Options{PageSize: 3, Parallel: 1}, addresses(0, 10), "0+3 3+3 6+3 9+1"},
		{"offset and limit", 20, Options{Offset: 3, Limit: 5, PageSize: 2, Parallel: 1}, addresses(3, 8), "3+2 5+2 7+1"},
		{"limit below the page size", 20, Options{Limit: 4}, addresses(0, 4), "0+4"},
		{"limit beyond the total", 7, Options{Limit: 100, PageSize: 3, Parallel: 1}, addresses(0, 7), "0+3 3+3 6+1"},
		{"offset beyond the total", 7, Options{Offset: 9, PageSize: 3}, nil, "9+3"},
		{"no users", 0, Options{PageSize: 3}, nil, "0+3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := &fakePages{n: tc.n}
			l, got, err := listJSON(t, pages, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("listed %v\nwant %v", got, tc.want)
			}
			if r := strings.Join(pages.requests, " "); r != tc.requests {
				t.Errorf("requests %q, want %q", r, tc.requests)
			}
			if l.drift != "" {
				t.Errorf("unexpected drift warning: %s", l.drift)
			}
		})
	}
}

func TestListerNeverWritesMoreThanAPageAskedFor(t *testing.T) {
	pages := &fakePages{n: 10, long: true}
	_, got, err := listJSON(t, pages, Options{PageSize: 4, Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(addresses(0, 10)) {
		t.Errorf("listed %v: a long page overlapped the next one", got)
	}
}

func TestListerFollowsAServerThatCapsThePageSize(t *testing.T) {
	pages := &fakePages{n: 10, cap: 4}
	l, got, err := listJSON(t, pages, Options{PageSize: 10, Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(addresses(0, 10)) {
		t.Errorf("listed %v: users skipped or repeated", got)
	}
	if r := strings.Join(pages.requests, " "); r != "0+10 4+4 8+2" {
		t.Errorf("requests %q", r)
	}
	if l.drift != "" {
		t.Errorf("unexpected drift warning: %s", l.drift)
	}
}

func TestListerWarnsWhenTheUsersChangeWhileListing(t *testing.T) {
	// A user is created after the first page: every later page reports 11 matches.
	pages := &fakePages{n: 10, total: func(offset int) int {
		if offset == 0 {
			return 10
		}
		return 11
	}}
	l, got, err := listJSON(t, pages, Options{PageSize: 4, Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 10 {
		t.Errorf("listed %d users, want the 10 the first page promised", len(got))
	}
	want := "the users of 44444 changed while they were listed (10 matched at the first page, 11 at offset 4)"
	if !strings.HasPrefix(l.drift, want) {
		t.Errorf("drift = %q, want it to start with %q", l.drift, want)
	}

	// Users deleted after the first page: the last page comes back short.
	short := &fakePages{n: 9, total: func(int) int { return 10 }}
	l, _, err = listJSON(t, short, Options{PageSize: 4, Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.drift, "the page at offset 8 had 1 users, not 2") {
		t.Errorf("drift = %q, want the short page named", l.drift)
	}
}

// failingPages fails every page from offset on.
type failingPages struct {
	fakePages
	from int
	err  error
}

func (p *failingPages) ListPage(ctx context.Context, customer string, f client.Filter, offset, size int) (*gen.UserList, error) {
	if offset >= p.from {
		return nil, p.err
	}
	return p.fakePages.ListPage(ctx, customer, f, offset, size)
}

func TestListerFailureKeepsTheDocumentValid(t *testing.T) {
	unavailable := &client.APIError{Op: "listing users of 44444", Status: 503, Message: "Service Unavailable"}
	pages := &failingPages{fakePages: fakePages{n: 20}, from: 9, err: unavailable}
	_, got, err := listJSON(t, pages, Options{PageSize: 3, Parallel: 4})
	var api *client.APIError
	if !errors.As(err, &api) || api.Status != 503 {
		t.Fatalf("err = %v, want the API error kept for the exit code", err)
	}
	if !strings.HasPrefix(err.Error(), "stopped after 9 of 20 users: ") {
		t.Errorf("err = %q, want it to say how far the listing got", err)
	}
	if fmt.Sprint(got) != fmt.Sprint(addresses(0, 9)) {
		t.Errorf("listed %v, want the users before the failed page", got)
	}

	// When the first page fails nothing is written: no "[]" that reads as "no users".
	first := &failingPages{fakePages: fakePages{n: 20}, from: 0, err: unavailable}
	_, got, err = listJSON(t, first, Options{})
	if err == nil || got != nil {
		t.Fatalf("got %v, %v; want an error and no output", got, err)
	}
}
