// End-to-end test of the stablecoin dUSD through polkadot.js against throw-away dev nodes with
// instant sealing (one block per transaction), one node per describe:
//   vaults: Bob opens a DFI vault and mints; `StablecoinApi.vault` reports the ratio and the
//     liquidation price a hand computation gives from the fed price; the feeder drops DFI below
//     the liquidation price and `scripts/keeper.mjs`'s round liquidates the vault through the
//     router: Bob keeps the unsold DFI and dUSD's issuance drops by the burned debt, exactly;
//   the peg module: a USDT → dUSD → USDT round trip loses exactly the two fees pallet-psm charges;
//   shutdown (irreversible, so last and alone): every indebted vault settles, the redemption rate
//     is fixed, a holder redeems for exactly the quoted basket; the peg module only redeems.
// Alice is the oracle member and sudo; Ferdie is the keeper and holds the genesis dUSD.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { assetBalance, devAccounts, signAndWait, startNode } from '../lib/node.js';
import { FIXED_ONE, feedPrices, referencePrices, toFixed } from '../lib/lending.js';
import {
  DUSD,
  DUSD_ID,
  DUSD_UNIT,
  collateralTypes,
  eventsOf,
  kindOf,
  liquidatableVaults,
  liquidationPriceOf,
  permillCeil,
  psmMintQuote,
  psmRedeemQuote,
  ratioOf,
  redemptionQuote,
  sameKind,
  settleAll,
  stablecoinValue,
  storedVaults,
  totals,
  usdValue,
  vaultOf,
} from '../lib/stablecoin.js';

const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
const SCRIPTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DFI = 10n ** 12n;
const WETH_UNIT = 10n ** 18n;
const USDT_ID = 1;
const USDC_ID = 2;
const USDT_UNIT = 10n ** 6n;
const NATIVE = 'Native';
const WETH = Object.freeze({ WithId: 4 });
const E18 = FIXED_ONE;
const fixed = (text) => toFixed(text);

/** Runs `scripts/<name>` once against the node and returns its output lines. */
async function runScript(name, wsUrl, args = []) {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(SCRIPTS, name), '--ws', wsUrl, '--once', ...args], {
    timeout: 120_000,
  });
  return stdout.trim().split('\n');
}

