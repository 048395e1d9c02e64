#!/usr/bin/env bash
# Installs an official cloud SDK for Node.js into DIR (under the build tree; never into the
# source tree: no node_modules or package-lock.json is committed): PACKAGE is
# tencentcloud-sdk-nodejs (the default) or @volcengine/openapi. Fails loudly when npm or the
# registry cannot be reached. Usage: install_sdk.sh DIR [PACKAGE]
set -euo pipefail
dir=$1
package=${2:-tencentcloud-sdk-nodejs}
if [[ -f "$dir/node_modules/$package/package.json" ]]; then
  echo "$package already installed in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "FAIL: npm is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$dir"
[[ -f "$dir/package.json" ]] || echo '{"name":"cloudssl-conformance","private":true}' > "$dir/package.json"
if ! npm install --prefix "$dir" --no-audit --no-fund --no-package-lock "$package"; then
  echo "FAIL: npm install $package failed (registry unreachable?)" >&2
  exit 1
fi
test -f "$dir/node_modules/$package/package.json"
