#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, then runs every check and
# test: formatting, clippy on both targets, the core's native tests, the
# component tests in headless Chromium and Firefox, and the end-to-end suite
# against a release build of dist/ in Chromium, Firefox and WebKit.
#   GLOSS_BROWSERS="chromium" scripts/test.sh   # fewer engines while iterating
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test

browsers="${GLOSS_BROWSERS:-chromium firefox webkit}"
geckodriver="$(command -v geckodriver)"

step() { printf '\n== %s\n' "$1" >&2; }
# Browser runs are capped, so a driver that hangs fails the run instead of
# holding it (each engine's suite takes 2 to 4 minutes here).
capped() { timeout --kill-after=30s 20m "$@"; }

step "format"
cargo fmt --check

step "clippy (native and wasm)"
# Natively with `ssr`: the core, plus the UI as the prerenderer compiles it.
cargo clippy --locked --all-targets -q --features ssr -- -D warnings
cargo clippy --locked --all-targets -q --target wasm32-unknown-unknown -- -D warnings
# The reader build: the same crate without its parser.
cargo clippy --locked --lib -q --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "core and prerenderer: native unit and integration tests"
cargo test --locked -q --features ssr

for browser in $browsers; do
  case "$browser" in
    chromium)
      step "components (and no HTML strings) in Chromium"
      CHROMEDRIVER=/usr/bin/chromedriver capped cargo test --locked --target wasm32-unknown-unknown --test components --test no_html_strings ;;
    firefox)
      step "components (and no HTML strings) in Firefox"
      GECKODRIVER="$geckodriver" capped cargo test --locked --target wasm32-unknown-unknown --test components --test no_html_strings ;;
  esac
done

step "release build of dist/ for the end-to-end suite"
scripts/trunk.sh build --release --dist target/e2e-dist

for browser in $browsers; do
  step "end to end in $browser"
  if [ "$browser" = webkit ]; then
    # MiniBrowser has no headless mode: it runs in a virtual display.
    GLOSS_BROWSER=webkit GLOSS_DIST=target/e2e-dist capped xvfb-run -a target/py/bin/pytest tests/e2e -q
  else
    GLOSS_BROWSER="$browser" GECKODRIVER="$geckodriver" GLOSS_DIST=target/e2e-dist capped target/py/bin/pytest tests/e2e -q
  fi
done