async function ok(tx, signer) {
  const res = await signAndWait(tx, signer);
  assert.equal(res.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${res.dispatchError}`);
  return res;
}

/** Sends `tx` and expects it to fail with `error` (a `section.Name`). */
async function fails(tx, signer, error) {
  const res = await signAndWait(tx, signer);
  assert.equal(res.dispatchError, error, `${tx.method.section}.${tx.method.method}`);
  return res;
}

async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
}

/** Native free + reserved (held) balance of `who` at `at`. */
async function nativeTotal(api, who, at) {
  const { data } = await (await api.at(at)).query.system.account(who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt(), total: data.free.toBigInt() + data.reserved.toBigInt() };
}

/** Sum of one `u128` field of the events. */
const sumOf = (events, field) => events.reduce((s, e) => s + e.data[field].toBigInt(), 0n);

/** Feeds the reference prices (dUSD at 1 included) and makes them usable (the next block). */
async function feedReference(api) {
  await feedPrices(api, alice, referencePrices());
  await ok(api.tx.system.remark('0x00'), bob);
}

describe('stablecoin vaults and the keeper', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
    await feedReference(api);
  });

  after(async () => {
    await node?.stop();
  });

  it('has dUSD, the collateral types and the genesis vaults the dev chain promises', async () => {
    const meta = await api.query.assets.metadata(DUSD_ID);
    assert.equal(meta.symbol.toUtf8(), 'dUSD');
    assert.equal(meta.name.toUtf8(), 'Dollar');
    assert.equal(meta.decimals.toNumber(), 6);
    const details = (await api.query.assets.asset(DUSD_ID)).unwrap();
    assert.equal(details.minBalance.toBigInt(), 1n);
    assert.equal(details.isSufficient.isTrue, true);
    assert.equal(await assetBalance(api, DUSD_ID, bob.address), 0n, 'dev accounts hold no dUSD');

    const types = await collateralTypes(api);
    const dfi = types.find((t) => sameKind(t.asset, NATIVE));
    assert.equal(dfi.liquidationRatio, fixed('1.5'));
    assert.equal(dfi.minimumRatio, fixed('1.7'));
    assert.equal(dfi.liquidationPenaltyPpm, 100_000n);
    assert.equal(dfi.debtCeiling, 5_000_000n * DUSD_UNIT);
    assert.equal(dfi.minimumDebt, 100n * DUSD_UNIT);
    assert.equal(dfi.maxSlippagePpm, 50_000n);
    assert.equal(dfi.purchaseDiscountPpm, 80_000n);
    // 4 % a year at most, compounded per second (the per-second fee is cut down to 18 decimals).
    assert.ok(dfi.stabilityFeeYearly <= fixed('0.04') && dfi.stabilityFeeYearly > fixed('0.0399999'), `${dfi.stabilityFeeYearly}`);
    assert.equal(dfi.price, 2n * E18, 'the fed DFI price');
    for (const id of [3, 4]) {
      const t = types.find((x) => sameKind(x.asset, { WithId: id }));
      assert.equal(t.liquidationRatio, fixed('1.3'));
      assert.equal(t.minimumRatio, fixed('1.5'));
      assert.equal(t.liquidationPenaltyPpm, 80_000n);
      assert.equal(t.maxSlippagePpm, 30_000n);
      assert.equal(t.purchaseDiscountPpm, 50_000n);
      assert.equal(t.debtCeiling, 10_000_000n * DUSD_UNIT);
    }
    const sys = await totals(api);
    assert.deepEqual(sys.stablecoin, DUSD);
    assert.equal(sys.debtCeiling, 50_000_000n * DUSD_UNIT);
    assert.equal(sys.shutdown, null);

    const eveVault = await vaultOf(api, eve.address, NATIVE);
    assert.equal(eveVault.collateral, 100_000n * DFI);
    assert.ok(eveVault.debt >= 50_000n * DUSD_UNIT, `${eveVault.debt}`);
    assert.equal(eveVault.liquidatable, false);
    const daveVault = await vaultOf(api, dave.address, WETH);
    assert.equal(daveVault.collateral, 20n * WETH_UNIT);
    assert.ok(daveVault.debt >= 20_000n * DUSD_UNIT);
  });

  it('Bob opens a DFI vault and mints; ratio and liquidation price match the fed price', async () => {
    const collateral = 5_000n * DFI;
    const minted = 5_000n * DUSD_UNIT;
    const parent = (await api.rpc.chain.getHeader()).hash.toHex();
    let res = await ok(api.tx.stablecoin.depositCollateral(NATIVE, collateral), bob);
    const deposited = eventsOf(res.events, 'stablecoin', 'CollateralDeposited');
    assert.equal(deposited.length, 1);
    assert.equal(deposited[0].data.amount.toBigInt(), collateral);
    // The collateral stays in Bob's account, held.
    const held = (await nativeTotal(api, bob.address, res.blockHash)).reserved - (await nativeTotal(api, bob.address, parent)).reserved;
    assert.equal(held, collateral);

    res = await ok(api.tx.stablecoin.mint(NATIVE, minted), bob);
    const mintedEvent = eventsOf(res.events, 'stablecoin', 'Minted')[0];
    assert.equal(mintedEvent.data.amount.toBigInt(), minted);
    assert.equal(await assetBalance(api, DUSD_ID, bob.address, res.blockHash), minted);
    const view = await vaultOf(api, bob.address, NATIVE, res.blockHash);
    const type = (await collateralTypes(api, res.blockHash)).find((t) => sameKind(t.asset, NATIVE));
    assert.equal(type.price, 2n * E18);
    assert.equal(view.collateral, collateral);
    // Normalized debt rounds up: a unit or two above the draw.
    assert.ok(view.debt >= minted && view.debt - minted < 10n, `debt ${view.debt}`);
    assert.equal(view.debt, mintedEvent.data.debt.toBigInt());
    // By hand: 5,000 DFI · $2 = $10,000 (18 decimals); ratio = value / debt, rounded down.
    const value = usdValue(collateral, 2n * E18, 12);
    assert.equal(value, 10_000n * E18);
    assert.equal(view.collateralValue, value, 'collateral value: USD with 18 decimals');
    assert.equal(view.ratio, ratioOf(collateral, 12, view.debt, 2n * E18));
    assert.ok(view.ratio <= 2n * E18 && 2n * E18 - view.ratio < 10n ** 13n, `ratio ${view.ratio}`);
    // Liquidation price: 1.5 · debt / 5,000 DFI ≈ $1.50, rounded up.
    assert.equal(view.liquidationPrice, liquidationPriceOf(collateral, 12, view.debt, type.liquidationRatio));
    assert.ok(view.liquidationPrice >= fixed('1.5') && view.liquidationPrice - fixed('1.5') < 10n ** 13n, `${view.liquidationPrice}`);
    // Max mintable: value / 1.7 in dUSD, rounded down, less the debt.
    const supported = (value * E18) / type.minimumRatio;
    assert.equal(view.maxMintable, (supported * DUSD_UNIT) / E18 - view.debt);
    assert.equal(view.liquidatable, false);
  });

  it('refuses to liquidate a safe vault', async () => {
    await fails(api.tx.stablecoin.liquidate(bob.address, NATIVE), charlie, 'stablecoin.VaultSafe');
  });

  it('the keeper liquidates the vault after the feeder drops DFI; Bob keeps the rest', async () => {
    await runScript('feeder.mjs', node.wsUrl, ['--set', 'DFI=1.4']);
    await ok(api.tx.system.remark('0x00'), eve);
    const before = await vaultOf(api, bob.address, NATIVE);
    // At $1.40 the ratio is 1.4 < 1.5; the price is below the liquidation price.
    assert.equal(before.ratio, ratioOf(before.collateral, 12, before.debt, fixed('1.4')));
    assert.ok(before.ratio < fixed('1.5'), `ratio ${before.ratio}`);
    assert.ok(fixed('1.4') < before.liquidationPrice);
    assert.equal(before.liquidatable, true);
    const found = await liquidatableVaults(api);
    assert.deepEqual(found.map((v) => v.owner), [bob.address], 'only Bob (Eve is at 2.8, Dave at 3)');

    const lines = await runScript('keeper.mjs', node.wsUrl);
    const line = lines.find((l) => l.startsWith(`[keeper] vault ${bob.address} "Native" in `));
    assert.ok(line, `the keeper did not liquidate Bob's vault: ${lines.join(' | ')}`);
    assert.ok(!line.includes('failed'), line);
    const blockHash = line.match(/ in (0x[0-9a-f]{64}):/)[1];
    const parent = await parentOf(api, blockHash);
    const records = await (await api.at(blockHash)).query.system.events();
    const liquidated = eventsOf(records, 'stablecoin', 'Liquidated');
    assert.equal(liquidated.length, 1, line);
    const l = liquidated[0].data;
    assert.equal(l.owner.toString(), bob.address);
    assert.ok(sameKind(l.asset, NATIVE));
    assert.equal(l.liquidator.toString(), ferdie.address);
    assert.equal(l.sale.toString(), 'Market');
    const booked = eventsOf(records, 'stablecoin', 'FeesBooked');
    assert.ok(booked.every((e) => e.data.owner.toString() === bob.address), 'no other vault was touched');
    const fees = sumOf(booked, 'fees');
    const debt = l.debt.toBigInt();
    const stored = (await (await api.at(parent)).query.stablecoin.vaults(NATIVE, bob.address)).unwrap();
    assert.equal(debt, stored.debt.toBigInt() + fees, 'the whole debt, fees booked to the block');
    assert.equal(l.penalty.toBigInt(), permillCeil(100_000n, debt), '10 % penalty, rounded up');
    assert.equal(l.shortfall.toBigInt(), 0n);
    // The market paid more than the oracle's $1.40: exactly debt + penalty was bought.
    assert.equal(l.proceeds.toBigInt(), debt + l.penalty.toBigInt());
    assert.equal(l.refund.toBigInt(), 0n);
    const sold = l.collateralSold.toBigInt();
    assert.ok(sold > 0n && sold < before.collateral);
    assert.equal(l.collateralReturned.toBigInt(), before.collateral - sold);
    // …at most the oracle value plus the 5 % slippage.
    const maxIn = ((stablecoinValue(debt + l.penalty.toBigInt()) * DFI) / fixed('1.4')) * 105n / 100n + 3n;
    assert.ok(sold <= maxIn, `sold ${sold} > ${maxIn}`);

    // The router sold the DFI for dUSD in the same block.
    const swaps = eventsOf(records, 'router', 'CreditSwapped');
    assert.equal(swaps.length, 1, 'one credit swap');
    const s = swaps[0].data;
    assert.ok(sameKind(s.assetIn, NATIVE), JSON.stringify(s.assetIn.toJSON()));
    assert.ok(sameKind(s.assetOut, DUSD), JSON.stringify(s.assetOut.toJSON()));
    assert.equal(s.amountIn.toBigInt(), sold);
    assert.equal(s.amountOut.toBigInt(), l.proceeds.toBigInt());

    // Bob: his DFI less exactly what was sold, nothing held any more; his dUSD untouched.
    const b0 = await nativeTotal(api, bob.address, parent);
    const b1 = await nativeTotal(api, bob.address, blockHash);
    assert.equal(b1.total, b0.total - sold);
    assert.equal(b0.reserved - b1.reserved, before.collateral);
    assert.equal(await assetBalance(api, DUSD_ID, bob.address, blockHash), 5_000n * DUSD_UNIT);
    assert.equal((await (await api.at(blockHash)).query.stablecoin.vaults(NATIVE, bob.address)).isNone, true);
    assert.equal(await vaultOf(api, bob.address, NATIVE, blockHash), null);

    // dUSD's issuance: the fees booked minted, the debt burned; the surplus took fees and penalty.
    const t0 = await totals(api, parent);
    const t1 = await totals(api, blockHash);
    assert.equal(t1.issuance, t0.issuance + fees - debt);
    assert.equal(t1.surplus, t0.surplus + fees + l.penalty.toBigInt());
    assert.equal(t1.badDebt, 0n);
  });
});

