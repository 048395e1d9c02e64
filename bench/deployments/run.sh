#!/usr/bin/env bash
# Usage: bench/deployments/run.sh BUILD_DIR — prints the deployment polling figures.
set -euo pipefail
build=$(cd "${1:-$(dirname "$0")/../../build}" && pwd)
exe="$build/bench/deployments/bench_deploy_polling"
if [[ ! -x "$exe" ]]; then
  echo "bench_deploy_polling not built (ninja -C $build bench_deploy_polling)"
  exit 0
fi
TF_LOG=off "$exe"
