#!/usr/bin/env bash
# Checks that an optimized provider binary has its start-up functions placed first (CMakeLists.txt,
# cloudssl_order_startup), which saves about 5 MB of idle RSS (docs/benchmarks.md):
#  - lld linked it (its .comment says "Linker: ... LLD"): GNU ld has no --symbol-ordering-file;
#  - at least 90 % of the names in the list (cloudssl/startup_symbols.txt) are defined in it: lld
#    skips names it cannot find, silently (--no-warn-symbol-ordering), so a stale list (renamed
#    functions, another build configuration) would only cost memory;
#  - the list was applied: 90 % of the listed names found lie in the first 70 % of .text (lld
#    puts the sections holding them first, 46-47 %; a link without the list scatters them
#    over nearly all of it, 87-93 %).
# Names are compared as the linker sees them, mangled (nm without -C; the list is mangled too).
# Prints the figures. Usage: scripts/startup-order-check.sh BINARY [LIST]
# Exit 0 when ordered, 1 when not (saying why), 2 on usage errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:?usage: scripts/startup-order-check.sh BINARY [LIST]}
list=${2:-$root/cloudssl/startup_symbols.txt}
for file in "$binary" "$list"; do
  [[ -f $file ]] || { echo "startup-order-check: $file: no such file" >&2; exit 2; }
done
for tool in nm readelf; do
  command -v $tool >/dev/null ||
    { echo "startup-order-check: $tool (binutils) is missing" >&2; exit 2; }
done

linker=$(readelf -p .comment "$binary" | sed -nE 's/.*\] +(Linker: .*)/\1/p' | head -n1)
if [[ $linker != *LLD* ]]; then
  echo "startup-order-check: $binary was not linked by lld" \
       "(.comment: '${linker:-no Linker entry}')," \
       "so its start-up functions are not placed first (ld.lld missing? scripts/setup.sh)" >&2
  exit 1
fi

# .text's start and size, in hex (read fails on empty input, set -e would exit without a word).
read -r text_start text_size < <(
  readelf -SW "$binary" |
    sed -nE 's/.*\] \.text +PROGBITS +([0-9a-f]+) [0-9a-f]+ ([0-9a-f]+) .*/\1 \2/p') || true
[[ -n ${text_size:-} ]] || { echo "startup-order-check: $binary has no .text section" >&2; exit 1; }
symbols=$(mktemp "${TMPDIR:-/tmp}/startup-order-check.XXXXXX")
trap 'rm -f "$symbols"' EXIT
nm --defined-only "$binary" >"$symbols" ||
  { echo "startup-order-check: nm cannot read $binary's symbols (above)" >&2; exit 1; }
if [[ ! -s $symbols ]]; then
  echo "startup-order-check: $binary has no symbols (stripped?): check the binary the link" \
       "wrote (release.sh strips only the copy it packages)" >&2
  exit 1
fi
# Of the listed names: how many, how many the binary defines, and the 90th percentile of their
# positions in .text in per mille (the lowest address, when local functions of several objects
# share a name: 95 listed names do). Addresses are compared as numbers read from hex: awk
# would take 0000000000520e10 for the decimal 520e10, and mawk has no strtonum.
read -r listed found p90 < <(
  awk -v start=$((16#$text_start)) -v size=$((16#$text_size)) -v symbols="$symbols" '
      function hex(s,   i, n) {
        n = 0
        for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
        return n
      }
      FILENAME == symbols {
        if (NF == 3 && (!($3 in addr) || hex($1) < hex(addr[$3]))) addr[$3] = $1
        next
      }
      NF == 0 { next }
      { listed++ }
      $0 in addr && !($0 in done) {
        done[$0] = 1
        found++
        m = int(1000 * (hex(addr[$0]) - start) / size)
        at[found] = m < 0 ? 0 : m > 1000 ? 1000 : m   # outside .text: first or last
      }
      END {
        n = 0
        for (i = 1; i <= found; i++) count[at[i]]++   # a histogram of per mille positions
        p90 = -1
        for (m = 0; m <= 1000 && p90 < 0; m++) { n += count[m]; if (n >= 0.9 * found) p90 = m }
        printf "%d %d %d\n", listed, found + 0, p90
      }' "$symbols" "$list") || true
[[ -n ${p90:-} ]] ||
  { echo "startup-order-check: counting the listed names failed (above)" >&2; exit 1; }
((listed > 0)) || { echo "startup-order-check: $list is empty" >&2; exit 1; }
found_pct=$((100 * found / listed))
echo "startup-order-check: $linker; $found of $listed listed names defined ($found_pct %)," \
     "90 % of those in the first $((p90 / 10)).$((p90 % 10)) % of .text"
if ((found_pct < 90)); then
  echo "startup-order-check: only $found_pct % of $list is defined in $binary (90 % wanted):" \
       "the list is stale (our functions renamed, or a Debian update of gRPC, protobuf," \
       "abseil or OpenSSL, whose functions are most of the list); regenerate it with" \
       "scripts/startup-symbols.sh BUILD_DIR (a GCC Release unity build with the benchmarks," \
       "as the script says) and commit it" >&2
  exit 1
fi
if ((p90 > 700)); then
  echo "startup-order-check: the listed functions are spread over $binary's .text (90 % of them" \
       "in the first $((p90 / 10)) %, 70 % at most wanted): it was not linked with" \
       "--symbol-ordering-file=$list" >&2
  exit 1
fi
