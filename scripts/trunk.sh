#!/usr/bin/env bash
# Trunk with the size settings of Gloss's release wasm: the standard library
# is rebuilt for size along with the widget (cargo's build-std), panics
# abort on the spot (`-Cpanic=immediate-abort`: no panic messages or
# formatting in the wasm; gloss.js reports the trap instead) and carry no
# source locations. Both builds (full and reader) get them; the reader's
# wasm is 17 KB smaller gzip (docs/PERFORMANCE.md).
#
# These are unstable compiler options: the pinned stable toolchain accepts
# them under RUSTC_BOOTSTRAP=1, for the wasm builds only. They need the
# toolchain's `rust-src` component (scripts/setup.sh adds it). Without it,
# or with GLOSS_SIZE_BUILD=0 (panic messages in the console, for
# debugging), this is plain trunk with the same widget.
#   scripts/trunk.sh build --release [--dist DIR]
#   scripts/trunk.sh serve --release ...
set -euo pipefail

if [ "${GLOSS_SIZE_BUILD:-1}" != 0 ]; then
  if rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    # Replaces .cargo/config.toml's wasm rustflags, so it repeats them.
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
    # The post-build hook's native prerenderer build must not see them.
    export GLOSS_SIZE_BUILD=1
  else
    printf 'trunk.sh: the rust-src component is missing: building without the size settings\n' >&2
    export GLOSS_SIZE_BUILD=0
  fi
fi
exec trunk "$@"
