#!/usr/bin/env bash
# Site search: our index (generator/internal/search, assets/js/search.js)
# against Pagefind 1.6.0 on the same built site. Prints the index build time
# and size of each, then per query (bench/search/queries.tsv) what each
# engine downloads in headless Chromium with a cold cache, the time to
# results and whether an expected page is in its top three.
# Pagefind is installed into bench/search/node_modules on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8766}
out=bench/out/search
if [[ ! -x bench/search/node_modules/.bin/pagefind ]]; then
  (cd bench/search && npm install --no-audit --no-fund --loglevel=error --no-save pagefind@1.6.0)
fi
go run ./generator build >/dev/null
rm -rf "$out" && mkdir -p "$out" && cp -r public "$out/site"
site=$PWD/$out/site

# Ours: read the built pages, build and write the index into the site.
SEARCH_PUBLIC=$site SEARCH_QUERIES=$PWD/bench/search/queries.tsv SEARCH_REPORT=$PWD/$out/ours.json \
  go test ./generator/internal/search/ -run '^TestPublicIndex$' -count=1 >/dev/null

# Pagefind, timed as a whole run of its CLI.
t0=$(date +%s%N)
bench/search/node_modules/.bin/pagefind --site "$site" --output-path "$site/pagefind" >"$out/pagefind.log" 2>&1
t1=$(date +%s%N)
pf_bytes=$(find "$site/pagefind" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
pf_files=$(find "$site/pagefind" -type f | wc -l)

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
node --experimental-websocket --no-warnings bench/search/browser.mjs "$site" "$port" bench/search/queries.tsv \
  "$out/ours.json" "$(( (t1 - t0) / 1000000 )),$pf_bytes,$pf_files"
