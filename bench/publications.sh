#!/usr/bin/env bash
# Reads and builds a generated library of 10,000 publications: the generator's
# part (read, check, citations, exports) and the whole site build around it.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./generator/internal/build/ -run '^$' -bench '10000Publications' -benchtime "${BENCHTIME:-1x}" -timeout 30m
