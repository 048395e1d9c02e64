#!/usr/bin/env bash
# README command 1: from a fresh Debian machine, installs the dependencies, builds the
# provider and the simulator (only those: the test command builds the tests and benchmarks),
# installs the provider into a filesystem mirror of its own, and runs examples/quickstart with
# terraform (or tofu) against the bundled SSL API simulator: init from the mirror, plan, apply,
# a second plan that must show no changes, destroy. Nothing is left running and your own
# Terraform configuration is never touched. ./mirror is created when absent and otherwise left
# as it is: a workspace whose lock file records the provider installed there keeps working.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
user_mirror=$root/mirror

# Bold headings on a terminal only (and never with NO_COLOR): logs and CI get plain text.
if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  say() { printf '\n==> %s\n' "$*"; }
fi

# 0. A Terraform CLI is needed to run the example; stop at once without one.
cli=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}
if [[ -z "$cli" ]]; then
  echo "quickstart: no terraform or tofu binary found on PATH." >&2
  echo "  Install Terraform >= 1.0 (https://developer.hashicorp.com/terraform/install) or" >&2
  echo "  OpenTofu, or point TF_ACC_TERRAFORM_PATH at the binary, then run this again." >&2
  exit 3  # distinct, so the test suite can report the quickstart test as skipped
fi

if [[ -z "${CLOUDSSL_SKIP_BUILD:-}" ]]; then
  say "Building (dependencies from Debian's packages; this takes a few minutes the first time)"
  "$root/scripts/build.sh" --main "$build" terraform-provider-cloudssl cloudssl-sim
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-quickstart.XXXXXX")
# The run's own mirror, in the scratch folder: rebuilding changes the binary's hash, and
# replacing a mirror a workspace already locked would make that workspace's init fail.
mirror=$work/mirror
say "Installing the provider into a filesystem mirror for this run"
cmake --install "$build" --prefix "$mirror" --strip >/dev/null
find "$mirror" -type f -name 'terraform-provider-cloudssl*' -printf '  %P\n'
sim_pid=""
cleanup() {
  [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

say "Starting the local SSL API simulator (cloudssl-sim)"
coproc SIM { exec "$build/simulator/cloudssl-sim" --listen 127.0.0.1:0 \
  --seed "$root/examples/quickstart/simulator-seed.json" 2>"$work/simulator.log"; }
sim_pid=$SIM_PID
# Its first stdout line is the address it bound (waited for with a deadline, not a sleep).
if ! read -r -t 30 -u "${SIM[0]}" sim_addr; then
  echo "quickstart: the simulator did not start:" >&2
  cat "$work/simulator.log" >&2
  exit 1
fi
echo "  listening on $sim_addr (pid $sim_pid)"

# The example runs in a scratch copy, with a CLI config of its own that installs the provider
# from the mirror only (TF_CLI_CONFIG_FILE: the user's ~/.terraformrc is not read).
cp -r "$root/examples/quickstart/." "$work/"
cat >"$work/cli.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["cloudssl/cloudssl"]
  }
  direct {
    exclude = ["cloudssl/cloudssl"]
  }
}
TFRC
# A self-signed certificate for the example to upload (made fresh; never a real key).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj "/CN=quickstart.example.com" -addext "subjectAltName=DNS:quickstart.example.com,DNS:www.quickstart.example.com" \
  -keyout "$work/quickstart.key.pem" -out "$work/quickstart.cert.pem" 2>/dev/null

export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
export CLOUDSSL_ENDPOINT="http://$sim_addr"
tf() { (cd "$work" && "$cli" "$@"); }

say "terraform init (installs cloudssl/cloudssl from the mirror)"
tf init -input=false -no-color
say "terraform plan"
tf plan -input=false -no-color
say "terraform apply"
tf apply -input=false -auto-approve -no-color
say "terraform plan again: it must show no changes"
set +e
tf plan -input=false -detailed-exitcode -no-color
code=$?
set -e
if [[ $code -ne 0 ]]; then
  echo "quickstart: the second plan was not empty (exit $code): that is a provider bug" >&2
  exit 1
fi
say "terraform destroy"
tf destroy -input=false -auto-approve -no-color
if [[ ! -e $user_mirror ]]; then
  cp -r "$mirror" "$user_mirror"
  say "Installed the provider into $user_mirror for your own workspaces (see README)"
else
  echo "  $user_mirror left as it was; refresh it with" \
       "'cmake --install $build --prefix $user_mirror --strip', then 'terraform init -upgrade'."
fi
say "Done: init, plan, apply, an empty re-plan and destroy all succeeded against the simulator."
