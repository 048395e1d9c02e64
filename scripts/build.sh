#!/usr/bin/env bash
# Installs the dependencies (scripts/setup.sh) and builds everything into BUILD_DIR
# (default: build/). Usage: scripts/build.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

"$root/scripts/setup.sh"

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# Keep an existing build directory's generator (CMake refuses to switch).
[[ -f "$build/CMakeCache.txt" ]] && generator=()
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=${CLOUDSSL_BUILD_TYPE:-Release} >/dev/null
# Two cores on CI: the heaviest translation units (gRPC generated code) need memory, not more jobs.
cmake --build "$build" --parallel "${CLOUDSSL_BUILD_JOBS:-$(nproc)}"
