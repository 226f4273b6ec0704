#!/usr/bin/env bash
# Measures whether `pallet_farming::claim` costs the same among 1, 100 and 10,000 other farmers
# of its farm: runs its benchmark (the compiled runtime wasm, `repeat` repeats) at each farmer
# count, interleaved over `rounds` rounds so that machine noise hits every count alike, and prints
# per count the storage reads and writes, the median execution time of each round, the median over
# the rounds and its ratio to 1 farmer.
# Usage: scripts/bench-farming-claim.sh [repeat=20] [rounds=3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

repeat="${1:-20}"
rounds="${2:-3}"
"$REPO_ROOT/scripts/setup.sh"
build_node
wasm="$TARGET_DIR/release/wbuild/defi-runtime/defi_runtime.compact.compressed.wasm"
counts=(1 100 10000)
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

for round in $(seq 1 "$rounds"); do
  for farmers in "${counts[@]}"; do
    if ! "$NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime \
      --pallet pallet_farming --extrinsic claim --steps 2 --repeat "$repeat" \
      --low "$farmers" --high "$farmers" --heap-pages 4096 \
      --json-file "$results/$farmers-$round.json" >"$results/log" 2>&1; then
      echo "benchmark of claim among $farmers farmers (round $round) failed:" >&2
      tail -20 "$results/log" >&2
      exit 1
    fi
  done
done

# `time_results` are the timing runs; `db_results` the few runs with storage tracking on (their
# reads and writes, not their times, are used).
python3 - "$results" "$rounds" "${counts[@]}" <<'PY'
import json, statistics, sys
folder, rounds, counts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print("| other farmers | reads / writes | median per round (µs) | median of rounds | ratio to 1 farmer |")
print("|---:|---:|---|---:|---:|")
first = None
for farmers in counts:
    medians, counted = [], []
    for round in range(1, rounds + 1):
        result = json.load(open(f"{folder}/{farmers}-{round}.json"))[0]
        medians.append(statistics.median(r["extrinsic_time"] for r in result["time_results"]) / 1000)
        db = result["db_results"][0]
        counted.append(f'{db["reads"]} / {db["writes"]}')
    # Every round's reads and writes, should they ever differ.
    rw = ", ".join(dict.fromkeys(counted))
    overall = statistics.median(medians)
    first = first or overall
    per_round = ", ".join(f"{m:.1f}" for m in medians)
    print(f"| {farmers} | {rw} | {per_round} | {overall:.1f} µs | {overall / first:.2f} |")
PY
