#!/usr/bin/env bash
# Regenerates the weights of the project's pallets on this machine (frame-benchmarking v2 through
# `defi-node benchmark pallet`), and measures polkadot-sdk's asset-conversion 2-asset swap in the
# same run for comparison (printed, and kept in docs/benchmarks/).
# Usage: scripts/benchmark-pallets.sh [steps] [repeat]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

steps="${1:-50}"
repeat="${2:-20}"
"$REPO_ROOT/scripts/setup.sh"
build_node
wasm="$TARGET_DIR/release/wbuild/defi-runtime/defi_runtime.compact.compressed.wasm"
out="$REPO_ROOT/docs/benchmarks"
mkdir -p "$out"

bench() { # pallet extrinsic [extra args...]
  local pallet="$1" extrinsic="$2"; shift 2
  "$NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime \
    --pallet "$pallet" --extrinsic "$extrinsic" --steps "$steps" --repeat "$repeat" \
    --heap-pages 4096 "$@"
}

# Our pallets: name and crate directory. `ONLY=pallet_lending scripts/benchmark-pallets.sh`
# regenerates one of them.
for entry in pallet_dex:dex pallet_prices:prices pallet_lending:lending pallet_router:router \
  pallet_stablecoin:stablecoin pallet_term_staking:term-staking pallet_farming:farming; do
  pallet="${entry%%:*}" dir="${entry##*:}"
  if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$pallet" ]; then continue; fi
  bench "$pallet" '*' \
    --template "$REPO_ROOT/.maintain/pallet-weight-template.hbs" \
    --output "$REPO_ROOT/pallets/$dir/src/weights.rs" | tee "$out/$pallet.txt"
done
[ -n "${ONLY:-}" ] && exit 0

# The runtime's asset-conversion benchmark helper pairs every asset with the native token (the
# same trade as our swap benchmark); its path repeats the native token from 4 assets on, so the
# path length is capped at 3 assets (the comparison needs 2).
bench pallet_asset_conversion swap_exact_tokens_for_tokens --high 3 | tee "$out/pallet_asset_conversion_swap.txt"

# Side by side: our one-hop (2-asset) swap against asset-conversion's 2-asset path.
python3 "$REPO_ROOT/scripts/compare_swap_weights.py" \
  "$out/pallet_dex.txt" "$out/pallet_asset_conversion_swap.txt" | tee "$out/swap_comparison.md"
