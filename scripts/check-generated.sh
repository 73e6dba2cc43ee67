#!/usr/bin/env bash
# Drift check: regenerate gen/ from openapi.yaml and fail if anything differs from what is
# committed, or if go.mod/go.sum are not tidy.
set -euo pipefail
cd "$(dirname "$0")/.."

go generate ./api/... ./internal/validate/...
if ! git diff --exit-code --stat -- gen/ internal/validate/zones.txt; then
  echo "check-generated: gen/ or internal/validate/zones.txt is out of date; run 'make generate' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- 'gen/*.gen.go')
if [ -n "$untracked" ]; then
  echo "check-generated: untracked generated files: $untracked" >&2
  exit 1
fi
go run ./scripts/gendocs -dir docs/cli
if ! git diff --exit-code --stat -- docs/cli; then
  echo "check-generated: docs/cli is out of date; run 'make docs' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- 'docs/cli/*.md')
if [ -n "$untracked" ]; then
  echo "check-generated: untracked docs pages: $untracked; run 'make docs' and commit" >&2
  exit 1
fi
if ! go mod tidy -diff; then
  echo "check-generated: go.mod/go.sum are not tidy; run 'go mod tidy' and commit" >&2
  exit 1
fi
echo "check-generated: gen/, zones.txt, docs/cli and go.mod are up to date"
