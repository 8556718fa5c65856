#!/usr/bin/env bash
# Trunk post-build hook: writes the stable, unhashed loader `gloss.js` next
# to the hashed wasm, glue and CSS, drops the leftover Trunk link, builds the
# reader build and minifies what the browser downloads besides the wasm.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
source_dir="${TRUNK_SOURCE_DIR:?run by trunk}"
cd "$dir"
glue=$(ls gloss-*.js | grep -v -e '_bg' -e 'gloss-reader-' | head -n1)
wasm=$(ls gloss-*_bg.wasm | head -n1)
css=$(ls gloss-*.css | head -n1)
[ -n "$glue" ] && [ -n "$wasm" ] && [ -n "$css" ] || { echo "post-build: build output missing" >&2; exit 1; }
sed -e "s/__GLUE__/$glue/" -e "s/__WASM__/$wasm/" -e "s/__CSS__/$css/" \
  "$source_dir/scripts/gloss.template.js" > gloss.js
# With inject_scripts = false Trunk leaves its own rust link in the page.
sed -i -E '/<link[^>]*rel="rust"[^>]*>/d' index.html
# Explainers the page marks with data-gloss-prerender are written into it as
# static HTML by the same components, compiled natively (src/bin/prerender.rs):
# readers see the article before the wasm arrives, and keep it without wasm.
# (Natively, so without scripts/trunk.sh's wasm-only size settings.)
env -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD \
  cargo run --quiet --locked --manifest-path "$source_dir/Cargo.toml" \
  --features ssr --bin prerender -- "$dir/index.html"

# The reader build: the same crate without the `parser` feature (no Markdown
# or TOML parser, no matcher), for pages whose explainers are all compiled
# in. gloss.js picks it when it can. Built in a target dir of its own so the
# two builds do not invalidate each other. It inherits scripts/trunk.sh's
# size settings, as the full build does.
cargo build --quiet --locked --release --lib --target wasm32-unknown-unknown \
  --no-default-features --manifest-path "$source_dir/Cargo.toml" \
  --target-dir "$source_dir/target/reader"
reader_wasm="$source_dir/target/reader/wasm32-unknown-unknown/release/gloss.wasm"
reader="gloss-reader-$(sha256sum "$reader_wasm" | cut -c1-16)"
wasm-bindgen --target web --no-typescript --out-dir "$dir" --out-name "$reader" "$reader_wasm"
wasm-opt -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$dir/${reader}_bg.wasm" -o "$dir/${reader}_bg.wasm"
sed -i -e "s/__READER_GLUE__/$reader.js/" -e "s/__READER_WASM__/${reader}_bg.wasm/" gloss.js

# index.html's explainer is compiled in, so it will want the reader build:
# its glue starts loading with the page (gloss.js then fetches the wasm in
# parallel with nothing left to wait for). The wasm itself is not preloaded:
# WebKit does not hand a preloaded fetch to fetch(), and loads it twice.
if grep -q 'data-gloss-model' index.html; then
  sed -i "s|</head>|  <link rel=\"modulepreload\" href=\"./$reader.js\">\n</head>|" index.html
fi

# What the reader downloads besides the wasm, minified (about 6 KB less
# gzip; docs/PERFORMANCE.md): the loader, both builds' glue and the widget's
# CSS, whose integrity in index.html is written again to match.
for script in gloss.js "$glue" "$reader.js"; do
  esbuild "$script" --minify --format=esm --log-level=warning --outfile="$script" --allow-overwrite
done
esbuild "$css" --minify --log-level=warning --outfile="$css" --allow-overwrite
integrity="sha384-$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha384(open(sys.argv[1], "rb").read()).digest()).decode())' "$css")"
sed -i -E "s|(href=\"\./$css\" integrity=\")[^\"]*|\1$integrity|" index.html
