// Package api holds the companions of openapi.yaml: the generate directives that turn the
// spec into package gen (models, client, server interface) and package gen/spec (the
// embedded spec), and the tests of the spec itself.
package api

//go:generate go tool oapi-codegen -config ../oapi-codegen.yaml -o ../gen/continuity.gen.go ../openapi.yaml
//go:generate go tool oapi-codegen -config oapi-codegen-spec.yaml -o ../gen/spec/spec.gen.go ../openapi.yaml
