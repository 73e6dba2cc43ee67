package flagcmd

import (
	"fmt"

	"github.com/ecctl/ecctl/gen"
)

// scopeResult is what a customer-wide or group-wide change prints with -o json, jsonl and
// yaml: the API's answer unchanged, plus the number of users that switched.
//
// The API's affectedUsers counts every user in scope, whether or not the flag already had
// the new value (see FlagResult in openapi.yaml), so on its own it reads as if everyone
// changed. Changed comes from the count taken just before the request (the users whose
// flag had the other value then), capped at affectedUsers; the API itself does not say.
type scopeResult struct {
	gen.FlagResult
	// Changed is the number of users in scope whose flag had the other value when counted
	// before the request.
	Changed int64 `json:"changed"`
}

func newScopeResult(res *gen.FlagResult, toChange int64) *scopeResult {
	return &scopeResult{FlagResult: *res, Changed: max(0, min(toChange, int64(res.AffectedUsers)))}
}

// line is the table format's one line:
// "failover unset for 28 users of 44444 in group apac (0 changed, 28 already unset)".
func (r *scopeResult) line(opts *Options) string {
	affected := int64(r.AffectedUsers)
	return fmt.Sprintf("%s %s for %s (%d changed, %d already %s)", opts.Flag, verb(opts.On),
		describeScope(opts, affected), r.Changed, affected-r.Changed, verb(opts.On))
}
