#!/usr/bin/env bash
# scripts/release.sh stops when its build fails instead of packaging the binary an earlier build
# left in its build folder: with a working provider already in CLOUDSSL_RELEASE_BUILD, a cmake
# that cannot configure, then one that configures but cannot build, must each make release.sh
# exit 1 naming the failed step, with no zip written. Without ld.lld it stops before the build
# (the binary would be refused after it). The cmake and ld.lld are stand-ins placed first on
# PATH: nothing is built. Usage: release_build_failure_test.sh BINARY
set -euo pipefail
binary=${1:?usage: release_build_failure_test.sh BINARY}
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "release_build_failure_test: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-release-build-failure.XXXXXX")
trap 'rm -rf "$work"' EXIT
version=$(sed -nE 's/^project\(cloudssl VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")

# The build folder as an earlier release left it.
mkdir -p "$work/builds/linux_amd64/cloudssl" "$work/bin"
cp "$binary" "$work/builds/linux_amd64/cloudssl/terraform-provider-cloudssl"
cat >"$work/bin/cmake" <<'CMAKE'
#!/bin/sh
# Logs the step (configure, or build for "cmake --build") and fails the one in FAKE_CMAKE_FAIL.
case $1 in --build) step=build ;; *) step=configure ;; esac
echo "$step" >>"$FAKE_CMAKE_LOG"
[ "$step" != "$FAKE_CMAKE_FAIL" ]
CMAKE
printf '#!/bin/sh\nexit 0\n' >"$work/bin/ld.lld"  # only looked for, before the build
chmod +x "$work/bin/cmake" "$work/bin/ld.lld"

# Runs release.sh in case WHAT, the stand-in cmake failing at STEP (path_dirs: what follows the
# stand-ins on PATH); it must exit 1 saying REASON, after the cmake calls in CALLS, no zip written.
path_dirs=$PATH
expect_stopped() {
  local what=$1 step=$2 reason=$3 calls=$4 rc=0
  rm -rf "$work/out"
  : >"$work/cmake.log"
  env -u CLOUDSSL_RELEASE_BINARY_linux_amd64 PATH="$work/bin:$path_dirs" FAKE_CMAKE_FAIL="$step" \
    FAKE_CMAKE_LOG="$work/cmake.log" CLOUDSSL_RELEASE_UNSIGNED=1 \
    CLOUDSSL_RELEASE_PLATFORMS=linux_amd64 CLOUDSSL_RELEASE_BUILD="$work/builds" \
    "$root/scripts/release.sh" "$version" "$work/out" >"$work/release.txt" 2>&1 || rc=$?
  sed 's/^/  /' "$work/release.txt"
  [[ $rc == 1 ]] || fail "release.sh exited $rc when $what"
  grep -q "$reason" "$work/release.txt" || fail "release.sh did not say '$reason' when $what"
  [[ $(tr '\n' ' ' <"$work/cmake.log") == "$calls" ]] ||
    fail "cmake ran '$(tr '\n' ' ' <"$work/cmake.log")', '$calls' expected"
  if compgen -G "$work/out/*.zip" >/dev/null; then
    fail "release.sh wrote a zip when $what"
  fi
  echo "release_build_failure_test: $what: stopped"
}

expect_stopped "cmake could not configure" configure "cmake could not configure" "configure "
expect_stopped "cmake could not build" build "cmake could not build" "configure build "

# PATH without ld.lld: every command of PATH's folders linked into one folder, the first of a
# name winning, but ld.lld. release.sh stops before cmake runs.
mkdir "$work/path"
IFS=: read -r -a dirs <<<"$PATH"
for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do
  [[ -d ${dirs[i]} && ${dirs[i]} != "$work"/* ]] || continue
  find "${dirs[i]}" -maxdepth 1 -mindepth 1 ! -type d -exec ln -sf -t "$work/path" {} +
done
rm -f "$work/bin/ld.lld" "$work/path/ld.lld"
path_dirs=$work/path
expect_stopped "ld.lld was missing" none "ld.lld (lld) is missing" ""
echo "release_build_failure_test: passed"
