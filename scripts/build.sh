#!/usr/bin/env bash
# Installs the dependencies (scripts/setup.sh) and builds into BUILD_DIR (default: build/):
# the given targets, or everything.
# Usage: scripts/build.sh [--main] [BUILD_DIR [TARGET...]]
#   --main  README command 1: only the provider's and the simulator's packages, and a build
#           configured without the tests and benchmarks (the test command turns them back on in
#           the same folder, keeping everything already built).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
main=0
[[ ${1:-} == --main ]] && { main=1; shift; }
build=${1:-$root/build}
shift $(($# > 0 ? 1 : 0))
targets=()
(($#)) && targets=(--target "$@")

if ((main)); then
  "$root/scripts/setup.sh" --main
  suite=OFF
else
  "$root/scripts/setup.sh"
  suite=ON
fi

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# Keep an existing build directory's generator (CMake refuses to switch).
[[ -f "$build/CMakeCache.txt" ]] && generator=()
# Unity builds of the provider and simulator (CMakeLists.txt): a cold build in half the time.
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=${CLOUDSSL_BUILD_TYPE:-Release} \
  -DCLOUDSSL_UNITY_BUILD=ON -DCLOUDSSL_BUILD_TESTS=$suite -DCLOUDSSL_BUILD_BENCH=$suite >/dev/null
# Two cores on CI: the heaviest translation units (gRPC generated code) need memory, not more jobs.
cmake --build "$build" --parallel "${CLOUDSSL_BUILD_JOBS:-$(nproc)}" "${targets[@]}"
