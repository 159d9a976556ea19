#!/usr/bin/env bash
# Everything a fresh Debian 12 machine with Node and npm needs: system packages through apt-get (as root or
# with sudo), then the npm packages, then the build. Safe to run again: it skips what is already there.
#   scripts/setup.sh             to build, serve and test
#   scripts/setup.sh --training  also what retraining needs (PyTorch, NumPy, Matplotlib: about 1 GB)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config   # the native build
  libeigen3-dev               # the core's linear algebra (header-only)
  libpng-dev                  # the CLI reads PNG files
  libfreetype-dev fonts-dkg-handwriting fonts-breip fonts-rufscript  # synth: letters in other hands
  fonts-bwht fonts-comic-neue fonts-dancingscript fonts-kaushanscript fonts-humor-sans  # synth: digits in
  fonts-kiloji fonts-kristi fonts-leckerli-one fonts-seto                                 # other hands
  googletest libgtest-dev     # the core's unit tests
  emscripten                  # the WebAssembly build (Debian's 3.1.6)
  chromium                    # browser tests and the benchmark's browser half
)
if [ "${1:-}" = "--training" ]; then
  packages+=(python3-torch python3-numpy python3-matplotlib)  # npm run train and the model card's figures
  packages+=(fonts-tomsontalks fonts-yozvox-yozfont fonts-yusei-magic fonts-sjfonts)  # synth: training's digits in other hands
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

npm install --no-audit --no-fund
npm run build
