// Test harness for the defi-node binary: start a throw-away dev node, connect
// polkadot.js to it, and always tear it down again.
//
// The node is started with `--rpc-port 0 --port 0` so the OS picks free ports;
// the real RPC port is read back from the node's log line
//   "Running JSON-RPC server: addr=127.0.0.1:34567,[::1]:34567".

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

// sr25519 needs the wasm crypto to be initialised before keys are derived.
await cryptoWaitReady();

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Root of the git repo (scripts/lib/ -> repo). */
export const REPO_ROOT = path.resolve(HERE, '..', '..');

export const SEALING_MODES = Object.freeze(['instant', 'aura']);
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

// ---------------------------------------------------------------------------
// Pure helpers (unit-tested in test/helpers.test.js)
// ---------------------------------------------------------------------------

// CSI sequences (colours, cursor movement) and OSC sequences.
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Remove ANSI escape codes from a string. */
export function stripAnsi(text) {
  return String(text).replace(ANSI_RE, '');
}

const RPC_LINE_RE = /Running JSON-RPC server: addr=(\S+)/;

/**
 * Parse one `host:port` token; IPv6 hosts are in brackets (`[::1]:9944`).
 * Returns `{ host, port }` or null.
 */
export function parseHostPort(token) {
  const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(token.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: m[1], port };
}

/**
 * Find the JSON-RPC server address in node log text (one line or many).
 * Returns the first listed `{ host, port }`, or null when the line isn't there.
 */
export function parseRpcAddress(logText) {
  for (const rawLine of String(logText).split(/\r?\n/)) {
    const line = stripAnsi(rawLine);
    const m = RPC_LINE_RE.exec(line);
    if (!m) continue;
    for (const token of m[1].split(',')) {
      const hp = parseHostPort(token);
      if (hp) return hp;
    }
  }
  return null;
}

/** Port only (number), or null. */
export function parseRpcPort(logText) {
  return parseRpcAddress(logText)?.port ?? null;
}

/** ws:// URL to reach a listen address; wildcard listen addresses map to loopback. */
export function wsUrlFor({ host, port }) {
  let h = host;
  if (h === '0.0.0.0') h = '127.0.0.1';
  if (h === '[::]') h = '[::1]';
  return `ws://${h}:${port}`;
}

/**
 * Which node binary to run: $DEFI_NODE_BIN, else $CARGO_TARGET_DIR/release/defi-node,
 * else <repo>/target/release/defi-node.
 */
export function resolveNodeBin(env = process.env) {
  if (env.DEFI_NODE_BIN) return path.resolve(env.DEFI_NODE_BIN);
  if (env.CARGO_TARGET_DIR) return path.resolve(env.CARGO_TARGET_DIR, 'release', 'defi-node');
  return path.join(REPO_ROOT, 'target', 'release', 'defi-node');
}

/** The command-line arguments the harness passes to the node. */
export function nodeArgs({ sealing = 'instant', extraArgs = [], chain = '--dev', rpcPort = 0, basePath = null } = {}) {
  if (!SEALING_MODES.includes(sealing)) {
    throw new Error(`unknown sealing mode '${sealing}' (expected one of ${SEALING_MODES.join(', ')})`);
  }
  const chainArgs = chain === '--dev' ? ['--dev'] : ['--chain', chain];
  return [
    ...chainArgs,
    // A base path keeps the chain across a restart; otherwise a throw-away one.
    ...(basePath ? ['--base-path', basePath] : ['--tmp']),
    '--sealing', sealing,
    '--rpc-port', String(rpcPort),
    '--port', '0',
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors', 'all',
    ...extraArgs,
  ];
}

// ---------------------------------------------------------------------------
// Process bookkeeping: no node is ever left running.
// ---------------------------------------------------------------------------

const liveChildren = new Set();
let handlersInstalled = false;

function killAllSync() {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllSync);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, () => {
      killAllSync();
      process.exit(code);
    });
  }
}

