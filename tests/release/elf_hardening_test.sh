#!/usr/bin/env bash
# scripts/portable-check.sh's hardening checks can fail, each for its own reason, and accept what
# Debian's GNU ld makes by default: a small program linked by the given compiler as Debian links
# (accepted, also without the C library), without PIE, without RELRO, with an executable stack,
# with a writable and executable section, and (x86-64 targets; where ld.lld is installed) by
# lld without and with -z separate-code.
# Usage: elf_hardening_test.sh CXX_COMPILER
set -euo pipefail
cxx=${1:?usage: elf_hardening_test.sh CXX_COMPILER}
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "elf_hardening_test: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-elf-hardening.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo 'int main() { return 0; }' >"$work/main.cpp"
# A section the assembler marks allocated, writable and executable: GNU ld gives it an RWX LOAD.
printf '%s\n' '__asm__(".section .wx,\"awx\",%progbits\n.byte 0\n.previous\n");' \
  'int main() { return 0; }' >"$work/wx.cpp"

# Links SOURCE with the given flags and runs the check: REASON empty means it must pass.
check() {
  local source=$1 reason=$2 rc=0
  shift 2
  "$cxx" -O2 "$@" -o "$work/program" "$work/$source" 2>"$work/link.txt" ||
    { cat "$work/link.txt" >&2; fail "could not link $source with '$*'"; }
  "$root/scripts/portable-check.sh" "$work/program" >"$work/out.txt" 2>&1 || rc=$?
  sed 's/^/  /' "$work/out.txt"
  if [[ -z $reason ]]; then
    [[ $rc == 0 ]] || fail "a program linked with '$*' was refused"
  else
    [[ $rc == 1 ]] || fail "a program linked with '$*' was accepted (exit $rc)"
    grep -q -- "$reason" "$work/out.txt" ||
      fail "the program linked with '$*' was refused without '$reason'"
  fi
  echo "elf_hardening_test: $source '$*': ${reason:-accepted}"
}

check main.cpp ""
# Without the C library: no GLIBC_ version needed at all, which is portable too.
check main.cpp "" -nostdlib -Wl,-e,main
check main.cpp "not a position-independent executable" -no-pie
check main.cpp "no GNU_RELRO segment" -Wl,-z,norelro
check main.cpp "the stack is executable" -Wl,-z,execstack
check wx.cpp "both writable and executable"
# x86-64 targets only (portable-check.sh checks separate code there): what the compiler makes,
# not the machine the test runs on (a cross compiler).
if [[ $("$cxx" -dumpmachine) == x86_64-* ]]; then
  check main.cpp "separate-code" -Wl,-z,noseparate-code
  if command -v ld.lld >/dev/null; then
    check main.cpp "separate-code" -fuse-ld=lld
    check main.cpp "" -fuse-ld=lld -Wl,-z,separate-code
  fi
fi
echo "elf_hardening_test: passed"
