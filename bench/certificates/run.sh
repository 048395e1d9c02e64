#!/usr/bin/env bash
# Refresh cost of many certificates: applies N cloudssl_certificate resources against
# cloudssl-sim with the real CLI, then runs `terraform plan` (refresh of all N) and reads the
# simulator's request counters. Usage: bench/certificates/run.sh BUILD_DIR [N]
# Prints figures against the target (<= 3 + ceil(N/1000) list calls); never fails on them.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [N]}" && pwd)
n=${2:-1000}
provider="$build/cloudssl/terraform-provider-cloudssl"
sim="$build/simulator/cloudssl-sim"
bench_name=certificates
. "$(dirname "$0")/../lib.sh"
require_built certificates_bench "$provider" "$sim"
require_terraform
require_tools openssl curl python3

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudssl-bench-certificates-XXXXXX")
sim_pid=""
cleanup() {
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home"

# The simulator, without its own rate limits (the provider still keeps the documented ones).
"$sim" --listen 127.0.0.1:0 --no-rate-limit --quiet >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 200); do
  [[ -s $work/sim.out ]] && break
  sleep 0.05
done
addr=$(head -1 "$work/sim.out")
[[ -n $addr ]] || { echo "certificates: simulator did not start"; exit 0; }

# One throw-away certificate, uploaded N times (allow_duplicate: N distinct ids).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj "/CN=bench.example.com" -addext "subjectAltName=DNS:bench.example.com" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

cat > "$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "cloudssl/cloudssl" = "$(dirname "$provider")"
  }
}
CFG
cat > "$work/main.tf" <<TF
terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}
resource "cloudssl_certificate" "c" {
  count           = $n
  certificate_pem = file("\${path.module}/cert.pem")
  private_key_wo  = file("\${path.module}/key.pem")
  alias           = "bench-\${count.index}"
  allow_duplicate = true
}
TF

run_tf() {
  env -i PATH="$PATH" HOME="$work/home" TF_CLI_CONFIG_FILE="$work/cli.tfrc" \
    CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 \
    CLOUDSSL_ENDPOINT="http://$addr" TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR \
    TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key "$tf" -chdir="$work" "$@"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
counters() {
  curl -s "http://$addr/_sim/requests" | python3 -c '
import json, sys
c = json.load(sys.stdin)["counters"]
print(" ".join(a + "=" + str(v.get("total", 0)) for a, v in sorted(c.items())))'
}
count_of() {  # count_of ACTION: calls since the last reset
  curl -s "http://$addr/_sim/requests" | python3 -c "
import json, sys
print(json.load(sys.stdin)['counters'].get('$1', {}).get('total', 0))"
}

echo "certificates: $(run_tf version | head -1), N=$n cloudssl_certificate resources"
start=$(now_ms)
if ! run_tf apply -auto-approve -no-color >"$work/apply.log" 2>&1; then
  echo "certificates: apply failed:"; tail -20 "$work/apply.log"; exit 0
fi
echo "certificates: apply (create $n)        $(($(now_ms) - start)) ms  [$(counters)]"

curl -s -X DELETE "http://$addr/_sim/requests" >/dev/null
start=$(now_ms)
code=0
run_tf plan -detailed-exitcode -no-color >"$work/plan.log" 2>&1 || code=$?
plan_ms=$(($(now_ms) - start))
if [[ $code != 0 ]]; then
  echo "certificates: plan exit code $code (expected 0, no changes):"; tail -20 "$work/plan.log"
fi
list=$(count_of DescribeCertificates)
detail=$(count_of DescribeCertificateDetail)
one=$(count_of DescribeCertificate)
target=$((3 + (n + 999) / 1000))
echo "certificates: refresh (plan) of $n     ${plan_ms} ms"
echo "certificates: DescribeCertificates calls    $list   (target <= $target)"
echo "certificates: DescribeCertificateDetail     $detail   DescribeCertificate $one"
echo "certificates: one call per resource would be $n calls (the Tencent provider: N+1)"
echo "certificates: all calls during the refresh  [$(counters)]"
