package client

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/ecctl/ecctl/gen/spec"
)

func TestNormalizeUser(t *testing.T) {
	cases := map[string]string{
		"jane@example.com":     "jane@example.com",
		"jane%40example.com":   "jane@example.com",
		"jane%2540example.com": "jane%40example.com", // once, not twice
		"j%2Bdoe%40x.com":      "j+doe@x.com",
		"100%real@example.com": "100%real@example.com", // a literal % in the local part
		"100%25off@x.example":  "100%25off@x.example",  // has an "@": sent as typed, like validate.NormalizeUser
	}
	for in, want := range cases {
		if got := normalizeUser(in); got != want {
			t.Errorf("normalizeUser(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"0":                             0,
		"7":                             7 * time.Second,
		" 30 ":                          30 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Thu, 03 Dec 2026 10:16:30 GMT": 90 * time.Second,
		"Thu, 03 Dec 2026 10:00:00 GMT": 0, // in the past
	}
	for in, want := range cases {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	for attempt, limit := range map[int]time.Duration{1: 200 * time.Millisecond, 2: 400 * time.Millisecond, 6: 6400 * time.Millisecond, 7: 10 * time.Second, 60: 10 * time.Second} {
		for range 200 {
			if d := backoff(attempt); d < 0 || d > limit {
				t.Fatalf("backoff(%d) = %v, want within [0, %v]", attempt, d, limit)
			}
		}
	}
}

// The required fields checked on success answers are the spec's.
func TestRequiredFieldsMatchTheSpec(t *testing.T) {
	doc, err := spec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range successSchemas() {
		ref := doc.Components.Schemas[name]
		if ref == nil {
			t.Errorf("schema %s not in the spec", name)
			continue
		}
		if got, want := requiredFields(name), ref.Value.Required; !slices.Equal(got, want) {
			t.Errorf("%s: required = %v, spec says %v", name, got, want)
		}
	}
}

func TestRetryPolicyByStatus(t *testing.T) {
	c := &Client{}
	for code, want := range map[int][2]bool{ // {repeatable op, other op}
		http.StatusTooManyRequests:     {true, true},
		http.StatusServiceUnavailable:  {true, true},
		http.StatusBadGateway:          {true, false},
		http.StatusGatewayTimeout:      {true, false},
		http.StatusInternalServerError: {false, false},
		http.StatusConflict:            {false, false},
	} {
		if got := c.retryStatus(call{repeatable: true}, code); got != want[0] {
			t.Errorf("%d, repeatable operation: retry = %v, want %v", code, got, want[0])
		}
		if got := c.retryStatus(call{}, code); got != want[1] {
			t.Errorf("%d, other operation: retry = %v, want %v", code, got, want[1])
		}
	}
}

func TestHideUserinfo(t *testing.T) {
	cases := map[string]string{
		"https://u:p@h/x@y":         "https://[REDACTED]@h/x@y",
		"https://u:p%zz@h:port/v2/": "https://[REDACTED]@h:port/v2/",
		"https://h/v2/jane@x.com":   "https://h/v2/jane@x.com",
		"u:p@h/v2":                  "[REDACTED]@h/v2",
	}
	for in, want := range cases {
		if got := hideUserinfo(in); got != want {
			t.Errorf("hideUserinfo(%q) = %q, want %q", in, got, want)
		}
	}
}
