#!/usr/bin/env bash
# Regenerates docs/ (registry layout) from the provider's schema, merged with the hand-written
# templates in docs/templates/ and the examples in examples/. Guides (docs/guides/) are
# hand-written and left alone. The `docs_up_to_date` test fails when the committed docs differ.
#
#   scripts/generate-docs.sh [BUILD_DIR]     (default: build; the provider binary must be built)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
binary="$(find "$build" -maxdepth 3 -type f -name terraform-provider-cloudssl -perm -u+x | head -1)"
if [[ -z "$binary" ]]; then
  echo "no terraform-provider-cloudssl under $build: build it first (cmake --build $build --target terraform-provider-cloudssl)" >&2
  exit 1
fi
"$binary" --generate-docs "$root/docs" "$root"
