// End-to-end foundation tests against a throw-away dev node, in both sealing modes.
//
//   instant: a block as soon as a transaction arrives, finalized at once;
//   aura:    Aura + GRANDPA, 6 s slots (kept short: one finalized transfer).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { u8aToBigInt, u8aToHex } from '@polkadot/util';

import { devAccounts, signAndWait, startNode, waitForFinalized } from '../lib/node.js';

const DFI = 10n ** 12n;
const { alice, bob } = devAccounts();

/** Names accepted for "balances transfer of more than the free balance". */
const INSUFFICIENT_NATIVE_ERRORS = Object.freeze([
  'Token.FundsUnavailable', // current pallet-balances (fungible traits)
  'balances.InsufficientBalance', // legacy Currency path
  'Token.NotExpendable',
  'balances.Expendability',
  'balances.KeepAlive',
]);

const EXPECTED_PALLETS = [
  'System',
  'Timestamp',
  'Aura',
  'Grandpa',
  'Balances',
  'TransactionPayment',
  'Sudo',
  'Utility',
  'Assets',
  'PoolAssets',
  'AssetConversion',
];

const EXPECTED_ASSETS = {
  1: { symbol: 'USDT', decimals: 6 },
  2: { symbol: 'USDC', decimals: 6 },
  3: { symbol: 'WBTC', decimals: 8 },
  4: { symbol: 'WETH', decimals: 18 },
};

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const big = (codec) => BigInt(codec.toString());

/** Run a test body; on failure print the tail of the node log before rethrowing. */
function withNodeLog(getNode, fn) {
  return async (t) => {
    try {
      await fn(t);
    } catch (err) {
      const node = getNode();
      if (node) {
        console.error(`\n--- defi-node log tail (${node.logFile}) ---\n${node.logTail(60)}\n--- end of log ---`);
      }
      throw err;
    }
  };
}

/** Decorated APIs at the parent of `blockHash` (pre-state) and at `blockHash` (post-state). */
async function stateAround(api, blockHash) {
  const header = await api.rpc.chain.getHeader(blockHash);
  const [pre, post] = await Promise.all([api.at(header.parentHash), api.at(blockHash)]);
  return { header, number: header.number.toNumber(), pre, post };
}

async function freeAt(apiAt, address) {
  const { data } = await apiAt.query.system.account(address);
  return big(data.free);
}

async function assetAt(apiAt, assetId, address) {
  const acc = await apiAt.query.assets.account(assetId, address);
  return acc.isSome ? big(acc.unwrap().balance) : 0n;
}

/** Native free-balance changes of `addresses` caused by block `blockHash`. */
async function nativeDeltas(api, blockHash, addresses) {
  const { pre, post } = await stateAround(api, blockHash);
  const out = [];
  for (const a of addresses) {
    out.push((await freeAt(post, a)) - (await freeAt(pre, a)));
  }
  return out;
}

/** Sums of `balances.Withdraw` and `balances.Deposit` events for `address` anywhere in block `blockHash`. */
async function balanceEvents(api, blockHash, address) {
  const apiAt = await api.at(blockHash);
  const records = await apiAt.query.system.events();
  let withdrawn = 0n;
  let deposited = 0n;
  for (const { event } of records) {
    if (event.section !== 'balances') continue;
    if (event.method !== 'Withdraw' && event.method !== 'Deposit') continue;
    const [who, amount] = event.data;
    if (who.toString() !== address) continue;
    if (event.method === 'Withdraw') withdrawn += big(amount);
    else deposited += big(amount);
  }
  return { withdrawn, deposited };
}

/**
 * Public key (hex) of the Aura author of block `blockHash`, or null when the
 * block has no Aura pre-runtime digest (e.g. a manual/instant-sealed block).
 */
async function auraAuthor(api, blockHash) {
  const header = await api.rpc.chain.getHeader(blockHash);
  for (const log of header.digest.logs) {
    if (!log.isPreRuntime) continue;
    const [engine, data] = log.asPreRuntime;
    if (!engine.isAura) continue;
    const slot = u8aToBigInt(data.toU8a(true).subarray(0, 8), { isLe: true });
    const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
    if (authorities.length === 0) return null;
    return u8aToHex(authorities[Number(slot % BigInt(authorities.length))].toU8a(true));
  }
  return null;
}

