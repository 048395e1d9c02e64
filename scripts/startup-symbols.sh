#!/usr/bin/env bash
# Regenerates cloudssl/startup_symbols.txt: the functions of terraform-provider-cloudssl that run
# from exec to the idle process bench/runtime measures (AutoMTLS start, TLS connection, six
# GetProviderSchema calls, Shutdown), as callgrind sees them. The provider's optimized link
# places them first (lld --symbol-ordering-file, CMakeLists.txt): start-up then touches a few
# MB of text instead of nearly all of it. Names that no longer exist are ignored, so a stale
# list only costs memory. Usage: scripts/startup-symbols.sh BUILD_DIR (a Release build with
# bench/runtime; needs valgrind).
set -euo pipefail
build=$(cd "${1:?usage: startup-symbols.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
provider=$build/cloudssl/terraform-provider-cloudssl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/provider" <<WRAP
#!/bin/sh
exec valgrind --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no \
  --callgrind-out-file=$work/callgrind.out "$provider" "\$@"
WRAP
chmod +x "$work/provider"
"$build/bench/runtime/runtime_bench" "$work/provider" 1 >/dev/null
# Every function callgrind saw run inside the provider binary, in the order it first lists them.
awk -v exe="$(basename "$provider")" '
  /^ob=/ { in_exe = index($0, exe) > 0 }
  /^fn=/ && in_exe { name = substr($0, 4); if (!(name in seen)) { seen[name] = 1; print name } }
' "$work/callgrind.out" >"$root/cloudssl/startup_symbols.txt"
wc -l <"$root/cloudssl/startup_symbols.txt"
