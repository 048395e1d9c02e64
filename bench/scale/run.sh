#!/usr/bin/env bash
# Issue 18's scale figures, each beside its reference measured in the same run (plan vs the
# fixture provider, calls per created certificate, deployment vs its slowest task, destroy vs
# N / rate, concurrent processes vs the documented rate). Long: several minutes (1,300 uploads
# at the documented 10/s). Usage: bench/scale/run.sh BUILD_DIR [scale_bench.py options].
# Prints figures; never fails on them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [options]}" && pwd)
shift
bench_name=scale
. "$here/../lib.sh"
require_tools python3 openssl
exec python3 "$here/scale_bench.py" "$build" "$@"
