// End-to-end test of prices and money markets through polkadot.js against a throw-away dev node
// with instant sealing (one block per transaction):
//   Alice feeds prices through `pallet-oracle`; Bob supplies WBTC, enables it as collateral and
//   borrows USDT; his health is read through `LendingApi`; the feeder drops WBTC and
//   `scripts/keeper.mjs`'s round liquidates him at the close factor; Eve's position then goes
//   underwater and its uncovered debt is written off, exactly.
// Ferdie is the keeper (he holds the genesis liquidity's remainder).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { assetBalance, devAccounts, signAndWait, startNode } from '../lib/node.js';
import {
  ASSETS,
  FIXED_ONE,
  feedPrices,
  fromFixed,
  healthOf,
  referencePrices,
} from '../lib/lending.js';

const { alice, bob, eve, ferdie } = devAccounts();
const SCRIPTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Runs `scripts/<name>` once against the node and returns its output lines. */
async function runScript(name, wsUrl, args = []) {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(SCRIPTS, name), '--ws', wsUrl, '--once', ...args], {
    timeout: 120_000,
  });
  return stdout.trim().split('\n');
}

/** The keeper's result for `borrower` from its log lines: the block and the lending events there. */
async function keeperResult(api, lines, borrower) {
  const line = lines.find((l) => l.startsWith(`[keeper] ${borrower} `));
  assert.ok(line, `the keeper did not act on ${borrower}: ${lines.join(' | ')}`);
  assert.ok(!line.includes('failed'), line);
  const blockHash = line.match(/ in (0x[0-9a-f]{64}):/)[1];
  const records = await (await api.at(blockHash)).query.system.events();
  const events = records.map(({ event }) => event).filter((e) => e.section === 'lending');
  return { blockHash, events };
}
const USDT = Object.freeze({ WithId: 1 });
const WBTC = Object.freeze({ WithId: 3 });
const USDT_UNIT = 10n ** 6n;
const WBTC_UNIT = 10n ** 8n;
const WBTC_SHARES = 1_003;

