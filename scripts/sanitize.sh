#!/usr/bin/env bash
# The test suite under sanitizers, each in its own build directory (the default build is
# untouched):
#   address  AddressSanitizer + UndefinedBehaviorSanitizer (CLOUDSSL_SANITIZE=address,undefined)
#            over every unit, integration and protocol test and the fuzz corpus replays
#            (build-asan/). Acceptance and SDK-conformance tests stay in the default build.
#   thread   ThreadSanitizer (CLOUDSSL_SANITIZE=thread) over the concurrency tests: rate limiter,
#            task poller cancellation, HTTP pool, concurrent client calls, read batcher, deploy
#            locks — tests/sanitizers' concurrency_tests executable (build-tsan/). Only tests whose
#            threads stay in our code and libcurl/cpp-httplib: Debian's gRPC is not instrumented
#            and its lock-free internals would be reported as races that are not ours.
# Any sanitizer report fails the test that caused it (halt_on_error / abort), so the suite fails.
#
#   scripts/sanitize.sh [--quick] [address|thread|all]     (default all)
#   --quick  address runs only the unit tests of the parsing and API layers (codec, util,
#            framework, lib, api): the bounded form in the test command; thread is small already.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[[ ${1:-} == --quick ]] && { quick=1; shift; }
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

# The unit tests of the layers that parse hostile bytes and run the API: the quick form of
# `address`, what the test command (scripts/test.sh) runs.
quick_address_tests=(codec_unit_tests util_unit_tests framework_unit_tests lib_unit_tests
                     api_unit_tests volcengine_api_tests)

run_address() {
  local build=${ASAN_BUILD_DIR:-$root/build-asan} started=$SECONDS targets=()
  [[ $quick == 1 ]] && targets=(--target "${quick_address_tests[@]}")
  configure "$build" address,undefined
  cmake --build "$build" --parallel "$jobs" "${targets[@]}"
  echo "sanitize: address,undefined build took $((SECONDS - started)) s"
  started=$SECONDS
  # detect_leaks: a leak is a report like any other. Suppressions (with their reasons) are in
  # tests/sanitizers/.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  if [[ $quick == 1 ]]; then
    local exe path
    for exe in "${quick_address_tests[@]}"; do
      path=$(find "$build/tests" -name "$exe" -type f -perm -u+x | head -n 1)
      [[ -n $path ]] || { echo "sanitize: $exe was not built" >&2; exit 1; }
      TF_LOG_PROVIDER=off TF_LOG=off "$path" --gtest_brief=1
    done
  else
    ctest --test-dir "$build" --output-on-failure --parallel "${CLOUDSSL_TEST_JOBS:-2}" --timeout 1200
  fi
  echo "sanitize: address,undefined tests took $((SECONDS - started)) s"
}

run_thread() {
  local build=${TSAN_BUILD_DIR:-$root/build-tsan} started=$SECONDS
  configure "$build" thread
  # concurrency_tests (tests/sanitizers/): the concurrency tests and only what they link.
  cmake --build "$build" --parallel "$jobs" --target concurrency_tests
  echo "sanitize: thread build took $((SECONDS - started)) s"
  started=$SECONDS
  TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
  TF_LOG_PROVIDER=off TF_LOG=off "$build/tests/sanitizers/concurrency_tests"
  echo "sanitize: thread tests took $((SECONDS - started)) s"
}

case "$what" in
  address) run_address ;;
  thread) run_thread ;;
  all) run_address; run_thread ;;
  *) echo "usage: $0 [--quick] [address|thread|all]" >&2; exit 2 ;;
esac
