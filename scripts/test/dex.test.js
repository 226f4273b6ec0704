// End-to-end tests of the DEX pallet (`Dex`) and its runtime API (`DexApi`) against a
// throw-away dev node with instant sealing: one block per transaction, finalized at once.
//
// Every swap is quoted through the runtime API at the best block B and then submitted; under
// instant sealing it lands in block B + 1 (asserted), i.e. it executes in exactly the state
// that was quoted, so quote and execution must agree to the base unit.
//
// Balance changes are always measured across the one block that contains the transaction
// (state at its parent vs. state at the block).
//
// Accounts: Ferdie provided the genesis liquidity, so he is left alone.
//   Bob: liquidity; Charlie: DFI -> USDT swaps; Alice: stable swap; Dave: exact-out;
//   Eve: multi-hop, pool creation, deadline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { nonceSigner } from '../lib/fast-sign.js';
import { assetBalance, devAccounts, signAndWait, startNode } from '../lib/node.js';

const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();

const DFI = 10n ** 12n;
const USDT_UNIT = 10n ** 6n;
const USDC_UNIT = 10n ** 6n;
const WBTC_UNIT = 10n ** 8n;
const WETH_UNIT = 10n ** 18n;

// NativeOrWithId<u32> as polkadot.js input.
const NATIVE = Object.freeze({ Native: null });
const USDT = Object.freeze({ WithId: 1 });
const USDC = Object.freeze({ WithId: 2 });
const WBTC = Object.freeze({ WithId: 3 });
const WETH = Object.freeze({ WithId: 4 });

/** LP tokens locked in the pool account at a pool's first deposit (`MinimumLiquidity`). */
const MINIMUM_LIQUIDITY = 1_000n;

/** Genesis pools (assets sorted: Native < WithId(1) < WithId(2) ...), reserves in base units. */
const GENESIS_POOLS = [
  {
    id: 0,
    stable: false,
    assets: ['Native', 'WithId(1)'],
    reserves: [100_000n * DFI, 200_000n * USDT_UNIT],
    fee: 3_000,
    amplification: 0n,
  },
  {
    id: 1,
    stable: false,
    assets: ['WithId(1)', 'WithId(3)'],
    reserves: [3_000_000n * USDT_UNIT, 50n * WBTC_UNIT],
    fee: 3_000,
    amplification: 0n,
  },
  {
    id: 2,
    stable: false,
    assets: ['WithId(1)', 'WithId(4)'],
    reserves: [3_000_000n * USDT_UNIT, 1_000n * WETH_UNIT],
    fee: 3_000,
    amplification: 0n,
  },
  {
    id: 3,
    stable: true,
    assets: ['WithId(1)', 'WithId(2)'],
    reserves: [1_000_000n * USDT_UNIT, 1_000_000n * USDC_UNIT],
    fee: 400,
    amplification: 200n,
  },
  {
    // dUSD (asset 5, 6 decimals, minted by the stablecoin and the peg module): where
    // liquidations sell collateral for it.
    id: 4,
    stable: true,
    assets: ['WithId(1)', 'WithId(2)', 'WithId(5)'],
    reserves: [300_000n * USDT_UNIT, 300_000n * USDC_UNIT, 300_000n * USDT_UNIT],
    fee: 400,
    amplification: 200n,
  },
];

/** FixedU128 inner value of 1. */
const FIXED_ONE = 10n ** 18n;
/** Pool 0's genesis spot price of DFI in USDT, base units: 2e11 / 1e17 = 2e-6 -> inner 2e12. */
const POOL0_GENESIS_SPOT = 2_000_000_000_000n;

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const big = (codec) => BigInt(codec.toString());
const bigs = (vec) => [...vec].map(big);

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

/** 'Native' / 'WithId(n)' for a decoded NativeOrWithId codec. */
function assetLabel(codec) {
  if (codec.isNative) return 'Native';
  if (codec.isWithId) return `WithId(${codec.asWithId.toNumber()})`;
  throw new Error(`not a NativeOrWithId: ${codec.toString()}`);
}

/** 'Native' / 'WithId(n)' for a polkadot.js input object ({ Native: null } / { WithId: n }). */
function jsAssetLabel(asset) {
  return 'Native' in asset ? 'Native' : `WithId(${asset.WithId})`;
}

function hop(poolId, assetIn, assetOut) {
  return { poolId, assetIn, assetOut };
}

