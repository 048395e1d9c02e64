#!/usr/bin/env bash
# Checks that a provider binary is portable: its NEEDED shared libraries are glibc's own
# (libc, libm, the dynamic loader) and libgcc_s (GCC's unwinder, on every glibc system: glibc
# loads it itself for thread cancellation), nothing else. Prints the NEEDED list and the highest
# GLIBC_ symbol version it binds to. Also checks that it is hardened as Debian's default GNU ld
# link makes it, whichever linker made it (the optimized build uses lld, whose defaults differ):
# a position-independent executable (ASLR), a GNU_RELRO segment, a stack that is not executable,
# no segment both writable and executable, and on x86-64 separate code (-z separate-code: no
# file page mapped both as code and as data). Debian's GNU ld does not bind now (-z now,
# BIND_NOW), so neither is asked for. Usage: scripts/portable-check.sh BINARY
# Exit 0 when portable, 1 when not (naming the offending libraries or the missing hardening),
# 2 on usage errors.
set -euo pipefail
binary=${1:?usage: scripts/portable-check.sh BINARY}
[[ -f $binary ]] || { echo "portable-check: $binary: no such file" >&2; exit 2; }
command -v readelf >/dev/null ||
  { echo "portable-check: readelf (binutils) is missing" >&2; exit 2; }

mapfile -t needed < <(readelf -d "$binary" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
# readelf -V lists the versions each NEEDED library must provide; a binary may need none (grep
# then fails, and pipefail would end the check without a word).
glibc=$(readelf -V "$binary" | { grep -oE 'GLIBC_[0-9]+(\.[0-9]+)*' || true; } | sort -uV |
  tail -n1)
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
highest=$(printf '%s\n' "GLIBC_$max" "$glibc" | sort -V | tail -n1)
if [[ -n $glibc && $highest != "GLIBC_$max" ]]; then
  echo "portable-check: $binary needs $glibc, above the promised GLIBC_$max:" >&2
  readelf -W --dyn-syms "$binary" | grep -oE '[A-Za-z0-9_]+@GLIBC_[0-9.]+' | sort -u |
    while read -r sym; do
      v=${sym##*@GLIBC_}
      [[ $(printf '%s\n' "$max" "$v" | sort -V | tail -n1) != "$max" ]] && echo "  $sym" >&2
    done
  exit 1
fi

# Hardening, from the ELF headers (readelf -h, -l, -d).
hardening=()
[[ $(readelf -hW "$binary" | sed -nE 's/^ *Type: +([A-Z]+).*/\1/p') == DYN ]] &&
  readelf -dW "$binary" | grep -q 'FLAGS_1.*PIE' ||
  hardening+=("not a position-independent executable (ELF type DYN and FLAGS_1 PIE): no ASLR")
segments=$(readelf -lW "$binary")
grep -q '^ *GNU_RELRO ' <<<"$segments" ||
  hardening+=("no GNU_RELRO segment: relocated data stays writable (-z relro)")
grep -qE '^ *GNU_STACK +(0x[0-9a-f]+ +){5}RW +' <<<"$segments" ||
  hardening+=("the stack is executable or unstated (GNU_STACK not RW): -z noexecstack")
# LOAD segments: file offset, file size, flags (R, W, E), one a line, in hex.
loads=$(awk '$1 == "LOAD" {
  flags = ""
  for (i = 7; i < NF; i++) flags = flags $i
  print $2, $5, flags
}' <<<"$segments")
awk '$3 ~ /W/ && $3 ~ /E/ { found = 1 } END { exit !found }' <<<"$loads" &&
  hardening+=("a LOAD segment is both writable and executable")
if readelf -hW "$binary" | grep -q 'Machine:.*X86-64'; then
  # GNU ld's x86 default, since binutils 2.31; lld's default is -z noseparate-code.
  shared=$(awk '
    function hex(s,   i, n) {
      s = tolower(substr(s, 3))
      n = 0
      for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return n
    }
    {
      first[NR] = int(hex($1) / 4096)
      last[NR] = int((hex($1) + hex($2) - 1) / 4096)
      code[NR] = $3 ~ /E/
    }
    END {
      for (i = 1; i <= NR; i++) for (j = 1; j <= NR; j++)
        if (code[i] && !code[j] && first[i] <= last[j] && first[j] <= last[i]) shared++
      print shared + 0
    }' <<<"$loads")
  shares="code shares a file page with data or read-only segments, mapped executable"
  ((shared == 0)) || hardening+=("$shares (-z separate-code)")
fi
if ((${#hardening[@]})); then
  echo "portable-check: $binary is not hardened as Debian's GNU ld links:" >&2
  printf '  %s\n' "${hardening[@]}" >&2
  exit 1
fi
echo "hardening: PIE, GNU_RELRO, non-executable stack, no writable and executable segment$(
  readelf -hW "$binary" | grep -q 'Machine:.*X86-64' && echo ', separate code')"
