// Package bulk sends many user changes to the Email Continuity API and says exactly what became
// of each user. It is the engine behind `ecctl users create|update|delete` and `users sync`.
//
// # Model
//
// A Batch is a list of users to change one way: create (PUT /{CUSTOMER}), update
// (PATCH /{CUSTOMER}) or delete (DELETE /{CUSTOMER}), or a single user through the single-user
// endpoints (PATCH or DELETE /{CUSTOMER}/{USER}). Run cuts every batch into chunks of at most
// Options.ChunkSize users (the API takes at most 1000 per request) and sends up to
// Options.Concurrency chunks at a time. Plan cuts the same chunks without sending anything, for
// --dry-run.
//
// The API applies each bulk request all or nothing, so a chunk is the unit of success: every
// user of a chunk is Applied, Failed (with the chunk's reason) or NotSent. Applied users are the
// ones the API lists in its answer (BulkResult.users).
//
// # Failures
//
// A failed chunk does not stop the others: they are independent requests for different users,
// and an administrator wants as much as possible done and an exact list of the rest. Two kinds
// of failure do stop the run, because every further request would fail the same way: 401/403
// (the credentials or the customer are wrong) and a server that cannot be reached at all after
// the client's retries. The chunks not sent by then are reported as not sent.
//
// A request that may have reached the server without an answer coming back (a timeout, a
// connection reset, a gateway's 502/504, or a request still in flight when the grace period
// after an interrupt ran out) is reported as failed with MaybeApplied set: the bulk endpoints
// are not retried in that case (a repeat would fail with 409/404 and hide that the first one
// worked), so the user has to look (`ecctl users get`).
//
// # Interrupts
//
// When ctx is cancelled (Ctrl-C), Run sends no further chunk. Requests already in flight are
// not cancelled with ctx: their outcome is what makes the report exact. They run on until they
// end or until Options.Grace has passed, whichever is first. Run then returns the report with
// Interrupted set.
//
// # Report
//
// Report.Summary is the machine-readable result, printed with -o json/yaml:
//
//	{
//	  "count": 2,                       // users applied, summed over all requests
//	  "users": ["a@example.com", ...],  // the users applied ([] when none)
//	  "ids": ["7f6d1c2e-...", ...],     // request ids of the requests that were applied
//	  "failed": [                       // only when some failed
//	    {"user": "c@example.com", "status": 409,
//	     "message": "user exists: c@example.com; nothing was created", "id": "9a1b..."},
//	    {"user": "d@example.com", "message": "no answer within 30s; it may have been applied: check with `ecctl users get`",
//	     "maybeApplied": true}
//	  ],
//	  "notSent": ["e@example.com", ...] // only when some were not sent (interrupt, stop)
//	}
//
// count and users are the contract's bulk result ({"count":N,"users":[...]}), so a script that
// reads them works the same for one request or a hundred. A failure without an HTTP answer has
// no status and no id. Every user appears in exactly one of users, failed and notSent.
//
// Report.WriteText is the same for people: a headline per operation, then every failed request
// with its reason and its users, then the users not sent (the first few; Summary lists all).
package bulk
