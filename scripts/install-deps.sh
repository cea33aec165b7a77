#!/usr/bin/env bash
# Installs the Debian 12 packages Keruen builds and tests with. Idempotent: when every
# package is already installed it does nothing (no network, no root needed). Otherwise it
# refreshes the package lists first, because a fresh machine's lists are stale.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-14 libclang-rt-14-dev clang-format
  # libraries (Debian only; Boost 1.81 headers for Beast, never 1.74-dev: they conflict)
  libboost1.81-dev libsimdjson-dev nlohmann-json3-dev libsqlite3-dev libcli11-dev
  libspdlog-dev libfmt-dev libexpected-dev libxml2-dev libssl-dev libxxhash-dev libjemalloc-dev
  libabsl-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 python3
  # reference implementation the Jaro-Winkler tests compare against
  python3-jellyfish
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
