#!/usr/bin/env bash
# Crash-safety check on the four-validator testnet (scripts/testnet.sh):
#  1. all four produce and finalize;
#  2. SIGKILL Dave: Alice, Bob and Charlie keep producing and finalizing;
#  3. restart Dave: he catches up to the same finalized hashes;
#  4. SIGKILL and restart Dave KILLS times (default 10) under a stream of transfers submitted to
#     Alice (scripts/tx-stream.mjs) and a flood of DEX swaps submitted to Bob
#     (scripts/swap-flood.mjs: more ready than a block holds, so blocks fill as fast as this
#     machine can sign and validate them):
#     after each restart his finalized chain is a prefix of Alice's (hash by hash) and the state
#     roots at his finalized head agree;
#  5. every transfer reported finalized is in the finalized chain of all four nodes, swaps of
#     the flood were included, none of them was lost (submitted but never included), and at least
#     FLOOD_MIN_FULL_PERCENT (default 50) of the flood's blocks were full (normal class ≥ 90 %);
#  6. missed Aura slots over the streams' blocks (scripts/slot-report.mjs) stay within what one of
#     the four validators down causes: ceil(down slots / 4) + 2 a kill, where down slots is the
#     time from each kill until Dave caught up again, in 6 s slots, plus one a kill.
# Prints the counts and exits non-zero on any lost or diverging finalized block, missing
# finalized transaction, no included swap, a lost swap, too few full blocks or too many missed
# slots.
# FLOOD_SENDERS (default 300) and FLOOD_PER_ROUND (default 3000) size the flood.
# Not part of scripts/test.sh (it takes several minutes); run it by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
export TESTNET_DIR="${TESTNET_DIR:-${TMPDIR:-/tmp}/defi-testnet-failure}"
BASE_PORT="${TESTNET_BASE_PORT:-30400}"
KILLS="${KILLS:-10}"
FLOOD_SENDERS="${FLOOD_SENDERS:-300}"
FLOOD_PER_ROUND="${FLOOD_PER_ROUND:-3000}"
FLOOD_MIN_FULL_PERCENT="${FLOOD_MIN_FULL_PERCENT:-50}"
ALICE_RPC=$((BASE_PORT + 100))
BOB_RPC=$((BASE_PORT + 101))
DAVE_RPC=$((BASE_PORT + 103))

