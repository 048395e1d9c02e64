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
# Usage: scripts/startup-symbols.sh BUILD_DIR: an optimized build with bench/runtime, configured
# as CI and release.sh build (scripts/build.sh: Release, CLOUDSSL_UNITY_BUILD=ON; a unity build
# names its static initializers differently); needs valgrind.
set -euo pipefail
build=$(cd "${1:?usage: startup-symbols.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
provider=$build/cloudssl/terraform-provider-cloudssl
list=$root/cloudssl/startup_symbols.txt
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
# Every function callgrind saw run inside the provider binary, as the linker knows it: callgrind's recursion levels (name'2) are the same function, and its
# "(below main)" and bare addresses (0x...: code without a symbol) are no symbols at all.
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
