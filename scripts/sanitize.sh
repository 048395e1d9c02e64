#!/usr/bin/env bash
# The test suite under sanitizers, each in its own build directory (the default build is
# untouched):
#   address  AddressSanitizer + UndefinedBehaviorSanitizer (CLOUDSSL_SANITIZE=address,undefined)
#            over every unit, integration and protocol test and the fuzz corpus replays
#            (build-asan/). Acceptance and SDK-conformance tests stay in the default build.
#   thread   ThreadSanitizer (CLOUDSSL_SANITIZE=thread) over the concurrency tests: rate limiter,
#            task poller cancellation, read batcher, deploy locks (build-tsan/). Only tests whose
#            threads stay in our code and libcurl/cpp-httplib: Debian's gRPC is not instrumented
#            and its lock-free internals would be reported as races that are not ours.
# Any sanitizer report fails the test that caused it (halt_on_error / abort), so the suite fails.
#
#   scripts/sanitize.sh [address|thread|all]     (default all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
jobs=${CLOUDSSL_BUILD_JOBS:-$(nproc)}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

configure() {  # configure BUILD_DIR SANITIZERS
  local generator=()
  command -v ninja >/dev/null 2>&1 && [[ ! -f "$1/CMakeCache.txt" ]] && generator=(-G Ninja)
  # -O1 -g0: the sanitizers' usual optimisation without debug info (reports still name the
  # functions; a fraction of the build time and disk of -g); assertions stay on.
  cmake -S "$root" -B "$1" "${generator[@]}" "${launcher[@]}" -DCLOUDSSL_SANITIZE="$2" \
    -DCLOUDSSL_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g0" >/dev/null
}

run_address() {
  local build=${ASAN_BUILD_DIR:-$root/build-asan} started=$SECONDS
  configure "$build" address,undefined
  cmake --build "$build" --parallel "$jobs"
  echo "sanitize: address,undefined build took $((SECONDS - started)) s"
  started=$SECONDS
  # detect_leaks: a leak is a report like any other. Suppressions (with their reasons) are in
  # tests/sanitizers/.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    ctest --test-dir "$build" --output-on-failure --parallel "${CLOUDSSL_TEST_JOBS:-2}" --timeout 1200
  echo "sanitize: address,undefined tests took $((SECONDS - started)) s"
}

run_thread() {
  local build=${TSAN_BUILD_DIR:-$root/build-tsan} started=$SECONDS
  configure "$build" thread
  cmake --build "$build" --parallel "$jobs" --target api_unit_tests resources_unit_tests
  echo "sanitize: thread build took $((SECONDS - started)) s"
  started=$SECONDS
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
  export TF_LOG_PROVIDER=off TF_LOG=off
  "$build/tests/unit/api/api_unit_tests" \
    --gtest_filter='TokenBucket.*:RateLimiter.*:TaskPoller.*:HttpClient*.*:SslClient*.*'
  "$build/tests/unit/resources/resources_unit_tests" \
    --gtest_filter='*ReadBatcher*.*:DeployLocks.*'
  echo "sanitize: thread tests took $((SECONDS - started)) s"
}

case "$what" in
  address) run_address ;;
  thread) run_thread ;;
  all) run_address; run_thread ;;
  *) echo "usage: $0 [address|thread|all]" >&2; exit 2 ;;
esac
