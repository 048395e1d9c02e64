#!/usr/bin/env bash
# Prints every benchmark figure. Usage: bench/run.sh [BUILD_DIR] (default: build).
# Each area has bench/<area>/run.sh taking the build directory; they print, never assert.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
for area in runtime plan100 api simulator certificates deployments scale; do
  if [[ -x "$here/$area/run.sh" ]]; then
    echo "== $area"
    "$here/$area/run.sh" "$build"
  fi
done
