#!/usr/bin/env bash
# Chart rendering throughput: the generator's Go renderer against Vega-Lite
# itself (vega 6.4.0 + vega-lite 6.5.0 in Node, vega.View.toSVG), both
# batch-rendering the same specs in one process, in ROUNDS (5) interleaved
# rounds. Prints each round and the median ratio. GOGC=100 measures with Go's default collector.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
specs=$(LIST_SPECS=1 go test ./generator/internal/chartbench/ -run TestListSpecs -count=1 -v | grep '^/')
echo "specs: $(echo "$specs" | wc -l) (generator/internal/chart/testdata/specs/*.json without maps)"
rounds=${ROUNDS:-5}
# Rounds taken in turn, Go then Vega: this machine's speed drifts over
# minutes, so each round's ratio compares the two at one moment, and the
# median of those ratios is the figure (a best-of each side would pair a
# fast moment of one with a slow moment of the other).
ratios=() go_rates=() vega_rates=()
for i in $(seq "$rounds"); do
  g=$(go test ./generator/internal/chartbench/ -run '^$' -bench BenchmarkBatch -benchtime "${BENCHTIME:-3s}" | awk '/charts\/s/ {for (i=1;i<=NF;i++) if ($(i+1)=="charts/s") print $i}')
  v=$(echo "$specs" | node bench/charts/vega.mjs | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).perSecond.toFixed(1)))')
  r=$(awk -v g="$g" -v v="$v" 'BEGIN{printf "%.1f", g / v}')
  printf 'round %d: generator %8.1f charts/s, Vega-Lite %6.1f charts/s, ratio %6.1fx\n' "$i" "$g" "$v" "$r"
  ratios+=("$r") go_rates+=("$g") vega_rates+=("$v")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf 'generator (Go):      %10.1f charts/s median (GOGC %s, as the build runs)\n' "$(median "${go_rates[@]}")" "${GOGC:-300}"
printf 'Vega-Lite (Node):    %10.1f charts/s median\n' "$(median "${vega_rates[@]}")"
printf 'ratio:               %10.1fx median of %d rounds (lowest %.1fx)\n' "$(median "${ratios[@]}")" "$rounds" "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)"