function tailOf(text, lines = 60) {
  const all = String(text).split('\n');
  return all.slice(Math.max(0, all.length - lines)).join('\n');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------
// startNode
// ---------------------------------------------------------------------------

/**
 * Start a dev node and connect an ApiPromise to it.
 *
 * @returns {Promise<{wsUrl: string, api: ApiPromise, pid: number, logFile: string,
 *   stop: () => Promise<void>, logs: () => string, logTail: (n?: number) => string}>}
 */
export async function startNode({
  sealing = 'instant',
  extraArgs = [],
  chain = '--dev',
  timeoutMs = START_TIMEOUT_MS,
  bin = resolveNodeBin(),
  rpcPort = 0,
  basePath = null,
} = {}) {
  if (!fs.existsSync(bin)) {
    throw new Error(
      `defi-node binary not found at ${bin}. Build it with \`cargo build --release\`, ` +
        'or point DEFI_NODE_BIN (or CARGO_TARGET_DIR) at the build.',
    );
  }
  const args = nodeArgs({ sealing, extraArgs, chain, rpcPort, basePath });

  installExitHandlers();

  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defi-node-'));
  const logFile = path.join(logDir, `node-${sealing}.log`);
  const logFd = fs.openSync(logFile, 'a');
  fs.writeSync(logFd, `# ${bin} ${args.join(' ')}\n`);

  // The node writes straight into the file, so it can never block on a full pipe.
  const child = spawn(bin, args, {
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, RUST_LOG_STYLE: 'never', NO_COLOR: '1' },
  });
  fs.closeSync(logFd);
  liveChildren.add(child);

  let exited = false;
  let exitInfo = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = { code, signal };
      liveChildren.delete(child);
      resolve(exitInfo);
    });
  });
  let spawnError = null;
  child.once('error', (err) => {
    spawnError = err;
  });

  const logs = () => {
    try {
      return stripAnsi(fs.readFileSync(logFile, 'utf8'));
    } catch {
      return '';
    }
  };
  const logTail = (n = 60) => tailOf(logs(), n);

  let api = null;
  let provider = null;
  let stopped = null;
  const stop = () => {
    if (stopped) return stopped;
    stopped = (async () => {
      const conn = api ?? provider;
      if (conn) {
        try {
          await Promise.race([conn.disconnect(), sleep(3_000)]);
        } catch {
          // ignore
        }
      }
      if (!exited) {
        try {
          child.kill('SIGTERM');
        } catch {
          // ignore
        }
        const timer = sleep(STOP_GRACE_MS).then(() => 'timeout');
        if ((await Promise.race([exitPromise, timer])) === 'timeout' && !exited) {
          try {
            child.kill('SIGKILL');
          } catch {
            // ignore
          }
          await Promise.race([exitPromise, sleep(5_000)]);
        }
      }
      liveChildren.delete(child);
    })();
    return stopped;
  };

  const fail = async (message) => {
    await stop();
    const err = new Error(`${message}\n--- defi-node log (${logFile}), last lines ---\n${logTail(80)}`);
    err.logFile = logFile;
    throw err;
  };

  // Wait for the RPC line.
  const deadline = Date.now() + timeoutMs;
  let addr = null;
  while (!addr) {
    if (spawnError) return fail(`failed to spawn ${bin}: ${spawnError.message}`);
    if (exited) return fail(`defi-node exited early (code ${exitInfo.code}, signal ${exitInfo.signal})`);
    if (Date.now() > deadline) {
      return fail(`timed out after ${timeoutMs} ms waiting for "Running JSON-RPC server" in the node log`);
    }
    addr = parseRpcAddress(logs());
    if (!addr) await sleep(100);
  }
  const wsUrl = wsUrlFor(addr);

  // Connect polkadot.js.
  try {
    provider = new WsProvider(wsUrl, 1_000);
    const remaining = Math.max(5_000, deadline - Date.now());
    let timer;
    api = await Promise.race([
      ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out connecting to ${wsUrl}`)), remaining);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (err) {
    return fail(`could not connect polkadot.js to ${wsUrl}: ${err?.message ?? err}`);
  }

  return { wsUrl, api, pid: child.pid, logFile, stop, logs, logTail, sealing };
}

// ---------------------------------------------------------------------------
// Transaction / chain helpers
// ---------------------------------------------------------------------------

/**
 * Decode a DispatchError to a readable name: `section.Name` for module errors
 * (e.g. `balances.InsufficientBalance`, `assets.BalanceLow`), `Kind.Variant` for
 * nested enum errors (e.g. `Token.FundsUnavailable`, `Arithmetic.Underflow`),
 * `Kind` for unit errors (e.g. `BadOrigin`), else the error's JSON.
 */
export function decodeDispatchError(apiOrRegistry, dispatchError) {
  if (!dispatchError) return null;
  if (dispatchError.isModule) {
    try {
      const registry =
        typeof apiOrRegistry?.findMetaError === 'function'
          ? apiOrRegistry
          : (apiOrRegistry?.registry ?? dispatchError.registry);
      const { section, name } = registry.findMetaError(dispatchError.asModule);
      return `${section}.${name}`;
    } catch {
      return JSON.stringify(dispatchError.toJSON());
    }
  }
  const kind = dispatchError.type; // e.g. 'Token', 'Arithmetic', 'BadOrigin'
  if (typeof kind === 'string' && kind.length > 0) {
    const inner = dispatchError.value;
    if (inner && typeof inner.type === 'string' && inner.type.length > 0 && typeof inner.isBasic === 'boolean') {
      return `${kind}.${inner.type}`;
    }
    if (!inner || inner.isEmpty) return kind;
  }
  return dispatchError.toString();
}

/**
 * Sign `tx` with `signer`, submit it, and wait until it is in a block
 * (`until: 'inBlock'`, the default) or finalized (`until: 'finalized'`).
 *
 * Resolves with `{ blockHash, events, dispatchError, fee, tip, txHash, result }`:
 *  - `events`: this extrinsic's EventRecords,
 *  - `dispatchError`: null on success, else a decoded name (see decodeDispatchError),
 *  - `fee` / `tip`: BigInt from `transactionPayment.TransactionFeePaid` (null if absent).
 * Rejects when the pool refuses the transaction (invalid, dropped, usurped...).
 */
export function signAndWait(tx, signer, { until = 'inBlock', timeoutMs = 90_000, nonce = -1, tip, assetId } = {}) {
  if (until !== 'inBlock' && until !== 'finalized') {
    throw new Error(`signAndWait: until must be 'inBlock' or 'finalized', got ${until}`);
  }
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (unsub) {
        try {
          unsub();
        } catch {
          // ignore
        }
      }
      fn(value);
    };
    const timer = setTimeout(
      () => finish(reject, new Error(`signAndWait: timed out after ${timeoutMs} ms waiting for ${until}`)),
      timeoutMs,
    );

    const options = { nonce };
    if (tip !== undefined) options.tip = tip;
    // Fee in an asset (`ChargeAssetTxPayment`); the api needs the `TAssetConversion` type, see
    // `assetFeeApiOptions` in lib/router.js.
    if (assetId !== undefined) options.assetId = assetId;

    tx.signAndSend(signer, options, (result) => {
      const { status } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        finish(reject, new Error(`transaction ${status.type}: ${status.toString()}`));
        return;
      }
      const reached = until === 'inBlock' ? status.isInBlock || status.isFinalized : status.isFinalized;
      if (!reached) return;
      const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
      const feeRecord = result.events.find(
        ({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid',
      );
      let fee = null;
      let feeTip = null;
      if (feeRecord) {
        const [, actualFee, paidTip] = feeRecord.event.data;
        fee = BigInt(actualFee.toString());
        feeTip = BigInt(paidTip.toString());
      }
      finish(resolve, {
        blockHash: blockHash.toHex(),
        events: result.events,
        dispatchError: result.dispatchError ? decodeDispatchError(tx.registry, result.dispatchError) : null,
        rawDispatchError: result.dispatchError ?? null,
        fee,
        tip: feeTip,
        txHash: result.txHash.toHex(),
        result,
      });
    })
      .then((u) => {
        unsub = u;
        if (done) {
          try {
            u();
          } catch {
            // ignore
          }
        }
      })
      .catch((err) => finish(reject, err instanceof Error ? err : new Error(String(err))));
  });
}

/** Wait until `n` more blocks than the current best have been imported; resolves with the last header. */
export async function waitForBlocks(api, n = 1, { timeoutMs = 60_000 } = {}) {
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  return waitForHead(api, 'subscribeNewHeads', start + n, timeoutMs);
}

/**
 * Wait until the finalized head number is at least `n` (absolute block number);
 * with `{ relative: true }`, `n` blocks beyond the current finalized head. Resolves with the header.
 */
export async function waitForFinalized(api, n = 1, { relative = false, timeoutMs = 60_000 } = {}) {
  let target = n;
  if (relative) {
    const fin = await api.rpc.chain.getFinalizedHead();
    target += (await api.rpc.chain.getHeader(fin)).number.toNumber();
  }
  return waitForHead(api, 'subscribeFinalizedHeads', target, timeoutMs);
}

function waitForHead(api, method, target, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (unsub) unsub();
      fn(value);
    };
    const timer = setTimeout(
      () => finish(reject, new Error(`${method}: timed out after ${timeoutMs} ms waiting for block #${target}`)),
      timeoutMs,
    );
    api.rpc.chain[method]((header) => {
      if (header.number.toNumber() >= target) finish(resolve, header);
    })
      .then((u) => {
        unsub = u;
        if (done) u();
      })
      .catch((err) => finish(reject, err));
  });
}

