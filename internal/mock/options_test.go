package mock_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ecctl/ecctl/internal/mock"
)

func TestParseAccount(t *testing.T) {
	a, err := mock.ParseAccount("ops:pa:ss:word:44444, 44444AB")
	if err != nil || a.User != "ops" || a.Pass != "pa:ss:word" || !slices.Equal(a.Customers, []string{"44444", "44444AB"}) {
		t.Errorf("got %+v, %v", a, err)
	}
	for _, bad := range []string{"", "ops", "ops:pw", ":pw:44444", "ops::44444", "ops:pw:", "ops:pw:4444", "ops:pw:44444,x"} {
		if _, err := mock.ParseAccount(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	for name, o := range map[string]mock.Options{
		"fail rate":     {FailRate: 1.5},
		"rate limit":    {RateLimit: -1},
		"seed":          {Seed: -1},
		"same user":     {Accounts: []mock.Account{{User: "a", Pass: "b", Customers: []string{"44444"}}, {User: "a", Pass: "c", Customers: []string{"55555"}}}},
		"bad customer":  {Accounts: []mock.Account{{User: "a", Pass: "b", Customers: []string{"4444"}}}},
		"no customer":   {Accounts: []mock.Account{{User: "a", Pass: "b"}}},
		"max bulk":      {MaxBulk: -1},
		"no password":   {Accounts: []mock.Account{{User: "a", Customers: []string{"44444"}}}},
		"negative wait": {Latency: -1},
	} {
		if _, err := mock.New(o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestNewHandlerGivesFreshDefaultState(t *testing.T) {
	if _, err := mock.NewHandler(mock.Options{StatePath: "x.json"}); err == nil {
		t.Error("NewHandler accepted a state file it could never close")
	}
	for range 2 {
		h, err := mock.NewHandler(mock.Options{})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodPut, "/44444", stringsReader(`[{"user":"a@b.example","displayName":"x","givenName":"x","surName":"x"}]`))
		req.Header.Set("Content-Type", "application/json")
		req.SetBasicAuth("demo", "demo") // the default account
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("create in a fresh handler: %d %s", rec.Code, rec.Body)
		}
	}
}
