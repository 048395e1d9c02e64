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
sim=$build/simulator/cloudssl-sim

skip() { echo "arm64_qemu_test: SKIPPED: $*" >&2; exit 3; }
fail() { echo "arm64_qemu_test: FAIL: $*" >&2; exit 1; }

cli=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}
[[ -n $cli ]] || skip "no terraform/tofu CLI (set TF_ACC_TERRAFORM_PATH)"
command -v aarch64-linux-gnu-g++ >/dev/null ||
  skip "no aarch64-linux-gnu-g++ (scripts/setup.sh --cross-arm64 installs the cross toolchain)"
command -v qemu-aarch64-static >/dev/null ||
  skip "no qemu-aarch64-static (scripts/setup.sh --cross-arm64 installs qemu-user-static)"
[[ -f /usr/lib/aarch64-linux-gnu/libcurl.so.4 ]] ||
  skip "no arm64 libcurl.so.4 (scripts/setup.sh --cross-arm64 installs libcurl4:arm64)"

version=$(sed -nE 's/^project\(cloudssl VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-arm64-test.XXXXXX")
sim_pid=""
cleanup() {
  if [[ -n $sim_pid ]]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; fi
  if [[ ${keep:-1} == 1 || -n ${TF_ACC_KEEP:-} ]]; then
    echo "arm64_qemu_test: files kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
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

coproc SIM { exec "$sim" --listen 127.0.0.1:0 --seed "$root/examples/quickstart/simulator-seed.json" \
  2>"$work/simulator.log"; }
sim_pid=$SIM_PID
read -r -t 30 -u "${SIM[0]}" sim_addr || fail "the simulator did not start: $(cat "$work/simulator.log")"

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
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "cloudssl/cloudssl" = "$plugin_dir"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE=$work/cli.tfrc CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 HOME=$work
export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
export CLOUDSSL_ENDPOINT="http://$sim_addr" TF_LOG_PROVIDER=debug TF_LOG_PATH=$work/provider.log

(cd "$ws" && "$cli" plan -input=false -no-color) >"$work/plan.log" 2>&1 ||
  { cat "$work/plan.log" >&2; fail "terraform plan with the arm64 provider under qemu failed"; }
grep -q 'SSL API call: .*action=DescribeCertificates' "$work/provider.log" ||
  fail "the provider logged no DescribeCertificates call: the plan made no API call"
grep -q "certificate_count *= *[0-9]" "$work/plan.log" ||
  { cat "$work/plan.log" >&2; fail "the plan does not show the certificates read"; }

keep=0
echo "arm64_qemu_test: ok: $("$plugin_dir/$name" --version) (aarch64) packaged by release.sh," \
     "handshake and plan against the simulator done under qemu-aarch64-static"
