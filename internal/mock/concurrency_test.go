package mock_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/mock"
)

// Eight clients create, delete, update and flag users at the same time (run with -race);
// afterwards counts, lists and the store's internal indexes must agree.
func TestParallelChangesKeepTheStoreConsistent(t *testing.T) {
	e := newEnv(t, mock.Options{Seed: 300})
	const workers, rounds = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := range workers {
		wg.Go(func() {
			client := e.ts.Client()
			send := func(method, path, body string, want ...int) {
				req, _ := http.NewRequest(method, e.ts.URL+path, stringsReader(body))
				req.SetBasicAuth("demo", "demo-pass")
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				resp.Body.Close()
				if !slices.Contains(want, resp.StatusCode) {
					errs <- fmt.Errorf("worker %d: %s %s: %d", w, method, path, resp.StatusCode)
				}
			}
			for i := range rounds {
				mine := fmt.Sprintf("w%d-%d@parallel.example", w, i)
				send(http.MethodPut, "/44444", fmt.Sprintf(`[{"user":%q,"displayName":"P","givenName":"P","surName":"P","failoverGroups":["g%d"]}]`, mine, w%3), 200)
				// Everybody races for the same shared address: exactly one create wins.
				send(http.MethodPut, "/44444", fmt.Sprintf(`[{"user":"shared%d@parallel.example","displayName":"S","givenName":"S","surName":"S"}]`, i), 200, 409)
				send(http.MethodPut, "/44444/failover?group=g"+fmt.Sprint(i%3), "", 200)
				send(http.MethodPut, "/44444/"+mine+"/access", "", 200)
				send(http.MethodPatch, "/44444", fmt.Sprintf(`[{"user":%q,"department":"D%d"}]`, mine, i), 200)
				send(http.MethodGet, "/44444?failover=true&offset=10&size=50", "", 200)
				send(http.MethodHead, "/44444?group=emea", "", 200)
				if i%2 == 0 {
					send(http.MethodDelete, "/44444", fmt.Sprintf(`[%q]`, mine), 200)
				}
				send(http.MethodDelete, "/44444/access?group=g"+fmt.Sprint((i+1)%3), "", 200)
				send(http.MethodPost, "/44444/"+mine+"/token", "", 201, 404)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	if err := e.srv.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	users := e.all("44444", "", 97)
	addrs := addresses(users)
	if !slices.IsSorted(addrs) || len(slices.Compact(slices.Clone(addrs))) != len(addrs) {
		t.Fatal("the list is not sorted or holds duplicates")
	}
	want := 300 + workers*rounds/2 + rounds // seeded + kept own users + one shared per round
	if len(users) != want || e.count("44444", "") != want || e.list("44444", "size=0").Total != want {
		t.Errorf("listed %d, counted %d, total %d; want %d", len(users), e.count("44444", ""), e.list("44444", "size=0").Total, want)
	}
	for _, f := range []struct {
		query string
		match func(gen.User) bool
	}{
		{"failover=true", func(u gen.User) bool { return u.Status.Failover }},
		{"access=true&activation=false", func(u gen.User) bool { return u.Status.Access && !u.Status.Activation }},
		{"group=g1", func(u gen.User) bool { return slices.Contains(u.FailoverGroups.GetOrEmpty(), "g1") }},
	} {
		n := 0
		for _, u := range users {
			if f.match(u) {
				n++
			}
		}
		if got := e.count("44444", f.query); got != n {
			t.Errorf("%s: User-Count %d, list has %d", f.query, got, n)
		}
	}
}
