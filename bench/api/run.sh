#!/usr/bin/env bash
# Prints the API client's achieved rate vs the documented limit under contention: 16 threads
# on one 10/s action for 10 s against cloudssl-sim with its rate limits enforced.
# Usage: bench/api/run.sh BUILD_DIR (builds the bench target if needed).
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
if [[ ! -x "$build/bench/api/cloudssl_api_bench" ]]; then
  cmake --build "$build" --target cloudssl_api_bench >/dev/null
fi
"$build/bench/api/cloudssl_api_bench" --threads "${API_BENCH_THREADS:-16}" \
  --seconds "${API_BENCH_SECONDS:-10}" --action "${API_BENCH_ACTION:-DescribeCertificates}"
