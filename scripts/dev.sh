#!/usr/bin/env bash
# Sets up the machine, builds the node and the dApp, starts a development chain on
# ws://127.0.0.1:9944 and serves the dApp on http://127.0.0.1:8080 (DAPP_PORT to change).
# Alice feeds prices with scripts/feeder.mjs. Extra arguments go to the node, e.g.
# `scripts/dev.sh --sealing instant`. Ctrl-C stops all three.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
build_node
echo "[dev] building the dApp"
(cd "$REPO_ROOT/dapp" && npm run --silent build >/dev/null)

dapp_port="${DAPP_PORT:-8080}"
node "$REPO_ROOT/dapp/serve.js" "$dapp_port" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM

# The RPC port the node will listen on: 9944 unless `--rpc-port N` is among the arguments.
rpc_port=9944
args=("$@")
for i in "${!args[@]}"; do
  [ "${args[$i]}" = "--rpc-port" ] && [ -n "${args[$((i + 1))]:-}" ] && rpc_port="${args[$((i + 1))]}"
done
echo "[dev] starting $NODE_BIN --dev $*"
echo "[dev] chain RPC:  ws://127.0.0.1:$rpc_port"
if [ "$rpc_port" = 9944 ]; then
  echo "[dev] dApp:       http://127.0.0.1:$dapp_port/"
else
  echo "[dev] dApp:       http://127.0.0.1:$dapp_port/?rpc=ws://127.0.0.1:$rpc_port"
fi
echo "[dev] polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$rpc_port"
"$NODE_BIN" --dev "$@" &
node_pid=$!
trap 'kill "$server_pid" "$node_pid" ${feeder_pid:-} 2>/dev/null || true' EXIT INT TERM
# Alice feeds prices (a random walk within 5 % of the genesis pools' prices) every 6 s, so
# lending always has fresh prices; NO_FEEDER=1 leaves the chain without a feeder.
if [ -z "${NO_FEEDER:-}" ]; then
  echo "[dev] price feeder: scripts/feeder.mjs --walk (Alice)"
  (cd "$REPO_ROOT/scripts" && exec node feeder.mjs --ws "ws://127.0.0.1:$rpc_port" --walk >/dev/null) &
  feeder_pid=$!
fi
wait "$node_pid"
