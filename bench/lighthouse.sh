#!/usr/bin/env bash
# Scores pages with Lighthouse (mobile emulation, its default) against the
# built site served as Netlify serves it, and prints the four scores per page.
# Usage: bench/lighthouse.sh [PATH...]   (default: home, a story, the stories list)
# Lighthouse 12.8.2 is the last that runs on Node 20; it is installed into
# bench/node_modules on first use. Not part of the tests: scores vary with load.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
port=${PORT:-8765}
pages=("$@")
if [[ ${#pages[@]} -eq 0 ]]; then
  pages=(/ /stories/djibouti-arta-wireless-broadband/ /stories/)
  [[ -d public/publications ]] && pages+=(/publications/)
fi
if [[ ! -x bench/node_modules/.bin/lighthouse ]]; then
  (cd bench && npm install --no-audit --no-fund --loglevel=error --no-save lighthouse@12.8.2)
fi
out=bench/out/lighthouse
mkdir -p "$out"
go build -o "$out/generator" ./generator
"$out/generator" build -out "$out/site" -base-url "http://127.0.0.1:$port/" >/dev/null
"$out/generator" preview -out "$out/site" -port "$port" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
printf '%-48s %12s %14s %15s %5s\n' page performance accessibility best-practices seo
for p in "${pages[@]}"; do
  name=$(echo "$p" | tr '/' '_')
  bench/node_modules/.bin/lighthouse "http://127.0.0.1:$port$p" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$out/$name.json" >/dev/null 2>&1 || true
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = k => r.categories[k] ? Math.round(r.categories[k].score * 100) : "-";
    console.log(process.argv[2].padEnd(48), String(s("performance")).padStart(12), String(s("accessibility")).padStart(14),
      String(s("best-practices")).padStart(15), String(s("seo")).padStart(5));
    for (const [k, c] of Object.entries(r.categories)) for (const ref of c.auditRefs) {
      const a = r.audits[ref.id]; if (ref.weight > 0 && a.score !== null && a.score < 1) console.log("    " + k + ": " + a.title);
    }' "$out/$name.json" "$p"
done
