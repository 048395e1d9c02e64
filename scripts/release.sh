#!/usr/bin/env bash
# Builds a release of terraform-provider-cloudssl in the Terraform Registry's layout.
# Usage: scripts/release.sh X.Y.Z OUT_DIR
#
# Writes to OUT_DIR:
#   terraform-provider-cloudssl_X.Y.Z_linux_amd64.zip   binary terraform-provider-cloudssl_vX.Y.Z
#   terraform-provider-cloudssl_X.Y.Z_linux_arm64.zip   (when the cross toolchain is installed)
#   terraform-provider-cloudssl_X.Y.Z_manifest.json     the registry manifest (protocol 6.0)
#   terraform-registry-manifest.json                    the same file under its source name
#   terraform-provider-cloudssl_X.Y.Z_SHA256SUMS        sha256sum of the zips and the manifest
#   terraform-provider-cloudssl_X.Y.Z_SHA256SUMS.sig    detached binary GPG signature of SUMS
#
# Inputs (environment):
#   CLOUDSSL_GPG_KEY        key id / fingerprint / uid to sign with (required unless
#                           CLOUDSSL_RELEASE_UNSIGNED=1); the key lives in GNUPGHOME (default
#                           ~/.gnupg). CLOUDSSL_GPG_PASSPHRASE_FILE: its passphrase, if any.
#                           The registry verifies the signature with the public key uploaded to
#                           the namespace (see docs/releasing.md).
#   CLOUDSSL_RELEASE_PLATFORMS  "linux_amd64 linux_arm64" (default: linux_amd64, plus
#                           linux_arm64 when aarch64-linux-gnu-g++ and the arm64 libraries are
#                           installed; naming a platform makes it required).
#   CLOUDSSL_RELEASE_BINARY_<platform>  package this already built binary instead of building
#                           (its --version must print X.Y.Z; the test suite uses its own build,
#                           whatever its type: the lld start-up order is checked on the
#                           binaries release.sh builds, scripts/startup-order-check.sh).
#   CLOUDSSL_RELEASE_BUILD  where the release builds go (default: build-release/).
#
# The version lives in CMakeLists.txt (project VERSION); X.Y.Z must equal it, so the released
# binary's --version, the archive names and CHANGELOG.md agree.
set -euo pipefail
# build_platform runs inside $(...), where bash otherwise turns set -e off: a failed step there
# would run on and package whatever binary an earlier build left in build-release/.
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/.." && pwd)
name=terraform-provider-cloudssl

die() { echo "release: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: scripts/release.sh X.Y.Z OUT_DIR"
version=$1
out=$2
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  die "version '$version' is not X.Y.Z (semantic versioning, without a leading v)"

source_version=$(sed -nE 's/^project\(cloudssl VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
[[ $version == "$source_version" ]] ||
  die "version $version differs from CMakeLists.txt's project VERSION $source_version: set" \
      "project(cloudssl VERSION $version ...) and add a '## $version' section to CHANGELOG.md first"
grep -q "^## $version\b" "$root/CHANGELOG.md" ||
  die "CHANGELOG.md has no '## $version' section: describe the release there first"

if [[ -z ${CLOUDSSL_RELEASE_UNSIGNED:-} && -z ${CLOUDSSL_GPG_KEY:-} ]]; then
  die "CLOUDSSL_GPG_KEY is not set: name the signing key (in GNUPGHOME), or set" \
      "CLOUDSSL_RELEASE_UNSIGNED=1 for an unsigned local build"
fi
for tool in zip sha256sum cmake; do
  command -v $tool >/dev/null || die "$tool is missing (scripts/setup.sh installs it)"
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
builds=${CLOUDSSL_RELEASE_BUILD:-$root/build-release}
# Archive timestamps from the release's commit (reproducible zips), else now.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

# Platforms: amd64 always; arm64 when asked for, or when its cross toolchain is present.
cross_ready() {
  command -v aarch64-linux-gnu-g++ >/dev/null &&
    [[ -f /usr/lib/aarch64-linux-gnu/libgrpc++.a && -f /usr/lib/aarch64-linux-gnu/libssl.a &&
       -f /usr/lib/aarch64-linux-gnu/libidn2.a && -f /usr/lib/aarch64-linux-gnu/libunistring.a &&
       -f /usr/lib/aarch64-linux-gnu/libminizip.a ]]
}
if [[ -n ${CLOUDSSL_RELEASE_PLATFORMS:-} ]]; then
  read -r -a platforms <<<"$CLOUDSSL_RELEASE_PLATFORMS"
else
  platforms=(linux_amd64)
  if cross_ready; then
    platforms+=(linux_arm64)
  else
    echo "release: linux_arm64 skipped: no aarch64-linux-gnu-g++ or arm64 libraries" \
         "(scripts/setup.sh --cross-arm64 installs them)"
  fi
fi

# The linux_amd64 binary must be linked by lld (checked after its build, below): refuse before a
# long build whose result would be refused.
if [[ " ${platforms[*]} " == *" linux_amd64 "* && -z ${CLOUDSSL_RELEASE_BINARY_linux_amd64:-} ]] &&
   ! command -v ld.lld >/dev/null; then
  die "ld.lld (lld) is missing: the linux_amd64 binary ships linked by lld with its start-up" \
      "functions first; install it (scripts/setup.sh) and run release.sh again"
fi

# Builds the provider for one platform into $builds/<platform>; prints the binary's path.
build_platform() {
  local platform=$1 dir="$builds/$1" args=()
  case $platform in
    linux_amd64) ;;
    linux_arm64)
      cross_ready || die "linux_arm64 asked for, but the cross toolchain or arm64 libraries" \
                         "are missing (scripts/setup.sh --cross-arm64)"
      args+=(-DCMAKE_TOOLCHAIN_FILE="$root/scripts/toolchain-aarch64-linux-gnu.cmake") ;;
    *) die "unknown platform $platform (linux_amd64, linux_arm64)" ;;
  esac
  command -v ccache >/dev/null && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  command -v ninja >/dev/null && [[ ! -f $dir/CMakeCache.txt ]] && args+=(-G Ninja)
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCLOUDSSL_BUILD_TESTS=OFF \
        -DCLOUDSSL_BUILD_BENCH=OFF -DCLOUDSSL_BUILD_SIMULATOR=OFF -DCLOUDSSL_UNITY_BUILD=ON \
        "${args[@]}" >&2 || die "cmake could not configure $dir for $platform (above)"
  cmake --build "$dir" --parallel "${CLOUDSSL_BUILD_JOBS:-$(nproc)}" \
        --target terraform-provider-cloudssl >&2 ||
    die "cmake could not build $platform in $dir (above)"
  local binary=$dir/cloudssl/terraform-provider-cloudssl
  # The amd64 binary ships linked by lld with its start-up functions first (CMakeLists.txt,
  # cloudssl_order_startup): 5 MB less idle RSS. Checked on the binary built, not by looking
  # for ld.lld on PATH: what CMake decided (its cache may hold another CLOUDSSL_LLD) and
  # whether the list still matches show only there.
  if [[ $platform == linux_amd64 ]] && ! "$root/scripts/startup-order-check.sh" "$binary" >&2; then
    die "$binary is not linked by lld with its start-up order (above): install ld.lld" \
        "(scripts/setup.sh) and check CLOUDSSL_LLD and CLOUDSSL_STARTUP_ORDER (AUTO) in" \
        "$dir/CMakeCache.txt; or, if the list is stale (after our changes or a Debian update" \
        "of gRPC, protobuf, abseil or OpenSSL, whose functions are most of it), regenerate" \
        "cloudssl/startup_symbols.txt with scripts/startup-symbols.sh BUILD_DIR and commit it"
  fi
  echo "$binary"
}

