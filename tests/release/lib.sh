# Sourced (not run) by the release tests that run the provider under terraform against the
# simulator (portable_chroot_test.sh, arm64_qemu_test.sh): SKIPPED (exit 3) and FAIL (exit 1)
# under the test's name, the terraform CLI lookup, the cleanup on exit, cloudssl-sim on a free
# port, the CLI configuration that installs a plugin folder through dev_overrides, and the check
# that a plan read the account through the API. The test sets `test_name`, `root` and `build`
# before sourcing it, and `work` (its scratch folder) before it sets the cleanup trap.

skip() { echo "$test_name: SKIPPED: $*" >&2; exit 3; }
fail() { echo "$test_name: FAIL: $*" >&2; exit 1; }

# Sets `cli`: TF_ACC_TERRAFORM_PATH, else terraform or tofu on PATH; skipped without one.
find_cli() {
  cli=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}
  [[ -n $cli ]] || skip "no terraform/tofu CLI (set TF_ACC_TERRAFORM_PATH)"
}

# The EXIT trap: stops the simulator, runs the test's own cleanup_extra when it defines one, and
# removes `work` once the test set keep=0 at its end (TF_ACC_KEEP keeps it anyway).
sim_pid=""
cleanup() {
  if [[ -n $sim_pid ]]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; fi
  if declare -F cleanup_extra >/dev/null; then cleanup_extra; fi
  if [[ ${keep:-1} == 1 || -n ${TF_ACC_KEEP:-} ]]; then
    echo "$test_name: files kept in $work" >&2
  else
    rm -rf "$work"
  fi
}

# Starts cloudssl-sim with the quickstart seed on a free loopback port: sets sim_pid, sim_addr.
start_simulator() {
  coproc SIM { exec "$build/simulator/cloudssl-sim" --listen 127.0.0.1:0 \
    --seed "$root/examples/quickstart/simulator-seed.json" 2>"$work/simulator.log"; }
  sim_pid=$SIM_PID
  read -r -t 30 -u "${SIM[0]}" sim_addr || fail "the simulator did not start: $(cat "$work/simulator.log")"
}

# terraform installs the provider from the folder $1 (dev_overrides, in a CLI configuration of
# its own) and the provider calls the simulator, logging at debug level to $work/provider.log.
use_provider_with_simulator() {
  cat >"$work/cli.tfrc" <<CONFIG
provider_installation {
  dev_overrides {
    "cloudssl/cloudssl" = "$1"
  }
  direct {}
}
CONFIG
  export TF_CLI_CONFIG_FILE=$work/cli.tfrc CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 HOME=$work
  export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
  export CLOUDSSL_ENDPOINT="http://$sim_addr" TF_LOG_PROVIDER=debug TF_LOG_PATH=$work/provider.log
}

# The plan ($work/plan.log) read the certificates through the API, so libcurl was loaded: the
# provider logged a DescribeCertificates call and the plan shows the output certificate_count.
check_plan_read_certificates() {
  grep -q 'SSL API call: .*action=DescribeCertificates' "$work/provider.log" ||
    fail "the provider logged no DescribeCertificates call: the plan made no API call"
  grep -q "certificate_count *= *[0-9]" "$work/plan.log" ||
    { cat "$work/plan.log" >&2; fail "the plan does not show the certificates read"; }
}
