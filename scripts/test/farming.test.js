// End-to-end test of farming (`pallet-farming`, liquidity mining) through polkadot.js against a
// throw-away dev node with instant sealing (one block per transaction): the ten genesis farms
// `FarmingApi` lists, funded and counting the genesis positions; Bob adds liquidity to DEX pool 0,
// deposits the LP tokens in farm 0 (held in place in `PoolAssets`), and his claim pays exactly
// the pending figure at the block before it plus one block of the rate (the accumulator's
// rounding aside, computed exactly); his withdrawal returns the LP tokens exactly. Eve's USDT
// supply to the money market earns in farm 5 without any farming call, exactly her share. A claim
// with nothing pending fails with `farming.NothingToClaim`, and the other refusals are named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { devAccounts, signAndWait, startNode } from '../lib/node.js';
import { eventsOf } from '../lib/stablecoin.js';
import {
  FARMS,
  FARM_END,
  FARM_POT,
  FARM_RATE,
  GENESIS_FARM_COUNT,
  GENESIS_PROGRAMS,
  LP_MIN_BALANCE,
  TRADING_EPOCH,
  TRADING_CAP,
  TRADING_FARM_RATE,
  claimedNative,
  expectedReward,
  farmOf,
  farmer,
  farmerIn,
  farmingAccount,
  farms,
  pendingNative,
  proRata,
} from '../lib/farming.js';

const { alice, bob, charlie, eve, ferdie } = devAccounts();
const DFI = 10n ** 12n;
const USDT_UNIT = 10n ** 6n;
const USDT = Object.freeze({ WithId: 1 });

