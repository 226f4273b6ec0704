// A flood of DEX swaps into a running testnet: more pre-signed swaps ready in the pool than a
// block can hold, so every slot's author builds a full block of them.
//
// Usage: node swap-flood.mjs <stop-file> <submit-port> [senders=300] [per-round=3000]
//   Funds `senders` fresh accounts (//flood//0, ...) from Alice with DFI for fees and USDT to
//   trade (utility.batchAll, 150 senders a batch, waited into a block), prints
//   `[swap-flood] funded ...`, then in rounds until <stop-file> exists: signs `per-round`
//   immortal `dex.swap_exact_in` on pool 0 (1 USDT -> DFI and 0.5 DFI -> USDT alternating, so the
//   price stays put) from each sender's next nonce on the node (lib/fast-sign.js), submits them,
//   and waits until the node's ready pool is below `per-round` before the next round.
//   Submit errors (pool full, `1014 Priority is too low`, `Transaction is outdated`, a slow or
//   reconnecting node) are counted, not fatal. After the stop it lets the pool drain, then scans
//   the blocks from the flood's first one to the best one for the senders' `dex.Swapped` events,
//   by block author (Aura's slot round robin), and compares each sender's nonce on chain with the
//   next one it signed: the difference is what was submitted but never included.
// Prints one `[swap-flood] rounds: ...` line and one `[swap-flood] by author: ...` line; exits 1
// if no swap was included.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { existsSync } from 'node:fs';
import { nonceSigner } from './lib/fast-sign.js';
import { auraSlot, devAccounts, devNamesByPublicKey, signAndWait } from './lib/node.js';

const [stopFile, submitPort, sendersArg = '300', perRoundArg = '3000'] = process.argv.slice(2);
if (!stopFile || !submitPort) {
  console.error('usage: node swap-flood.mjs <stop-file> <submit-ports> [senders=300] [per-round=3000]');
  process.exit(2);
}
const SENDERS = Number(sendersArg);
const PER_ROUND = Number(perRoundArg);
const FUND_BATCH = 150; // senders per funding batch: 300 calls stay well inside one block
const SUBMIT_CHUNK = 200; // parallel submissions; below SENDERS, so a sender's nonces arrive in order
const POLL_MS = 500;
const DRAIN_TIMEOUT_MS = 60_000; // a pool that does not drain (a stuck node) must not stop the rounds
const DFI = 10n ** 12n;
const USDT = 10n ** 6n;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => console.log(`${new Date().toISOString()} ${line}`);

