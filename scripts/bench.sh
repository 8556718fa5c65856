#!/usr/bin/env bash
# Benchmarks (never part of the tests):
#   scripts/bench.sh browser [RUNS]   # load and interaction in Chromium vs static HTML
#   scripts/bench.sh core             # criterion: the core vs pulldown-cmark
#   scripts/bench.sh bytes            # what readers download, vs the JavaScript stack
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
PLAYWRIGHT_VERSION=1.65.1
case "${1:-browser}" in
  browser)
    pkg=.tools/npm/node_modules/playwright-core/package.json
    if [ "$(node -p "require('./$pkg').version" 2>/dev/null)" != "$PLAYWRIGHT_VERSION" ]; then
      npm install --silent --no-audit --no-fund --prefix .tools/npm "playwright-core@$PLAYWRIGHT_VERSION"
    fi
    scripts/trunk.sh build --release --dist target/bench-dist
    node scripts/bench-browser.mjs target/bench-dist "${2:-7}" ;;
  core)
    cargo bench --locked --bench core ;;
  bytes)
    scripts/trunk.sh build --release --dist target/bench-dist
    scripts/bench-bytes.sh target/bench-dist ;;
  *)
    echo "usage: scripts/bench.sh browser [RUNS] | core | bytes" >&2; exit 2 ;;
esac