rpc() { curl -s --max-time 2 -H 'Content-Type: application/json' \
  -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
finalized_number() { # port
  local hash; hash="$(rpc "$1" chain_getFinalizedHead | field "d['result']")" || return 1
  rpc "$1" chain_getHeader "[\"$hash\"]" | field "int(d['result']['number'], 16)"
}
best_number() { rpc "$1" chain_getHeader | field "int(d['result']['number'], 16)"; }
block_hash() { rpc "$1" chain_getBlockHash "[$2]" | field "d['result']"; }
state_root() { rpc "$1" chain_getHeader "[\"$2\"]" | field "d['result']['stateRoot']"; }
wait_finalized() { # port target timeout_s
  local deadline=$(( $(date +%s) + $3 ))
  while true; do
    local n; n="$(finalized_number "$1" 2>/dev/null || echo -1)"
    [ "$n" -ge "$2" ] && return 0
    [ "$(date +%s)" -gt "$deadline" ] && { echo "timeout waiting for #$2 finalized on port $1 (at $n)" >&2; return 1; }
    sleep 1
  done
}
stream_pid=""
flood_pid=""
cleanup() {
  [ -n "$stream_pid" ] && kill "$stream_pid" 2>/dev/null || true
  [ -n "$flood_pid" ] && kill "$flood_pid" 2>/dev/null || true
  bash "$here/testnet.sh" purge >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash "$here/testnet.sh" purge >/dev/null 2>&1 || true
bash "$here/testnet.sh" start

dave_pid() { cat "$TESTNET_DIR/dave/pid"; }

echo "[failure] SIGKILL Dave; the other three must keep finalizing"
f0="$(finalized_number $ALICE_RPC)"
kill -9 "$(dave_pid)"
wait_finalized $ALICE_RPC $((f0 + 3)) 90
echo "[failure] finalized #$f0 -> #$(finalized_number $ALICE_RPC) with Dave down"

diverging=0
lost=0
compare_chains() { # checks Dave's finalized chain against Alice's, block by block; sets `checked`
  local dave_fin; dave_fin="$(finalized_number $DAVE_RPC)"
  local alice_fin; alice_fin="$(finalized_number $ALICE_RPC)"
  if [ "$dave_fin" -gt "$alice_fin" ]; then dave_fin="$alice_fin"; fi
  for n in $(seq 1 "$dave_fin"); do
    local a d; a="$(block_hash $ALICE_RPC "$n")"; d="$(block_hash $DAVE_RPC "$n")"
    if [ "$d" = "None" ] || [ -z "$d" ]; then lost=$((lost + 1)); elif [ "$a" != "$d" ]; then diverging=$((diverging + 1)); fi
  done
  local hash; hash="$(block_hash $ALICE_RPC "$dave_fin")"
  if [ "$(state_root $ALICE_RPC "$hash")" != "$(state_root $DAVE_RPC "$hash")" ]; then
    diverging=$((diverging + 1))
  fi
  checked="$dave_fin"
}

echo "[failure] restart Dave; he must catch up to the same finalized chain"
bash "$here/testnet.sh" start >/dev/null
target="$(finalized_number $ALICE_RPC)"
wait_finalized $DAVE_RPC "$target" 120
compare_chains
echo "[failure] Dave rejoined at finalized #$checked"

# The flood funds its senders from Alice first; the transfer stream also signs as Alice, so it
# starts only once the funding is in a block (the two would race for Alice's nonce).
echo "[failure] swap flood to Bob: funding $FLOOD_SENDERS senders"
flood_stop="$TESTNET_DIR/stop-flood"
flood_log="$TESTNET_DIR/swap-flood.log"
rm -f "$flood_stop"
node "$here/swap-flood.mjs" "$flood_stop" $BOB_RPC "$FLOOD_SENDERS" "$FLOOD_PER_ROUND" > "$flood_log" 2>&1 &
flood_pid=$!
funding_deadline=$(( $(date +%s) + 180 ))
until grep -q '^\[swap-flood\] funded' "$flood_log"; do
  if ! kill -0 "$flood_pid" 2>/dev/null || [ "$(date +%s)" -gt "$funding_deadline" ]; then
    echo "[failure] swap flood did not get funded" >&2; tail -20 "$flood_log" >&2; exit 1
  fi
  sleep 1
done
grep '^\[swap-flood\] funded' "$flood_log"

echo "[failure] transfer stream to Alice starts"
stop_file="$TESTNET_DIR/stop-stream"
rm -f "$stop_file"
stream_block="$(best_number $ALICE_RPC)"
rpc_ports=$(for i in 0 1 2 3; do printf '%s ' $((BASE_PORT + 100 + i)); done)
# shellcheck disable=SC2086
node "$here/tx-stream.mjs" "$stop_file" $ALICE_RPC $rpc_ports > "$TESTNET_DIR/tx-stream.log" 2>&1 &
stream_pid=$!

down_seconds=0 # from each kill until Dave has caught up: an upper bound on his slots missed
for k in $(seq 1 "$KILLS"); do
  killed_at=$(date +%s)
  kill -9 "$(dave_pid)"
  sleep $((2 + RANDOM % 6))
  bash "$here/testnet.sh" start >/dev/null
  target="$(finalized_number $ALICE_RPC)"
  wait_finalized $DAVE_RPC "$target" 120
  down_seconds=$(( down_seconds + $(date +%s) - killed_at ))
  compare_chains
  echo "[failure] kill $k/$KILLS: Dave back at finalized #$checked"
done

touch "$stop_file" "$flood_stop"
stream_ok=0
wait "$stream_pid" || stream_ok=$?
stream_pid=""
grep '^\[tx-stream\]' "$TESTNET_DIR/tx-stream.log" || tail -20 "$TESTNET_DIR/tx-stream.log"
flood_ok=0
wait "$flood_pid" || flood_ok=$?
flood_pid=""
grep '^\[swap-flood\] rounds' "$flood_log" || tail -20 "$flood_log"
grep '^\[swap-flood\] by author' "$flood_log" || true
# Full blocks and lost swaps, from the flood's summary line.
full_ok=0
read -r full_blocks flood_blocks never_included < <(python3 - "$flood_log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
full = re.search(r"full blocks \(normal class ≥ 90 %\): (\d+) of (\d+)", text)
lost = re.search(r"submitted but never included: (\d+)", text)
print(full.group(1) if full else -1, full.group(2) if full else 0, lost.group(1) if lost else -1)
PY
)
if [ "$full_blocks" -lt 0 ] || [ $((full_blocks * 100)) -lt $((flood_blocks * FLOOD_MIN_FULL_PERCENT)) ] || [ "$never_included" -ne 0 ]; then
  full_ok=1
fi
echo "[failure] flood: $full_blocks of $flood_blocks blocks full (at least $FLOOD_MIN_FULL_PERCENT % required), $never_included swaps submitted but never included"

slots_ok=0
(node "$here/slot-report.mjs" $ALICE_RPC "$stream_block" "$(best_number $ALICE_RPC)" "$down_seconds" "$KILLS") || slots_ok=$?

echo "[failure] kills: $KILLS, finalized blocks lost: $lost, diverging: $diverging, exit codes: tx-stream $stream_ok, swap-flood $flood_ok, full blocks $full_ok, slot-report $slots_ok"
[ "$lost" -eq 0 ] && [ "$diverging" -eq 0 ] && [ "$stream_ok" -eq 0 ] && [ "$flood_ok" -eq 0 ] && [ "$full_ok" -eq 0 ] && [ "$slots_ok" -eq 0 ]
