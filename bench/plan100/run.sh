#!/usr/bin/env bash
# Wall time of `terraform plan` (refresh included) over 100 fixture_thing resources that
# already exist, with the real CLI and the fixture provider through dev_overrides.
# Usage: bench/plan100/run.sh BUILD_DIR [RUNS]. Prints figures; never fails on them.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-5}
provider="$build/tests/fixture_provider/terraform-provider-fixture"
bench_name=plan100
. "$(dirname "$0")/../lib.sh"
require_built plan100_bench "$provider"
require_terraform

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-plan100-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/store"
cat > "$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "cloudssl/fixture" = "$(dirname "$provider")"
  }
}
CFG
cat > "$work/main.tf" <<'TF'
terraform {
  required_providers {
    fixture = { source = "cloudssl/fixture" }
  }
}
resource "fixture_thing" "r" {
  count  = 100
  name   = "r-${count.index}"
  tags   = { index = tostring(count.index) }
  labels = ["bench"]
  rule {
    name = "only"
  }
}
TF

# Never the user's own CLI configuration or home.
run_tf() {
  env -i PATH="$PATH" HOME="$work/home" TF_CLI_CONFIG_FILE="$work/cli.tfrc" \
    CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 FIXTURE_STORE_DIR="$work/store" \
    "$tf" -chdir="$work" "$@"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

start=$(now_ms)
run_tf apply -auto-approve -no-color >"$work/apply.log" 2>&1 || {
  echo "plan100: apply failed:"; tail -20 "$work/apply.log"; exit 0; }
apply_ms=$(($(now_ms) - start))

times=()
for ((i = 0; i < runs; i++)); do
  start=$(now_ms)
  code=0
  run_tf plan -detailed-exitcode -no-color >"$work/plan.log" 2>&1 || code=$?
  times+=($(($(now_ms) - start)))
  if [[ $code != 0 ]]; then
    echo "plan100: plan exit code $code (expected 0, no changes):"; tail -20 "$work/plan.log"
    break
  fi
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((${#sorted[@]} / 2))]}
version=$(run_tf version 2>/dev/null || true)
version=${version%%$'\n'*}
echo "plan100: $version, 100 fixture_thing resources"
echo "plan100: apply (create 100)            ${apply_ms} ms"
echo "plan100: plan, no changes (median of ${#times[@]})  ${median} ms  (min ${sorted[0]}, max ${sorted[-1]})"
run_tf destroy -auto-approve -no-color >"$work/destroy.log" 2>&1 || echo "plan100: destroy failed"
