#!/usr/bin/env bash
# Regenerates cloudssl/startup_symbols.txt: the functions of terraform-provider-cloudssl that run
# from exec to the idle process bench/runtime measures (AutoMTLS start, TLS connection, six
# GetProviderSchema calls, Shutdown), as callgrind sees them over three runs (their union: a
# few timer and poller functions run in some runs only). The provider's optimized link places
# them first (lld --symbol-ordering-file, CMakeLists.txt): start-up then touches a few MB of text
# instead of nearly all of it. The list is a set, written sorted (LC_ALL=C): callgrind lists
# functions in no meaningful order (it differs from run to run), and sorted by name, functions
# of one library and namespace sit together: idle RSS 11.3 -> 11.0 MB against callgrind's order
# (docs/benchmarks.md). lld ignores names it cannot find, so a stale list would only cost memory,
# silently: the release test release_startup_order (scripts/startup-order-check.sh) fails when
# fewer than 90 % of the names are defined in the built provider.
# Usage: scripts/startup-symbols.sh BUILD_DIR: a build with bench/runtime, configured as CI and
# release.sh build (scripts/build.sh: GCC, Release, CLOUDSSL_UNITY_BUILD=ON), which is checked:
# a unity build names its static initializers differently, Debug keeps calls Release inlines,
# and clang names its clones otherwise than GCC (.constprop, .isra), so a list taken from
# another configuration misses part of the shipped binary's start-up, and the 90 % check of
# release_startup_order cannot tell (a Debug build without unity still defines 99 % of it).
# Needs valgrind.
set -euo pipefail
build=$(cd "${1:?usage: startup-symbols.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
provider=$build/cloudssl/terraform-provider-cloudssl
list=$root/cloudssl/startup_symbols.txt

refuse() {
  echo "startup-symbols: $build: $*; configure a build as CI and release.sh do, e.g." \
       "CXX=g++ cmake -S $root -B build-startup -G Ninja -DCMAKE_BUILD_TYPE=Release" \
       "-DCLOUDSSL_UNITY_BUILD=ON -DCLOUDSSL_BUILD_BENCH=ON, build it" \
       "(cmake --build build-startup --target terraform-provider-cloudssl runtime_bench)" \
       "and pass that folder" >&2
  exit 1
}
cache=$build/CMakeCache.txt
[[ -f $cache ]] || refuse "no CMakeCache.txt (not a CMake build folder)"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")
[[ ${build_type,,} == release ]] || refuse "CMAKE_BUILD_TYPE is '$build_type', not Release"
unity=$(sed -n 's/^CLOUDSSL_UNITY_BUILD:[A-Z]*=//p' "$cache")
[[ ${unity^^} =~ ^(ON|TRUE|YES|1)$ ]] || refuse "CLOUDSSL_UNITY_BUILD is '$unity', not ON"
compiler=$(sed -nE 's/^set\(CMAKE_CXX_COMPILER_ID "(.*)"\)$/\1/p' \
  "$build"/CMakeFiles/*/CMakeCXXCompiler.cmake 2>/dev/null | head -n1)
[[ $compiler == GNU ]] || refuse "the C++ compiler is '${compiler:-unknown}', not GCC (GNU)"
for file in "$provider" "$build/bench/runtime/runtime_bench"; do
  [[ -x $file ]] || refuse "$file is not built"
done
work=$(mktemp -d)
# Written next to the list and renamed over it: the link never reads a half-written list.
tmp_list=$(mktemp "$list.XXXXXX")
trap 'rm -rf "$work" "$tmp_list"' EXIT
cat >"$work/provider" <<WRAP
#!/bin/sh
exec valgrind --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no \
  --callgrind-out-file=$work/callgrind.%p.out "$provider" "\$@"
WRAP
chmod +x "$work/provider"
"$build/bench/runtime/runtime_bench" "$work/provider" 3 >/dev/null
# Every function callgrind saw run inside the provider binary, as the linker knows it:
# callgrind's recursion levels (name'2) are the same function, and its "(below main)" and bare
# addresses (0x...: code without a symbol) are no symbols at all.
awk -v exe="$(basename "$provider")" '
  /^ob=/ { in_exe = index($0, exe) > 0 }
  /^fn=/ && in_exe {
    name = substr($0, 4)
    sub(/\047[0-9]+$/, "", name)
    if (name == "(below main)" || name ~ /^0x[0-9a-fA-F]+$/) next
    print name
  }
' "$work"/callgrind.*.out | LC_ALL=C sort -u >"$tmp_list"
chmod 644 "$tmp_list"
mv "$tmp_list" "$list"
wc -l <"$list"