/** Integer square root (floor). */
function isqrt(n) {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** A named field of an event's data (polkadot.js exposes named fields in camelCase). */
function field(ev, name) {
  const value = ev.data[name];
  assert.notEqual(
    value,
    undefined,
    `${ev.section}.${ev.method} has a field '${name}' (fields: ${JSON.stringify(ev.data.names)})`,
  );
  return value;
}

function findEvent(events, section, method) {
  return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

function findEvents(events, section, method) {
  return events.filter(({ event }) => event.section === section && event.method === method).map((r) => r.event);
}

/** Decorated APIs at the parent of `blockHash` (pre-state) and at `blockHash` (post-state). */
async function stateAround(api, blockHash) {
  const header = await api.rpc.chain.getHeader(blockHash);
  const [pre, post] = await Promise.all([api.at(header.parentHash), api.at(blockHash)]);
  return { header, parentHash: header.parentHash.toHex(), pre, post };
}

/** Balance of `asset` (polkadot.js input form) held by `address`: free DFI or the asset balance. */
async function tokenAt(apiAt, asset, address) {
  if ('Native' in asset) {
    const { data } = await apiAt.query.system.account(address);
    return big(data.free);
  }
  const acc = await apiAt.query.assets.account(asset.WithId, address);
  return acc.isSome ? big(acc.unwrap().balance) : 0n;
}

/** LP balance (PoolAssets) of `address` in pool `poolId`. */
async function lpAt(apiAt, poolId, address) {
  const acc = await apiAt.query.poolAssets.account(poolId, address);
  return acc.isSome ? big(acc.unwrap().balance) : 0n;
}

/** Decoded `Dex::Pools(poolId)` (asserts it exists). */
async function poolAt(apiAt, poolId) {
  const pool = await apiAt.query.dex.pools(poolId);
  assert.ok(pool.isSome, `pool ${poolId} exists`);
  return pool.unwrap();
}

/** Changes of `address`'s balances of `assets` caused by block `blockHash`, in order. */
async function deltas(api, blockHash, address, assets) {
  const { pre, post } = await stateAround(api, blockHash);
  const out = [];
  for (const asset of assets) {
    out.push((await tokenAt(post, asset, address)) - (await tokenAt(pre, asset, address)));
  }
  return out;
}

async function bestHeader(api) {
  return api.rpc.chain.getHeader();
}

/** A deadline comfortably in the future. */
async function futureDeadline(api) {
  return (await bestHeader(api)).number.toNumber() + 100;
}

/** The state the next transaction will execute on (the best block) and its call decoration. */
async function quoteState(api) {
  const header = await bestHeader(api);
  const hash = header.hash.toHex();
  return { hash, number: header.number.toNumber(), apiAt: await api.at(hash) };
}

/** `quoteExactIn` at `apiAt`; asserts Some and returns the amounts as BigInt. */
async function quoteIn(apiAt, path, amountIn) {
  const q = await apiAt.call.dexApi.quoteExactIn(path, amountIn);
  assert.ok(q.isSome, `quoteExactIn(${JSON.stringify(path)}, ${amountIn}) returned Some`);
  const amounts = bigs(q.unwrap());
  assert.equal(amounts.length, path.length + 1, 'one amount per hop plus the input');
  assert.equal(amounts[0], amountIn, 'quote starts with the input');
  return amounts;
}

/** `quoteExactOut` at `apiAt`; asserts Some and returns the amounts as BigInt. */
async function quoteOut(apiAt, path, amountOut) {
  const q = await apiAt.call.dexApi.quoteExactOut(path, amountOut);
  assert.ok(q.isSome, `quoteExactOut(${JSON.stringify(path)}, ${amountOut}) returned Some`);
  const amounts = bigs(q.unwrap());
  assert.equal(amounts.length, path.length + 1, 'one amount per hop plus the input');
  assert.equal(amounts[amounts.length - 1], amountOut, 'quote ends with the requested output');
  return amounts;
}

/** Asserts the transaction's block is the direct child of the quoted block. */
async function assertExecutedRightAfter(api, res, quotedHash) {
  const header = await api.rpc.chain.getHeader(res.blockHash);
  assert.equal(header.parentHash.toHex(), quotedHash, 'the transaction executed on the quoted state');
}

/** The Swapped event of a successful swap, decoded. */
function swappedOf(res) {
  assert.equal(res.dispatchError, null, `swap failed: ${res.dispatchError}`);
  const all = findEvents(res.events, 'dex', 'Swapped');
  assert.equal(all.length, 1, 'exactly one dex.Swapped event');
  const ev = all[0];
  return {
    who: field(ev, 'who').toString(),
    recipient: field(ev, 'recipient').toString(),
    path: [...field(ev, 'path')],
    amounts: bigs(field(ev, 'amounts')),
    fees: bigs(field(ev, 'fees')),
    protocolFees: bigs(field(ev, 'protocolFees')),
  };
}

/**
 * Checks the pools' reserves moved exactly as the swap says: per hop, constant product
 * `in += amount_in - protocol_fee, out -= amount_out`; stable `in += amount_in,
 * out -= amount_out + protocol_fee`. Returns the pools' pre/post reserves.
 */
async function assertSwapReserves(api, blockHash, path, swapped) {
  const { pre, post } = await stateAround(api, blockHash);
  for (let k = 0; k < path.length; k += 1) {
    const { poolId, assetIn, assetOut } = path[k];
    const before = await poolAt(pre, poolId);
    const afterPool = await poolAt(post, poolId);
    const labels = [...before.assets].map(assetLabel);
    const i = labels.indexOf(jsAssetLabel(assetIn));
    const j = labels.indexOf(jsAssetLabel(assetOut));
    assert.ok(i >= 0 && j >= 0, `hop ${k}: assets in pool ${poolId} (${labels.join(', ')})`);
    const stable = before.kind.isStable;
    const r0 = bigs(before.reserves);
    const r1 = bigs(afterPool.reserves);
    const amountIn = swapped.amounts[k];
    const amountOut = swapped.amounts[k + 1];
    const pf = swapped.protocolFees[k];
    const expected = [...r0];
    if (stable) {
      expected[i] += amountIn;
      expected[j] -= amountOut + pf;
    } else {
      expected[i] += amountIn - pf;
      expected[j] -= amountOut;
    }
    assert.deepEqual(r1, expected, `hop ${k}: pool ${poolId} reserves moved by exactly the swap`);
  }
}

/** Native (fee) and token balance checks for a failed transaction: only the fee was paid. */
async function assertOnlyFeePaid(api, res, who, assets) {
  assert.ok(res.fee > 0n, 'a fee is charged for the failed call');
  assert.ok(findEvent(res.events, 'system', 'ExtrinsicFailed'), 'system.ExtrinsicFailed event emitted');
  assert.equal(findEvent(res.events, 'dex', 'Swapped'), undefined, 'no dex.Swapped event');
  const [native, ...others] = await deltas(api, res.blockHash, who.address, [NATIVE, ...assets]);
  assert.equal(native, -res.fee, 'DFI changed by exactly the transaction fee');
  for (const [k, d] of others.entries()) {
    assert.equal(d, 0n, `${jsAssetLabel(assets[k])} balance unchanged`);
  }
}

/** Pool storage (reserves and oracle) is byte-for-byte unchanged by block `blockHash`. */
async function assertPoolsUnchanged(api, blockHash, poolIds) {
  const { pre, post } = await stateAround(api, blockHash);
  for (const id of poolIds) {
    const a = await pre.query.dex.pools(id);
    const b = await post.query.dex.pools(id);
    assert.equal(b.toHex(), a.toHex(), `pool ${id} unchanged`);
  }
}

// ---------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------

describe('dex (instant sealing)', () => {
  let node = null;
  let api = null;
  const getNode = () => node;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
  });
  after(async () => {
    await node?.stop();
  });

  it('lists the 5 genesis pools through DexApi.pools() and storage', withNodeLog(getNode, async () => {
    assert.equal(typeof api.call.dexApi?.pools, 'function', 'runtime API dexApi is decorated (metadata V15)');

    assert.equal((await api.query.dex.nextPoolId()).toNumber(), GENESIS_POOLS.length, 'NextPoolId');
    const tiers = [...(await api.query.dex.feeTiers())].map((p) => p.toNumber());
    assert.deepEqual(tiers, [500, 3_000, 10_000], 'fee tiers');

    const views = [...(await api.call.dexApi.pools())];
    assert.equal(views.length, GENESIS_POOLS.length, `exactly ${GENESIS_POOLS.length} pools at genesis`);
    const byId = new Map(views.map((v) => [v.poolId.toNumber(), v]));

    for (const want of GENESIS_POOLS) {
      const v = byId.get(want.id);
      assert.ok(v, `pool ${want.id} listed`);
      assert.equal(v.stable.isTrue, want.stable, `pool ${want.id} stable flag`);
      assert.deepEqual([...v.assets].map(assetLabel), want.assets, `pool ${want.id} assets (sorted)`);
      assert.deepEqual(bigs(v.reserves), want.reserves, `pool ${want.id} reserves`);
      assert.equal(v.fee.toNumber(), want.fee, `pool ${want.id} fee (Permill parts)`);
      assert.equal(big(v.amplification), want.amplification, `pool ${want.id} amplification`);
      assert.equal(v.lpToken.toNumber(), want.id, `pool ${want.id} LP token id`);
      assert.ok(v.spotPrice.isSome, `pool ${want.id} has a spot price`);

      // LP supply agrees with the PoolAssets pallet; Ferdie holds all but the locked minimum.
      const lpSupply = big(v.lpSupply);
      assert.ok(lpSupply > MINIMUM_LIQUIDITY, `pool ${want.id} has LP supply`);
      const details = await api.query.poolAssets.asset(want.id);
      assert.ok(details.isSome, `LP token ${want.id} exists in PoolAssets`);
      assert.equal(big(details.unwrap().supply), lpSupply, `pool ${want.id} LP supply = PoolAssets supply`);
      assert.equal(await lpAt(api, want.id, ferdie.address), lpSupply - MINIMUM_LIQUIDITY, `Ferdie's LP in pool ${want.id}`);
      if (!want.stable) {
        // first constant-product deposit mints floor(sqrt(a*b))
        assert.equal(lpSupply, isqrt(want.reserves[0] * want.reserves[1]), `pool ${want.id} LP supply = sqrt(a*b)`);
      }

      // storage agrees with the view
      const stored = await poolAt(api, want.id);
      assert.deepEqual(bigs(stored.reserves), want.reserves, `Dex.Pools(${want.id}).reserves`);
      assert.deepEqual([...stored.assets].map(assetLabel), want.assets, `Dex.Pools(${want.id}).assets`);
      assert.equal(stored.fee.toNumber(), want.fee, `Dex.Pools(${want.id}).fee`);
      assert.equal(stored.kind.isStable, want.stable, `Dex.Pools(${want.id}).kind`);
    }

    // price of assets[0] in assets[1], base units
    assert.equal(big(byId.get(0).spotPrice.unwrap()), POOL0_GENESIS_SPOT, 'pool 0 spot: 1 DFI = 2 USDT');
    const stableSpot = big(byId.get(3).spotPrice.unwrap());
    assert.ok(
      stableSpot > (FIXED_ONE * 999n) / 1000n && stableSpot < (FIXED_ONE * 1001n) / 1000n,
      `balanced stable pool spot ~1, got ${stableSpot}`,
    );
  }));

  it('adds liquidity to pool 0 at the pool price (Bob)', withNodeLog(getNode, async () => {
    const offered = [1_000n * DFI, 2_100n * USDT_UNIT];
    const res = await signAndWait(api.tx.dex.addLiquidity(0, offered, 1), bob);
    assert.equal(res.dispatchError, null, `addLiquidity failed: ${res.dispatchError}`);

    const ev = findEvent(res.events, 'dex', 'LiquidityAdded');
    assert.ok(ev, 'dex.LiquidityAdded event emitted');
    assert.equal(field(ev, 'who').toString(), bob.address);
    assert.equal(field(ev, 'poolId').toNumber(), 0);
    const amounts = bigs(field(ev, 'amounts'));
    const shares = big(field(ev, 'shares'));
    assert.equal(amounts.length, 2);
    assert.ok(shares > 0n, 'LP shares minted');

    // DFI is the binding side at 1 DFI = 2 USDT: all 1,000 DFI and ~2,000 of the 2,100 USDT
    assert.equal(amounts[0], offered[0], 'all offered DFI used');
    const usdtUsed = amounts[1];
    assert.ok(
      usdtUsed >= 1_999n * USDT_UNIT && usdtUsed <= 2_001n * USDT_UNIT,
      `USDT used ~2,000 USDT, got ${usdtUsed}`,
    );
    assert.ok(usdtUsed < offered[1], 'the excess USDT was not taken');

    const { pre, post } = await stateAround(api, res.blockHash);

    // LP balance = the event's shares
    assert.equal(await lpAt(pre, 0, bob.address), 0n, 'Bob held no LP tokens of pool 0 before');
    assert.equal(await lpAt(post, 0, bob.address), shares, "Bob's LP balance equals the event's shares");
    const supplyPre = big((await pre.query.poolAssets.asset(0)).unwrap().supply);
    const supplyPost = big((await post.query.poolAssets.asset(0)).unwrap().supply);
    assert.equal(supplyPost - supplyPre, shares, 'LP supply grew by shares');
    // proportional: shares / supply == deposit / reserve (up to rounding down)
    const rPre = bigs((await poolAt(pre, 0)).reserves);
    assert.ok(shares <= (amounts[0] * supplyPre) / rPre[0], 'shares not more than the DFI share');
    assert.ok(shares <= (amounts[1] * supplyPre) / rPre[1], 'shares not more than the USDT share');

    // reserves grew by exactly the event's amounts
    const rPost = bigs((await poolAt(post, 0)).reserves);
    assert.deepEqual(rPost, [rPre[0] + amounts[0], rPre[1] + amounts[1]], 'reserves grew by the deposited amounts');

    // Bob paid exactly the event's amounts (DFI also the fee)
    const [dfi, usdt] = await deltas(api, res.blockHash, bob.address, [NATIVE, USDT]);
    assert.equal(usdt, -amounts[1], "Bob's USDT fell by exactly the deposited USDT");
    assert.equal(dfi, -(amounts[0] + res.fee), "Bob's DFI fell by the deposited DFI plus the fee");

    // the runtime API values the new shares at (at most) the deposit
    const value = await (await api.at(res.blockHash)).call.dexApi.lpShareValue(0, shares);
    assert.ok(value.isSome, 'lpShareValue returned Some');
    const v = bigs(value.unwrap());
    assert.equal(v.length, 2);
    for (let k = 0; k < 2; k += 1) {
      assert.ok(v[k] <= amounts[k], `share value ${k} does not exceed the deposit`);
      assert.ok(amounts[k] - v[k] <= amounts[k] / 1_000_000n + 1n, `share value ${k} ~ the deposit (${v[k]} vs ${amounts[k]})`);
    }
  }));

  it('quotes an exact-in swap and executes exactly the quote (Charlie, DFI -> USDT)', withNodeLog(getNode, async () => {
    const path = [hop(0, NATIVE, USDT)];
    const amountIn = 10n * DFI;
    const q = await quoteState(api);
    const quoted = await quoteIn(q.apiAt, path, amountIn);
    const out = quoted[1];
    // 10 DFI at ~2 USDT, minus the 0.3 % fee and a little slippage
    assert.ok(out > 19n * USDT_UNIT && out < 20n * USDT_UNIT, `~19.94 USDT out, got ${out}`);

    const tx = api.tx.dex.swapExactIn(path, amountIn, out, charlie.address, await futureDeadline(api));
    const res = await signAndWait(tx, charlie);
    const s = swappedOf(res);
    await assertExecutedRightAfter(api, res, q.hash);

    assert.equal(s.who, charlie.address);
    assert.equal(s.recipient, charlie.address);
    assert.equal(s.path.length, 1);
    assert.equal(s.path[0].poolId.toNumber(), 0);
    assert.equal(assetLabel(s.path[0].assetIn), 'Native');
    assert.equal(assetLabel(s.path[0].assetOut), 'WithId(1)');
    assert.deepEqual(s.amounts, quoted, 'executed amounts == quote');
    assert.equal(s.fees.length, 1);
    assert.ok(s.fees[0] > 0n, 'a swap fee was charged');
    assert.ok(s.fees[0] >= (amountIn * 3n) / 1000n, 'fee is 0.3 % of the input (rounded up)');
    assert.ok(s.protocolFees[0] <= s.fees[0], 'protocol fee is part of the fee');

    const [dfi, usdt] = await deltas(api, res.blockHash, charlie.address, [NATIVE, USDT]);
    assert.equal(usdt, out, "Charlie's USDT grew by exactly the quoted output");
    assert.equal(dfi, -(amountIn + res.fee), "Charlie's DFI fell by the input plus the fee");

    await assertSwapReserves(api, res.blockHash, path, s);
  }));

  it('rejects a swap whose minOut cannot be met with dex.InsufficientOutput', withNodeLog(getNode, async () => {
    const path = [hop(0, NATIVE, USDT)];
    const amountIn = 10n * DFI;
    const q = await quoteState(api);
    const quoted = await quoteIn(q.apiAt, path, amountIn);

    const tx = api.tx.dex.swapExactIn(path, amountIn, quoted[1] + 1n, charlie.address, await futureDeadline(api));
    const res = await signAndWait(tx, charlie);
    assert.equal(res.dispatchError, 'dex.InsufficientOutput');
    await assertExecutedRightAfter(api, res, q.hash);

    await assertOnlyFeePaid(api, res, charlie, [USDT]);
    await assertPoolsUnchanged(api, res.blockHash, [0]);
  }));

  it('swaps USDT -> USDC near 1:1 in the stable pool 3, exactly as quoted (Alice)', withNodeLog(getNode, async () => {
    const path = [hop(3, USDT, USDC)];
    const amountIn = 1_000n * USDT_UNIT;
    const q = await quoteState(api);
    const quoted = await quoteIn(q.apiAt, path, amountIn);
    const out = quoted[1];
    assert.ok(out >= 999n * USDC_UNIT && out <= 1_000n * USDC_UNIT, `1,000 USDT -> 999..1,000 USDC, got ${out}`);

    const tx = api.tx.dex.swapExactIn(path, amountIn, out, alice.address, await futureDeadline(api));
    const res = await signAndWait(tx, alice);
    const s = swappedOf(res);
    await assertExecutedRightAfter(api, res, q.hash);
    assert.deepEqual(s.amounts, quoted, 'executed amounts == quote');
    // stable fee is taken from the output: 0.04 % of ~1,000 USDC ~ 0.4 USDC
    assert.ok(s.fees[0] > 0n && s.fees[0] < 1n * USDC_UNIT, `stable fee ~0.4 USDC, got ${s.fees[0]}`);
    assert.ok(s.protocolFees[0] <= s.fees[0], 'protocol fee is part of the fee');

    const [dfi, usdt, usdc] = await deltas(api, res.blockHash, alice.address, [NATIVE, USDT, USDC]);
    assert.equal(usdt, -amountIn, "Alice's USDT fell by the input");
    assert.equal(usdc, out, "Alice's USDC grew by exactly the quoted output");
    assert.equal(dfi, -res.fee, "Alice's DFI changed by the fee only");

    await assertSwapReserves(api, res.blockHash, path, s);
  }));

  it('buys exactly 0.01 WBTC with swapExactOut for exactly the quoted input (Dave)', withNodeLog(getNode, async () => {
    const path = [hop(1, USDT, WBTC)];
    const amountOut = 1_000_000n; // 0.01 WBTC
    let q = await quoteState(api);
    const quoted = await quoteOut(q.apiAt, path, amountOut);
    const need = quoted[0];
    // 0.01 WBTC at 60,000 USDT/WBTC = 600 USDT, plus 0.3 % fee and slippage ~ 601.9 USDT
    assert.ok(need > 600n * USDT_UNIT && need < 605n * USDT_UNIT, `~601.9 USDT in, got ${need}`);

    let tx = api.tx.dex.swapExactOut(path, amountOut, need, dave.address, await futureDeadline(api));
    let res = await signAndWait(tx, dave);
    const s = swappedOf(res);
    await assertExecutedRightAfter(api, res, q.hash);
    assert.deepEqual(s.amounts, quoted, 'executed amounts == quote');
    assert.equal(s.amounts[1], amountOut, 'exactly 0.01 WBTC out');

    const [dfi, usdt, wbtc] = await deltas(api, res.blockHash, dave.address, [NATIVE, USDT, WBTC]);
    assert.equal(wbtc, amountOut, 'Dave received exactly 1,000,000 base units of WBTC');
    assert.equal(usdt, -need, 'Dave paid exactly the quoted USDT');
    assert.equal(dfi, -res.fee, "Dave's DFI changed by the fee only");
    await assertSwapReserves(api, res.blockHash, path, s);

    // and with maxIn one base unit below the (new) quote it fails with ExcessiveInput
    q = await quoteState(api);
    const quoted2 = await quoteOut(q.apiAt, path, amountOut);
    tx = api.tx.dex.swapExactOut(path, amountOut, quoted2[0] - 1n, dave.address, await futureDeadline(api));
    res = await signAndWait(tx, dave);
    assert.equal(res.dispatchError, 'dex.ExcessiveInput');
    await assertExecutedRightAfter(api, res, q.hash);
    await assertOnlyFeePaid(api, res, dave, [USDT, WBTC]);
    await assertPoolsUnchanged(api, res.blockHash, [1]);
  }));

  it('swaps DFI -> USDT -> USDC over two pools exactly as quoted (Eve)', withNodeLog(getNode, async () => {
    const path = [hop(0, NATIVE, USDT), hop(3, USDT, USDC)];
    const amountIn = 5n * DFI;
    const q = await quoteState(api);
    const quoted = await quoteIn(q.apiAt, path, amountIn);
    const out = quoted[2];
    // 5 DFI ~ 9.97 USDT ~ 9.96 USDC
    assert.ok(quoted[1] > 9n * USDT_UNIT && quoted[1] < 10n * USDT_UNIT, `~9.97 USDT mid, got ${quoted[1]}`);
    assert.ok(out > 9n * USDC_UNIT && out < 10n * USDC_UNIT, `~9.96 USDC out, got ${out}`);

    const tx = api.tx.dex.swapExactIn(path, amountIn, out, eve.address, await futureDeadline(api));
    const res = await signAndWait(tx, eve);
    const s = swappedOf(res);
    await assertExecutedRightAfter(api, res, q.hash);
    assert.equal(s.path.length, 2);
    assert.deepEqual(s.path.map((h) => h.poolId.toNumber()), [0, 3]);
    assert.deepEqual(s.amounts, quoted, 'executed amounts == quote (every hop)');
    assert.equal(s.fees.length, 2);
    assert.equal(s.protocolFees.length, 2);

    const [dfi, usdt, usdc] = await deltas(api, res.blockHash, eve.address, [NATIVE, USDT, USDC]);
    assert.equal(usdc, out, "Eve's USDC grew by exactly the quoted output");
    assert.equal(usdt, 0n, 'the intermediate USDT never touched Eve');
    assert.equal(dfi, -(amountIn + res.fee), "Eve's DFI fell by the input plus the fee");

    await assertSwapReserves(api, res.blockHash, path, s);
  }));

  it('removes liquidity for exactly what lpShareValue said (Bob)', withNodeLog(getNode, async () => {
    const shares = await lpAt(api, 0, bob.address);
    assert.ok(shares > 0n, 'Bob holds LP tokens of pool 0 (added earlier)');
    const q = await quoteState(api);
    const value = await q.apiAt.call.dexApi.lpShareValue(0, shares);
    assert.ok(value.isSome, 'lpShareValue returned Some');
    const expected = bigs(value.unwrap());

    const res = await signAndWait(api.tx.dex.removeLiquidity(0, shares, expected), bob);
    assert.equal(res.dispatchError, null, `removeLiquidity failed: ${res.dispatchError}`);
    await assertExecutedRightAfter(api, res, q.hash);

    const ev = findEvent(res.events, 'dex', 'LiquidityRemoved');
    assert.ok(ev, 'dex.LiquidityRemoved event emitted');
    assert.equal(field(ev, 'who').toString(), bob.address);
    assert.equal(field(ev, 'poolId').toNumber(), 0);
    assert.equal(big(field(ev, 'shares')), shares);
    const amounts = bigs(field(ev, 'amounts'));
    assert.deepEqual(amounts, expected, 'paid out exactly lpShareValue');

    const { pre, post } = await stateAround(api, res.blockHash);
    assert.equal(await lpAt(post, 0, bob.address), 0n, "Bob's LP tokens burned");
    const rPre = bigs((await poolAt(pre, 0)).reserves);
    const rPost = bigs((await poolAt(post, 0)).reserves);
    assert.deepEqual(rPost, [rPre[0] - amounts[0], rPre[1] - amounts[1]], 'reserves fell by the paid-out amounts');
    const [dfi, usdt] = await deltas(api, res.blockHash, bob.address, [NATIVE, USDT]);
    assert.equal(usdt, amounts[1], "Bob's USDT grew by the paid-out USDT");
    assert.equal(dfi, amounts[0] - res.fee, "Bob's DFI grew by the paid-out DFI minus the fee");
  }));

  it('creates a constant-product pool and rejects bad pools with named errors (Eve)', withNodeLog(getNode, async () => {
    const nextId = (await api.query.dex.nextPoolId()).toNumber();

    // assets given in reverse order: the pool stores them sorted
    let res = await signAndWait(api.tx.dex.createPool(WBTC, USDC, 3_000), eve);
    assert.equal(res.dispatchError, null, `createPool failed: ${res.dispatchError}`);
    const ev = findEvent(res.events, 'dex', 'PoolCreated');
    assert.ok(ev, 'dex.PoolCreated event emitted');
    assert.equal(field(ev, 'poolId').toNumber(), nextId);
    const creator = field(ev, 'creator');
    assert.ok(creator.isSome, 'creator is set');
    assert.equal(creator.unwrap().toString(), eve.address);
    assert.equal(big(field(ev, 'deposit')), 10n * DFI, 'a 10 DFI creation deposit');
    const held = await api.query.balances.holds(eve.address);
    assert.ok(
      held.some((h) => h.id.isDex && h.id.asDex.isPoolCreation && big(h.amount) >= 10n * DFI),
      `Eve's deposit is held under Dex.PoolCreation: ${held.toString()}`,
    );
    assert.deepEqual([...field(ev, 'assets')].map(assetLabel), ['WithId(2)', 'WithId(3)']);
    assert.equal(field(ev, 'fee').toNumber(), 3_000);
    assert.equal(field(ev, 'stable').isTrue, false);
    assert.equal(big(field(ev, 'amplification')), 0n);

    assert.equal((await api.query.dex.nextPoolId()).toNumber(), nextId + 1, 'NextPoolId advanced');
    const pool = await poolAt(api, nextId);
    assert.deepEqual(bigs(pool.reserves), [0n, 0n], 'new pool is empty');
    assert.ok((await api.query.poolAssets.asset(nextId)).isSome, 'LP token created with the pool id');
    const view = [...(await api.call.dexApi.pools())].find((v) => v.poolId.toNumber() === nextId);
    assert.ok(view, 'the new pool is listed by pools()');
    assert.ok(view.spotPrice.isNone, 'an empty pool has no spot price');

    res = await signAndWait(api.tx.dex.createPool(USDC, WBTC, 3_000), eve);
    assert.equal(res.dispatchError, 'dex.PoolExists');
    res = await signAndWait(api.tx.dex.createPool(USDT, USDT, 3_000), eve);
    assert.equal(res.dispatchError, 'dex.IdenticalAssets');
    res = await signAndWait(api.tx.dex.createPool(USDC, WETH, 1_234), eve);
    assert.equal(res.dispatchError, 'dex.FeeTierNotAllowed');
    assert.equal((await api.query.dex.nextPoolId()).toNumber(), nextId + 1, 'no further pool created');
  }));

  it('serves twap/emaPrice after trades and rejects an expired deadline (Eve)', withNodeLog(getNode, async () => {
    const path = [hop(0, NATIVE, USDT)];
    // trades in pool 0 in two more blocks
    for (let k = 0; k < 2; k += 1) {
      const res = await signAndWait(
        api.tx.dex.swapExactIn(path, 1n * DFI, 1, eve.address, await futureDeadline(api)),
        eve,
      );
      swappedOf(res);
    }

    const twap = await api.call.dexApi.twap(0, 1);
    assert.ok(twap.isSome, 'twap(0, 1) is Some');
    const twapInner = big(twap.unwrap());
    assert.ok(twapInner > 0n, 'twap is positive');
    const ema = await api.call.dexApi.emaPrice(0);
    assert.ok(ema.isSome, 'emaPrice(0) is Some');
    const emaInner = big(ema.unwrap());
    assert.ok(emaInner > 0n, 'EMA price is positive');
    // both near the pool's ~2 USDT per DFI (2e-6 in base units, inner 2e12)
    for (const [name, p] of [['twap', twapInner], ['ema', emaInner]]) {
      assert.ok(
        p > (POOL0_GENESIS_SPOT * 9n) / 10n && p < (POOL0_GENESIS_SPOT * 11n) / 10n,
        `${name} ~ ${POOL0_GENESIS_SPOT}, got ${p}`,
      );
    }
    const views = [...(await api.call.dexApi.pools())];
    const poolView = views.find((v) => v.poolId.toNumber() === 0);
    assert.ok(poolView.emaPrice.isSome && big(poolView.emaPrice.unwrap()) > 0n, 'pools() shows the EMA');

    // a deadline at the current best block has passed when the swap executes in the next one
    const best = (await bestHeader(api)).number.toNumber();
    const q = await quoteState(api);
    const res = await signAndWait(api.tx.dex.swapExactIn(path, 1n * DFI, 1, eve.address, best), eve);
    assert.equal(res.dispatchError, 'dex.DeadlineExpired');
    await assertExecutedRightAfter(api, res, q.hash);
    await assertOnlyFeePaid(api, res, eve, [USDT]);
    await assertPoolsUnchanged(api, res.blockHash, [0]);
  }));

  it('accrues the protocol fee in the pool and pays it to the treasury on collectProtocolFees (Eve)', withNodeLog(getNode, async () => {
    // 10 % of the 0.3 % fee on 100 DFI: 0.03 DFI accrues in pool 0, above the existential deposit.
    const path = [hop(0, NATIVE, USDT)];
    let res = await signAndWait(api.tx.dex.swapExactIn(path, 100n * DFI, 1, eve.address, await futureDeadline(api)), eve);
    const s = swappedOf(res);
    assert.equal(s.protocolFees[0], (s.fees[0] * 100_000n) / 1_000_000n, 'protocol fee = 10 % of the fee, rounded down');
    const { pre, post } = await stateAround(api, res.blockHash);
    const accruedBefore = bigs((await poolAt(pre, 0)).protocolFees);
    const accrued = bigs((await poolAt(post, 0)).protocolFees);
    assert.equal(accrued[0], accruedBefore[0] + s.protocolFees[0], 'the swap accrued its protocol fee in the pool');
    const view = [...(await api.call.dexApi.pools())].find((v) => v.poolId.toNumber() === 0);
    assert.equal(view.protocolFeeShare.toNumber(), 100_000, 'pools() shows the share (Permill parts)');
    assert.deepEqual(bigs(view.protocolFees), accrued, 'pools() shows the accrued fees');

    res = await signAndWait(api.tx.dex.collectProtocolFees(0), eve);
    assert.equal(res.dispatchError, null, `collect failed: ${res.dispatchError}`);
    const ev = findEvent(res.events, 'dex', 'ProtocolFeesCollected');
    assert.ok(ev, 'dex.ProtocolFeesCollected event');
    const paid = bigs(field(ev, 'amounts'));
    assert.equal(paid[0], accrued[0], 'all accrued DFI paid');
    const treasury = [...res.events]
      .map(({ event }) => event)
      .find((e) => e.section === 'balances' && e.method === 'Transfer' && e.data.amount && big(e.data.amount) === paid[0]);
    assert.ok(treasury, 'a balances.Transfer of the accrued DFI');
    const treasuryAddress = treasury.data.to.toString();
    const [dfi, usdt] = await deltas(api, res.blockHash, treasuryAddress, [NATIVE, USDT]);
    assert.equal(dfi, paid[0], 'the treasury received the DFI paid out');
    assert.equal(usdt, paid[1], 'the treasury received the USDT paid out');
    const after = await stateAround(api, res.blockHash);
    const poolBefore = await poolAt(after.pre, 0);
    const poolAfter = await poolAt(after.post, 0);
    assert.deepEqual(bigs(poolAfter.protocolFees), accrued.map((a, k) => a - paid[k]), 'what was paid is no longer accrued');
    assert.deepEqual(bigs(poolAfter.reserves), bigs(poolBefore.reserves), 'reserves untouched by the collection');

    res = await signAndWait(api.tx.dex.collectProtocolFees(99), eve);
    assert.equal(res.dispatchError, 'dex.PoolNotFound');
  }));

  it('windowPrice says what it covers, and the emergency pause filters a DEX call until unpaused (Ferdie, sudo)', withNodeLog(getNode, async () => {
    const wp = await api.call.dexApi.windowPrice(0, 1);
    assert.ok(wp.isSome, 'windowPrice(0, 1) is Some after trades in pool 0');
    const w = wp.unwrap();
    assert.ok(w.covered.toNumber() >= 1, `covers at least the window, got ${w.covered.toNumber()}`);
    assert.ok(big(w.price) > 0n, 'a defined price is never 0');
    assert.equal(big(w.price), big((await api.call.dexApi.twap(0, 1)).unwrap()), 'twap is its price');
    assert.ok(big(w.quoteLiquidity) > 0n, 'the USDT depth behind it');
    assert.ok((await api.call.dexApi.windowPrice(0, 100_000)).isNone, 'no answer older than the history');

    const name = ['Dex', 'collect_protocol_fees'];
    let res = await signAndWait(api.tx.sudo.sudo(api.tx.txPause.pause(name)), alice);
    assert.equal(res.dispatchError, null, `pause failed: ${res.dispatchError}`);
    assert.ok(findEvent(res.events, 'txPause', 'CallPaused'), 'txPause.CallPaused');
    res = await signAndWait(api.tx.dex.collectProtocolFees(0), ferdie);
    assert.equal(res.dispatchError, 'system.CallFiltered', 'the paused call is filtered');
    res = await signAndWait(api.tx.sudo.sudo(api.tx.txPause.unpause(name)), alice);
    assert.equal(res.dispatchError, null, `unpause failed: ${res.dispatchError}`);
    res = await signAndWait(api.tx.dex.collectProtocolFees(0), ferdie);
    assert.notEqual(res.dispatchError, 'system.CallFiltered', 'dispatched again once unpaused');
  }));

  it('executes swaps signed through lib/fast-sign.js templates at consecutive nonces, and the node rejects a forged one (Charlie)', withNodeLog(getNode, async () => {
    const path = [hop(0, NATIVE, USDT)];
    const deadline = await futureDeadline(api);
    const build = () => api.tx.dex.swapExactIn(path, DFI, 1n, charlie.address, deadline);
    const sign = await nonceSigner(api, build, charlie);
    const first = (await api.rpc.system.accountNextIndex(charlie.address)).toNumber();
    const usdtBefore = await assetBalance(api, 1, charlie.address);

    // A flipped signature byte: the node must check what the template signed.
    const forged = sign(first);
    const flipAt = forged.indexOf(api.createType('Extrinsic', forged).signature.toHex().slice(2));
    assert.ok(flipAt > 0, 'the signature is in the extrinsic');
    const bad = forged.slice(0, flipAt) + (forged[flipAt] === '0' ? '1' : '0') + forged.slice(flipAt + 1);
    await assert.rejects(api.rpc.author.submitExtrinsic(bad), /1010: Invalid Transaction: Transaction has a bad signature/, 'a forged signature is rejected');

    for (let k = 0; k < 3; k += 1) {
      const hex = sign(first + k);
      const decoded = api.createType('Extrinsic', hex);
      assert.equal(decoded.signer.toString(), charlie.address, 'signer');
      assert.equal(decoded.nonce.toNumber(), first + k, 'nonce');
      assert.ok(decoded.era.isImmortalEra, 'immortal');
      assert.equal(decoded.method.toHex(), build().method.toHex(), 'the call the template was built for');
      await api.rpc.author.submitExtrinsic(hex);
      const until = Date.now() + 30_000;
      while ((await api.query.system.account(charlie.address)).nonce.toNumber() <= first + k) {
        assert.ok(Date.now() < until, `swap at nonce ${first + k} not included within 30 s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const gained = (await assetBalance(api, 1, charlie.address)) - usdtBefore;
    // Three swaps of 1 DFI at ~2 USDT each, less the 0.3 % fee.
    assert.ok(gained > 5n * USDT_UNIT && gained < 6n * USDT_UNIT, `three swaps paid ~5.98 USDT, got ${gained}`);
  }));
});
