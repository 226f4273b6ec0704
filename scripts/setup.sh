#!/usr/bin/env bash
# Idempotent machine setup: system packages, Rust targets/components, npm packages.
# Safe to run many times; it only installs what is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[setup] %s\n' "$*"; }

# 1. System packages: the Substrate build's, and Debian's Chromium for the dApp's browser tests.
missing=()
for pkg in protobuf-compiler clang libclang-dev chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

# 2. Rust targets and components for the wasm runtime build.
if command -v rustup >/dev/null 2>&1; then
  installed_targets="$(rustup target list --installed)"
  for target in wasm32-unknown-unknown wasm32v1-none; do
    grep -qx "$target" <<<"$installed_targets" || { log "adding rust target $target"; rustup target add "$target"; }
  done
  installed_components="$(rustup component list --installed)"
  for component in rust-src rustfmt; do
    grep -q "^$component" <<<"$installed_components" || { log "adding $component"; rustup component add "$component"; }
  done
else
  log "rustup not found: install Rust stable first (https://rustup.rs)" >&2
  exit 1
fi

# 3. npm packages of the end-to-end suite (exact versions from package-lock.json).
if ! command -v node >/dev/null 2>&1; then
  log "node not found: install Node.js 20" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/@polkadot/api" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  log "installing npm packages"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
dapp="$(dirname "$here")/dapp"
if [ -f "$dapp/package-lock.json" ] && { [ ! -d "$dapp/node_modules/vite" ] || [ "$dapp/package-lock.json" -nt "$dapp/node_modules/.package-lock.json" ]; }; then
  log "installing the dApp's npm packages"
  (cd "$dapp" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ok"
