#!/usr/bin/env bash
# Checks that a provider binary is portable: its NEEDED shared libraries are glibc's own
# (libc, libm, the dynamic loader) and libgcc_s (GCC's unwinder, on every glibc system: glibc
# loads it itself for thread cancellation), nothing else. Prints the NEEDED list and the highest
# GLIBC_ symbol version it binds to. Usage: scripts/portable-check.sh BINARY
# Exit 0 when portable, 1 when not (naming the offending libraries), 2 on usage errors.
set -euo pipefail
binary=${1:?usage: scripts/portable-check.sh BINARY}
[[ -f $binary ]] || { echo "portable-check: $binary: no such file" >&2; exit 2; }
command -v readelf >/dev/null || { echo "portable-check: readelf (binutils) is missing" >&2; exit 2; }

mapfile -t needed < <(readelf -d "$binary" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
# readelf -V lists the versions each NEEDED library must provide.
glibc=$(readelf -V "$binary" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)*' | sort -uV | tail -n1)
echo "NEEDED: ${needed[*]}"
echo "highest glibc symbol version: ${glibc:-none}"

bad=()
for lib in "${needed[@]}"; do
  case $lib in
    libc.so.6 | libm.so.6 | libgcc_s.so.1 | ld-linux-x86-64.so.2 | ld-linux-aarch64.so.1) ;;
    *) bad+=("$lib") ;;
  esac
done
if ((${#bad[@]})); then
  echo "portable-check: $binary needs ${bad[*]}, beyond glibc" >&2
  exit 1
fi
# The glibc floor the release promises (docs/releasing.md); CLOUDSSL_GLIBC_MAX overrides.
max=${CLOUDSSL_GLIBC_MAX:-2.34}
if [[ -n $glibc && $(printf '%s\n' "GLIBC_$max" "$glibc" | sort -V | tail -n1) != "GLIBC_$max" ]]; then
  echo "portable-check: $binary needs $glibc, above the promised GLIBC_$max:" >&2
  readelf -W --dyn-syms "$binary" | grep -oE '[A-Za-z0-9_]+@GLIBC_[0-9.]+' | sort -u |
    while read -r sym; do
      v=${sym##*@GLIBC_}
      [[ $(printf '%s\n' "$max" "$v" | sort -V | tail -n1) != "$max" ]] && echo "  $sym" >&2
    done
  exit 1
fi