async function ok(tx, signer) {
  const res = await signAndWait(tx, signer);
  assert.equal(res.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${res.dispatchError}`);
  return res;
}

function lendingEvents(res, method) {
  return res.events
    .map(({ event }) => event)
    .filter((e) => e.section === 'lending' && (!method || e.method === method));
}

/** The market of `asset` as stored at `at` (interest accrued up to its last touch). */
async function storedMarket(api, asset, at) {
  return (await (await api.at(at)).query.lending.markets(asset)).unwrap();
}

describe('prices and lending', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
    await feedPrices(api, alice, referencePrices());
  });

  after(async () => {
    await node?.stop();
  });

  it('reports fed prices as live through PricesApi', async () => {
    // The feed is evaluated at the start of the next block.
    await ok(api.tx.system.remark('0x00'), bob);
    const prices = await api.call.pricesApi.prices();
    // Every priced asset of the dev chain (dUSD included), each fed by the reference prices.
    assert.equal(prices.length, ASSETS.length);
    for (const p of prices) {
      assert.equal(p.status.toString(), 'Live', `${p.asset.toString()}`);
      assert.equal(p.feeders.toNumber(), 1);
    }
    const wbtc = prices.find((p) => JSON.stringify(p.asset.toJSON()).includes('3'));
    assert.equal(fromFixed(wbtc.price.unwrap()), 60_000);
  });

  it('supplies WBTC, enables it as collateral, borrows USDT and reads the health', async () => {
    await ok(api.tx.lending.supply(WBTC, WBTC_UNIT), bob);
    await ok(api.tx.lending.enableCollateral(WBTC), bob);
    const before = await assetBalance(api, 1, bob.address);
    const res = await ok(api.tx.lending.borrow(USDT, 40_000n * USDT_UNIT), bob);
    assert.equal((await assetBalance(api, 1, bob.address)) - before, 40_000n * USDT_UNIT);
    assert.equal(lendingEvents(res, 'Borrowed').length, 1);
    const view = await (await api.at(res.blockHash)).call.lendingApi.account(bob.address);
    // (1 WBTC − the one free share unit) · 60,000 · 0.78 / 40,000 = 1.17.
    const health = fromFixed(view.health.unwrap());
    assert.ok(Math.abs(health - 1.17) < 1e-6, `health ${health}`);
    const usdt = view.positions.find((p) => p.debt.toBigInt() > 0n);
    assert.equal(usdt.debt.toBigInt(), 40_000n * USDT_UNIT);
    // Values in USD with 18 decimals, matching the health.
    assert.ok(Math.abs(fromFixed(view.debt_value ?? view.debtValue) - 40_000) < 1e-6);
  });

  it('liquidates after the feeder drops WBTC, and the events match the runtime API', async () => {
    await runScript('feeder.mjs', node.wsUrl, ['--set', 'WBTC=45000']);
    await ok(api.tx.system.remark('0x00'), eve);
    const health = await healthOf(api, bob.address);
    // 45,000 · 0.78 / 40,000 = 0.8775: below 1, above the underwater line 0.78 · 1.08.
    assert.ok(health < 1 && health > 0.86, `health ${health}`);
    const below = await api.call.lendingApi.accountsBelow(FIXED_ONE.toString());
    assert.ok(below.some(([who]) => who.toString() === bob.address));

    const keeperUsdt = await assetBalance(api, 1, ferdie.address);
    const debtBefore = (await api.call.lendingApi.account(bob.address)).positions.find((p) => p.debt.toBigInt() > 0n).debt.toBigInt();
    const mine = await keeperResult(api, await runScript('keeper.mjs', node.wsUrl), bob.address);
    const liquidated = mine.events.find((e) => e.method === 'Liquidated');
    const repaid = liquidated.data.repaid.toBigInt();
    const seized = liquidated.data.seizedShares.toBigInt();
    // The close factor: half of the debt (interest of a few seconds aside).
    assert.ok(repaid <= debtBefore / 2n + 10_000n && repaid >= debtBefore / 2n, `repaid ${repaid} of ${debtBefore}`);
    assert.equal(keeperUsdt - (await assetBalance(api, 1, ferdie.address)), repaid);
    // Seized: repaid · 1.08 / 45,000 WBTC, a tenth of the incentive to reserves.
    const expectedSeized = (repaid * 108n * WBTC_UNIT) / (100n * 45_000n * USDT_UNIT);
    assert.ok(seized <= expectedSeized && expectedSeized - seized < 100n, `seized ${seized} vs ${expectedSeized}`);
    // Ferdie already held WBTC shares (his genesis supply): count what this block added.
    const parentOfLiquidation = (await api.rpc.chain.getHeader(mine.blockHash)).parentHash.toHex();
    const toKeeper = (await assetBalance(api, WBTC_SHARES, ferdie.address, mine.blockHash))
      - (await assetBalance(api, WBTC_SHARES, ferdie.address, parentOfLiquidation));
    const toReserves = seized - toKeeper;
    assert.ok(toReserves > 0n && toReserves * 1_000n <= seized * 8n, `to reserves ${toReserves}`);
    // The runtime API agrees with the events.
    const after = await (await api.at(mine.blockHash)).call.lendingApi.account(bob.address);
    const debtAfter = after.positions.find((p) => p.debt.toBigInt() > 0n).debt.toBigInt();
    const accrued = debtAfter + repaid - debtBefore;
    assert.ok(accrued >= 0n && accrued < 10_000n, `debt ${debtAfter} after repaying ${repaid} of ${debtBefore}`);
    assert.ok(fromFixed(after.health.unwrap()) > health, 'health rose');
  });

  it('writes off exactly the debt an underwater liquidation leaves uncovered', async () => {
    await feedPrices(api, alice, referencePrices());
    await ok(api.tx.lending.supply(WBTC, WBTC_UNIT), eve);
    await ok(api.tx.lending.enableCollateral(WBTC), eve);
    await ok(api.tx.lending.borrow(USDT, 40_000n * USDT_UNIT), eve);
    await runScript('feeder.mjs', node.wsUrl, ['--set', 'WBTC=30000']);
    await ok(api.tx.system.remark('0x00'), bob);
    // 30,000 · 0.78 / 40,000 = 0.585: underwater, so the keeper's whole-debt repay is taken.
    assert.ok((await healthOf(api, eve.address)) < 0.6);

    const mine = await keeperResult(api, await runScript('keeper.mjs', node.wsUrl), eve.address);
    const parent = (await api.rpc.chain.getHeader(mine.blockHash)).parentHash;
    const liquidated = mine.events.find((e) => e.method === 'Liquidated');
    const writeOff = mine.events.find((e) => e.method === 'BadDebtWrittenOff');
    assert.ok(writeOff, 'no write-off event');
    const repaid = liquidated.data.repaid.toBigInt();
    const amount = writeOff.data.amount.toBigInt();
    const fromReserves = writeOff.data.fromReserves.toBigInt();
    const socialized = writeOff.data.socialized.toBigInt();
    assert.equal(fromReserves + socialized, amount);
    // All collateral went; nothing is owed any more.
    const view = await (await api.at(mine.blockHash)).call.lendingApi.account(eve.address);
    assert.ok(view.positions.every((p) => p.debt.toBigInt() === 0n));
    assert.equal(view.health.isNone, true);
    // The written-off amount is the debt less the repay, interest of the block aside.
    const debtBefore = (await (await api.at(parent)).call.lendingApi.account(eve.address)).positions
      .find((p) => p.debt.toBigInt() > 0n).debt.toBigInt();
    const gap = repaid + amount - debtBefore;
    assert.ok(gap >= 0n && gap < 10_000n, `repaid ${repaid} + written off ${amount} vs debt ${debtBefore}`);
    // Exactly `socialized` left the suppliers: their stored funds changed by the interest the
    // block accrued to them, less the socialized loss.
    const m0 = await storedMarket(api, USDT, parent);
    const m1 = await storedMarket(api, USDT, mine.blockHash);
    const funds = (m) => m.cash.toBigInt() + m.borrows.toBigInt() - m.reserves.toBigInt();
    const interest = mine.events
      .filter((e) => e.method === 'InterestAccrued' && JSON.stringify(e.data.asset.toJSON()).includes('1'))
      .reduce((s, e) => s + e.data.interest.toBigInt() - e.data.toReserves.toBigInt(), 0n);
    assert.equal(funds(m1) - funds(m0), interest - socialized);
  });
});
