// Package mock is ecmock: a stateful, local server of the Retarus Email Continuity API v2.
//
// Server implements gen.StrictServerInterface, the interface oapi-codegen generates from
// openapi.yaml, and is mounted with the generated std-http routing (Go 1.22 ServeMux). In
// front of the generated handler sits one pipeline (pipeline.go) that does what the
// generated code does not: request ids, logging, simulated faults, routing checks,
// authentication, customer ownership, body limits and request validation against the
// embedded spec with kin-openapi.
//
// The data lives in a store (store.go) apart from the handlers, guarded by one RWMutex. A
// user record is never changed in place once it is in the store (a change replaces it with
// a copy), so readers and the state writer can use pointers taken under the read lock after
// releasing it.
package mock
