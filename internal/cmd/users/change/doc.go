// Package change is what the commands that change users (users create, update, delete and
// sync) share: the -f, --chunk-size and --concurrency flags, the field flags of a single user,
// reading a user file, --dry-run output, and running the change through package bulk with a
// progress bar, a report, an audit-journal entry and the exit code.
//
// # Report and exit code
//
// The report of a run goes to stdout in the -o format for programs (json, jsonl, yaml: the
// bulk.Summary object, {"count":N,"users":[...]} plus "failed" and "notSent" when there are
// any; csv: one row per user with its result), and to stderr as text with the default table
// format, where stdout stays empty.
//
// The exit code follows what an administrator has to do next:
//
//   - 0: every user was changed.
//   - 6 (partial): some requests were applied and some were not. The report names every
//     user that failed and why; the error itself is not printed again.
//   - Nothing was applied: the error of the first failed request, so that the exit code is
//     the one the same failure has anywhere else (409 → 1, 404 → 5, 401/403 → 4, a server
//     or network error → 1). With one request (up to 1000 users) this is simply that
//     request's outcome; with more, all failed and the first one speaks for them.
//   - Interrupted (Ctrl-C): the report says what was applied and what was not sent, and the
//     command ends with 130.
package change
