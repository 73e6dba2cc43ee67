# ecctl — build, test and check. `make help` lists the targets.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO          ?= go
BIN         ?= bin
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT      ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo none)
LDFLAGS     := -s -w -X github.com/ecctl/ecctl/internal/build.Version=$(VERSION) -X github.com/ecctl/ecctl/internal/build.Commit=$(COMMIT)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
REDOCLY     := @redocly/cli@2.77.0

.PHONY: help generate check-generated build test test-go lint lint-spec demo bench soak fuzz docs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

generate: ## regenerate gen/ from openapi.yaml (and the time-zone list)
	$(GO) generate ./api/... ./internal/validate/...

check-generated: ## fail if gen/, docs/cli, zones.txt or go.mod/go.sum differ from what generation and go mod tidy produce
	./scripts/check-generated.sh

build: ## build ecctl and ecmock into bin/
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/ ./cmd/ecctl ./cmd/ecmock

test: check-generated lint test-go ## the whole test suite: drift check, lint, go test -race

test-go:
	$(GO) test -race -count=1 ./...

lint: ## gofmt, go vet, staticcheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

docs: ## regenerate the markdown command reference in docs/cli
	$(GO) run ./scripts/gendocs -dir docs/cli

lint-spec: ## lint openapi.yaml with redocly (needs node/npx)
	npx -y $(REDOCLY) lint openapi.yaml

demo: build ## build both binaries and run a narrated tour against a seeded ecmock
	BIN=$(BIN) ./scripts/demo.sh

bench: ## measure speed against baselines in the same run; writes docs/benchmarks.md (needs curl)
	$(GO) run ./scripts/bench -out docs/benchmarks.md

soak: ## sync and an interrupted create against a faulty ecmock (bounded, a few minutes)
	$(GO) run ./scripts/soak

FUZZTIME ?= 60s
# package:target of every fuzz target; `make fuzz` runs each for FUZZTIME.
FUZZ_TARGETS := \
	./internal/userfile:FuzzRead \
	./internal/validate:FuzzNormalizeUser \
	./internal/validate:FuzzValidators \
	./internal/mock:FuzzServeHTTP \
	./internal/output:FuzzWriteRaw \
	./internal/output:FuzzSanitize \
	./internal/client:FuzzAppendJSONString

fuzz: ## run every fuzz target for FUZZTIME (default 60s); a crasher fails and lands in testdata/fuzz
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "fuzz: $$fn ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test "$$pkg" -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done