/** The Aura slot of a header (its `aura` pre-runtime digest, a SCALE u64), or null (genesis has none). */
export function auraSlot(header) {
  for (const item of header.digest.logs) {
    if (!item.isPreRuntime) continue;
    const [engine, payload] = item.asPreRuntime;
    if (!engine.isAura) continue;
    const bytes = payload.toU8a(true); // without the length prefix
    return Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  }
  return null;
}

export const DEV_NAMES = Object.freeze(['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']);

/** Dev account names by public key (hex), to name the authors of blocks. */
export function devNamesByPublicKey() {
  return new Map(Object.entries(devAccounts()).map(([name, pair]) => [u8aToHex(pair.publicKey), name]));
}

/** sr25519 dev accounts Alice..Ferdie (`//Alice` ...), ss58 prefix 42. */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const accounts = {};
  for (const name of DEV_NAMES) {
    accounts[name] = keyring.addFromUri(`//${name[0].toUpperCase()}${name.slice(1)}`, { name });
  }
  return accounts;
}

/** Free native balance (BigInt), optionally at a block hash. */
export async function freeBalance(api, address, at) {
  const q = at ? await api.at(at) : api;
  const { data } = await q.query.system.account(address);
  return BigInt(data.free.toString());
}

/** Asset balance (BigInt, 0 when the account doesn't exist), optionally at a block hash. */
export async function assetBalance(api, assetId, address, at) {
  const q = at ? await api.at(at) : api;
  const acc = await q.query.assets.account(assetId, address);
  return acc.isSome ? BigInt(acc.unwrap().balance.toString()) : 0n;
}
