#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds the demo and
# serves it on http://127.0.0.1:8080 (release build, rebuilt on change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
exec scripts/trunk.sh serve --release --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload
