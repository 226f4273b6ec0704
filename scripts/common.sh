# Shared by the shell entry points: repository root, target dir, node binary path.
# shellcheck shell=bash
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
NODE_BIN="$TARGET_DIR/release/defi-node"
export REPO_ROOT TARGET_DIR NODE_BIN

# Builds the node (and with it the wasm runtime) in release mode, from the committed Cargo.lock.
build_node() {
  (cd "$REPO_ROOT" && cargo build --locked --release -p defi-node)
}
