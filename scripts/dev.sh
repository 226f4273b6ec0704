#!/usr/bin/env bash
# Sets up the machine, builds the node and starts a development chain on ws://127.0.0.1:9944.
# Extra arguments go to the node, e.g. `scripts/dev.sh --sealing instant`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
build_node
echo "[dev] starting $NODE_BIN --dev $*"
echo "[dev] polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
exec "$NODE_BIN" --dev "$@"
