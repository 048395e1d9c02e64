#!/usr/bin/env bash
# Installs everything cloudssl builds and tests with, from Debian's packages (and the npm
# registry for the SDK conformance test, see tests/conformance). Idempotent; run as root.
# Usage: scripts/setup.sh [--main | --cross-arm64]
#   --main         only what README command 1 needs: the compilers and libraries that build the
#                  provider and the simulator, and openssl for the quickstart's test CA. The test
#                  tools (GoogleTest, clang, Node.js and npm: about half the download and two
#                  thirds of a fresh machine's install time) come with the test command.
#   --cross-arm64  also the linux_arm64 release toolchain: Debian's cross compilers, the arm64
#                  multiarch libraries and qemu-user-static (scripts/release.sh uses them).
# clang (with its libFuzzer and sanitizer runtimes, and llvm-symbolizer for readable reports)
# builds the fuzz targets (scripts/fuzz.sh).
set -euo pipefail

# Building the provider and the simulator, and running the quickstart. g++ rather than
# build-essential (whose dpkg-dev brings Perl's thousands of files): CMake drives Ninja, no make.
packages=(
  g++ cmake ninja-build pkg-config ca-certificates
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libssl-dev libcurl4-openssl-dev nlohmann-json3-dev
  libmsgpack-cxx-dev libcpp-httplib-dev libidn2-dev libzip-dev libminizip-dev
  libunistring-dev  # libunistring.a: the portable provider links libidn2 statically
  openssl curl
)
mode=${1:-}
if [[ $mode != --main ]]; then
  packages+=(
    build-essential git libgtest-dev libgmock-dev
    # Releases and their tests: archives, signatures, the minimal chroot of the portability test.
    zip unzip gnupg debootstrap
    clang libclang-rt-dev llvm  # the fuzz targets (scripts/fuzz.sh)
    # lld links the shipped (optimized) provider with its start-up functions first (CMakeLists.txt,
    # cloudssl_order_startup): about 5 MB less idle memory (docs/benchmarks.md). Beside clang it
    # adds only the linker.
    lld
  )
  # Node.js and npm run the official SDK conformance test; some machines carry a Node.js of
  # their own (with npm inside), so only ask Debian for them when the commands are missing.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
if [[ $mode == --cross-arm64 ]]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    $SUDO dpkg --add-architecture arm64
  fi
  packages+=(crossbuild-essential-arm64 qemu-user-static libgrpc++-dev:arm64
             libprotobuf-dev:arm64 libssl-dev:arm64 libcurl4-openssl-dev:arm64 zlib1g-dev:arm64
             libidn2-dev:arm64 libunistring-dev:arm64 libminizip-dev:arm64)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi
