#!/usr/bin/env bash
# The release as a Terraform user receives it: scripts/release.sh packages the built provider
# (signed with a throwaway GPG key), the release is served as a provider network mirror
# (Terraform's documented protocol: index.json and X.Y.Z.json with zh: hashes) over HTTPS on
# loopback with a test CA (tests/release/https_file_server.js), and `terraform init` installs
# from it: the download is checked against the zh: hash ("verified checksum"), the lock file
# records the package's h1: hash, and a tampered zip is refused.
# Usage: network_mirror_test.sh BUILD_DIR. Exit 3 (skipped) without a terraform/tofu CLI.
set -euo pipefail
build=$(cd "${1:?usage: network_mirror_test.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
name=terraform-provider-cloudssl

cli=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}
if [[ -z $cli ]]; then
  echo "network_mirror_test: SKIPPED: no terraform/tofu CLI (set TF_ACC_TERRAFORM_PATH)" >&2
  exit 3
fi
fail() { echo "network_mirror_test: FAIL: $*" >&2; exit 1; }
for tool in gpg zip unzip openssl sha256sum node; do
  command -v $tool >/dev/null || fail "$tool is missing (scripts/setup.sh installs it)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-mirror-test.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null || true
  if [[ ${keep:-1} == 1 || -n ${TF_ACC_KEEP:-} ]]; then
    echo "network_mirror_test: files kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

version=$(sed -nE 's/^project\(cloudssl VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
[[ -n $version ]] || fail "no project VERSION in CMakeLists.txt"

# 1. The release, signed with a throwaway key (the real key is an input of release.sh).
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key "cloudssl release test <release-test@invalid>" \
  ed25519 sign 1d 2>/dev/null
CLOUDSSL_GPG_KEY=release-test@invalid CLOUDSSL_RELEASE_PLATFORMS=linux_amd64 \
  CLOUDSSL_RELEASE_BINARY_linux_amd64="$build/cloudssl/$name" \
  "$root/scripts/release.sh" "$version" "$work/dist" >"$work/release.log" 2>&1 ||
  { cat "$work/release.log" >&2; fail "scripts/release.sh failed"; }

dist=$work/dist
zip_name=${name}_${version}_linux_amd64.zip
sums=${name}_${version}_SHA256SUMS
for f in "$zip_name" "$sums" "$sums.sig" "${name}_${version}_manifest.json" \
         terraform-registry-manifest.json; do
  [[ -f $dist/$f ]] || fail "release.sh did not write $f"
done
[[ $(unzip -Z1 "$dist/$zip_name" | sort | tr '\n' ' ') == "CHANGELOG.md LICENSE README.md ${name}_v$version " ]] ||
  fail "unexpected zip contents: $(unzip -Z1 "$dist/$zip_name" | tr '\n' ' ')"
(cd "$dist" && sha256sum --quiet -c "$sums") || fail "SHA256SUMS does not match the files"
gpg --batch --verify "$dist/$sums.sig" "$dist/$sums" 2>/dev/null ||
  fail "the SHA256SUMS signature does not verify"
grep -q '"protocol_versions": \["6.0"\]' "$dist/terraform-registry-manifest.json" ||
  fail "the manifest does not declare protocol version 6.0"
unzip -q -o "$dist/$zip_name" "${name}_v$version" -d "$work/unpacked"
[[ $("$work/unpacked/${name}_v$version" --version) == "$name v$version" ]] ||
  fail "the packaged binary's --version is not $version"

# 2. The network mirror: the zh: hash is the zip's SHA-256, as in SHA256SUMS.
mirror=$work/mirror
pkg=$mirror/registry.terraform.io/cloudssl/cloudssl
mkdir -p "$pkg"
cp "$dist/$zip_name" "$pkg/"
zh=$(awk -v f="$zip_name" '$2 == f { print $1 }' "$dist/$sums")
[[ -n $zh ]] || fail "$zip_name is not in $sums"
printf '{"versions":{"%s":{}}}\n' "$version" >"$pkg/index.json"
printf '{"archives":{"linux_amd64":{"url":"%s","hashes":["zh:%s"]}}}\n' "$zip_name" "$zh" \
  >"$pkg/$version.json"

# A test CA and a server certificate for 127.0.0.1; terraform trusts the CA via SSL_CERT_FILE.
tls=$work/tls
mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=cloudssl mirror test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign" -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$tls/ext.cnf"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
  -CAcreateserial -days 2 -extfile "$tls/ext.cnf" -out "$tls/server.pem" 2>/dev/null

# A static HTTPS server (Node.js, installed for the SDK conformance test) on a free port.
coproc SERVER { exec node "$root/tests/release/https_file_server.js" "$mirror" \
  "$tls/server.pem" "$tls/server.key" 2>"$work/server.log"; }
server_pid=$SERVER_PID
port=""
if read -r -t 30 -u "${SERVER[0]}" line && [[ $line =~ ^LISTENING\ ([0-9]+)$ ]]; then
  port=${BASH_REMATCH[1]}
fi
[[ -n $port ]] || fail "the HTTPS server did not start: $(cat "$work/server.log")"

# 3. terraform init from the mirror, in a folder of its own with its own CLI configuration.
ws=$work/workspace
mkdir -p "$ws"
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  network_mirror {
    url     = "https://127.0.0.1:$port/"
    include = ["registry.terraform.io/cloudssl/cloudssl"]
  }
}
EOF
cat >"$ws/main.tf" <<EOF
terraform {
  required_providers {
    cloudssl = {
      source  = "cloudssl/cloudssl"
      version = "$version"
    }
  }
}
EOF
export TF_CLI_CONFIG_FILE=$work/cli.tfrc SSL_CERT_FILE=$tls/ca.pem CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1 TF_PLUGIN_CACHE_DIR="" HOME=$work/home
mkdir -p "$HOME"
tf() { (cd "$ws" && "$cli" "$@"); }

