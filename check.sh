#!/usr/bin/env bash
# The test command: installs what the checks need when it is missing, then
# runs gofmt, go vet and every test (fixture sites, the real site in headless
# Chromium with axe-core, the Nu Html Checker). Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")"

# Chromium for the browser checks (Debian's package).
if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "check.sh: Chromium is missing: sudo apt-get install -y chromium" >&2
  fi
fi
# Java runs the Nu Html Checker.
if ! command -v java >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
  apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null
fi
# axe-core and vnu-jar, pinned in tools/package-lock.json.
if [[ ! -d tools/node_modules/axe-core || tools/package-lock.json -nt tools/node_modules ]]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
# Decap CMS, pinned in tools/cms/package-lock.json: the build copies its
# bundle into /admin/, and the browser test drives it. Its packages' install
# scripts are not needed: only the bundle is used.
if [[ ! -f tools/cms/node_modules/decap-cms/dist/decap-cms.js || tools/cms/package-lock.json -nt tools/cms/node_modules ]]; then
  (cd tools/cms && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

unformatted=$(gofmt -l generator schemas)
if [[ -n $unformatted ]]; then
  echo "check.sh: gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -timeout 30m ./...
if [[ -f .shots/summary.txt ]]; then
  echo "Quality checks run:"
  sed 's/^/  /' .shots/summary.txt
  echo "Screenshots of each page type: .shots/"
fi
