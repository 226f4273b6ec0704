#!/usr/bin/env bash
# Block execution time per extrinsic on the dev chain (not a test):
#  - `defi-node benchmark overhead`: an empty block and a block full of `system.remark`, written
#    (average × 1.1) to runtime/src/weights/{block,extrinsic}_weights.rs, the runtime's base
#    block and extrinsic weights;
#  - `defi-node benchmark extrinsic`: a block full of each of `system.remark`,
#    `balances.transfer_keep_alive` and `dex.swap_exact_in` (one hop through genesis pool 0,
#    alternating DFI -> USDT and USDT -> DFI so the price stays put), built by
#    node/src/benchmarking.rs.
# Raw output goes to docs/benchmarks/node_overhead.txt and node_extrinsic.txt.
# Usage: scripts/benchmark-node.sh [repeat=20]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
repeat="${1:-20}"
"$REPO_ROOT/scripts/setup.sh"
build_node
out="$REPO_ROOT/docs/benchmarks"
mkdir -p "$out"
weights="$REPO_ROOT/runtime/src/weights"

"$NODE_BIN" benchmark overhead --dev --weight-path "$weights" --mul 1.1 --warmup 3 --repeat "$repeat" \
  2>&1 | grep -v '^cycle' | tee "$out/node_overhead.txt"

: > "$out/node_extrinsic.txt"
for call in "system remark" "balances transfer_keep_alive" "dex swap_exact_in"; do
  set -- $call
  "$NODE_BIN" benchmark extrinsic --dev --pallet "$1" --extrinsic "$2" --warmup 3 --repeat "$repeat" \
    2>&1 | grep -v '^cycle' | tee -a "$out/node_extrinsic.txt"
done
