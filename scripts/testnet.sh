#!/usr/bin/env bash
# A four-validator local testnet (Alice, Bob, Charlie, Dave from the `local_testnet` preset) on
# loopback ports, each node with its own base path and log, peering through Alice as bootnode.
#
#   scripts/testnet.sh start    build if needed, start the four nodes, wait until they finalize
#   scripts/testnet.sh status   best and finalized block and peer count of each node
#   scripts/testnet.sh stop     stop the nodes (by PID) and keep their data
#   scripts/testnet.sh purge    stop and delete their data
#
# Environment: TESTNET_DIR (default: $TMPDIR/defi-testnet), TESTNET_BASE_PORT (default 30400:
# node i uses p2p port BASE+i and RPC port BASE+100+i).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR="${TESTNET_DIR:-${TMPDIR:-/tmp}/defi-testnet}"
BASE_PORT="${TESTNET_BASE_PORT:-30400}"
NAMES=(alice bob charlie dave)
# Alice's fixed network key, so every node knows the bootnode's peer id.
BOOT_KEY=0000000000000000000000000000000000000000000000000000000000000001
BOOT_PEER_ID=12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp

p2p_port() { echo $((BASE_PORT + $1)); }
rpc_port() { echo $((BASE_PORT + 100 + $1)); }

rpc() { # port method [params-json]
  curl -s --max-time 2 -H 'Content-Type: application/json' \
    -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}

json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

running_pid() { # index -> pid if that node runs
  local pidfile="$DIR/${NAMES[$1]}/pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

start_node() { # index
  local i="$1" name="${NAMES[$1]}"
  mkdir -p "$DIR/$name"
  if running_pid "$i" >/dev/null; then return; fi
  local args=(--chain local --base-path "$DIR/$name" "--$name" --validator
    --rpc-port "$(rpc_port "$i")" --listen-addr "/ip4/127.0.0.1/tcp/$(p2p_port "$i")"
    --no-prometheus --no-telemetry --no-mdns --rpc-cors all)
  if [ "$i" -eq 0 ]; then
    args+=(--node-key "$BOOT_KEY")
  else
    # A fresh network key on first start, kept in the base path across restarts.
    args+=(--bootnodes "/ip4/127.0.0.1/tcp/$(p2p_port 0)/p2p/$BOOT_PEER_ID" --unsafe-force-node-key-generation)
  fi
  "$NODE_BIN" "${args[@]}" >>"$DIR/$name/node.log" 2>&1 &
  echo $! >"$DIR/$name/pid"
}

status() {
  printf '%-8s %-7s %-6s %-10s %-6s\n' node pid best finalized peers
  for i in "${!NAMES[@]}"; do
    local port pid best fin peers
    port="$(rpc_port "$i")"
    pid="$(running_pid "$i" || echo -)"
    best="$(rpc "$port" chain_getHeader | json_field "int(d['result']['number'], 16)" 2>/dev/null || echo -)"
    fin="$(rpc "$port" chain_getFinalizedHead | json_field "d['result']" 2>/dev/null || echo)"
    if [ -n "$fin" ]; then
      fin="$(rpc "$port" chain_getHeader "[\"$fin\"]" | json_field "int(d['result']['number'], 16)" 2>/dev/null || echo -)"
    else
      fin=-
    fi
    peers="$(rpc "$port" system_health | json_field "d['result']['peers']" 2>/dev/null || echo -)"
    printf '%-8s %-7s %-6s %-10s %-6s\n' "${NAMES[$i]}" "$pid" "$best" "$fin" "$peers"
  done
}

min_finalized() {
  local min=""
  for i in "${!NAMES[@]}"; do
    local fin
    fin="$(rpc "$(rpc_port "$i")" chain_getFinalizedHead | json_field "d['result']" 2>/dev/null)" || { echo -1; return; }
    fin="$(rpc "$(rpc_port "$i")" chain_getHeader "[\"$fin\"]" | json_field "int(d['result']['number'], 16)" 2>/dev/null)" || { echo -1; return; }
    if [ -z "$min" ] || [ "$fin" -lt "$min" ]; then min="$fin"; fi
  done
  echo "$min"
}

stop() {
  for i in "${!NAMES[@]}"; do
    local pid
    if pid="$(running_pid "$i")"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/${NAMES[$i]}/pid"
  done
}

case "${1:-}" in
  start)
    [ -x "$NODE_BIN" ] || build_node
    for i in "${!NAMES[@]}"; do start_node "$i"; done
    echo "[testnet] started in $DIR; waiting for finality"
    started=$(date +%s)
    until [ "$(min_finalized)" -ge 1 ]; do
      if [ $(( $(date +%s) - started )) -gt 90 ]; then
        echo "[testnet] no finality after 90 s" >&2; status; exit 1
      fi
      sleep 2
    done
    echo "[testnet] every node finalized a block after $(( $(date +%s) - started )) s"
    status
    ;;
  status) status ;;
  stop) stop ;;
  purge) stop; rm -rf "$DIR" ;;
  *) echo "usage: $0 start|status|stop|purge" >&2; exit 2 ;;
esac
