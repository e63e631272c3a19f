#!/usr/bin/env bash
# bench/portal.sh [PAGES...]: the whole portal at scale. For each size
# (default 1000 5000 20000 pages), generates a portal (package portalgen:
# stories with partial translations, publications, datasets with a chart
# and a map, in six languages), builds it with the generator, then with
# bare Hugo (v0.165.0, built from go.mod) on the same tree, and prints for
# each: HTML pages, wall time, user+sys CPU and peak memory, the ratio of
# the two wall times, then the generator's phases. The generator builds
# first "cold", with an empty pictures' cache; then ROUNDS times (default
# 3) the generator with the cache filled and bare Hugo take turns, and the
# ratio is the median of the rounds' ratios: this VM's speed moves by tens
# of percent within minutes, and one build of each would pair a fast moment
# of one with a slow moment of the other.
#
# Trees and outputs live in a memory-backed folder (BENCH_DIR, default
# /dev/shm): on these disks, file creation slows several times for minutes
# after a large deletion, which would measure the disk.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 5000 20000}")
[[ $# -eq 0 ]] && sizes=(1000 5000 20000)
work=$(mktemp -d "${BENCH_DIR:-/dev/shm}/portal-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/generator" ./generator
go build -o "$work/hugo" github.com/gohugoio/hugo
go build -o "$work/portalgen" ./generator/internal/portalgen/cmd/portalgen

measure() { # measure LABEL OUTDIR CMD...: one line of figures for a build
  local label=$1 out=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  read -r wall user sys rss < "$work/time"
  local pages
  pages=$(find "$out" -name '*.html' | wc -l)
  printf "%-10s %7d pages %8.2f s wall %8.2f s cpu %7.0f MB peak %6.0f pages/s %5.1f KB/page\n" \
    "$label" "$pages" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)" \
    "$(echo "$pages / $wall" | bc)" "$(echo "scale=1; $rss / $pages" | bc)"
  echo "$wall" > "$work/wall-$label"
}

# The pictures' cache (social cards, chart PNGs) starts empty for each
# size: the first build draws every picture, as a deploy does after a
# change of the card design; the second finds them all, as a deploy with
# Netlify's kept cache does after a content edit.
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  export ITU_PORTAL_CACHE="$work/cache-$n"
  echo "== about $n pages: $("$work/portalgen" -pages "$n" -out "$site")"
  sync
  (cd "$site" && measure cold "$site/public" "$work/generator" build -phases)
  grep '^phase' "$work/log" | sed 's/^phase\t/  /' | column -t -s $'\t'
  grep -E '^\s+Pages' "$work/log" || true
  ratios=()
  for round in $(seq "${ROUNDS:-3}"); do
    (cd "$site" && measure generator "$site/public" "$work/generator" build -phases)
    grep '^phase' "$work/log" | sed 's/^phase\t/  /' | column -t -s $'\t'
    rm -rf "$work/hugo-$n"
    (cd "$site" && measure hugo "$work/hugo-$n" "$work/hugo" --quiet --destination "$work/hugo-$n")
    ratios+=("$(echo "scale=3; $(cat "$work/wall-generator") / $(cat "$work/wall-hugo")" | bc)")
    echo "round $round: ratio generator/hugo ${ratios[-1]}"
  done
  echo "ratio generator/hugo, median of ${#ratios[@]} rounds: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')"
  rm -rf "$ITU_PORTAL_CACHE" "$site" "$work/hugo-$n"
done
