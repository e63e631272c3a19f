#!/usr/bin/env bash
# End-to-end chart throughput, as an editor or a build meets it: the
# `generator chart` command against the same work done by Vega-Lite 6 and
# Vega 6 in Node (bench/charts/vega-cli.mjs), each one process drawing the
# specs of bench/charts.sh, copied to make a few hundred files, read from
# and written to a memory-backed folder. The cost of a chart is
# (time for all specs - time for one) / (specs - 1): process start and
# module loading cancel out. Prints each round and the median ratio.
#   bench/charts-e2e.sh [ROUNDS]     # interleaved rounds (default 5), median ratio
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
rounds=${1:-5}
copies=${COPIES:-100}
# The generator draws a hundred times as fast, so it draws ten times as many
# copies: enough work (about a second) that the noise of starting a process
# does not decide the difference of two short runs.
go_copies=$((copies * 10))
work=$(mktemp -d /dev/shm/charts-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The specs of bench/charts.sh (the chart package's JSON specs without
# maps), each copied $copies times ($go_copies for the generator), next to
# the data they read.
mkdir -p "$work/specs" "$work/gospecs"
cp -r generator/internal/chart/testdata/data "$work/data"
LIST_SPECS=1 go test ./generator/internal/chartbench/ -run TestListSpecs -count=1 -v | grep '^/' | while read -r f; do
  for i in $(seq "$go_copies"); do cp "$f" "$work/gospecs/$(basename "$f" .json)-$i.json"; done
  for i in $(seq "$copies"); do cp "$f" "$work/specs/$(basename "$f" .json)-$i.json"; done
done
specs=("$work"/specs/*.json) gospecs=("$work"/gospecs/*.json)
n=${#specs[@]} gn=${#gospecs[@]}
go build -o "$work/generator" ./generator
secs() { # wall time in seconds of one run of a command
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN{print e-s}'
}
echo "specs: $n for Vega-Lite, $gn for the generator (bench/charts.sh's specs, $copies and $go_copies copies each), $rounds rounds"
# Rounds taken in turn, as in bench/charts.sh: each round's ratio compares
# the two tools at one moment of this machine's drifting speed, and the
# median of the rounds' ratios is the figure.
ratios=()
for i in $(seq "$rounds"); do
  go_all=$(secs "$work/generator" chart -o "$work/go" "${gospecs[@]}")
  go_one=$(secs "$work/generator" chart -o "$work/go1" "${gospecs[0]}")
  vg_all=$(secs node bench/charts/vega-cli.mjs "$work/vega" "${specs[@]}")
  vg_one=$(secs node bench/charts/vega-cli.mjs "$work/vega1" "${specs[0]}")
  r=$(awk -v i="$i" -v n="$n" -v gn="$gn" -v ga="$go_all" -v g1="$go_one" -v va="$vg_all" -v v1="$vg_one" 'BEGIN {
    g = (ga - g1) / (gn - 1) * 1000; v = (va - v1) / (n - 1) * 1000
    printf "round %d: generator chart %.3f s for all, %.3f s for one: %.3f ms a chart; Vega-Lite %.3f s, %.3f s: %.3f ms a chart; ratio %.1fx\n", i, ga, g1, g, va, v1, v, v / g > "/dev/stderr"
    printf "%.1f", v / g
  }')
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | sort -g | awk -v n="$rounds" '{a[NR]=$1} END {
  printf "ratio: %.1fx median of %d rounds (lowest %.1fx)\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2, n, a[1] }'
