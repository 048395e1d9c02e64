#!/usr/bin/env bash
# Prints the requests/s cloudssl-sim sustains. Usage: bench/simulator/run.sh BUILD_DIR
# (builds the bench target if needed). Bounded: 5 s and at most 2 million requests.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
if [[ ! -x "$build/bench/simulator/cloudssl_sim_bench" ]]; then
  cmake --build "$build" --target cloudssl_sim_bench >/dev/null
fi
"$build/bench/simulator/cloudssl_sim_bench" --threads "${SIM_BENCH_THREADS:-4}" \
  --seconds "${SIM_BENCH_SECONDS:-5}"