tf init -input=false -no-color >"$work/init.log" 2>&1 ||
  { cat "$work/init.log" >&2; fail "terraform init from the network mirror failed"; }
grep -q "Installed cloudssl/cloudssl v$version (verified checksum)" "$work/init.log" ||
  { cat "$work/init.log" >&2; fail "init did not report the install as a verified checksum"; }
# The mirror's zh: hash authenticated the download; the lock file records the package's h1:
# hash (Terraform records zh: hashes only from a registry's signed SHA256SUMS).
grep -q '"h1:' "$ws/.terraform.lock.hcl" ||
  { cat "$ws/.terraform.lock.hcl" >&2; fail "the lock file does not record the package's h1: hash"; }
tf providers schema -json >"$work/schema.json" 2>"$work/schema.err" ||
  { cat "$work/schema.err" >&2; fail "the installed provider does not serve its schema"; }
grep -q '"cloudssl_certificate"' "$work/schema.json" || fail "the schema lacks cloudssl_certificate"

# 4. A tampered zip (same name, one byte more) is refused: by a fresh workspace (the mirror's
#    zh: hash) and by the workspace holding the lock file.
printf 'x' >>"$pkg/$zip_name"
tampered_ws=$work/tampered
mkdir -p "$tampered_ws"
cp "$ws/main.tf" "$tampered_ws/"
if (cd "$tampered_ws" && "$cli" init -input=false -no-color) >"$work/tampered.log" 2>&1; then
  fail "init installed a tampered zip"
fi
grep -qi "checksum" "$work/tampered.log" ||
  { cat "$work/tampered.log" >&2; fail "the refusal does not name the checksum"; }
rm -rf "$ws/.terraform"
if tf init -input=false -no-color >"$work/tampered-locked.log" 2>&1; then
  fail "init with the lock file installed a tampered zip"
fi
grep -qi "checksum" "$work/tampered-locked.log" ||
  { cat "$work/tampered-locked.log" >&2; fail "the refusal does not name the checksum"; }

keep=0
echo "network_mirror_test: ok: $name $version released, signed, installed from an HTTPS" \
     "network mirror (zh:$zh verified, h1: locked), tampered zip refused"
