#!/usr/bin/env bash
# Measures whether `pallet_farming::claim` costs the same among 1, 100 and 10,000 other farmers
# of its farm: runs its benchmark (the compiled runtime wasm, `repeat` repeats; the chain holds
# 10,000 other farmers at every count, the rest of them in a second farm) at each farmer count,
# interleaved over `rounds` rounds so that machine noise hits every count alike, and prints per
# count the storage reads and writes, then the fastest run of each round, their median and its
# ratio to 1 farmer, and the median of all runs and its ratio. Single runs on this 2-core VM spread
# over ±25 %; noise only ever adds time, so the fastest runs are the steadier figure.
# Usage: scripts/bench-farming-claim.sh [repeat=20] [rounds=5]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

repeat="${1:-20}"
rounds="${2:-5}"
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
print("| other farmers in the farm | reads / writes | fastest run per round (µs) | their median | ratio | median of all runs | ratio |")
print("|---:|---:|---|---:|---:|---:|---:|")
first_fastest = first_median = None
for farmers in counts:
    fastest, every, counted = [], [], []
    for round in range(1, rounds + 1):
        result = json.load(open(f"{folder}/{farmers}-{round}.json"))[0]
        times = [r["extrinsic_time"] / 1000 for r in result["time_results"]]
        fastest.append(min(times))
        every.extend(times)
        db = result["db_results"][0]
        counted.append(f'{db["reads"]} / {db["writes"]}')
    # Every round's reads and writes, should they ever differ.
    rw = ", ".join(dict.fromkeys(counted))
    fastest_median, median = statistics.median(fastest), statistics.median(every)
    first_fastest = first_fastest or fastest_median
    first_median = first_median or median
    per_round = ", ".join(f"{m:.1f}" for m in fastest)
    print(
        f"| {int(farmers):,} | {rw} | {per_round} | {fastest_median:.1f} µs | "
        f"{fastest_median / first_fastest:.2f} | {median:.1f} µs | {median / first_median:.2f} |"
    )
PY
