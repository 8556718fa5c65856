#!/usr/bin/env bash
# The bytes table: what a reader downloads for Gloss (each file gzip -9, as
# served), next to the JavaScript stack a newsroom would pick for the same
# job, measured in the same run from the npm registry's published builds
# (pinned below).
#   scripts/bench-bytes.sh DIST
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:?usage: scripts/bench-bytes.sh DIST}"
stack=.tools/jsstack
packages=(tippy.js@6.3.7 @popperjs/core@2.11.8 preact@11.2.0 @knight-lab/timelinejs@3.9.11
  markdown-it@15.0.3 dompurify@3.4.18)
if [ "$(cat "$stack/pinned" 2>/dev/null)" != "${packages[*]}" ]; then
  rm -rf "$stack"
  npm install --silent --no-audit --no-fund --prefix "$stack" "${packages[@]}"
  echo "${packages[*]}" > "$stack/pinned"
fi
m=$stack/node_modules

# The one file of `dist` matching a pattern, leaving out names matching `skip`.
one() { find "$dist" -maxdepth 1 -name "$1" | grep -v -e "${2:-^$}" | head -n1; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
sum_raw=0 sum_gz=0
row() { # label file
  local raw gz
  raw=$(stat -c %s "$2"); gz=$(gzip -9 -c "$2" | wc -c)
  sum_raw=$((sum_raw + raw)); sum_gz=$((sum_gz + gz))
  echo "| $1 | $(kb "$raw") | $(kb "$gz") |"
}
total() { # label; leaves the gzip total in $result
  echo "| **$1** | **$(kb $sum_raw)** | **$(kb $sum_gz)** |"
  result=$sum_gz
}
restart() { sum_raw=0 sum_gz=0; }

loader_and_css() {
  row "Gloss CSS" "$(one 'gloss-*.css')"
  row "gloss.js loader" "$dist/gloss.js"
}
js_stack() {
  row "tippy.js 6.3.7 (its CSS included)" "$m/tippy.js/dist/tippy-bundle.umd.min.js"
  row "@popperjs/core 2.11.8" "$m/@popperjs/core/dist/umd/popper.min.js"
  row "preact 11.2.0" "$m/preact/dist/preact.mjs"
  row "preact/hooks 11.2.0" "$m/preact/hooks/dist/hooks.mjs"
  row "TimelineJS 3.9.11: JS" "$m/@knight-lab/timelinejs/dist/js/timeline.js"
  row "TimelineJS 3.9.11: CSS" "$m/@knight-lab/timelinejs/dist/css/timeline.css"
}

echo "| file | raw | gzip -9 |"
echo "|---|---:|---:|"
restart
row "Gloss reader build: wasm" "$(one 'gloss-reader-*_bg.wasm')"
row "Gloss reader build: JS glue" "$(one 'gloss-reader-*.js' '_bg')"
loader_and_css
total "a compiled page's widget"; compiled=$result
restart
row "Gloss full build: wasm" "$(one 'gloss-*_bg.wasm' 'gloss-reader-')"
row "Gloss full build: JS glue" "$(one 'gloss-*.js' 'gloss-reader-\|_bg\|/gloss.js')"
loader_and_css
total "a Markdown page's widget"; markdown=$result
restart
js_stack
total "JS stack over prerendered HTML (tippy, popper, preact, TimelineJS)"; prerendered=$result
# The sums carry on: the stack that parses Markdown is the above and these.
row "markdown-it 15.0.3" "$m/markdown-it/dist/browser/markdown-it.umd.min.js"
row "DOMPurify 3.4.18" "$m/dompurify/dist/purify.min.js"
total "JS stack parsing Markdown in the browser (the above + markdown-it, DOMPurify)"; parsing=$result
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "compiled page's widget / JS stack over prerendered HTML: $(ratio "$compiled" "$prerendered")"
echo "compiled page's widget / JS stack parsing Markdown:      $(ratio "$compiled" "$parsing")"
echo "Markdown page's widget / JS stack parsing Markdown:      $(ratio "$markdown" "$parsing")"