async function ok(tx, signer) {
  const res = await signAndWait(tx, signer);
  assert.equal(res.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${res.dispatchError}`);
  return res;
}

async function numberOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
}

/** Free LP tokens of DEX pool `pool` held by `who` at `at`. */
async function lpFree(api, pool, who, at) {
  const acc = await (await api.at(at)).query.poolAssets.account(pool, who);
  return acc.isSome ? acc.unwrap().balance.toBigInt() : 0n;
}

/** LP tokens of `pool` on hold for `who` at `at`: the total, and the farming hold's amount. */
async function lpHeld(api, pool, who, at) {
  const q = await api.at(at);
  const total = await q.query.poolAssetsHolder.balancesOnHold(pool, who);
  const holds = [...(await q.query.poolAssetsHolder.holds(pool, who))];
  const farming = holds.filter((h) => h.id.type === 'Farming').reduce((s, h) => s + h.amount.toBigInt(), 0n);
  return { total: total.isSome ? total.unwrap().toBigInt() : 0n, farming };
}

async function nativeFree(api, who, at) {
  const { data } = await (await api.at(at)).query.system.account(who);
  return data.free.toBigInt();
}

function feeOf(res) {
  return eventsOf(res.events, 'transactionPayment', 'TransactionFeePaid')[0].data.actualFee.toBigInt();
}

/** `n` blocks of nothing for the farms: remarks signed by Alice. */
async function advance(api, n) {
  let last;
  for (let i = 0; i < n; i++) last = await ok(api.tx.system.remark(`0x${(i + 1).toString(16).padStart(2, '0')}`), alice);
  return last.blockHash;
}

describe('farming', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
  });

  after(async () => {
    await node?.stop();
  });

  it('lists the ten genesis farms, funded, active and counting the genesis positions', async () => {
    const hash = (await api.rpc.chain.getHeader()).hash.toHex();
    const best = await numberOf(api, hash);
    const all = await farms(api, hash);
    assert.equal(all.length, GENESIS_FARM_COUNT);
    assert.deepEqual(all.map((f) => f.id), [...Array(GENESIS_FARM_COUNT).keys()]);
    assert.deepEqual(all.map((f) => f.program), GENESIS_PROGRAMS);
    for (const f of all) {
      assert.equal(f.status, 'Active', `farm ${f.id}`);
      assert.equal(f.start, 0);
      assert.equal(f.end, FARM_END);
      assert.equal(f.streams.length, 1);
      const [s] = f.streams;
      assert.equal(s.asset, 'Native', `farm ${f.id} pays DFI`);
      assert.equal(s.rate, f.id === FARMS.TRADING_DFI_USDT ? TRADING_FARM_RATE : FARM_RATE, `farm ${f.id} rate`);
      assert.equal(s.owed, 0n);
      // Nothing claimed yet: the pot and what accrued add up to the funding.
      assert.equal(s.pot + s.claimable, FARM_POT, `farm ${f.id} pot`);
    }
    // Nobody deposited LP tokens at genesis and nobody traded: their pots are whole.
    for (const id of [0, 1, 2, 3, 4, FARMS.TRADING_DFI_USDT]) {
      assert.equal(all[id].streams[0].pot, FARM_POT, `farm ${id} pot untouched`);
      assert.equal(all[id].totalShares, 0n);
    }
    // Activity farms with genesis positions emit from block 0 on.
    for (const id of [FARMS.SUPPLY_USDT, FARMS.BORROW_USDT, FARMS.SUPPLY_DFI, FARMS.STAKING_90D]) {
      assert.ok(all[id].totalShares > 0n, `farm ${id} has genesis shares`);
      assert.equal(all[id].streams[0].pot, FARM_POT - FARM_RATE * BigInt(best), `farm ${id} emitted ${best} blocks`);
    }
    const trading = all[FARMS.TRADING_DFI_USDT];
    assert.equal(trading.epochLength, TRADING_EPOCH);
    assert.equal(trading.epochVolume, 0n);
    // The cap per unit of volume (a FixedU128, 10^18 per unit) is in the farm's storage.
    const stored = (await (await api.at(hash)).query.farming.farms(FARMS.TRADING_DFI_USDT)).unwrap();
    assert.equal(stored.streams[0].capPerVolume.unwrap().toBigInt(), TRADING_CAP * 10n ** 18n);
    for (const f of all.filter((x) => x.id !== FARMS.TRADING_DFI_USDT)) assert.equal(f.epochLength, 0);
    // The pots sit in the farming account.
    assert.equal(await nativeFree(api, farmingAccount(api), hash), FARM_POT * BigInt(GENESIS_FARM_COUNT));

    // Charlie's 10,000 DFI genesis stake in product 2 is all of farm 8.
    const charlies = await farmerIn(api, FARMS.STAKING_90D, charlie.address, hash);
    assert.equal(charlies.shares, 10_000n * DFI);
    assert.equal(all[FARMS.STAKING_90D].totalShares, 10_000n * DFI);
    assert.equal(pendingNative(charlies), expectedReward(FARM_RATE, best, charlies.shares, charlies.shares));
    // Ferdie's genesis supply counts in farm 5, Charlie's USDT borrow in farm 6.
    assert.ok((await farmerIn(api, FARMS.SUPPLY_USDT, ferdie.address, hash)).shares > 0n);
    assert.ok((await farmerIn(api, FARMS.BORROW_USDT, charlie.address, hash)).shares > 0n);
    assert.deepEqual(await farmer(api, bob.address, hash), [], 'Bob is in no farm');
    assert.equal(await farmerIn(api, 0, bob.address, hash), null);
  });

  it('Bob deposits LP tokens of pool 0 in farm 0 and claims exactly the pending figure plus one block', async () => {
    const added = await ok(api.tx.dex.addLiquidity(0, [1_000n * DFI, 2_100n * USDT_UNIT], 1), bob);
    const lp = await lpFree(api, 0, bob.address, added.blockHash);
    assert.equal(lp, eventsOf(added.events, 'dex', 'LiquidityAdded')[0].data.shares.toBigInt());
    assert.ok(lp > LP_MIN_BALANCE);
    assert.deepEqual(await farmer(api, bob.address, added.blockHash), []);

    // A hold keeps the LP token's minimum balance free: everything else goes in.
    const amount = lp - LP_MIN_BALANCE;
    const deposited = await ok(api.tx.farming.deposit(FARMS.LP_DFI_USDT, amount), bob);
    const d = await numberOf(api, deposited.blockHash);
    const event = eventsOf(deposited.events, 'farming', 'Deposited')[0];
    assert.equal(event.data.who.toString(), bob.address);
    assert.equal(event.data.farm.toNumber(), FARMS.LP_DFI_USDT);
    assert.equal(event.data.amount.toBigInt(), amount);
    assert.equal(await lpFree(api, 0, bob.address, deposited.blockHash), lp - amount, 'the free LP balance fell by the deposit');
    assert.deepEqual(await lpHeld(api, 0, bob.address, deposited.blockHash), { total: amount, farming: amount }, 'held in place');
    assert.deepEqual(await farmerIn(api, 0, bob.address, deposited.blockHash), {
      farm: 0,
      shares: amount,
      pending: [{ asset: 'Native', accrued: 0n, payable: 0n }],
    });
    assert.equal((await farmOf(api, 0, deposited.blockHash)).totalShares, amount, 'Bob is the only farmer of farm 0');

    const readAt = await advance(api, 3);
    const [view] = await farmer(api, bob.address, readAt);
    assert.equal(view.farm, 0);
    const [pending] = view.pending;
    // The only farmer: three blocks of the whole rate, the accumulator's rounding down aside.
    assert.equal(pending.accrued, expectedReward(FARM_RATE, 3, amount, amount));
    assert.ok(pending.accrued <= 3n * FARM_RATE && pending.accrued + 1n >= 3n * FARM_RATE, `${pending.accrued}`);
    assert.equal(pending.payable, pending.accrued, 'the pot backs it');
    assert.deepEqual(await farmerIn(api, 0, bob.address, readAt), view);

    const bobBefore = await nativeFree(api, bob.address, readAt);
    const potAccount = farmingAccount(api);
    const potBefore = await nativeFree(api, potAccount, readAt);
    const claimed = await ok(api.tx.farming.claim(FARMS.LP_DFI_USDT), bob);
    const c = await numberOf(api, claimed.blockHash);
    const parent = await parentOf(api, claimed.blockHash);
    assert.equal(parent, readAt, 'instant seal: the claim is the next block');
    const paid = claimedNative(claimed.events, bob.address, 0);
    const before = pendingNative(await farmerIn(api, 0, bob.address, parent));
    assert.equal(before, pending.accrued);
    // Pending at the block before the claim, plus one block of the whole rate (each figure is
    // at most a unit below the exact one).
    assert.ok(paid >= before + FARM_RATE - 1n && paid <= before + FARM_RATE + 1n, `paid ${paid}, pending before ${before}`);
    // Exactly: the claim's block accrued the farm over [d, c) in one step.
    assert.equal(paid, expectedReward(FARM_RATE, c - d, amount, amount));
    assert.equal(c - d, 4);
    assert.equal(await nativeFree(api, bob.address, claimed.blockHash), bobBefore + paid - feeOf(claimed));
    assert.equal(potBefore - (await nativeFree(api, potAccount, claimed.blockHash)), paid, 'paid from the farming account');
    const farm0 = await farmOf(api, 0, claimed.blockHash);
    assert.equal(farm0.streams[0].pot, FARM_POT - FARM_RATE * BigInt(c - d), 'the pot gave exactly what was emitted');
    assert.equal(farm0.streams[0].claimable, FARM_RATE * BigInt(c - d) - paid, 'only rounding dust is left');
    assert.equal(pendingNative(await farmerIn(api, 0, bob.address, claimed.blockHash)), 0n);

    const withdrawn = await ok(api.tx.farming.withdraw(FARMS.LP_DFI_USDT, amount), bob);
    const w = await numberOf(api, withdrawn.blockHash);
    assert.equal(eventsOf(withdrawn.events, 'farming', 'Withdrawn')[0].data.amount.toBigInt(), amount);
    assert.equal(await lpFree(api, 0, bob.address, withdrawn.blockHash), lp, 'the LP tokens are back, exactly');
    assert.deepEqual(await lpHeld(api, 0, bob.address, withdrawn.blockHash), { total: 0n, farming: 0n });
    assert.equal((await farmOf(api, 0, withdrawn.blockHash)).totalShares, 0n);
    // The withdrawal settled the block since the claim; without shares nothing more accrues.
    const left = await farmerIn(api, 0, bob.address, withdrawn.blockHash);
    assert.equal(left.shares, 0n);
    assert.equal(pendingNative(left), expectedReward(FARM_RATE, w - c, amount, amount));
    await advance(api, 1);
    assert.equal(pendingNative(await farmerIn(api, 0, bob.address)), pendingNative(left));
    const all = await ok(api.tx.farming.claimAll(), bob);
    assert.equal(claimedNative(all.events, bob.address, 0), pendingNative(left));
    assert.equal(await farmerIn(api, 0, bob.address, all.blockHash), null, 'nothing left: the entry is gone');
  });

  it('Eve\'s USDT supply to the money market earns her share of farm 5 without a farming call', async () => {
    const supplied = await ok(api.tx.lending.supply(USDT, 100_000n * USDT_UNIT), eve);
    const d = await numberOf(api, supplied.blockHash);
    const updated = eventsOf(supplied.events, 'farming', 'SharesUpdated').find((e) => e.data.farm.toNumber() === FARMS.SUPPLY_USDT);
    assert.ok(updated, 'farming.SharesUpdated for farm 5');
    assert.equal(updated.data.who.toString(), eve.address);
    const mine = await farmerIn(api, FARMS.SUPPLY_USDT, eve.address, supplied.blockHash);
    assert.ok(mine.shares > 0n);
    assert.equal(mine.shares, updated.data.shares.toBigInt());
    assert.equal(pendingNative(mine), 0n);
    const total = (await farmOf(api, FARMS.SUPPLY_USDT, supplied.blockHash)).totalShares;
    assert.ok(total > mine.shares, 'Ferdie\'s genesis supply shares the farm');

    const readAt = await advance(api, 5);
    const pending = pendingNative(await farmerIn(api, FARMS.SUPPLY_USDT, eve.address, readAt));
    assert.ok(pending > 0n);
    assert.equal(pending, expectedReward(FARM_RATE, 5, mine.shares, total));
    const exact = proRata(FARM_RATE, 5, mine.shares, total);
    assert.ok(pending <= exact && exact - pending <= 1n, `${pending} vs pro rata ${exact}`);

    const claimed = await ok(api.tx.farming.claim(FARMS.SUPPLY_USDT), eve);
    const c = await numberOf(api, claimed.blockHash);
    assert.equal(claimedNative(claimed.events, eve.address, FARMS.SUPPLY_USDT), expectedReward(FARM_RATE, c - d, mine.shares, total));
  });

  it('names the refusals: nothing to claim, no shares, not a deposit farm, zero, no such farm', async () => {
    assert.deepEqual(await farmer(api, alice.address), [], 'Alice is in no farm');
    const refused = async (tx, signer, error) => {
      const res = await signAndWait(tx, signer);
      assert.equal(res.dispatchError, error, `${tx.method.section}.${tx.method.method}`);
      assert.deepEqual(eventsOf(res.events, 'farming'), [], 'no farming event');
    };
    await refused(api.tx.farming.claim(FARMS.LP_DFI_USDT), alice, 'farming.NothingToClaim');
    await refused(api.tx.farming.claimAll(), alice, 'farming.NothingToClaim');
    await refused(api.tx.farming.withdraw(FARMS.LP_DFI_USDT, 1), alice, 'farming.InsufficientShares');
    await refused(api.tx.farming.deposit(FARMS.SUPPLY_USDT, 1), alice, 'farming.NotDepositFarm');
    await refused(api.tx.farming.deposit(FARMS.LP_DFI_USDT, 0), alice, 'farming.ZeroAmount');
    await refused(api.tx.farming.deposit(99, 1), alice, 'farming.FarmNotFound');
    // Bob claimed everything of farm 0 in the previous test and holds no shares any more.
    await refused(api.tx.farming.claim(FARMS.LP_DFI_USDT), bob, 'farming.NothingToClaim');
  });
});
