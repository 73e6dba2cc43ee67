package list

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/output"
)

// rawPages serves the pages of a fakePages with the users as JSON objects, as the client's
// ListPageRaw does.
type rawPages struct{ *fakePages }

func (p rawPages) ListPageRaw(ctx context.Context, customer string, f client.Filter, offset, size int) (*client.RawUserList, error) {
	page, err := p.ListPage(ctx, customer, f, offset, size)
	if err != nil {
		return nil, err
	}
	raw := &client.RawUserList{Offset: page.Offset, Size: page.Size, Total: page.Total, Count: page.Count}
	for _, u := range page.Users {
		b, err := json.Marshal(u)
		if err != nil {
			return nil, err
		}
		raw.Users = append(raw.Users, b)
	}
	return raw, nil
}

// listIn runs a lister in format f, typed or raw, and returns the output and the lister.
func listIn(t *testing.T, pages *fakePages, f output.Format, raw bool, opts Options) (string, *lister) {
	t.Helper()
	var out bytes.Buffer
	opts.Customer = "44444"
	l := &lister{pages: pages, opts: &opts, newWriter: func() (output.UserWriter, error) {
		return output.NewUserWriter(f, &out)
	}}
	if raw {
		l.raw = rawPages{pages}
	}
	if err := l.list(context.Background()); err != nil {
		t.Fatal(err)
	}
	return out.String(), l
}

// The JSON formats list from the server's JSON objects: the same document, the same pages,
// the same drift warnings as the typed path, in every paging situation.
func TestRawListingPrintsWhatTheTypedListingPrints(t *testing.T) {
	growing := func(offset int) int {
		if offset == 0 {
			return 10
		}
		return 11
	}
	for _, tc := range []struct {
		name  string
		pages func() *fakePages
		opts  Options
	}{
		{"pages of 3", func() *fakePages { return &fakePages{n: 10} }, Options{PageSize: 3, Parallel: 4}},
		{"offset and limit", func() *fakePages { return &fakePages{n: 20} }, Options{Offset: 3, Limit: 5, PageSize: 2, Parallel: 2}},
		{"long pages", func() *fakePages { return &fakePages{n: 10, long: true} }, Options{PageSize: 4, Parallel: 2}},
		{"capped pages", func() *fakePages { return &fakePages{n: 10, cap: 4} }, Options{PageSize: 10, Parallel: 1}},
		{"users added", func() *fakePages { return &fakePages{n: 10, total: growing} }, Options{PageSize: 4, Parallel: 1}},
		{"no users", func() *fakePages { return &fakePages{} }, Options{PageSize: 3, Parallel: 1}},
	} {
		for _, f := range []output.Format{output.JSON, output.JSONL} {
			typedPages, rawPagesSrc := tc.pages(), tc.pages()
			typed, lt := listIn(t, typedPages, f, false, tc.opts)
			raw, lr := listIn(t, rawPagesSrc, f, true, tc.opts)
			if raw != typed {
				t.Errorf("%s, %s: raw listing\n%s\ntyped listing\n%s", tc.name, f, raw, typed)
			}
			if lr.drift != lt.drift || lr.written != lt.written {
				t.Errorf("%s, %s: raw drift %q written %d, typed %q %d", tc.name, f, lr.drift, lr.written, lt.drift, lt.written)
			}
			// Pages are fetched concurrently: the same requests, in any order.
			slices.Sort(rawPagesSrc.requests)
			slices.Sort(typedPages.requests)
			if r, want := strings.Join(rawPagesSrc.requests, " "), strings.Join(typedPages.requests, " "); r != want {
				t.Errorf("%s, %s: raw requests %q, typed %q", tc.name, f, r, want)
			}
		}
	}
}

// A writer that cannot take raw users is a mistake of the caller, reported before anything
// is written.
func TestRawListingNeedsARawWriter(t *testing.T) {
	var out bytes.Buffer
	pages := &fakePages{n: 5}
	l := &lister{pages: pages, raw: rawPages{pages}, opts: &Options{Customer: "44444", PageSize: 2, Parallel: 1},
		newWriter: func() (output.UserWriter, error) { return output.NewUserWriter(output.CSV, &out) }}
	err := l.list(context.Background())
	if err == nil || !strings.Contains(err.Error(), "cannot take the API's JSON objects") || out.Len() != 0 {
		t.Errorf("err = %v, output %q", err, out.String())
	}
}
