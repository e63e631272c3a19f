#!/usr/bin/env bash
# End-to-end chart throughput, as an editor or a build meets it: the
# `generator chart` command against the same work done by Vega-Lite 6 and
# Vega 6 in Node (bench/charts/vega-cli.mjs), each one process drawing the
# specs of bench/charts.sh, copied to make a few hundred files, read from
# and written to a memory-backed folder. The cost of a chart is
# (time for all specs - time for one) / (specs - 1): process start and
# module loading cancel out. Prints both and the ratio.
#   bench/charts-e2e.sh [ROUNDS]     # best of ROUNDS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
rounds=${1:-3}
copies=${COPIES:-100}
work=$(mktemp -d /dev/shm/charts-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The specs of bench/charts.sh (the chart package's JSON specs without
# maps), each copied $copies times, next to the data they read.
mkdir -p "$work/specs"
cp -r generator/internal/chart/testdata/data "$work/data"
LIST_SPECS=1 go test ./generator/internal/chartbench/ -run TestListSpecs -count=1 -v | grep '^/' | while read -r f; do
  for i in $(seq "$copies"); do cp "$f" "$work/specs/$(basename "$f" .json)-$i.json"; done
done
specs=("$work"/specs/*.json)
n=${#specs[@]}
go build -o "$work/generator" ./generator
best() { # best wall time in seconds of a command, over the rounds
  local b=""
  for _ in $(seq "$rounds"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    b=$(awk -v b="$b" -v t="$(awk -v s="$s" -v e="$e" 'BEGIN{print e-s}')" 'BEGIN{print (b=="" || t<b) ? t : b}')
  done
  echo "$b"
}
go_all=$(best "$work/generator" chart -o "$work/go" "${specs[@]}")
go_one=$(best "$work/generator" chart -o "$work/go1" "${specs[0]}")
vg_all=$(best node bench/charts/vega-cli.mjs "$work/vega" "${specs[@]}")
vg_one=$(best node bench/charts/vega-cli.mjs "$work/vega1" "${specs[0]}")
echo "specs: $n (bench/charts.sh's specs, $copies copies each), best of $rounds"
awk -v n="$n" -v ga="$go_all" -v g1="$go_one" -v va="$vg_all" -v v1="$vg_one" 'BEGIN {
  g = (ga - g1) / (n - 1) * 1000; v = (va - v1) / (n - 1) * 1000
  printf "generator chart:   %7.3f s for all, %6.3f s for one: %8.3f ms a chart\n", ga, g1, g
  printf "Vega-Lite (Node):  %7.3f s for all, %6.3f s for one: %8.3f ms a chart\n", va, v1, v
  printf "ratio:             %7.1fx\n", v / g
}'