# What a portable binary may need: glibc's libraries and nothing else (scripts/portable-check.sh).
check_portable() {
  "$root/scripts/portable-check.sh" "$1" >&2 || die "$1 is not portable (see above)"
}

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
zips=()
for platform in "${platforms[@]}"; do
  var=CLOUDSSL_RELEASE_BINARY_$platform
  binary=${!var:-}
  if [[ -z $binary ]]; then
    echo "release: building $platform" >&2
    binary=$(build_platform "$platform")
  fi
  [[ -x $binary ]] || die "$binary is not an executable"
  check_portable "$binary"
  # The binary starts and knows its version: natively, or for arm64 under qemu-user with
  # the cross toolchain's glibc.
  case $platform in
    linux_amd64) printed=$("$binary" --version) ;;
    linux_arm64)
      command -v qemu-aarch64-static >/dev/null ||
        die "qemu-aarch64-static is missing: cannot check the arm64 binary starts" \
            "(scripts/setup.sh --cross-arm64)"
      printed=$(qemu-aarch64-static -L /usr/aarch64-linux-gnu "$binary" --version) ;;
  esac
  [[ $printed == "$name v$version" ]] ||
    die "$binary --version prints '$printed', not '$name v$version'"
  dir="$staging/$platform"
  mkdir -p "$dir"
  cp "$binary" "$dir/${name}_v$version"
  strip_tool=strip
  [[ $platform == linux_arm64 ]] && strip_tool=aarch64-linux-gnu-strip
  command -v $strip_tool >/dev/null && $strip_tool "$dir/${name}_v$version"
  cp "$root/LICENSE" "$root/README.md" "$root/CHANGELOG.md" "$dir/"
  find "$dir" -exec touch -h -d "@$epoch" {} +
  zip_name="${name}_${version}_${platform}.zip"
  rm -f "$out/$zip_name"
  (cd "$dir" && zip -q -X -D "$out/$zip_name" "${name}_v$version" LICENSE README.md CHANGELOG.md)
  zips+=("$zip_name")
  echo "release: wrote $out/$zip_name" >&2
done

# The registry reads the protocol versions from the manifest published with the release.
manifest="${name}_${version}_manifest.json"
cp "$root/terraform-registry-manifest.json" "$out/terraform-registry-manifest.json"
cp "$root/terraform-registry-manifest.json" "$out/$manifest"

sums="${name}_${version}_SHA256SUMS"
(cd "$out" && sha256sum "${zips[@]}" "$manifest" >"$sums")
echo "release: wrote $out/$sums" >&2

if [[ -z ${CLOUDSSL_RELEASE_UNSIGNED:-} ]]; then
  gpg_args=(--batch --yes --local-user "$CLOUDSSL_GPG_KEY" --detach-sign)
  if [[ -n ${CLOUDSSL_GPG_PASSPHRASE_FILE:-} ]]; then
    gpg_args=(--pinentry-mode loopback --passphrase-file "$CLOUDSSL_GPG_PASSPHRASE_FILE"
              "${gpg_args[@]}")
  fi
  rm -f "$out/$sums.sig"
  gpg "${gpg_args[@]}" --output "$out/$sums.sig" "$out/$sums"
  gpg --batch --verify "$out/$sums.sig" "$out/$sums" 2>/dev/null ||
    die "the signature just made does not verify"
  echo "release: wrote $out/$sums.sig (key $CLOUDSSL_GPG_KEY)" >&2
else
  echo "release: UNSIGNED (CLOUDSSL_RELEASE_UNSIGNED=1): the registry would refuse this release" >&2
fi
echo "release: $name $version done in $out" >&2
