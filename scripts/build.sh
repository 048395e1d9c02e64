#!/usr/bin/env bash
# Installs the dependencies (scripts/setup.sh) and builds into BUILD_DIR (default: build/):
# the given targets, or everything. Usage: scripts/build.sh [BUILD_DIR [TARGET...]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift $(($# > 0 ? 1 : 0))
targets=()
(($#)) && targets=(--target "$@")

"$root/scripts/setup.sh"

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# Keep an existing build directory's generator (CMake refuses to switch).
[[ -f "$build/CMakeCache.txt" ]] && generator=()
# Unity builds of the provider and simulator (CMakeLists.txt): a cold build in half the time.
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=${CLOUDSSL_BUILD_TYPE:-Release} \
  -DCLOUDSSL_UNITY_BUILD=ON >/dev/null
# Two cores on CI: the heaviest translation units (gRPC generated code) need memory, not more jobs.
cmake --build "$build" --parallel "${CLOUDSSL_BUILD_JOBS:-$(nproc)}" "${targets[@]}"
