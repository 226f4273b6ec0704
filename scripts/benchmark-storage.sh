#!/usr/bin/env bash
# Storage read/write costs on a dev chain of realistic size, for both databases (not a test):
# for each of RocksDB and ParityDB, a fresh base path is grown by populate-state.mjs (the
# genesis economy plus [accounts] funded accounts and [pools] extra DFI pools), then
# `defi-node benchmark storage` reads and writes every key of that state with the trie cache off
# and writes `runtime/src/weights/<db>_weights.rs` (average × 1.1, as polkadot-sdk's own runtimes
# do), whose header records the command, block, machine and date. The tool's summary of both
# runs goes to docs/benchmarks/storage.txt.
# Usage: scripts/benchmark-storage.sh [accounts=50000] [pools=40]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
accounts="${1:-50000}"
pools="${2:-40}"
"$REPO_ROOT/scripts/setup.sh"
build_node

out="$REPO_ROOT/docs/benchmarks/storage.txt"
weights_dir="$REPO_ROOT/runtime/src/weights"
header="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -rf "$work" "$header"' EXIT
mkdir -p "$weights_dir"
cat > "$header" <<EOF
//! Measured by \`scripts/benchmark-storage.sh $accounts $pools\`: a \`--dev\` chain grown by
//! \`scripts/populate-state.mjs\` to the genesis economy plus $accounts funded accounts (DFI, USDT
//! and USDC each) and $pools extra asset/DFI pools, every key read and written with the trie
//! cache off. Regenerate rather than edit.
EOF

: > "$out"
for db in rocksdb paritydb; do
  base="$work/$db"
  echo "## $db: populating $base" | tee -a "$out"
  (cd "$REPO_ROOT/scripts" && DEFI_NODE_BIN="$NODE_BIN" node populate-state.mjs "$base" "$db" "$accounts" "$pools") \
    | tee -a "$out"
  "$NODE_BIN" benchmark storage --dev --base-path "$base" --database "$db" --state-version 1 \
    --mul 1.1 --header "$header" --weight-path "$weights_dir" 2>&1 \
    | grep -v '^cycle' | tee -a "$out"
done
