package client

import (
	"bytes"
	"net/http"
	"slices"
	"testing"
)

func TestRedactBody(t *testing.T) {
	cases := []struct {
		name, in, want string
		secrets        []string
	}{
		{
			name:    "password change",
			in:      `{"token":"abc-123-xyz","password":"Summer2026!x"}`,
			want:    `{"token":"[REDACTED]","password":"[REDACTED]"}`,
			secrets: []string{"abc-123-xyz", "Summer2026!x"},
		},
		{
			name:    "token answer: token and the token inside url",
			in:      `{"id":"r1","token":"3q2-7wK","expiryTimestamp":"2026-12-04T10:15:00Z","url":"https://continuity.example/activate/3q2-7wK"}`,
			want:    `{"id":"r1","token":"[REDACTED]","expiryTimestamp":"2026-12-04T10:15:00Z","url":"https://continuity.example/activate/[REDACTED]"}`,
			secrets: []string{"3q2-7wK"},
		},
		{
			name:    "nested, in arrays, any case, non-string values",
			in:      `[{"a":{"Password":["x1","x2"],"apiToken":12345678,"n":1.50,"ok":true,"z":null}}]`,
			want:    `[{"a":{"Password":["[REDACTED]","[REDACTED]"],"apiToken":"[REDACTED]","n":1.50,"ok":true,"z":null}}]`,
			secrets: []string{"x1", "x2", "12345678"},
		},
		{
			name: "url with token in query and fragment",
			in:   `{"url":"https://u:p@x.example/a?t=abc&lang=de#frag"}`,
			want: `{"url":"https://[REDACTED]@x.example/[REDACTED]?t=[REDACTED]&lang=[REDACTED]#[REDACTED]"}`,
		},
		{
			name: "ordinary data untouched, HTML characters kept",
			in:   `{"displayName":"R. Meyer & Söhne <x>","failoverGroups":["emea"]}`,
			want: `{"displayName":"R. Meyer & Söhne <x>","failoverGroups":["emea"]}`,
		},
		{
			name: "broken JSON falls back to patterns",
			in:   `{"password": "Summer2026!x", "token":"abc-123", "url":"https://x/activate/abc-123", "more`,
			want: `{"password": "[REDACTED]", "token":"[REDACTED]", "url":"[REDACTED]", "more`,
		},
		{
			name: "form body",
			in:   `user=jane&password=Summer2026&token=abc`,
			want: `user=jane&password=[REDACTED]&token=[REDACTED]`,
		},
	}
	for _, tc := range cases {
		got, secrets := redactBody([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
		if tc.secrets != nil && !slices.Equal(secrets, tc.secrets) {
			t.Errorf("%s: secrets = %q, want %q", tc.name, secrets, tc.secrets)
		}
	}
}

func TestRedactURL(t *testing.T) {
	cases := map[string]string{
		"http://127.0.0.1:8080/44444/failover?group=emea":       "http://127.0.0.1:8080/44444/failover?group=emea",
		"https://api-user:hunter22@api.example/v2/":             "https://[REDACTED]@api.example/v2/",
		"https://api.example/v2/x?token=abc&group=a&Password=p": "https://api.example/v2/x?token=[REDACTED]&group=a&Password=[REDACTED]",
		"http://127.0.0.1:8080/44444/jane@example.com/failover": "http://127.0.0.1:8080/44444/jane@example.com/failover",
		"http://h/44444/jane%2540example.com":                   "http://h/44444/jane%2540example.com",
	}
	for in, want := range cases {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScrub(t *testing.T) {
	got := scrub("a N3w!Pass b N3w%21Pass c abc", []string{"N3w!Pass", "abc"})
	if got != "a [REDACTED] b [REDACTED] c abc" {
		t.Errorf("scrub = %q (short values are left alone)", got)
	}
}

func TestSecretHeaders(t *testing.T) {
	for _, h := range []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token"} {
		if !isSecretName(h) {
			t.Errorf("%s is not redacted", h)
		}
	}
	for _, h := range []string{"Content-Type", "X-Request-Id", "User-Count", "Retry-After", "WWW-Authenticate", "User-Agent"} {
		if isSecretName(h) {
			t.Errorf("%s is redacted but is not a secret", h)
		}
	}
}

func TestWriteHeadersRedacts(t *testing.T) {
	var b bytes.Buffer
	writeHeaders(&b, "> ", http.Header{
		"Authorization": {"Basic YXBpOnB3"},
		"Location":      {"https://u:pw@x/"},
		"X-Echo":        {"has SECRET-VALUE inside"},
	}, []string{"SECRET-VALUE"})
	want := "> Authorization: [REDACTED]\n> Location: https://[REDACTED]@x/\n> X-Echo: has [REDACTED] inside\n"
	if b.String() != want {
		t.Errorf("headers:\n%s\nwant:\n%s", b.String(), want)
	}
}