describe('the peg module (pallet-psm)', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
  });

  after(async () => {
    await node?.stop();
  });

  it('a USDT → dUSD → USDT round trip loses exactly the minting and the redemption fee', async () => {
    const mintFee = (await api.query.psm.mintingFee(DUSD_ID, USDT_ID)).toBigInt();
    const redeemFee = (await api.query.psm.redemptionFee(DUSD_ID, USDT_ID)).toBigInt();
    assert.equal(mintFee, 1_000n, '0.1 %');
    assert.equal(redeemFee, 2_000n, '0.2 %');
    const info = (await api.query.psm.psm(DUSD_ID)).unwrap();
    const treasury = info.feeDestination.toString();
    assert.equal(info.minSwapAmount.toBigInt(), DUSD_UNIT);
    const debt0 = (await api.query.psm.psmDebt(DUSD_ID, USDT_ID)).toBigInt();
    const usdt0 = await assetBalance(api, USDT_ID, bob.address);
    const treasury0 = await assetBalance(api, DUSD_ID, treasury);
    const reserve0 = (await totals(api)).psmReserves.find((r) => sameKind(r.asset, { WithId: USDT_ID })).amount;
    assert.equal(await assetBalance(api, DUSD_ID, bob.address), 0n);

    // An odd amount, so both fees round up.
    const amount = 12_345_678_901n;
    const mint = psmMintQuote(amount, mintFee);
    await fails(api.tx.psm.mint(DUSD_ID, USDT_ID, amount, mintFee - 1n), bob, 'psm.FeeTooHigh');
    await fails(api.tx.psm.mint(DUSD_ID, USDT_ID, DUSD_UNIT / 2n, mintFee), bob, 'psm.BelowMinimumSwap');
    let res = await ok(api.tx.psm.mint(DUSD_ID, USDT_ID, amount, mintFee), bob);
    const minted = eventsOf(res.events, 'psm', 'Minted')[0].data;
    assert.equal(minted.externalConsumed.toBigInt(), amount);
    assert.equal(minted.internalFee.toBigInt(), mint.fee);
    assert.equal(minted.internalReceived.toBigInt(), mint.received);
    const received = await assetBalance(api, DUSD_ID, bob.address);
    assert.equal(received, amount - permillCeil(1_000n, amount));
    assert.equal((await api.query.psm.psmDebt(DUSD_ID, USDT_ID)).toBigInt(), debt0 + amount);

    const redeem = psmRedeemQuote(received, redeemFee, { balance: received });
    res = await ok(api.tx.psm.redeem(DUSD_ID, USDT_ID, received, redeemFee), bob);
    const redeemed = eventsOf(res.events, 'psm', 'Redeemed')[0].data;
    assert.equal(redeemed.internalConsumed.toBigInt(), received);
    assert.equal(redeemed.internalFee.toBigInt(), redeem.fee);
    assert.equal(redeemed.externalReceived.toBigInt(), redeem.externalOut);
    assert.equal(await assetBalance(api, DUSD_ID, bob.address), 0n, 'all of it redeemed');

    const fee1 = permillCeil(1_000n, amount);
    const fee2 = permillCeil(2_000n, amount - fee1);
    assert.equal(usdt0 - (await assetBalance(api, USDT_ID, bob.address)), fee1 + fee2, 'USDT lost = the two fees');
    // pallet-psm burns only the redemption's net amount: the two fees stay minted in the
    // treasury, in the module's debt and backed by as much USDT left in its reserve.
    assert.equal((await api.query.psm.psmDebt(DUSD_ID, USDT_ID)).toBigInt() - debt0, fee1 + fee2);
    assert.equal((await assetBalance(api, DUSD_ID, treasury)) - treasury0, fee1 + fee2);
    const t = await totals(api);
    assert.equal(t.psmReserves.find((r) => sameKind(r.asset, { WithId: USDT_ID })).amount - reserve0, fee1 + fee2);
    const psmDebt = (await api.query.psm.psmDebt(DUSD_ID, USDT_ID)).toBigInt() + (await api.query.psm.psmDebt(DUSD_ID, USDC_ID)).toBigInt();
    assert.equal(t.psmDebt, psmDebt, 'StablecoinApi counts the module debt of both externals');
  });
});

