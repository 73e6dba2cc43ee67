package gen_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/ecctl/ecctl/gen"
)

// List the users of a customer who have failover routing switched off, against a stand-in
// server that answers like the API.
func ExampleClientWithResponses_ListUsersWithResponse() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"r1","timestamp":"2026-12-03T10:15:00Z","offset":0,"size":1000,
			"filter":{"activation":false,"access":false,"failover":false},"total":1,"count":1,
			"users":[{"customer":"44444","domain":"example.com","user":"jane@example.com",
			"displayName":"Jane Doe","givenName":"Jane","surName":"Doe","language":"de_DE",
			"timezone":"Europe/Berlin","failoverGroups":["emea"],
			"status":{"activation":true,"access":true,"failover":false}}]}`)
	}))
	defer api.Close()

	c, err := gen.NewClientWithResponses(api.URL+"/", gen.WithRequestEditorFn(
		func(_ context.Context, req *http.Request) error {
			req.SetBasicAuth("api-user", "api-password")
			return nil
		}))
	if err != nil {
		log.Fatal(err)
	}
	off := false
	page, err := c.ListUsersWithResponse(context.Background(), "44444", &gen.ListUsersParams{Failover: &off})
	if err != nil {
		log.Fatal(err)
	}
	if page.JSON200 == nil {
		log.Fatalf("unexpected answer: %s", page.Status())
	}
	fmt.Printf("%d of %d users\n", page.JSON200.Count, page.JSON200.Total)
	for _, u := range page.JSON200.Users {
		groups, _ := u.FailoverGroups.Get()
		fmt.Printf("%s (%s) groups=%v failover=%v\n", u.User, u.DisplayName, groups, u.Status.Failover)
	}
	// Output:
	// 1 of 1 users
	// jane@example.com (Jane Doe) groups=[emea] failover=false
}
