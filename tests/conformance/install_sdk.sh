#!/usr/bin/env bash
# Installs an official cloud SDK for Node.js into DIR (under the build tree; never into the
# source tree: no node_modules or package-lock.json is committed): PACKAGE is
# tencentcloud-sdk-nodejs (the default) or @volcengine/openapi, at the version pinned below
# (an installed other version is replaced). Fails loudly when npm or the registry cannot be
# reached. Usage: install_sdk.sh DIR [PACKAGE]
set -euo pipefail
dir=$1
package=${2:-tencentcloud-sdk-nodejs}
# Exact versions, so the response-model and signing checks cannot drift with a new SDK release;
# bump them on purpose (and re-run the conformance tests) to follow the SDKs.
case "$package" in
  tencentcloud-sdk-nodejs) version=4.1.313 ;;
  @volcengine/openapi) version=1.36.2 ;;
  *) echo "FAIL: install_sdk.sh knows no pinned version of $package" >&2; exit 2 ;;
esac
manifest=$dir/node_modules/$package/package.json
installed_version() {
  [[ -f "$manifest" ]] && node -p 'require(process.argv[1]).version' "$manifest" 2>/dev/null || true
}
if [[ "$(installed_version)" == "$version" ]]; then
  echo "$package@$version already installed in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "FAIL: npm is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$dir"
[[ -f "$dir/package.json" ]] || echo '{"name":"cloudssl-conformance","private":true}' > "$dir/package.json"
if ! npm install --prefix "$dir" --no-audit --no-fund --no-package-lock --save-exact \
    "$package@$version"; then
  echo "FAIL: npm install $package@$version failed (registry unreachable?)" >&2
  exit 1
fi
[[ "$(installed_version)" == "$version" ]] || {
  echo "FAIL: $package in $dir is not version $version after npm install" >&2
  exit 1
}
