#!/usr/bin/env bash
# Trunk post-build hook: writes the stable, unhashed loader `gloss.js` next
# to the hashed wasm, glue and CSS, and drops the leftover Trunk link.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
cd "$dir"
glue=$(ls gloss-*.js | grep -v '_bg' | head -n1)
wasm=$(ls gloss-*_bg.wasm | head -n1)
css=$(ls gloss-*.css | head -n1)
[ -n "$glue" ] && [ -n "$wasm" ] && [ -n "$css" ] || { echo "post-build: build output missing" >&2; exit 1; }
sed -e "s/__GLUE__/$glue/" -e "s/__WASM__/$wasm/" -e "s/__CSS__/$css/" \
  "$TRUNK_SOURCE_DIR/scripts/gloss.template.js" > gloss.js
# With inject_scripts = false Trunk leaves its own rust link in the page.
sed -i -E '/<link[^>]*rel="rust"[^>]*>/d' index.html
# Explainers the page marks with data-gloss-prerender are written into it as
# static HTML by the same components, compiled natively (src/bin/prerender.rs):
# readers see the article before the wasm arrives, and keep it without wasm.
cargo run --quiet --locked --manifest-path "$TRUNK_SOURCE_DIR/Cargo.toml" \
  --features ssr --bin prerender -- "$dir/index.html"
