#!/usr/bin/env bash
# Compares our 1-hop swap with asset-conversion's 2-asset swap over several alternating runs of
# `benchmark pallet`, because single runs on a shared 2-core VM vary by ±20 %. Each run gives the
# mean time at the 2-asset point (our n = 1, asset-conversion n = 2); the script prints every run
# and the median and minimum of each side and their ratios.
# Usage: scripts/compare-swaps.sh [runs=8]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs="${1:-8}"
"$REPO_ROOT/scripts/setup.sh" >/dev/null
build_node
wasm="$TARGET_DIR/release/wbuild/defi-runtime/defi_runtime.compact.compressed.wasm"
mean_at() { # pallet extrinsic point [extra...]: mean µs of the data point whose component is `point`
  local pallet="$1" extrinsic="$2" point="$3"; shift 3
  "$NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime --pallet "$pallet" \
    --extrinsic "$extrinsic" --steps 50 --repeat 20 --heap-pages 4096 "$@" 2>/dev/null |
    awk -v p="$point" '/Data points distribution/ {on = 1} on && $1 == p {print $2; exit}'
}
ours=(); theirs=()
for k in $(seq 1 "$runs"); do
  a="$(mean_at pallet_dex swap_exact_in 1)"
  b="$(mean_at pallet_asset_conversion swap_exact_tokens_for_tokens 2 --high 3)"
  ours+=("$a"); theirs+=("$b")
  echo "run $k: pallet_dex::swap_exact_in (1 hop) $a µs, pallet_asset_conversion::swap_exact_tokens_for_tokens (2 assets) $b µs"
done
python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
ours = [float(x) for x in sys.argv[1].split()]
theirs = [float(x) for x in sys.argv[2].split()]
mo, mt = statistics.median(ours), statistics.median(theirs)
print(f"median: dex {mo:.1f} µs, asset-conversion {mt:.1f} µs, ratio {mo / mt:.2f}")
print(f"minimum: dex {min(ours):.1f} µs, asset-conversion {min(theirs):.1f} µs, ratio {min(ours) / min(theirs):.2f}")
PY
