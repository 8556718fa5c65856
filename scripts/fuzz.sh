#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (libFuzzer through cargo-fuzz), seeded
# with the shipped explainers (libFuzzer only reads them; new inputs go to
# fuzz/corpus/).
# cargo-fuzz needs nightly-only compiler flags; this machine has only stable
# Rust, so RUSTC_BOOTSTRAP=1 unlocks them for this build alone.
#   scripts/fuzz.sh [SECONDS]   # default 60
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.1
mkdir -p fuzz/corpus/parse_explainer
RUSTC_BOOTSTRAP=1 cargo fuzz run parse_explainer fuzz/corpus/parse_explainer public/explainers -- \
  -max_total_time="${1:-60}" -max_len=65536 -print_final_stats=1
