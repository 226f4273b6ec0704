#!/usr/bin/env bash
# Throughput benchmark (not a test): builds the node, starts a dev node with Aura + GRANDPA on a
# free port, pushes pre-signed transactions from many accounts over RPC and prints included
# transactions per second per kind, as ratios to balance transfers measured in the same run.
# Usage: scripts/bench.sh [senders=200] [txs per sender=40]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$REPO_ROOT/scripts/setup.sh"
build_node
cd "$REPO_ROOT/scripts"
DEFI_NODE_BIN="$NODE_BIN" node bench.mjs "$@"
