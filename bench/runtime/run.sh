#!/usr/bin/env bash
# Runtime figures (exec -> handshake, GetProviderSchema, idle peak RSS, Shutdown -> exit) for
# every provider binary present in the build. Usage: bench/runtime/run.sh BUILD_DIR [RUNS]
# Prints figures against the targets; never fails on them.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-20}
bench="$build/bench/runtime/runtime_bench"
bench_name=runtime
. "$(dirname "$0")/../lib.sh"
require_built runtime_bench "$bench"
found=0
for binary in "$build/cloudssl/terraform-provider-cloudssl" \
              "$build/tests/fixture_provider/terraform-provider-fixture" \
              "$build/tests/protocol/transport-test-plugin"; do
  if [[ -x $binary ]]; then
    "$bench" "$binary" "$runs"
    found=1
  fi
done
if [[ $found == 0 ]]; then
  echo "runtime: no provider binary in $build; skipped"
fi
