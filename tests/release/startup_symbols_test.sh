#!/usr/bin/env bash
# scripts/startup-symbols.sh refuses a build folder configured otherwise than CI and release.sh
# (GCC, Release, CLOUDSSL_UNITY_BUILD=ON), each time saying what is wrong and how to configure,
# before it runs anything or touches the list; a folder configured so gets past these checks
# (then stops: nothing is built). The script runs from a copy of scripts/ and cloudssl/'s list
# in a temporary tree, so the committed list is never at stake. Usage: startup_symbols_test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "startup_symbols_test: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-startup-symbols.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/scripts" "$work/tree/cloudssl"
cp "$root/scripts/startup-symbols.sh" "$work/tree/scripts/"
echo original >"$work/tree/cloudssl/startup_symbols.txt"

# A build folder whose cache says BUILD_TYPE and UNITY, made by COMPILER_ID.
make_build() {
  rm -rf "$work/build"
  mkdir -p "$work/build/CMakeFiles/3.25.1"
  printf 'CMAKE_BUILD_TYPE:STRING=%s\nCLOUDSSL_UNITY_BUILD:BOOL=%s\n' "$1" "$2" \
    >"$work/build/CMakeCache.txt"
  echo "set(CMAKE_CXX_COMPILER_ID \"$3\")" >"$work/build/CMakeFiles/3.25.1/CMakeCXXCompiler.cmake"
}

# Runs the script on the build folder: it must exit 1 saying REASON and how to configure, the
# list untouched and nothing left beside it.
expect_refused() {
  local what=$1 reason=$2 rc=0
  "$work/tree/scripts/startup-symbols.sh" "$work/build" >"$work/out.txt" 2>&1 || rc=$?
  sed 's/^/  /' "$work/out.txt"
  [[ $rc == 1 ]] || fail "the script did not refuse $what (exit $rc)"
  grep -q -- "$reason" "$work/out.txt" || fail "the script refused $what without '$reason'"
  grep -q -- "-DCMAKE_BUILD_TYPE=Release -DCLOUDSSL_UNITY_BUILD=ON" "$work/out.txt" ||
    fail "the script refused $what without saying how to configure"
  [[ $(cat "$work/tree/cloudssl/startup_symbols.txt") == original ]] ||
    fail "the script changed the list when refusing $what"
  [[ $(ls "$work/tree/cloudssl") == startup_symbols.txt ]] ||
    fail "the script left $(ls "$work/tree/cloudssl" | tr '\n' ' ')beside the list"
  echo "startup_symbols_test: $what: refused"
}

rm -rf "$work/build" && mkdir -p "$work/build"
expect_refused "a folder without CMakeCache.txt" "no CMakeCache.txt"
make_build Debug ON GNU
expect_refused "a Debug build" "CMAKE_BUILD_TYPE is 'Debug', not Release"
make_build Release OFF GNU
expect_refused "a build without unity" "CLOUDSSL_UNITY_BUILD is 'OFF', not ON"
make_build Release ON Clang
expect_refused "a clang build" "compiler is 'Clang', not GCC"
# Configured as wanted, not built: the configuration checks pass.
make_build Release ON GNU
expect_refused "a folder without the provider built" "terraform-provider-cloudssl is not built"
echo "startup_symbols_test: passed"