/**
 * Assert that in block `blockHash` the sender's free DFI fell by exactly
 * `moved + fee`. The single allowed deviation: the sender also authored the
 * block (Alice is the only Aura authority on --dev) and the runtime pays
 * (part of) the fee to the author; then the change must still match the
 * block's Withdraw/Deposit events for the sender, and lie between -(moved + fee) and -moved.
 */
async function assertSenderPaid(api, blockHash, sender, { moved, fee }) {
  const [delta] = await nativeDeltas(api, blockHash, [sender.address]);
  const expected = -(moved + fee);
  if (delta === expected) return;
  const author = await auraAuthor(api, blockHash);
  assert.equal(
    author,
    u8aToHex(sender.publicKey),
    `sender's balance changed by ${delta}, expected exactly -(${moved} + fee ${fee}) = ${expected}`,
  );
  const { withdrawn, deposited } = await balanceEvents(api, blockHash, sender.address);
  assert.equal(delta, -moved - withdrawn + deposited, 'balance change matches the Withdraw/Deposit events');
  assert.ok(delta > expected && delta <= -moved, `author share of the fee within [0, fee]: delta ${delta}`);
}

function findEvent(events, section, method) {
  return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

/** Collect headers from subscribeNewHeads / subscribeFinalizedHeads until stopped. */
async function watchHeads(api) {
  const best = [];
  const finalized = [];
  const unsubBest = await api.rpc.chain.subscribeNewHeads((h) => best.push(h.number.toNumber()));
  const unsubFin = await api.rpc.chain.subscribeFinalizedHeads((h) => finalized.push(h.number.toNumber()));
  return {
    best,
    finalized,
    stop() {
      unsubBest();
      unsubFin();
    },
  };
}

async function waitUntil(pred, { timeoutMs = 30_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------
// checks shared by both sealing modes
// ---------------------------------------------------------------------------

async function checkChainInfo(api) {
  assert.equal((await api.rpc.system.chain()).toString(), 'Development');

  const props = await api.rpc.system.properties();
  assert.ok(props.tokenSymbol.isSome, 'tokenSymbol property is set');
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'DFI');
  assert.ok(props.tokenDecimals.isSome, 'tokenDecimals property is set');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.ok(props.ss58Format.isSome, 'ss58Format property is set');
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  // and polkadot.js picked them up
  assert.deepEqual(api.registry.chainTokens.slice(0, 1), ['DFI']);
  assert.deepEqual(api.registry.chainDecimals.slice(0, 1), [12]);
  assert.equal(api.registry.chainSS58, 42);

  const version = api.runtimeMetadata.version;
  assert.ok(version === 15 || version === 16, `metadata version is 15 or 16, got ${version}`);

  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const name of EXPECTED_PALLETS) {
    assert.ok(pallets.includes(name), `runtime has pallet ${name} (has: ${pallets.join(', ')})`);
  }
}

/**
 * transferKeepAlive Alice -> Bob; checks the Transfer event, the exact balance
 * changes in the inclusion block, the fee estimate and the nonce.
 */
async function checkNativeTransfer(api, { until }) {
  const amount = 1_234n * DFI + 567_890n;
  const tx = api.tx.balances.transferKeepAlive(bob.address, amount);

  // fee estimate before sending (runtime API transactionPaymentApi.queryInfo)
  assert.equal(typeof api.call.transactionPaymentApi?.queryInfo, 'function');
  const info = await tx.paymentInfo(alice);
  assert.ok(big(info.partialFee) > 0n, `partialFee > 0, got ${info.partialFee.toString()}`);

  const nonceBefore = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const res = await signAndWait(tx, alice, { until });
  assert.equal(res.dispatchError, null, `transfer failed: ${res.dispatchError}`);

  const transfer = findEvent(res.events, 'balances', 'Transfer');
  assert.ok(transfer, 'balances.Transfer event emitted');
  const [from, to, evAmount] = transfer.data;
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), bob.address);
  assert.equal(big(evAmount), amount);

  assert.ok(findEvent(res.events, 'system', 'ExtrinsicSuccess'), 'system.ExtrinsicSuccess event emitted');
  assert.ok(findEvent(res.events, 'transactionPayment', 'TransactionFeePaid'), 'TransactionFeePaid event emitted');
  assert.ok(res.fee > 0n, 'actual fee > 0');
  assert.equal(res.tip, 0n);

  await assertSenderPaid(api, res.blockHash, alice, { moved: amount, fee: res.fee });
  const [bobDelta] = await nativeDeltas(api, res.blockHash, [bob.address]);
  assert.equal(bobDelta, amount, 'Bob received exactly amount');

  const nonceAfter = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  assert.equal(nonceAfter, nonceBefore + 1, 'account nonce incremented');
  return res;
}

