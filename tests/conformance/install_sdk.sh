#!/usr/bin/env bash
# Installs the official Tencent Cloud Node.js SDK into DIR (under the build tree; never into
# the source tree: no node_modules or package-lock.json is committed). Fails loudly when npm
# or the registry cannot be reached. Usage: install_sdk.sh DIR
set -euo pipefail
dir=$1
if [[ -f "$dir/node_modules/tencentcloud-sdk-nodejs/package.json" ]]; then
  echo "tencentcloud-sdk-nodejs already installed in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "FAIL: npm is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$dir"
[[ -f "$dir/package.json" ]] || echo '{"name":"cloudssl-conformance","private":true}' > "$dir/package.json"
if ! npm install --prefix "$dir" --no-audit --no-fund --no-package-lock tencentcloud-sdk-nodejs; then
  echo "FAIL: npm install tencentcloud-sdk-nodejs failed (registry unreachable?)" >&2
  exit 1
fi
test -f "$dir/node_modules/tencentcloud-sdk-nodejs/package.json"