describe('emergency shutdown', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
    await feedReference(api);
    // A vault without debt: nothing to settle, all of it withdrawable after the shutdown.
    await ok(api.tx.stablecoin.depositCollateral(NATIVE, 1_000n * DFI), charlie);
  });

  after(async () => {
    await node?.stop();
  });

  it('shuts down as root: minting stops, the vaults wait for settlement', async () => {
    const res = await ok(api.tx.sudo.sudo(api.tx.stablecoin.shutdown()), alice);
    const sudid = eventsOf(res.events, 'sudo', 'Sudid')[0];
    assert.ok(sudid.data.sudoResult.isOk, `shutdown: ${JSON.stringify(sudid.data.sudoResult.toJSON())}`);
    const shut = eventsOf(res.events, 'stablecoin', 'ShutDown')[0];
    assert.ok(shut, 'ShutDown event');
    const indebted = (await storedVaults(api)).filter((v) => v.normalized > 0n);
    assert.equal(indebted.length, 2, 'Eve and Dave');
    assert.equal(shut.data.unsettledVaults.toNumber(), 2);
    const t = await totals(api);
    assert.equal(t.shutdown.unsettledVaults, 2);
    assert.equal(t.shutdown.redeemable, 0n);
    assert.deepEqual(await redemptionQuote(api, DUSD_UNIT), [], 'no quote before the rate is fixed');
    assert.equal((await api.query.stablecoin.shutdown()).isSome, true);
    await fails(api.tx.stablecoin.redeem(1_000n * DUSD_UNIT), ferdie, 'stablecoin.RedemptionNotReady');
    await fails(api.tx.stablecoin.mint(NATIVE, 100n * DUSD_UNIT), eve, 'stablecoin.IsShutdown');
    await fails(api.tx.stablecoin.liquidate(eve.address, NATIVE), bob, 'stablecoin.IsShutdown');
  });

  it('settles every indebted vault at the frozen prices; the last settlement fixes the rate', async () => {
    const frozen = (await totals(api)).shutdown.prices;
    const priceOf = (asset) => frozen.find((p) => sameKind(p.asset, asset)).amount;
    assert.equal(priceOf(NATIVE), 2n * E18);
    assert.equal(priceOf(WETH), 3_000n * E18);
    const decimals = (asset) => (sameKind(asset, NATIVE) ? 12 : 18);

    const settled = await settleAll(api, bob);
    assert.equal(settled.length, 2);
    let debts = 0n;
    for (const r of settled) {
      assert.equal(r.error, null, `settle ${r.owner}: ${r.error}`);
      const e = r.events.find((x) => x.method === 'VaultSettled').data;
      const debt = e.debt.toBigInt();
      debts += debt;
      // The collateral worth the debt at the frozen price, rounded up.
      const price = priceOf(r.asset);
      const owed = (stablecoinValue(debt) * 10n ** BigInt(decimals(r.asset)) + price - 1n) / price;
      assert.equal(e.collateral.toBigInt(), owed, `${r.owner} ${JSON.stringify(r.asset)}`);
    }
    assert.equal(settled[0].events.some((e) => e.method === 'RedemptionFixed'), false);
    const fixedEvent = settled[1].events.find((e) => e.method === 'RedemptionFixed');
    assert.ok(fixedEvent, 'the last settlement fixes the redemption rate');
    const claims = fixedEvent.data.claims.toBigInt();
    assert.equal(claims + fixedEvent.data.burnedSurplus.toBigInt(), debts, 'the surplus is burned against the claims');

    const t = await totals(api);
    assert.equal(t.shutdown.unsettledVaults, 0);
    assert.equal(t.shutdown.redeemable, claims);
    assert.equal(t.surplus, 0n);
    assert.ok(t.shutdown.perStablecoin.some((p) => p.amount > 0n), 'a basket per dUSD');
    assert.equal((await storedVaults(api)).filter((v) => v.normalized > 0n).length, 0);
  });

  it('Ferdie redeems dUSD for exactly the quoted basket of collateral', async () => {
    const amount = 1_000n * DUSD_UNIT;
    const quote = await redemptionQuote(api, amount);
    assert.ok(quote.length >= 2, JSON.stringify(quote, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    const dfiQuoted = quote.find((q) => sameKind(q.asset, NATIVE)).amount;
    const wethQuoted = quote.find((q) => sameKind(q.asset, WETH)).amount;
    assert.ok(dfiQuoted > 0n && wethQuoted > 0n);
    const parent = (await api.rpc.chain.getHeader()).hash.toHex();
    const res = await ok(api.tx.stablecoin.redeem(amount), ferdie);
    const e = eventsOf(res.events, 'stablecoin', 'Redeemed')[0].data;
    assert.equal(e.amount.toBigInt(), amount);
    const paid = [...e.paid].map(([asset, v]) => ({ asset: kindOf(asset), amount: v.toBigInt() }));
    assert.deepEqual(paid, quote, 'paid = the quote');
    // Received in Ferdie's account: DFI less the transaction fee, WETH exactly.
    const f0 = await nativeTotal(api, ferdie.address, parent);
    const f1 = await nativeTotal(api, ferdie.address, res.blockHash);
    assert.equal(f1.total - f0.total, dfiQuoted - res.fee);
    assert.equal((await assetBalance(api, 4, ferdie.address, res.blockHash)) - (await assetBalance(api, 4, ferdie.address, parent)), wethQuoted);
    assert.equal((await assetBalance(api, DUSD_ID, ferdie.address, parent)) - (await assetBalance(api, DUSD_ID, ferdie.address, res.blockHash)), amount);
    const t = await totals(api, res.blockHash);
    const t0 = await totals(api, parent);
    assert.equal(t0.issuance - t.issuance, amount, 'the redeemed dUSD is burned');
    assert.equal(t0.shutdown.redeemable - t.shutdown.redeemable, amount);
  });

  it('the peg module no longer mints but still redeems; owners take back what is left', async () => {
    const mintFee = (await api.query.psm.mintingFee(DUSD_ID, USDC_ID)).toBigInt();
    await fails(api.tx.psm.mint(DUSD_ID, USDC_ID, 1_000n * USDT_UNIT, mintFee), ferdie, 'psm.MintingStopped');
    const redeemFee = (await api.query.psm.redemptionFee(DUSD_ID, USDC_ID)).toBigInt();
    const before = await assetBalance(api, USDC_ID, ferdie.address);
    const amount = 1_000n * DUSD_UNIT;
    const res = await ok(api.tx.psm.redeem(DUSD_ID, USDC_ID, amount, redeemFee), ferdie);
    const quote = psmRedeemQuote(amount, redeemFee);
    assert.equal((await assetBalance(api, USDC_ID, ferdie.address, res.blockHash)) - before, quote.externalOut);
    assert.equal(quote.externalOut, 998n * USDT_UNIT);

    // Charlie's vault owed nothing: closing it gives all of his DFI back.
    const c0 = (await nativeTotal(api, charlie.address, (await api.rpc.chain.getHeader()).hash.toHex())).reserved;
    const closed = await ok(api.tx.stablecoin.close(NATIVE), charlie);
    assert.equal(c0 - (await nativeTotal(api, charlie.address, closed.blockHash)).reserved, 1_000n * DFI);
    assert.equal(await vaultOf(api, charlie.address, NATIVE, closed.blockHash), null);
    // Eve's settled vault keeps what its debt did not take; she withdraws it by closing.
    const left = (await vaultOf(api, eve.address, NATIVE)).collateral;
    assert.ok(left > 0n && left < 100_000n * DFI);
    await ok(api.tx.stablecoin.close(NATIVE), eve);
    assert.equal(await vaultOf(api, eve.address, NATIVE), null);
  });
});
