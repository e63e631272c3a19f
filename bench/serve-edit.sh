#!/usr/bin/env bash
# bench/serve-edit.sh SITE STORY [ROUNDS]: how long an edit takes to show
# in `generator serve`. Starts serve on SITE (a site root, e.g. one that
# package portalgen made), waits for its first build, then ROUNDS times
# (default 3) rewrites the title line of content/stories/STORY/index.md in
# place, as an editor saves, and prints the seconds until the page shows
# the new title, and until the rebuild (link check and search index
# included) is done. GENERATOR names the binary (default: built from this
# repository). Scratch folders go to TMPDIR: use a memory-backed one
# (/dev/shm) to measure the generator, not the disk.
set -euo pipefail
cd "$(dirname "$0")/.."
site=$(cd "$1" && pwd) story=$2 rounds=${3:-3}
bin=${GENERATOR:-}
if [[ -z $bin ]]; then
  bin=$(mktemp -d)/generator
  go build -o "$bin" ./generator
fi
file="$site/content/stories/$story/index.md"
log=$(mktemp)
port=8399
(cd "$site" && exec "$bin" serve -port "$port" >"$log" 2>&1) &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
done_lines() { grep -c '^serve: links checked\|^serve: built' "$log" || true; }
until [[ $(done_lines) -ge 2 ]] || grep -q 'has errors' "$log"; do sleep 0.5; done
for i in $(seq "$rounds"); do
  n=$(done_lines)
  title="Edited for timing $i $(date +%s%N)"
  python3 - "$file" "$title" <<'PY'
import sys
p, title = sys.argv[1], sys.argv[2]
lines = open(p, encoding="utf-8").read().split("\n")
lines[[i for i, l in enumerate(lines) if l.startswith("title:")][0]] = 'title: "%s"' % title
open(p, "w", encoding="utf-8").write("\n".join(lines))
PY
  start=$(date +%s.%N)
  until curl -s "http://127.0.0.1:$port/stories/$story/" | grep -q "$title"; do sleep 0.05; done
  shown=$(date +%s.%N)
  until [[ $(done_lines) -ge $((n + 2)) ]]; do sleep 0.2; done
  finished=$(date +%s.%N)
  awk -v i="$i" -v s="$start" -v a="$shown" -v b="$finished" 'BEGIN { printf "edit %d: shown after %.2f s, rebuild done after %.2f s\n", i, a - s, b - s }'
done