async function checkAssetMetadata(api) {
  for (const [id, want] of Object.entries(EXPECTED_ASSETS)) {
    const details = await api.query.assets.asset(Number(id));
    assert.ok(details.isSome, `asset ${id} exists`);
    const md = await api.query.assets.metadata(Number(id));
    assert.equal(md.symbol.toUtf8(), want.symbol, `asset ${id} symbol`);
    assert.equal(md.decimals.toNumber(), want.decimals, `asset ${id} decimals`);
    assert.ok(md.name.toUtf8().length > 0, `asset ${id} has a name`);
    for (const who of Object.values(devAccounts())) {
      const acc = await api.query.assets.account(Number(id), who.address);
      assert.ok(acc.isSome && big(acc.unwrap().balance) > 0n, `${who.meta.name} holds asset ${id}`);
    }
  }
}

async function checkAssetTransfer(api) {
  const USDT = 1;
  const amount = 12_345_678n; // 12.345678 USDT
  const res = await signAndWait(api.tx.assets.transfer(USDT, bob.address, amount), alice);
  assert.equal(res.dispatchError, null, `asset transfer failed: ${res.dispatchError}`);

  const ev = findEvent(res.events, 'assets', 'Transferred');
  assert.ok(ev, 'assets.Transferred event emitted');
  const [assetId, from, to, evAmount] = ev.data;
  assert.equal(assetId.toString(), String(USDT));
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), bob.address);
  assert.equal(big(evAmount), amount);

  const { pre, post } = await stateAround(api, res.blockHash);
  assert.equal((await assetAt(post, USDT, alice.address)) - (await assetAt(pre, USDT, alice.address)), -amount);
  assert.equal((await assetAt(post, USDT, bob.address)) - (await assetAt(pre, USDT, bob.address)), amount);

  // fees are paid in DFI
  await assertSenderPaid(api, res.blockHash, alice, { moved: 0n, fee: res.fee });
}

async function checkAssetOverdraft(api) {
  const USDT = 1;
  const balance = await assetAt(api, USDT, alice.address);
  assert.ok(balance > 0n);
  const res = await signAndWait(api.tx.assets.transfer(USDT, bob.address, balance + 1n), alice);
  assert.equal(res.dispatchError, 'assets.BalanceLow');
  assert.ok(findEvent(res.events, 'system', 'ExtrinsicFailed'), 'system.ExtrinsicFailed event emitted');
  assert.ok(res.fee > 0n, 'a fee is charged for the failed call');

  const { pre, post } = await stateAround(api, res.blockHash);
  assert.equal(await assetAt(post, USDT, alice.address), await assetAt(pre, USDT, alice.address));
  assert.equal(await assetAt(post, USDT, bob.address), await assetAt(pre, USDT, bob.address));

  await assertSenderPaid(api, res.blockHash, alice, { moved: 0n, fee: res.fee });
  const [bobNative] = await nativeDeltas(api, res.blockHash, [bob.address]);
  assert.equal(bobNative, 0n, 'receiver unchanged');
}

async function checkNativeOverdraft(api) {
  const { data } = await api.query.system.account(alice.address);
  const amount = big(data.free) + 1n;
  const res = await signAndWait(api.tx.balances.transferKeepAlive(bob.address, amount), alice);
  assert.ok(res.dispatchError, 'the transfer fails');
  assert.ok(
    INSUFFICIENT_NATIVE_ERRORS.includes(res.dispatchError),
    `named insufficient-balance error, got ${res.dispatchError}`,
  );
  assert.ok(findEvent(res.events, 'system', 'ExtrinsicFailed'), 'system.ExtrinsicFailed event emitted');
  assert.equal(findEvent(res.events, 'balances', 'Transfer'), undefined, 'no Transfer event');
  assert.ok(res.fee > 0n, 'a fee is charged for the failed call');

  await assertSenderPaid(api, res.blockHash, alice, { moved: 0n, fee: res.fee });
  const [bobDelta] = await nativeDeltas(api, res.blockHash, [bob.address]);
  assert.equal(bobDelta, 0n, 'receiver unchanged');
}

