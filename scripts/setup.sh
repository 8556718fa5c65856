#!/usr/bin/env bash
# Installs what Gloss needs, idempotently and with pinned versions, from the
# package registries only (crates.io, npm, Debian, PyPI): nothing is
# downloaded from anywhere else. Source it, or run it:
#   scripts/setup.sh build   # Rust wasm target and source, trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh test    # the above, plus browsers, drivers, Python tools
# It also puts the project's tools first on PATH (when sourced).
set -euo pipefail

GLOSS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # = Cargo.lock's wasm-bindgen
BINARYEN_VERSION=132.0.0       # Debian's binaryen 108 builds broken wasm
ESBUILD_VERSION=0.28.2         # minifies the loader, the JS glue and the CSS
GECKODRIVER_VERSION=0.37.1
AXE_VERSION=4.14.1             # accessibility checks in the e2e suite
APT_TEST_PACKAGES=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb brotli)

export PATH="$GLOSS_ROOT/.tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }

version_of() { "$1" --version 2>/dev/null | head -n1 | awk '{print $2}' || true; }

install_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  # The standard library's source, which scripts/trunk.sh rebuilds for size.
  if ! rustup component list --installed | grep -q '^rust-src'; then
    say "adding the rust-src component"
    rustup component add rust-src || say "no rust-src: release builds go without the size settings"
  fi
  if [ "$(version_of trunk)" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 8 minutes cold)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  if [ "$(version_of wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: its lock names a webpki-roots the registry lacks.
    cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ] \
    || [ "$(command -v wasm-opt)" != "$GLOSS_ROOT/.tools/npm/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (npm binaryen $BINARYEN_VERSION) into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$GLOSS_ROOT/.tools/npm" "binaryen@$BINARYEN_VERSION"
  fi
  if [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
    say "installing esbuild $ESBUILD_VERSION into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$GLOSS_ROOT/.tools/npm" "esbuild@$ESBUILD_VERSION"
  fi
  # Trunk runs cargo offline; fetch the locked dependencies first, and
  # those of the standard library that scripts/trunk.sh rebuilds (its own
  # Cargo.lock; a fresh machine has none of them, e.g. `moto-rt`).
  (cd "$GLOSS_ROOT" && cargo fetch --locked -q)
  local std_src
  std_src="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
  if [ -f "$std_src" ]; then
    RUSTC_BOOTSTRAP=1 cargo fetch --locked -q --manifest-path "$std_src"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_test_tools() {
  local missing=()
  for pkg in "${APT_TEST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ "$(version_of geckodriver)" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 2 minutes cold)"
    cargo install --locked "geckodriver@$GECKODRIVER_VERSION"
  fi
  local axe="$GLOSS_ROOT/.tools/npm/node_modules/axe-core/package.json"
  if [ "$(node -p "require('$axe').version" 2>/dev/null)" != "$AXE_VERSION" ]; then
    say "installing axe-core $AXE_VERSION into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$GLOSS_ROOT/.tools/npm" "axe-core@$AXE_VERSION"
  fi
  local venv="$GLOSS_ROOT/target/py" reqs="$GLOSS_ROOT/tests/e2e/requirements.txt"
  local stamp="$venv/.requirements"
  if ! cmp -s "$reqs" "$stamp" 2>/dev/null; then
    say "installing the end-to-end test tools into target/py"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$reqs"
    cp "$reqs" "$stamp"
  fi
}

main() {
  install_build_tools
  if [ "${1:-build}" = test ]; then
    install_test_tools
  fi
}

main "$@"
