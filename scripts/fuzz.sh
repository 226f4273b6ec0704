#!/usr/bin/env bash
# Coverage-guided fuzzing of the whole runtime (runtime/fuzz, docs/FUZZING.md).
#
#   scripts/fuzz.sh [seconds] [--plant NAME] [--fresh | --empty]
#
# Builds the libFuzzer driver with coverage instrumentation (stable Rust: sancov passes, no
# sanitizer), then runs one fuzzer process per core for `seconds` (default 300) on a working copy
# of the committed corpus. Afterwards it minimises corpus plus findings back into
# runtime/fuzz/corpus, prints executions per second, coverage, blocks and calls executed, and the
# share of calls that succeeded per pallet. Crashing inputs land in $FUZZ_WORK/artifacts.
#
# --plant NAME applies runtime/fuzz/plants/NAME.patch (a deliberate bug) for the run, stops at the
# first finding, prints how long it took, and reverts the patch; the committed corpus is left alone.
# --fresh starts from the generated seeds only, without the committed corpus; --empty from nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

budget=300
plant=""
fresh=""
empty=""
while [ $# -gt 0 ]; do
  case "$1" in
    --plant) plant="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --empty) fresh=1; empty=1; shift ;;
    *) budget="$1"; shift ;;
  esac
done

"$REPO_ROOT/scripts/setup.sh" >/dev/null

# Instrumented code must not mix with the normal release build: its own target dir.
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/defi-fuzz-target}"
FUZZ_WORK="${FUZZ_WORK:-$CARGO_TARGET_DIR/fuzz-work}"
HOST="$(rustc -vV | sed -n 's/^host: //p')"
FUZZER="$CARGO_TARGET_DIR/$HOST/release/fuzz_runtime"
CORPUS="$REPO_ROOT/runtime/fuzz/corpus"
# What cargo-fuzz passes for `--sanitizer none`. With an explicit --target, RUSTFLAGS reach only
# the fuzzed code, not build scripts or proc macros.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# The fuzzer runs the runtime natively; the wasm blob is not needed.
export SKIP_WASM_BUILD=1

revert_plant() {
  if [ -n "$plant" ]; then
    (cd "$REPO_ROOT" && git apply -R "runtime/fuzz/plants/$plant.patch") && echo "[fuzz] plant $plant reverted"
  fi
}
if [ -n "$plant" ]; then
  (cd "$REPO_ROOT" && git apply "runtime/fuzz/plants/$plant.patch")
  echo "[fuzz] plant $plant applied"
  trap revert_plant EXIT
fi

echo "[fuzz] building the instrumented fuzzer in $CARGO_TARGET_DIR"
build_started=$(date +%s)
(cd "$REPO_ROOT" && cargo build --locked --release --target "$HOST" -p defi-runtime-fuzz \
  --bin fuzz_runtime --features libfuzzer,try-runtime)
echo "[fuzz] build took $(( $(date +%s) - build_started )) s"

rm -rf "$FUZZ_WORK"
mkdir -p "$FUZZ_WORK/corpus" "$FUZZ_WORK/artifacts" "$FUZZ_WORK/stats"
[ -z "$fresh" ] && { cp "$CORPUS"/* "$FUZZ_WORK/corpus/" 2>/dev/null || true; }
# Seeds of realistic length besides the corpus (fixed PRNG seed: the same seeds every run), so
# mutation starts from inputs long enough to reach many blocks.
[ -z "$empty" ] && python3 - "$FUZZ_WORK/corpus" <<'PY'
import random, sys
rng = random.Random(20261202)
for i in range(64):
    with open(f"{sys.argv[1]}/seed-{i:02}", "wb") as f:
        f.write(bytes(rng.getrandbits(8) for _ in range(rng.randint(256, 4096))))
PY

workers=$(nproc)
echo "[fuzz] $workers fuzzer processes for $budget s"
started=$(date +%s)
pids=()
for w in $(seq 1 "$workers"); do
  FUZZ_STATS="$FUZZ_WORK/stats/worker" "$FUZZER" -max_total_time="$budget" -max_len=4096 -len_control=0 \
    -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$FUZZ_WORK/artifacts/" "$FUZZ_WORK/corpus" >"$FUZZ_WORK/worker-$w.log" 2>&1 &
  pids+=("$!")
done
stop_workers() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'stop_workers; revert_plant' EXIT

found=""
while :; do
  alive=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
  if ls "$FUZZ_WORK/artifacts/"* >/dev/null 2>&1; then
    found=$(ls "$FUZZ_WORK/artifacts/"* | head -1)
    break
  fi
  [ "$alive" -eq 0 ] && break
  sleep 1
done
elapsed=$(( $(date +%s) - started ))
stop_workers
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done

echo "[fuzz] libFuzzer's last status line per process"
for w in $(seq 1 "$workers"); do
  grep -E '^#[0-9]+' "$FUZZ_WORK/worker-$w.log" | tail -1 || true
  grep -E '^stat::' "$FUZZ_WORK/worker-$w.log" || true
done

echo "[fuzz] executed (summed over processes)"
cat "$FUZZ_WORK"/stats/worker.* 2>/dev/null | awk '
  $1 == "inputs" { inputs += $2 }
  $1 == "blocks" { blocks += $2 }
  $1 == "call" { split($2, n, "::"); d[n[1]] += $3; s[n[1]] += $4; calls += $3; ok += $4 }
  $1 == "shortfall" { short[$2] += $3 }
  END {
    printf "inputs %d  blocks %d  calls %d  succeeded %d\n", inputs, blocks, calls, ok
    printf "%-28s %12s %12s %7s\n", "pallet", "dispatched", "succeeded", "share"
    for (p in d) printf "%-28s %12d %12d %6.1f%%\n", p, d[p], s[p], (d[p] ? 100 * s[p] / d[p] : 0)
    for (c in short) printf "polkadot-sdk weight below storage work (noted): %s %d\n", c, short[c]
  }'

if [ -n "$found" ]; then
  echo "[fuzz] FINDING after $elapsed s: $found"
  grep -m1 -E "finding:|panicked" -A3 "$FUZZ_WORK"/worker-*.log || true
  [ -n "$plant" ] && exit 0
  exit 1
fi
[ -n "$plant" ] && { echo "[fuzz] plant $plant NOT found in $elapsed s"; exit 1; }

echo "[fuzz] minimising the corpus into runtime/fuzz/corpus"
rm -rf "$FUZZ_WORK/merged" && mkdir -p "$FUZZ_WORK/merged"
"$FUZZER" -set_cover_merge=1 -max_len=4096 "$FUZZ_WORK/merged" "$FUZZ_WORK/corpus" >"$FUZZ_WORK/merge.log" 2>&1
rm -rf "$CORPUS" && mkdir -p "$CORPUS" && cp "$FUZZ_WORK/merged"/* "$CORPUS/"
echo "[fuzz] corpus: $(ls "$CORPUS" | wc -l) inputs, $(du -sh "$CORPUS" | cut -f1)"
