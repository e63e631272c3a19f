#!/usr/bin/env bash
# The Vega side of the Vega-Lite gallery suite: draws every spec in
# generator/internal/chart/testdata/gallery/specs with Vega-Lite 6 and Vega 6
# in Node and writes what TestGallery compares into .../gallery/vega/.
# Run it after changing the specs or the pinned versions, then review the diff
# and run `go test ./generator/internal/chart -run TestGallery`.
#   bench/gallery.sh [NAME.vl.json...]   # only these specs
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
g=generator/internal/chart/testdata/gallery
# Vega-Lite reads dates in local time: UTC makes the output the same everywhere.
TZ=UTC node bench/charts/gallery.mjs "$g/specs" "$g/vega" "$@"
