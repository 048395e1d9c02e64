# Sourced (not run) by the bench run.sh scripts. A benchmark never fails the build: one that
# cannot run here says why under its name and exits 0. Set `bench_name` and `build` first.

# Exits 0 ("<name>: <path> not built (ninja -C BUILD <target>); skipped") unless every path
# after the ninja target is an executable.
require_built() {
  local target=$1 bin
  shift
  for bin in "$@"; do
    if [[ ! -x $bin ]]; then
      echo "$bench_name: $bin not built (ninja -C $build $target); skipped"
      exit 0
    fi
  done
}

# Sets `tf`: TF_ACC_TERRAFORM_PATH, else terraform or tofu on PATH; exits 0 without one.
require_terraform() {
  tf=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || command -v tofu || true)}
  if [[ -z $tf ]]; then
    echo "$bench_name: no terraform/tofu CLI (set TF_ACC_TERRAFORM_PATH); skipped"
    exit 0
  fi
}

# Exits 0 ("<name>: <tool> not found; skipped") unless every tool is on PATH.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench_name: $tool not found; skipped"; exit 0; }
  done
}
