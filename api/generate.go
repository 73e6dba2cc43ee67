// Package api holds the companions of openapi.yaml: the generate directive that turns the
// spec into package gen, and the example payloads used in tests and docs.
package api

//go:generate go tool oapi-codegen -config ../oapi-codegen.yaml -o ../gen/continuity.gen.go ../openapi.yaml