const provider = new WsProvider(`ws://127.0.0.1:${submitPort}`);
const api = await ApiPromise.create({ provider, noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//flood//${i}`));
const senderSet = new Set(senders.map((s) => s.address));

// Funding: Alice's batches with consecutive explicit nonces, waited for in parallel.
const { alice } = devAccounts();
const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
const batches = [];
for (let i = 0; i < SENDERS; i += FUND_BATCH) {
  batches.push(api.tx.utility.batchAll(senders.slice(i, i + FUND_BATCH).flatMap((s) => [
    api.tx.balances.transferKeepAlive(s.address, 100n * DFI), // ~0.002 DFI a swap in fees
    api.tx.assets.transfer(1, s.address, 100n * USDT),
  ])));
}
const funded = await Promise.all(batches.map((tx, k) => signAndWait(tx, alice, { nonce: aliceNonce + k, timeoutMs: 120_000 })));
const failedBatch = funded.find((r) => r.dispatchError);
if (failedBatch) {
  console.log(`[swap-flood] funding failed: ${failedBatch.dispatchError}`);
  process.exit(1);
}
const fundedIn = (await api.rpc.chain.getHeader(funded.at(-1).blockHash)).number.toNumber();
console.log(`[swap-flood] funded ${SENDERS} senders in ${batches.length} batches, last in #${fundedIn}`);

const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const firstBlock = (await best()) + 1;
const deadline = firstBlock + 1_000_000; // swaps must not expire during the run
const paths = [
  [{ poolId: 0, assetIn: { WithId: 1 }, assetOut: { Native: null } }],
  [{ poolId: 0, assetIn: { Native: null }, assetOut: { WithId: 1 } }],
];
const amounts = [USDT, DFI / 2n]; // about equal value at 1 DFI = 2 USDT
const swapOf = (i, side) => api.tx.dex.swapExactIn(paths[side], amounts[side], 1n, senders[i].address, deadline);

// One signer per sender and side; polkadot.js's `signAsync` where a template cannot be built.
const signStarted = Date.now();
const signers = [];
let fallbacks = 0;
for (let i = 0; i < SENDERS; i += 1) {
  signers.push(await Promise.all([0, 1].map(async (side) => {
    try {
      return await nonceSigner(api, () => swapOf(i, side), senders[i]);
    } catch (e) {
      if (fallbacks++ === 0) log(`fast signing unavailable (${e.message}); signing through polkadot.js`);
      return async (nonce) => (await swapOf(i, side).signAsync(senders[i], { nonce, era: 0 })).toHex();
    }
  })));
}
log(`signers for ${SENDERS} senders ready in ${((Date.now() - signStarted) / 1000).toFixed(1)} s (${fallbacks} through polkadot.js)`);

// Every round starts from the node's next nonce of each sender (its chain nonce plus what
// its pool holds in sequence): a swap that node lost leaves a gap that would park all later ones
// in the future queue; signing again from the gap closes it. What the gaps cost is counted.
const nonces = new Array(SENDERS).fill(0);
let resigned = 0; // nonces signed again: rejected, or no longer in the node's pool
async function rereadNonces() {
  for (let c = 0; c < SENDERS; c += SUBMIT_CHUNK) {
    await Promise.all(senders.slice(c, c + SUBMIT_CHUNK).map(async (s, k) => {
      const i = c + k;
      try {
        const next = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
        if (next < nonces[i]) resigned += nonces[i] - next;
        nonces[i] = next;
      } catch {
        // node unreachable: keep the local nonce this round
      }
    }));
  }
}

// Raw RPC: polkadot.js's rpc-core would log every rejected submission and decode every pending one.
const pendingCount = async () => {
  try {
    return (await provider.send('author_pendingExtrinsics', [])).length;
  } catch {
    return null;
  }
};
const errorKinds = new Map();
const countError = (e) => {
  // Grouped by message with the varying numbers (`1014: Priority is too low: (5 vs 5)`) masked.
  const kind = String(e?.message ?? e).replace(/(?<=.)\b\d+\b/g, '#').slice(0, 60);
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
};
let rounds = 0;
let submitted = 0;
let submitErrors = 0;
let signingMs = 0;
while (!existsSync(stopFile)) {
  try {
    while (!provider.isConnected && !existsSync(stopFile)) await sleep(POLL_MS);
    if (existsSync(stopFile)) break;
    rounds += 1;
    const started = Date.now();
    await rereadNonces();
    // Round-robin over the senders: within one submit chunk no sender appears twice.
    const signed = [];
    for (let k = 0; k < PER_ROUND; k += 1) {
      const i = k % SENDERS;
      const nonce = nonces[i]++;
      const side = (nonce + i) % 2; // each sender alternates; neighbours trade opposite ways
      signed.push({ i, hex: await signers[i][side](nonce) });
    }
    const signedIn = Date.now() - started;
    signingMs += signedIn;
    let errors = 0;
    for (let c = 0; c < signed.length; c += SUBMIT_CHUNK) {
      const chunk = signed.slice(c, c + SUBMIT_CHUNK);
      const results = await Promise.allSettled(chunk.map(({ hex }) => provider.send('author_submitExtrinsic', [hex])));
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        errors += 1; // the next round's nonces close the gap it leaves
        countError(r.reason);
      }
    }
    submitted += signed.length - errors;
    submitErrors += errors;
    const drainBy = Date.now() + DRAIN_TIMEOUT_MS;
    let pending = await pendingCount();
    while ((pending === null || pending >= PER_ROUND) && Date.now() < drainBy && !existsSync(stopFile)) {
      await sleep(POLL_MS);
      pending = await pendingCount();
    }
    log(`round ${rounds}: ${signed.length} nonces read and signed in ${(signedIn / 1000).toFixed(1)} s, ${errors} errors, ready in pool ${pending ?? '?'}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    log(`round ${rounds} failed: ${e?.message ?? e}`);
    await sleep(1000);
  }
}

// Let the submitted swaps land before counting, so submitted and included are comparable.
const drainBy = Date.now() + DRAIN_TIMEOUT_MS;
let leftover = await pendingCount();
while (leftover !== 0 && Date.now() < drainBy) {
  await sleep(POLL_MS);
  leftover = await pendingCount();
}

const lastBlock = await best();
const lastHash = await api.rpc.chain.getBlockHash(lastBlock);
const authorities = (await api.query.aura.authorities.at(lastHash)).map((a) => a.toHex());
const names = devNamesByPublicKey();
// A block is full when its normal-class weight is at least 90 % of the class's maximum.
const normalMax = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
const FULL_PERCENT = 90n;
const byAuthor = new Map(); // name -> { blocks, swaps, without, full }
let fullBlocks = 0;
let included = 0;
let failedInBlock = 0; // flood extrinsics included but failed (`system.ExtrinsicFailed`)
let emptyBlocks = 0; // blocks in the range without a flood swap
let most = { count: 0, number: null };
for (let n = firstBlock; n <= lastBlock; n += 1) {
  const hash = await api.rpc.chain.getBlockHash(n);
  const [block, events, weight] = await Promise.all([
    api.rpc.chain.getBlock(hash), api.query.system.events.at(hash), api.query.system.blockWeight.at(hash),
  ]);
  const full = weight.normal.refTime.toBigInt() * 100n >= normalMax * FULL_PERCENT;
  const floodIndexes = new Set();
  block.block.extrinsics.forEach((x, k) => {
    if (x.isSigned && senderSet.has(x.signer.toString())) floodIndexes.add(k);
  });
  let swaps = 0;
  for (const { event, phase } of events) {
    if (event.section === 'dex' && event.method === 'Swapped' && senderSet.has(event.data[0].toString())) swaps += 1;
    if (event.section === 'system' && event.method === 'ExtrinsicFailed' && phase.isApplyExtrinsic
      && floodIndexes.has(phase.asApplyExtrinsic.toNumber())) failedInBlock += 1;
  }
  const slot = auraSlot(block.block.header);
  const key = slot === null ? '?' : authorities[slot % authorities.length];
  const author = names.get(key) ?? key;
  const entry = byAuthor.get(author) ?? { blocks: 0, swaps: 0, without: 0, full: 0 };
  entry.blocks += 1;
  entry.swaps += swaps;
  if (swaps === 0) entry.without += 1;
  if (full) {
    entry.full += 1;
    fullBlocks += 1;
  }
  byAuthor.set(author, entry);
  included += swaps;
  if (swaps === 0) emptyBlocks += 1;
  if (swaps > most.count) most = { count: swaps, number: n };
}

// Submitted but never included: each sender's next signed nonce against its nonce on chain.
let neverIncluded = 0;
let sendersBehind = 0;
for (let c = 0; c < SENDERS; c += SUBMIT_CHUNK) {
  const onChain = await api.query.system.account.multi(senders.slice(c, c + SUBMIT_CHUNK).map((s) => s.address));
  onChain.forEach((account, k) => {
    const behind = nonces[c + k] - account.nonce.toNumber();
    if (behind > 0) {
      neverIncluded += behind;
      sendersBehind += 1;
    }
  });
}
await api.disconnect();

const kinds = [...errorKinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}× ${k}`).join('; ');
console.log(
  `[swap-flood] rounds: ${rounds}, swaps submitted: ${submitted}` +
  ` (reading nonces and signing ${(signingMs / 1000).toFixed(1)} s, ${Math.round(submitted / Math.max(signingMs, 1) * 1000)}/s),` +
  ` submit errors: ${submitErrors}${kinds ? ` (${kinds})` : ''},` +
  ` swaps included: ${included} in #${firstBlock}..#${lastBlock}` +
  ` (most in one block: ${most.count}${most.number === null ? '' : ` in #${most.number}`}, blocks without one: ${emptyBlocks},` +
  ` full blocks (normal class ≥ ${FULL_PERCENT} %): ${fullBlocks} of ${lastBlock - firstBlock + 1}),` +
  ` included but failed: ${failedInBlock}, nonces signed again (rejected, or gone from the node's pool): ${resigned},` +
  ` submitted but never included: ${neverIncluded} (${sendersBehind} senders),` +
  ` still in pool: ${leftover ?? '?'}`,
);
console.log(`[swap-flood] by author: ${[...byAuthor].map(([name, e]) => `${name} ${e.swaps} swaps in ${e.blocks} blocks (${e.full} full, ${e.without} without)`).join(', ')}`);
process.exit(included > 0 ? 0 : 1);
