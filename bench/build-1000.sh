#!/usr/bin/env bash
# Builds a generated site of 1,000 stories through the whole pipeline and
# prints the time per build (and `check` alone).
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./generator/internal/build/ -run '^$' -bench 'Build1000Stories|Check1000Stories' -benchtime "${BENCHTIME:-3x}" -count "${COUNT:-1}"
