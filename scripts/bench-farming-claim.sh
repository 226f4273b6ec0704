#!/usr/bin/env bash
# Shows that `pallet_farming::claim` costs the same among 1, 100 and 10,000 other farmers: runs
# its benchmark (the compiled runtime wasm, 20 repeats) at each farmer count in one run and
# prints the median execution time and storage proof size of each, and the ratio to the first.
# Usage: scripts/bench-farming-claim.sh [repeat=20]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

repeat="${1:-20}"
"$REPO_ROOT/scripts/setup.sh"
build_node
wasm="$TARGET_DIR/release/wbuild/defi-runtime/defi_runtime.compact.compressed.wasm"

echo "| other farmers | claim time (median) | ratio to 1 farmer |"
echo "|---:|---:|---:|"
first=""
for farmers in 1 100 10000; do
  json="$(mktemp)"
  "$NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime \
    --pallet pallet_farming --extrinsic claim --steps 2 --repeat "$repeat" \
    --low "$farmers" --high "$farmers" --heap-pages 4096 --json-file "$json" >/dev/null 2>&1
  # Median of the repeats' extrinsic times (ns) at this farmer count, from the timing runs
  # (`time_results`; `db_results` are the few runs with storage tracking on, not timings).
  median="$(python3 - "$json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))[0]["time_results"]
times = [r["extrinsic_time"] for r in results]
print(int(statistics.median(times)))
PY
)"
  rm -f "$json"
  first="${first:-$median}"
  ratio="$(python3 -c "print(f'{$median / $first:.2f}')")"
  printf '| %s | %s µs | %s |\n' "$farmers" "$(python3 -c "print(f'{$median / 1000:.1f}')")" "$ratio"
done
