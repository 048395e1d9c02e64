#!/usr/bin/env bash
# The linux_arm64 release runs: scripts/release.sh cross-builds it with Debian's cross
# toolchain and arm64 multiarch archives (checking it is portable and that its --version runs
# under qemu-user), and terraform, on this amd64 machine, then starts the packaged arm64 binary
# under qemu-aarch64-static: the go-plugin handshake completes and a plan against the simulator
# reads certificates through the API (libcurl.so.4 of the arm64 multiarch libcurl4, dlopen'ed
# under emulation).
#
# Usage: arm64_qemu_test.sh BUILD_DIR. The cross build goes to BUILD_DIR/tests/release/builds
# (reused by later runs; CLOUDSSL_ARM64_BINARY names an already built binary instead). Without
# the cross toolchain (scripts/setup.sh --cross-arm64) or a terraform CLI the test is SKIPPED
# (exit 3) with the reason.
set -euo pipefail
build=$(cd "${1:?usage: arm64_qemu_test.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
name=terraform-provider-cloudssl
test_name=arm64_qemu_test
. "$root/tests/release/lib.sh"

find_cli
command -v aarch64-linux-gnu-g++ >/dev/null ||
  skip "no aarch64-linux-gnu-g++ (scripts/setup.sh --cross-arm64 installs the cross toolchain)"
command -v qemu-aarch64-static >/dev/null ||
  skip "no qemu-aarch64-static (scripts/setup.sh --cross-arm64 installs qemu-user-static)"
[[ -f /usr/lib/aarch64-linux-gnu/libcurl.so.4 ]] ||
  skip "no arm64 libcurl.so.4 (scripts/setup.sh --cross-arm64 installs libcurl4:arm64)"

version=$(sed -nE 's/^project\(cloudssl VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-arm64-test.XXXXXX")
trap cleanup EXIT

# 1. The arm64 release zip, as release.sh makes it (cross build, portable-check, --version
#    under qemu). Unsigned: signing is the network-mirror test's subject.
release_env=(CLOUDSSL_RELEASE_UNSIGNED=1 CLOUDSSL_RELEASE_PLATFORMS=linux_arm64
             CLOUDSSL_RELEASE_BUILD="$build/tests/release/builds")
[[ -n ${CLOUDSSL_ARM64_BINARY:-} ]] &&
  release_env+=(CLOUDSSL_RELEASE_BINARY_linux_arm64="$CLOUDSSL_ARM64_BINARY")
env "${release_env[@]}" "$root/scripts/release.sh" "$version" "$work/dist" >"$work/release.log" 2>&1 ||
  { tail -n 40 "$work/release.log" >&2; fail "scripts/release.sh could not make the linux_arm64 release"; }
zip=$work/dist/${name}_${version}_linux_arm64.zip
[[ -f $zip ]] || fail "release.sh did not write $(basename "$zip")"
unzip -q "$zip" "${name}_v$version" -d "$work/unpacked"
binary=$work/unpacked/${name}_v$version
file_type=$(od -An -tx1 -j18 -N2 "$binary" | tr -d ' ')
[[ $file_type == b700 ]] || fail "the packaged binary is not an aarch64 ELF (e_machine $file_type)"
grep -E '^(NEEDED|highest)' "$work/release.log" >&2 || true

# 2. terraform starts it under qemu-user (binfmt_misc is not assumed: a wrapper calls qemu).
plugin_dir=$work/plugin
mkdir -p "$plugin_dir"
cat >"$plugin_dir/$name" <<EOF
#!/bin/sh
# Started by terraform: the arm64 provider under user-mode emulation.
exec qemu-aarch64-static "$binary" "\$@"
EOF
chmod +x "$plugin_dir/$name"

start_simulator

ws=$work/workspace
mkdir -p "$ws"
cat >"$ws/main.tf" <<'TF'
terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}
# Nothing unknown: the plan reads it through the API, so libcurl is loaded under emulation.
data "cloudssl_certificates" "arm64" {}
output "certificate_count" {
  value = length(data.cloudssl_certificates.arm64.certificates)
}
TF
use_provider_with_simulator "$plugin_dir"

(cd "$ws" && "$cli" plan -input=false -no-color) >"$work/plan.log" 2>&1 ||
  { cat "$work/plan.log" >&2; fail "terraform plan with the arm64 provider under qemu failed"; }
check_plan_read_certificates

keep=0
echo "arm64_qemu_test: ok: $("$plugin_dir/$name" --version) (aarch64) packaged by release.sh," \
     "handshake and plan against the simulator done under qemu-aarch64-static"
