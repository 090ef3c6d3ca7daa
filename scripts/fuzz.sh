#!/usr/bin/env bash
# Run every cargo-fuzz target. Usage: scripts/fuzz.sh SECONDS_PER_TARGET | smoke
#   smoke: a short pass (a few thousand runs per target) for `make test`.
# Seeds come from the test vectors and fixtures (copied into fuzz/corpus/<target>/, gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
. .tools/env.sh
MODE=${1:-60}
if ! rustup run nightly rustc --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: skipped (needs a nightly toolchain and cargo-fuzz; scripts/setup.sh installs cargo-fuzz)"
  [ "$MODE" = smoke ] && exit 0 || exit 1
fi
seed() { # target, files...
  local t=$1; shift
  mkdir -p "fuzz/corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "fuzz/corpus/$t/$(echo "$f" | tr '/' '_')"; done
  return 0
}
shopt -s nullglob globstar
seed merkle tests/vectors/merkle/**/*.json
seed encodings tests/vectors/vc-di-eddsa/*.json tests/vectors/vc-di-eddsa/*.txt
for extra in fuzz/seeds.d/*.sh; do . "$extra"; done
cd fuzz
for t in $(cargo +nightly fuzz list); do
  mkdir -p "corpus/$t"
  if [ "$MODE" = smoke ]; then
    args=(-runs=3000)
  else
    args=(-max_total_time="$MODE")
  fi
  printf 'fuzz %-16s ' "$t"
  log=$(mktemp)
  if ! cargo +nightly fuzz run "$t" "corpus/$t" -- "${args[@]}" -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"; echo "fuzz: target $t FAILED (crash artifact under fuzz/artifacts/$t)"; exit 1
  fi
  grep -E 'stat::number_of_executed_units' "$log" | awk '{printf "%s executions, ", $2}'
  grep -E '^Done' "$log" | tail -1
done
