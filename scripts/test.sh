#!/usr/bin/env bash
# README command 2: installs what is needed, builds, and runs the whole test suite (unit,
# integration against the simulator, protocol edge cases, official SDK conformance, and the
# acceptance tests that drive the real terraform CLI), then the hardening runs in bounded form:
# every fuzz target for CLOUDSSL_FUZZ_SECONDS (default 15) each, the parsing and API unit tests
# under ASan + UBSan, the concurrency tests under TSan (each in its own build folder; the long
# forms are in the README). CLOUDSSL_HARDENING=0 skips them. Usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

"$root/scripts/build.sh" "$build"

# The acceptance tests need a terraform (or tofu) CLI; say loudly which one is used.
if cli=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}; [[ -n "$cli" ]]; then
  echo "test: acceptance tests use $cli ($("$cli" version | head -n1))"
else
  echo "test: NO terraform/tofu CLI found: acceptance tests will be SKIPPED (set TF_ACC_TERRAFORM_PATH)"
fi

ctest --test-dir "$build" --output-on-failure --parallel "${CLOUDSSL_TEST_JOBS:-2}" --timeout 1200

if [[ ${CLOUDSSL_HARDENING:-1} != 0 ]]; then
  started=$SECONDS
  "$root/scripts/fuzz.sh" --time "${CLOUDSSL_FUZZ_SECONDS:-15}"
  "$root/scripts/sanitize.sh" --quick all
  echo "test: hardening (fuzzing, ASan + UBSan, TSan) passed in $((SECONDS - started)) s"
fi
