#!/usr/bin/env bash
# Rewrites generator/internal/geo/countries.bin from the world-atlas npm
# package (Natural Earth via TopoJSON), through the geo package's TestConvert.
# Needs npm and Go; run it from anywhere, or `go generate ./generator/internal/geo`.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
sha256sum "$tmp/package/countries-110m.json" "$tmp/package/countries-50m.json"
go test ./generator/internal/geo -count=1 -run '^TestConvert$' -worldatlas "$tmp/package" -v | grep -v ' polygons$'
