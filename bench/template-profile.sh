#!/usr/bin/env bash
# bench/template-profile.sh SITE [OUT.prof]: the CPU each template costs
# itself, its partials apart. Hugo's --templateMetrics times each template
# with its partials inside it and counts a cached partial's lookups as its
# own, and under parallel rendering the times include waiting: it named
# cheap partials as costly. This builds a copy of Hugo (the version in
# go.mod) whose template execution labels the CPU profile with the
# template's name, builds SITE (a site root after a generator build, e.g.
# a tree of package portalgen) with it, and prints the CPU samples per
# template, as `go tool pprof -tags` reads them. The copy and the binary
# live in a temporary folder; nothing here is shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
site=$(cd "$1" && pwd)
prof=${2:-$(mktemp --suffix=.prof)}
work=$(mktemp -d "${BENCH_DIR:-/dev/shm}/template-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
version=$(go list -m -f '{{.Version}}' github.com/gohugoio/hugo)
cp -r "$(go list -m -f '{{.Dir}}' github.com/gohugoio/hugo)" "$work/hugo"
chmod -R u+w "$work/hugo"
python3 - "$work/hugo/tpl/tplimpl/templatestore.go" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
old = "\texecErr := t.storeSite.executer.ExecuteWithContext(ctx, ti, wr, data)\n"
new = ("\tvar execErr error\n"
       "\tpprof.Do(ctx, pprof.Labels(\"tmpl\", templ.Name()), func(ctx context.Context) {\n"
       "\t\texecErr = t.storeSite.executer.ExecuteWithContext(ctx, ti, wr, data)\n"
       "\t})\n")
if old not in s:
    sys.exit("template-profile.sh: Hugo's ExecuteWithContextAndKey changed; update the patch")
s = s.replace(old, new).replace("import (", "import (\n\t\"runtime/pprof\"", 1)
open(p, "w").write(s)
PY
cat > "$work/go.work" <<EOF
go $(go mod edit -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["Go"])')

use $PWD

replace github.com/gohugoio/hugo $version => $work/hugo
EOF
GOWORK="$work/go.work" go build -o "$work/hugo-labelled" github.com/gohugoio/hugo
(cd "$site" && "$work/hugo-labelled" --quiet --destination "$work/public" --profile-cpu "$prof")
echo "profile: $prof"
go tool pprof -tags "$prof" 2>/dev/null | head -40
