#!/usr/bin/env bash
# Chart rendering throughput: the generator's Go renderer against Vega-Lite
# itself (vega 6.4.0 + vega-lite 6.5.0 in Node, vega.View.toSVG), both
# batch-rendering the same specs in one process. Prints both and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/charts/node_modules/vega-lite ]]; then
  (cd bench/charts && npm install --no-audit --no-fund --loglevel=error --no-save vega@6.4.0 vega-lite@6.5.0)
fi
specs=$(LIST_SPECS=1 go test ./generator/internal/chartbench/ -run TestListSpecs -count=1 -v | grep '^/')
echo "specs: $(echo "$specs" | wc -l) (generator/internal/chart/testdata/specs/*.json without maps)"
go_rate=$(go test ./generator/internal/chartbench/ -run '^$' -bench BenchmarkBatch -benchtime "${BENCHTIME:-3s}" | awk '/charts\/s/ {for (i=1;i<=NF;i++) if ($(i+1)=="charts/s") print $i}')
vega_rate=$(echo "$specs" | node bench/charts/vega.mjs | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).perSecond.toFixed(1)))')
printf 'generator (Go):      %10.1f charts/s\n' "$go_rate"
printf 'Vega-Lite (Node):    %10.1f charts/s\n' "$vega_rate"
awk -v g="$go_rate" -v v="$vega_rate" 'BEGIN { printf "ratio:               %10.1fx\n", g / v }'
