#!/usr/bin/env bash
# Builds the native core, CLI and tests (build/native) and the WebAssembly module (dist/digits.wasm),
# then prints the package's JS + wasm size.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j "$jobs"

# Debian's emscripten needs its acorn from /usr/share/nodejs.
export NODE_PATH=/usr/share/nodejs
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/wasm -j "$jobs"

node scripts/size.mjs
