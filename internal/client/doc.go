// Package client is ecctl's way to the Email Continuity API: it wraps the generated
// gen.ClientWithResponses with everything the generated code leaves to its caller.
//
//   - Authentication: HTTP Basic on every operation except SetPassword, which the API serves
//     without credentials (the token in its body is the proof).
//   - One method per vendor operation, with typed results. A user argument is unescaped once,
//     so an address typed as jane%40example.com is sent as jane@example.com, never as %2540.
//   - Errors that say what was being done ("counting users of 44444: 401 Unauthorized
//     (request id ...)"). Every non-2xx answer becomes an *APIError (HTTP status, the
//     server's message, its request id; HTTPStatus and RequestID let other packages read
//     them through an interface). A call that got no answer becomes a *NetworkError once
//     the retries are used up. Both set MaybeApplied when the request may have been applied
//     although it failed, and IsRetryable says whether trying again later is sensible and
//     safe. A cancelled context comes back as the context's error, wrapped
//     (errors.Is(err, context.Canceled) holds). Anything else (a 2xx answer that is not the
//     documented body, a count without its User-Count header) is a plain wrapped error. The
//     CLI maps these to exit codes; this package does not know about exit codes.
//   - Retries with exponential backoff and full jitter (base 200ms, cap 10s), see retry.go for
//     which operations are retried on which failures and why.
//   - A per-attempt timeout, applied through the request context so that the whole retry loop
//     is not bounded by it (a slow first attempt must not eat the budget of the second).
//   - A debug trace of every attempt with secrets redacted, written by the client's own
//     RoundTripper (debug.go, redact.go), so no library default decides what is logged.
package client
