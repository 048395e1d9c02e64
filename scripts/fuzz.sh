#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (CLOUDSSL_FUZZ=ON: libFuzzer + ASan +
# UBSan, in its own build directory; the default GCC build is untouched) and runs them on the
# committed corpus (tests/fuzz/corpus/<target>) plus freshly generated PEM keys (no key material
# is committed). Any crash, sanitizer report, failed property check, timeout or memory blow-up
# fails the script; the input that did it is kept in the work directory (printed) to be added to
# the corpus as a regression input.
#
#   scripts/fuzz.sh                  bounded run: 30 s per target
#   scripts/fuzz.sh --time 600       long run: 600 s per target (nice'd, one job per target)
#   scripts/fuzz.sh --time 60 pem    some targets only
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_WORK_DIR (default: a fresh temporary
# directory; new corpus entries and crash inputs go there, never into the committed corpus).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=30
targets=()
while (($#)); do
  case "$1" in
    --time) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(codec_msgpack codec_json pem api_response volcengine_response sim_auth sim_request)

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
generator=()
command -v ninja >/dev/null 2>&1 && [[ ! -f "$build/CMakeCache.txt" ]] && generator=(-G Ninja)
started=$SECONDS
# -O1 with line tables: the usual fuzzing trade-off (fast to build, readable stacks); no NDEBUG,
# so assertions are checked too. Tests and benchmarks are configured but not built.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" \
  -DCLOUDSSL_FUZZ=ON -DCLOUDSSL_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" >/dev/null
cmake --build "$build" --parallel "${CLOUDSSL_BUILD_JOBS:-$(nproc)}" --target cloudssl_fuzzers
echo "fuzz: built in $((SECONDS - started)) s"

work=${FUZZ_WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-fuzz.XXXXXX")}
mkdir -p "$work"

# PEM seeds with private keys, made now: RSA, EC and Ed25519 keys in PKCS#8 and traditional
# form, and "key NUL certificate" pairs (pem_fuzz.cpp's input format) that match.
pem_seeds() {
  local dir=$work/generated/pem tmp=$work/generated/tmp
  mkdir -p "$dir" "$tmp"
  local alg
  for alg in rsa:2048 ec:P-256 ed25519; do
    local name=${alg%%:*} args=()
    case "$alg" in
      rsa:*) args=(-newkey rsa:2048) ;;
      ec:*) args=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
      ed25519) args=(-newkey ed25519) ;;
    esac
    openssl req -x509 "${args[@]}" -nodes -keyout "$tmp/$name.key" -out "$tmp/$name.pem" \
      -subj "/CN=$name.example.test" -addext "subjectAltName=DNS:$name.example.test" \
      -days 30 2>/dev/null
    { cat "$tmp/$name.key"; printf '\0'; cat "$tmp/$name.pem"; } >"$dir/pair_$name"
    cp "$tmp/$name.key" "$dir/key_$name"
    [[ $name == ed25519 ]] || openssl pkey -in "$tmp/$name.key" -traditional \
      -out "$dir/key_${name}_traditional" 2>/dev/null
  done
  rm -rf "$tmp"
}
pem_seeds

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
command -v llvm-symbolizer >/dev/null 2>&1 || {
  sym=$(ls /usr/bin/llvm-symbolizer-* 2>/dev/null | head -n1 || true)
  [[ -n "$sym" ]] && export ASAN_SYMBOLIZER_PATH=$sym
}

status=0
summary=()
for t in "${targets[@]}"; do
  exe=$build/tests/fuzz/fuzz_$t
  corpus=$root/tests/fuzz/corpus/$t
  [[ -x "$exe" && -d "$corpus" ]] || { echo "fuzz: unknown target $t"; exit 2; }
  out=$work/$t
  mkdir -p "$out/new" "$out/artifacts"
  dirs=("$out/new" "$corpus")
  [[ -d "$work/generated/$t" ]] && dirs+=("$work/generated/$t")
  echo "fuzz: $t for ${seconds} s"
  # -timeout: one input taking 60 s is a hang (generous: a loaded machine must not fail a run);
  # -rss_limit_mb: a blow-up is a failure too.
  if nice -n 10 "$exe" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/artifacts/" "${dirs[@]}" >"$out/log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
    grep -E "ERROR|runtime error|Test unit written|SUMMARY|fuzz: " "$out/log" | head -n 20 || true
    echo "fuzz: $t FAILED; full log $out/log, inputs in $out/artifacts/"
  fi
  # libFuzzer's last status line and final statistics: executions, coverage, corpus.
  line=$(grep -E '^#[0-9]+' "$out/log" | tail -n1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n1)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$line" | tail -n1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$line" | tail -n1 | cut -d' ' -f2)
  corp=$(grep -oE 'corp: [0-9]+' <<<"$line" | tail -n1 | cut -d' ' -f2)
  summary+=("$(printf '%-14s %-6s execs=%-10s cov=%-6s ft=%-7s corpus=%s' "$t" "$result" \
    "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")")
done
echo "fuzz: summary (${seconds} s per target, work dir $work)"
printf '  %s\n' "${summary[@]}"
exit $status
