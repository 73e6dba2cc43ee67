// Package gen is the typed Go SDK of the Retarus Email Continuity API v2, and the server
// interface that ecmock implements.
//
// Everything in continuity.gen.go is generated from the repository's openapi.yaml by
// oapi-codegen (configuration in oapi-codegen.yaml) with
//
//	make generate
//
// Do not edit it by hand: change openapi.yaml and regenerate; `make check-generated` fails
// when the two drift apart. This file and the tests are written by hand.
//
// What it offers:
//
//   - Models for every schema: User, UserCreate, UserUpdate, UserPatch, UserList,
//     BulkResult, FlagResult, TokenResponse, Error, ... Optional nullable fields are
//     nullable.Nullable[T] (github.com/oapi-codegen/nullable), so a PATCH can tell an absent
//     field (left unchanged) from null (cleared): use nullable.NewNullableWithValue(v) and
//     nullable.NewNullNullable[T]().
//   - ClientWithResponses with one method per operation (CountUsersWithResponse,
//     ListUsersWithResponse, SetCustomerFailoverWithResponse, ...). Each returns the raw
//     answer plus the parsed body of the documented status (JSON200, JSON201, JSON404, ...)
//     and declared headers (Headers200.UserCount for countUsers).
//   - StrictServerInterface for servers (ecmock) that implement the API; the spec itself,
//     parsed, is spec.GetSpec in the sub-package gen/spec.
//
// Using the client directly:
//
//	c, err := gen.NewClientWithResponses("https://api.retarus.com/email/continuity/v2/",
//		gen.WithRequestEditorFn(func(ctx context.Context, req *http.Request) error {
//			req.SetBasicAuth(user, password) // not for SetPassword, which needs none
//			return nil
//		}))
//	if err != nil { ... }
//	page, err := c.ListUsersWithResponse(ctx, "44444", &gen.ListUsersParams{Failover: &on})
//	if err != nil { ... }
//	if page.JSON200 == nil { /* not a 200: see page.StatusCode() and page.JSON4xx */ }
//
// Things the generated client leaves to its caller, which ecctl's internal/client does:
// the base URL must end in "/" (a last path segment is dropped otherwise); a user address
// typed with %40 is escaped again to %2540, so unescape it first; a 200 to countUsers
// without a User-Count header reads as a count of 0; an error answer whose Retry-After is an
// HTTP date, or whose body is not the Error JSON, fails the parser and loses its status; and
// there are no retries, timeouts or debug traces.
package gen
