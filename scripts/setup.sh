#!/usr/bin/env bash
# Installs everything cloudssl builds and tests with, from Debian's packages (and the npm
# registry for the SDK conformance test, see tests/conformance). Idempotent; run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  libmsgpack-cxx-dev libcpp-httplib-dev libsqlite3-dev libidn2-dev libzip-dev libminizip-dev
  libunistring-dev  # libunistring.a: the portable provider links libidn2 statically
  openssl curl
)
# Node.js and npm run the official SDK conformance test; some machines carry a Node.js of
# their own (with npm inside), so only ask Debian for them when the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

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
