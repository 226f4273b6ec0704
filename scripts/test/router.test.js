// End-to-end test of the router and of fees paid in an asset, through polkadot.js against
// throw-away dev nodes with instant sealing (one block per transaction).
//
// The dev genesis has DFI/USDT on both venues (DEX 100,000 DFI / 200,000 USDT; asset-conversion
// 50,000 DFI / 101,000 USDT). A 10,000 DFI trade (10 % of the DEX pool, near its 20 % per-block price-move limit)
// is split across them. To compare it with a
// direct swap in the best single pool *from the same starting state*, two nodes start from the
// same genesis: one runs the router's swap, the other the direct swap, both as the first
// transaction after genesis.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';

import { assetBalance, devAccounts, freeBalance, signAndWait, startNode } from '../lib/node.js';
import { NATIVE, connectForAssetFees, quoteExactIn, quoteExactOut, routeArgument } from '../lib/router.js';

const { bob, charlie } = devAccounts();
const DFI = 10n ** 12n;
const USDT_UNIT = 10n ** 6n;
const USDT = Object.freeze({ WithId: 1 });
const TRADE = 10_000n * DFI;

async function ok(tx, signer, options) {
  const res = await signAndWait(tx, signer, options);
  assert.equal(res.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${res.dispatchError}`);
  return res;
}

async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
}

/** `who`'s USDT received across the block `blockHash`. */
async function usdtGained(api, who, blockHash) {
  const parent = await parentOf(api, blockHash);
  return (await assetBalance(api, 1, who, blockHash)) - (await assetBalance(api, 1, who, parent));
}

describe('router and fees in any asset', { timeout: 600_000 }, () => {
  let routed;
  let direct;

  before(async () => {
    [routed, direct] = await Promise.all([startNode({ sealing: 'instant' }), startNode({ sealing: 'instant' })]);
  });

  after(async () => {
    await Promise.all([routed?.stop(), direct?.stop()]);
  });

  it('splits a trade across both venues and beats the best single pool from the same state', async () => {
    const { api } = routed;
    const genesisHead = (await api.rpc.chain.getHeader()).hash.toHex();
    const quote = await quoteExactIn(api, NATIVE, USDT, TRADE, genesisHead);
    assert.ok(quote, 'the router finds a route');
    const venues = new Set(quote.routes.flatMap((r) => r.hops.map((h) => h.venue)));
    assert.deepEqual([...venues].sort(), [0, 1], `routes on both venues: ${JSON.stringify(quote.routes, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    assert.equal(quote.routes.reduce((s, r) => s + r.amountIn, 0n), TRADE);
    const single = quote.bestSingleRoute;
    assert.equal(single.hops.length, 1, 'the best single route is a direct pool');
    for (const venue of quote.bestPerVenue) assert.ok(quote.amountOut > venue.amountOut);

    // Routed: exactly the routes quoted, in the next block (the quoted state).
    const deadline = 1_000;
    const res = await ok(api.tx.router.swapExactIn(NATIVE, USDT, TRADE, quote.amountOut, charlie.address, deadline, routeArgument(quote)), bob);
    assert.equal(await parentOf(api, res.blockHash), genesisHead);
    const routedOut = await usdtGained(api, charlie.address, res.blockHash);
    assert.equal(routedOut, quote.amountOut, 'execution returns exactly the quote');
    const swapped = res.events.map(({ event }) => event).find((e) => e.section === 'router' && e.method === 'Swapped');
    assert.equal(swapped.data.routes.length, quote.routes.length);

    // Direct: the same trade in the best single pool on the twin chain, also after genesis.
    const twin = direct.api;
    const [hop] = single.hops;
    const tx = hop.venue === 0
      ? twin.tx.dex.swapExactIn([{ poolId: hop.poolId, assetIn: NATIVE, assetOut: USDT }], TRADE, 1n, charlie.address, deadline)
      : twin.tx.assetConversion.swapExactTokensForTokens([NATIVE, USDT], TRADE, 1n, charlie.address, true);
    const directRes = await ok(tx, bob);
    const directOut = await usdtGained(twin, charlie.address, directRes.blockHash);
    assert.equal(directOut, single.amountOut, 'the single-route quote is what the pool pays');
    assert.ok(routedOut > directOut, `routed ${routedOut} > direct ${directOut}`);
    console.log(`10,000 DFI → USDT: routed ${routedOut}, best single pool ${directOut} (+${((Number(routedOut - directOut) / Number(directOut)) * 100).toFixed(3)} %)`);
  });

  it('lets an account with no DFI pay a transfer in USDT, at the router quote of the fee', async () => {
    const { api, wsUrl } = routed;
    const payer = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//RouterFeePayer');
    // USDT is a sufficient asset: the account exists holding only USDT.
    await ok(api.tx.assets.transfer(1, payer.address, 1_000n * USDT_UNIT), bob);
    assert.equal(await freeBalance(api, payer.address), 0n);

    const feeApi = await connectForAssetFees(wsUrl);
    try {
      const transfer = feeApi.tx.assets.transferKeepAlive(1, bob.address, USDT_UNIT);
      const head = (await feeApi.rpc.chain.getHeader()).hash.toHex();
      // payment_queryInfo at the best block (`head`: instant sealing makes no block meanwhile).
      const info = await transfer.paymentInfo(payer, { assetId: USDT });
      const partialFee = info.partialFee.toBigInt();
      const feeQuote = await quoteExactOut(feeApi, USDT, NATIVE, partialFee, head);
      assert.ok(feeQuote, 'the fee has a USDT price');

      const before = await assetBalance(api, 1, payer.address, head);
      const res = await ok(transfer, payer, { assetId: USDT });
      assert.equal(await parentOf(api, res.blockHash), head, 'charged in the quoted state');
      const paid = res.events.map(({ event }) => event).find((e) => e.section === 'assetTxPayment' && e.method === 'AssetTxFeePaid');
      assert.ok(paid, 'AssetTxFeePaid emitted');
      const actualFee = paid.data.actualFee.toBigInt();
      assert.equal(actualFee, feeQuote.amountIn, "payment_queryInfo's fee converted at the router's quote");
      assert.equal(before - (await assetBalance(api, 1, payer.address, res.blockHash)), USDT_UNIT + actualFee);
      assert.equal(await freeBalance(api, payer.address, res.blockHash), 0n, 'still no DFI');
      console.log(`fee: ${partialFee} DFI base units = ${actualFee} USDT base units`);
    } finally {
      await feeApi.disconnect();
    }

    // An api without the option still pays in DFI, as before.
    const res = await ok(api.tx.balances.transferKeepAlive(charlie.address, DFI), bob);
    assert.ok(res.fee > 0n, 'TransactionFeePaid in DFI');
  });
});