// ---------------------------------------------------------------------------
// instant sealing
// ---------------------------------------------------------------------------

describe('foundation (instant sealing)', () => {
  let node = null;
  const getNode = () => node;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
  });
  after(async () => {
    await node?.stop();
  });

  it('connects and reads chain name, properties and metadata', withNodeLog(getNode, async () => {
    await checkChainInfo(node.api);
  }));

  it('sees new blocks and a finalized head (blocks are made on demand)', withNodeLog(getNode, async () => {
    const { api } = node;
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    const heads = await watchHeads(api);
    try {
      // instant sealing only makes a block when a transaction arrives
      for (let i = 0; i < 2; i += 1) {
        const res = await signAndWait(api.tx.system.remark(`block ${i}`), alice);
        assert.equal(res.dispatchError, null);
      }
      await waitUntil(() => heads.best.filter((n) => n > start).length >= 2, { what: '2 new heads' });
      const fin = await waitForFinalized(api, 1);
      assert.ok(fin.number.toNumber() >= 1);
      await waitUntil(() => heads.finalized.some((n) => n >= 1), { what: 'finalized head >= 1' });
      assert.ok(new Set(heads.best.filter((n) => n > start)).size >= 2);
    } finally {
      heads.stop();
    }
  }));

  it('transfers DFI with transferKeepAlive and charges exactly the fee', withNodeLog(getNode, async () => {
    const res = await checkNativeTransfer(node.api, { until: 'inBlock' });
    // instant sealing finalizes each block at once
    const fin = await waitForFinalized(node.api, (await node.api.rpc.chain.getHeader(res.blockHash)).number.toNumber(), {
      timeoutMs: 15_000,
    });
    assert.ok(fin);
  }));

  it('has USDT/USDC/WBTC/WETH with metadata and funded dev accounts', withNodeLog(getNode, async () => {
    await checkAssetMetadata(node.api);
  }));

  it('transfers an asset (USDT) exactly', withNodeLog(getNode, async () => {
    await checkAssetTransfer(node.api);
  }));

  it('rejects an asset transfer above the balance with assets.BalanceLow', withNodeLog(getNode, async () => {
    await checkAssetOverdraft(node.api);
  }));

  it('rejects a DFI transfer above the free balance with a named error', withNodeLog(getNode, async () => {
    await checkNativeOverdraft(node.api);
  }));
});

// ---------------------------------------------------------------------------
// aura sealing (Aura + GRANDPA): kept short
// ---------------------------------------------------------------------------

describe('foundation (aura sealing)', () => {
  let node = null;
  const getNode = () => node;

  before(async () => {
    node = await startNode({ sealing: 'aura' });
  });
  after(async () => {
    await node?.stop();
  });

  it('connects and reads chain name, properties and metadata', withNodeLog(getNode, async () => {
    await checkChainInfo(node.api);
  }));

  it('produces blocks, finalizes them, and finalizes a DFI transfer', withNodeLog(getNode, async () => {
    const { api } = node;
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    const heads = await watchHeads(api);
    try {
      const res = await checkNativeTransfer(api, { until: 'finalized' });
      const included = (await api.rpc.chain.getHeader(res.blockHash)).number.toNumber();
      const finHead = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      assert.ok(finHead.number.toNumber() >= included, 'finalized head is at or past the inclusion block');
      assert.ok(included >= 1);

      // the finalized transfer took a few 6 s slots, so 2 new heads are normally seen already
      await waitUntil(() => new Set(heads.best.filter((n) => n > start)).size >= 2, {
        what: '2 new heads',
        timeoutMs: 30_000,
      });
      await waitUntil(() => heads.finalized.some((n) => n >= 1), { what: 'finalized head >= 1' });
    } finally {
      heads.stop();
    }
  }));
});
