#!/usr/bin/env bash
# The release binary runs on a plain Linux: a minimal Debian root file system (debootstrap
# --variant=minbase, plus libcurl4 for the API calls: the provider opens libcurl.so.4 at run
# time and needs nothing else beyond glibc) runs the stripped provider under chroot; terraform,
# outside, completes the go-plugin handshake with it and plans examples/quickstart against the
# simulator (the plan reads the account through the API, so libcurl is loaded in the chroot).
# Also checks the NEEDED list (scripts/portable-check.sh).
#
# Usage: portable_chroot_test.sh BUILD_DIR. The root file system is cached in
# BUILD_DIR/tests/release/rootfs (CLOUDSSL_ROOTFS overrides); making it needs root, debootstrap
# and the Debian mirror (CLOUDSSL_DEBIAN_MIRROR, default http://deb.debian.org/debian): without
# them the test is SKIPPED (exit 3) with the reason.
set -euo pipefail
build=$(cd "${1:?usage: portable_chroot_test.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$build/cloudssl/terraform-provider-cloudssl
test_name=portable_chroot_test
. "$root/tests/release/lib.sh"

"$root/scripts/portable-check.sh" "$binary" || fail "the provider binary is not portable"

find_cli
[[ $(id -u) -eq 0 ]] || skip "chroot needs root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (scripts/setup.sh)"

rootfs=${CLOUDSSL_ROOTFS:-$build/tests/release/rootfs}
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
# Removes a (half-made) root file system: never through a file system mounted inside it
# (debootstrap mounts /proc there while it works).
remove_rootfs() {
  grep -o " $rootfs/[^ ]*" /proc/mounts | sort -r | while read -r mnt; do umount -l "$mnt"; done
  rm -rf --one-file-system "$rootfs"
}
if [[ ! -f $rootfs/.cloudssl-complete ]]; then
  echo "portable_chroot_test: making a minbase $suite root file system in $rootfs (cached)" >&2
  [[ -e $rootfs ]] && remove_rootfs
  mkdir -p "$(dirname "$rootfs")"
  if ! debootstrap --variant=minbase --include=libcurl4 "$suite" "$rootfs" \
       "${CLOUDSSL_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$rootfs.log" 2>&1; then
    tail -n 5 "$rootfs.log" >&2
    remove_rootfs
    skip "debootstrap could not make the root file system (no Debian mirror?); see $rootfs.log"
  fi
  touch "$rootfs/.cloudssl-complete"
fi

# The root file system has no compiler, no libstdc++ development files, no OpenSSL 3 beyond
# what libcurl4 pulls in: say what it holds that matters.
echo "portable_chroot_test: rootfs glibc $(chroot "$rootfs" /usr/bin/ldd --version | head -n1 | awk '{print $NF}')," \
     "libstdc++ $(ls "$rootfs"/usr/lib/*/libstdc++.so.6 2>/dev/null | wc -l) file(s)" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-chroot-test.XXXXXX")
inside=/opt/cloudssl-test-$$
cleanup_extra() { rm -rf "${rootfs:?}$inside" "$rootfs/run/cloudssl-plugin-$$"; }
trap cleanup EXIT

# The release binary (stripped, as release.sh ships it) inside the root file system.
mkdir -p "$rootfs$inside"
strip -o "$rootfs$inside/terraform-provider-cloudssl" "$binary"
chroot "$rootfs" "$inside/terraform-provider-cloudssl" --version >"$work/version.txt" 2>&1 ||
  { cat "$work/version.txt" >&2; fail "the binary does not start in the minimal root file system"; }

# go-plugin: the provider prints the unix socket it listens on and terraform, outside, dials
# that path. A socket directory whose path is the same inside and outside the chroot: the
# host path $rootfs/run/... inside the chroot is a symlink chain back to /run/....
sock_dir=/run/cloudssl-plugin-$$
mkdir -p "$rootfs$sock_dir" "$rootfs$(dirname "$rootfs")"
ln -sfn / "$rootfs$rootfs"
plugin_dir=$work/plugin
mkdir -p "$plugin_dir"
cat >"$plugin_dir/terraform-provider-cloudssl" <<EOF
#!/bin/sh
# Started by terraform: the provider itself runs inside the minimal root file system.
PLUGIN_UNIX_SOCKET_DIR=$rootfs$sock_dir TMPDIR=/tmp exec chroot $rootfs $inside/terraform-provider-cloudssl "\$@"
EOF
chmod +x "$plugin_dir/terraform-provider-cloudssl"

start_simulator

ws=$work/workspace
cp -r "$root/examples/quickstart/." "$ws/"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj "/CN=quickstart.example.com" \
  -addext "subjectAltName=DNS:quickstart.example.com,DNS:www.quickstart.example.com" \
  -keyout "$ws/quickstart.key.pem" -out "$ws/quickstart.cert.pem" 2>/dev/null
# A data source with nothing unknown in its configuration: the plan reads it through the API,
# so libcurl is loaded inside the chroot.
cat >"$ws/chroot_read.tf" <<'TF'
data "cloudssl_certificates" "chroot" {}
output "certificate_count" {
  value = length(data.cloudssl_certificates.chroot.certificates)
}
TF
use_provider_with_simulator "$plugin_dir"

(cd "$ws" && "$cli" plan -input=false -no-color -out=plan.tfplan) >"$work/plan.log" 2>&1 ||
  { cat "$work/plan.log" >&2; fail "terraform plan with the chrooted provider failed"; }
grep -q "cloudssl_certificate.site will be created" "$work/plan.log" ||
  { cat "$work/plan.log" >&2; fail "the plan does not create cloudssl_certificate.site"; }
# The data source was read through the API (libcurl) from inside the chroot.
check_plan_read_certificates

keep=0
echo "portable_chroot_test: ok: $(cat "$work/version.txt") ran in a minbase $suite chroot," \
     "handshake and plan against the simulator done"
