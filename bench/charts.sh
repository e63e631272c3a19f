#!/usr/bin/env bash
# Chart rendering throughput: the generator's Go renderer against Vega-Lite
# itself (vega 6.4.0 + vega-lite 6.5.0 in Node, vega.View.toSVG), both
# batch-rendering the same specs in one process, best of ROUNDS (3) each.
# Prints both and the ratio. GOGC=100 measures with Go's default collector.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
specs=$(LIST_SPECS=1 go test ./generator/internal/chartbench/ -run TestListSpecs -count=1 -v | grep '^/')
echo "specs: $(echo "$specs" | wc -l) (generator/internal/chart/testdata/specs/*.json without maps)"
rounds=${ROUNDS:-3}
go_rate=0 vega_rate=0
# Best of a few rounds each, taken in turn: the machine is shared.
for _ in $(seq "$rounds"); do
  g=$(go test ./generator/internal/chartbench/ -run '^$' -bench BenchmarkBatch -benchtime "${BENCHTIME:-3s}" | awk '/charts\/s/ {for (i=1;i<=NF;i++) if ($(i+1)=="charts/s") print $i}')
  v=$(echo "$specs" | node bench/charts/vega.mjs | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).perSecond.toFixed(1)))')
  go_rate=$(awk -v a="$go_rate" -v b="$g" 'BEGIN{print (b>a)?b:a}')
  vega_rate=$(awk -v a="$vega_rate" -v b="$v" 'BEGIN{print (b>a)?b:a}')
done
printf 'generator (Go):      %10.1f charts/s (GOGC %s, as the build runs)\n' "$go_rate" "${GOGC:-300}"
printf 'Vega-Lite (Node):    %10.1f charts/s\n' "$vega_rate"
awk -v g="$go_rate" -v v="$vega_rate" 'BEGIN { printf "ratio:               %10.1fx\n", g / v }'
