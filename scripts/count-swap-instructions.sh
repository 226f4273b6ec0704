#!/usr/bin/env bash
# Counts, with callgrind, the instructions one 1-hop swap of pallet-dex and one 2-asset swap of
# pallet-asset-conversion execute from the same state in the same (native) runtime: a
# deterministic comparison beside the wall-clock one of compare-swaps.sh, which varies ±20 % on
# this VM. The workloads are the ignored tests in runtime/src/instruction_counts.rs; only the
# instructions inside each measured function are counted (--toggle-collect).
# Usage: scripts/count-swap-instructions.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$REPO_ROOT/scripts/setup.sh" >/dev/null
if ! command -v valgrind >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq valgrind
fi
# The same test build as scripts/test.sh (workspace features), so nothing is rebuilt after it.
bin="$(cd "$REPO_ROOT" && cargo test --locked --release --workspace --no-run --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    t = m.get("target") or {}
    if m.get("reason") == "compiler-artifact" and t.get("name") == "defi_runtime" and m.get("executable") and "lib" in t.get("kind", []):
        print(m["executable"])
')"
[ -x "$bin" ] || { echo "runtime test binary not found" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() { # function test
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.out" --toggle-collect="*$1*" \
    "$bin" --ignored --exact "instruction_counts::$2" --test-threads=1 >"$out/$1.log" 2>&1 ||
    { cat "$out/$1.log" >&2; exit 1; }
  # awk reads to the end: an early exit would break the pipe (pipefail).
  callgrind_annotate "$out/$1.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",", "", $1); print $1; done = 1}'
}
ours="$(count measured_dex_swap dex_swap_workload)"
theirs="$(count measured_asset_conversion_swap asset_conversion_swap_workload)"
echo "pallet_dex::swap_exact_in (1 hop):                         $ours instructions"
echo "pallet_asset_conversion::swap_exact_tokens_for_tokens (2): $theirs instructions"
python3 -c "print(f'ratio (ours / asset-conversion): {$ours / $theirs:.3f}')"
