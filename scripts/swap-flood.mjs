// A flood of DEX swaps into a running testnet: more pre-signed swaps ready in the pool than a
// block can hold, so every slot's author builds a full block of them.
//
// Usage: node swap-flood.mjs <stop-file> <submit-port> [senders=300] [per-round=3000]
//   Funds `senders` fresh accounts (//flood//0, //flood//1, ...) from Alice with DFI for fees
//   and USDT to trade (utility.batchAll, 150 senders a batch, waited into a block), prints
//   `[swap-flood] funded ...`, then in rounds until <stop-file> exists: signs `per-round`
//   immortal `dex.swap_exact_in` on pool 0 (1 USDT -> DFI and 0.5 DFI -> USDT alternating, so the
//   price stays put) with locally tracked nonces, submits them through `submit-port`, and waits
//   until the node's ready pool is below per-round / 2 before the next round.
//   Submit errors (pool full, `1014 Priority is too low`, `Transaction is outdated`, a slow or
//   reconnecting node) are counted, not fatal. After the stop it lets the pool drain, then scans
//   the blocks from the flood's first one to the best one for the senders' `dex.Swapped` events.
// Prints one `[swap-flood] rounds: ...` line; exits 1 if no swap was included.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { existsSync } from 'node:fs';
import { devAccounts, signAndWait } from './lib/node.js';

const [stopFile, submitPort, sendersArg = '300', perRoundArg = '3000'] = process.argv.slice(2);
if (!stopFile || !submitPort) {
  console.error('usage: node swap-flood.mjs <stop-file> <submit-port> [senders=300] [per-round=3000]');
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

const nonces = new Array(SENDERS).fill(0);
const toReread = new Set(senders.keys()); // sender indexes whose nonce is read from the node
async function rereadNonces() {
  const indexes = [...toReread];
  for (let c = 0; c < indexes.length; c += SUBMIT_CHUNK) {
    await Promise.all(indexes.slice(c, c + SUBMIT_CHUNK).map(async (i) => {
      try {
        nonces[i] = (await api.rpc.system.accountNextIndex(senders[i].address)).toNumber();
        toReread.delete(i);
      } catch {
        // node unreachable: try again next round with the local nonce kept
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
      const tx = api.tx.dex.swapExactIn(paths[side], amounts[side], 1n, senders[i].address, deadline);
      await tx.signAsync(senders[i], { nonce, era: 0 });
      signed.push({ i, hex: tx.toHex() });
    }
    let errors = 0;
    for (let c = 0; c < signed.length; c += SUBMIT_CHUNK) {
      const chunk = signed.slice(c, c + SUBMIT_CHUNK);
      const results = await Promise.allSettled(chunk.map(({ hex }) => provider.send('author_submitExtrinsic', [hex])));
      results.forEach((r, k) => {
        if (r.status === 'fulfilled') return;
        errors += 1;
        countError(r.reason);
        // Whatever the error (outdated, same nonce in the pool, pool full, connection), the
        // sender's next nonce is unknown: later ones may wait on a gap. Ask the node.
        toReread.add(chunk[k].i);
      });
    }
    submitted += signed.length;
    submitErrors += errors;
    const drainBy = Date.now() + DRAIN_TIMEOUT_MS;
    let pending = await pendingCount();
    while ((pending === null || pending >= PER_ROUND / 2) && Date.now() < drainBy && !existsSync(stopFile)) {
      await sleep(POLL_MS);
      pending = await pendingCount();
    }
    log(`round ${rounds}: ${signed.length} submitted, ${errors} errors, ready in pool ${pending ?? '?'}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    log(`round ${rounds} failed: ${e?.message ?? e}`);
    senders.forEach((_, i) => toReread.add(i)); // nonces may have been taken but not submitted
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
let included = 0;
let failedInBlock = 0; // flood extrinsics included but failed (`system.ExtrinsicFailed`)
let emptyBlocks = 0; // blocks in the range without a flood swap
let most = { count: 0, number: null };
for (let n = firstBlock; n <= lastBlock; n += 1) {
  const hash = await api.rpc.chain.getBlockHash(n);
  const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
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
  included += swaps;
  if (swaps === 0) emptyBlocks += 1;
  if (swaps > most.count) most = { count: swaps, number: n };
}
await api.disconnect();

const kinds = [...errorKinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}× ${k}`).join('; ');
console.log(
  `[swap-flood] rounds: ${rounds}, swaps submitted: ${submitted}, submit errors: ${submitErrors}` +
  `${kinds ? ` (${kinds})` : ''}, swaps included: ${included} in #${firstBlock}..#${lastBlock}` +
  ` (most in one block: ${most.count}${most.number === null ? '' : ` in #${most.number}`}, blocks without one: ${emptyBlocks}),` +
  ` included but failed: ${failedInBlock}, still in pool: ${leftover ?? '?'}`,
);
process.exit(included > 0 ? 0 : 1);
