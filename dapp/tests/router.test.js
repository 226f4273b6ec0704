// The swap panel through the router, and fees paid in an asset, in headless Chromium against a
// dev node with instant sealing (its own node). The genesis has DFI/USDT on both venues (the DEX
// 100,000 DFI / 200,000 USDT, asset-conversion 50,000 DFI / 101,000 USDT), so a 10,000 DFI trade
// is split. Every figure the page shows is checked against `RouterApi::quote_exact_in` read here
// at the block the page quoted at; the swap is checked against the chain's balances and the
// `router.Swapped` event; a transfer with USDT as the fee asset against `AssetTxFeePaid`.
// Screenshots go to dapp/test-output/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { clickAndAwaitTx, launchBrowser, openPage, record, serveDist, startDevNode } from './harness.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const USDT = 1;
const DFI_UNIT = 10n ** 12n;
const USDT_DECIMALS = 6;
// 10 % of the DEX pool (its per-block price-move limit allows about 11 %) and 20 % of
// asset-conversion's: the router splits it.
const SWAP_DFI = 10_000n;
const SLIPPAGE_BPS = 50n; // the page's default 0.5 %
/** The fee extension's `asset_id` type as polkadot.js must know it (see docs/DAPP.md). */
const TYPES = { TAssetConversion: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>' };

let node;
let api;
let site;
let browser;
let page;
let consoleLog;
export const measured = {};

const big = (x) => BigInt(x.toString());
const key = (kind) => (kind.isNative ? 'native' : kind.asWithId.toString());

/** The page's amount format: at most 6 fraction digits, rounded down, thousands separated. */
function formatAmount(raw, decimals, maxFraction = 6) {
  const unit = 10n ** BigInt(decimals);
  const whole = (raw / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (raw % unit).toString().padStart(decimals, '0').slice(0, Math.min(maxFraction, decimals)).replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}`;
}

async function raw(testId, scope = '') {
  const value = await page.getAttribute(`${scope} [data-testid="${testId}"]`.trim(), 'data-raw');
  assert.ok(value !== null && value !== '', `${testId} has a raw value`);
  return BigInt(value);
}

async function dfiAt(hash, who) {
  return big((await (await api.at(hash)).query.system.account(who)).data.free);
}

async function usdtAt(hash, who) {
  const acc = await (await api.at(hash)).query.assets.account(USDT, who);
  return acc.isSome ? big(acc.unwrap().balance) : 0n;
}

async function parentOf(hash) {
  return (await api.rpc.chain.getHeader(hash)).parentHash.toHex();
}

/** The events of the extrinsics in block `hash`. */
async function extrinsicEvents(hash) {
  const records = await (await api.at(hash)).query.system.events();
  return [...records].filter((r) => r.phase.isApplyExtrinsic).map((r) => r.event);
}

async function bestNumber() {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Waits until the page shows data of block `number` or later. */
async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="main"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

/** Clicks `button`, waits for the transaction titled `label` in `scope` to be included, and
 * waits for the page to show the block after it. Resolves with the hash of its block. */
async function signAndWait(scope, button, label) {
  const hash = await clickAndAwaitTx(page, scope, button, label);
  assert.match(hash ?? '', /^0x[0-9a-f]{64}$/, 'the page names the block');
  await pageAtBlock(await bestNumber());
  return hash;
}

/** Runs `body`, then records a screenshot (and the console log if it threw). */
function browserTest(name, body) {
  it(name, async () => {
    let failed = true;
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = await record(page, consoleLog, `router-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, failed);
    }
  });
}

/** The route rows the page shows. */
async function shownRoutes() {
  return page.$$eval('[data-testid="route-row"]', (rows) =>
    rows.map((r) => ({
      amountIn: r.dataset.amountIn,
      amountOut: r.dataset.amountOut,
      shareBps: Number(r.dataset.shareBps),
      hops: JSON.parse(r.dataset.hops),
      text: r.textContent,
    })),
  );
}

function routeOf(r) {
  return {
    amountIn: big(r.amountIn).toString(),
    amountOut: big(r.amountOut).toString(),
    hops: [...r.hops].map((h) => ({ venue: h.venue.toNumber(), poolId: h.poolId.toNumber(), assetIn: key(h.assetIn), assetOut: key(h.assetOut) })),
  };
}

let quoted; // what the page showed for the 10,000 DFI swap

describe('swap through the router and fees in an asset, in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    node = await startDevNode();
    // Our own connection, with the fee asset type: a block holding a transaction that pays in
    // an asset only decodes with it.
    api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.rpcPort}`), types: TYPES, noInitWarn: true });
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await api?.disconnect().catch(() => {});
    await node?.stop();
    console.log(`[router] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('quotes 10,000 DFI → USDT split over both venues, as RouterApi quotes it', async () => {
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${ALICE}"]`, { timeout: 60_000 });
    await page.click('[data-testid="tab-swap"]');
    await page.selectOption('[data-testid="swap-from"]', 'native');
    await page.selectOption('[data-testid="swap-to"]', String(USDT));
    await page.check('[data-testid="swap-mode-in"]');
    await page.fill('[data-testid="swap-amount"]', SWAP_DFI.toString());
    await page.waitForSelector('[data-testid="swap-quote"] [data-testid="quote-out"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="route-row"]');

    const blockHash = await page.getAttribute('[data-testid="swap-quote"]', 'data-block-hash');
    assert.match(blockHash, /^0x[0-9a-f]{64}$/, 'the quote names its block');
    const amountIn = SWAP_DFI * DFI_UNIT;
    const option = await (await api.at(blockHash)).call.routerApi.quoteExactIn('Native', { WithId: USDT }, amountIn);
    assert.ok(option.isSome, 'the router can carry the trade');
    const q = option.unwrap();
    const amountOut = big(q.amountOut);

    // Totals.
    assert.equal(await raw('quote-in'), amountIn);
    assert.equal(big(q.amountIn), amountIn);
    assert.equal(await raw('quote-out'), amountOut, 'total out is the runtime API quote');
    assert.equal(await page.textContent('[data-testid="quote-out"]'), `${formatAmount(amountOut, USDT_DECIMALS)} USDT`);

    // One row per route, with the routes' hops and amounts.
    const rows = await shownRoutes();
    const routes = [...q.routes].map(routeOf);
    assert.ok(rows.length > 1, `the trade is split (${rows.length} routes shown)`);
    assert.equal(rows.length, routes.length);
    rows.forEach((row, i) => {
      assert.equal(row.amountIn, routes[i].amountIn, `route ${i} in`);
      assert.equal(row.amountOut, routes[i].amountOut, `route ${i} out`);
      assert.deepEqual(row.hops, routes[i].hops, `route ${i} hops`);
      assert.match(row.text, /DFI/);
      assert.match(row.text, /USDT/);
      assert.equal(row.shareBps, Number((big(routes[i].amountIn) * 10_000n + amountIn / 2n) / amountIn), `route ${i} share`);
    });
    assert.equal(
      routes.reduce((s, r) => s + big(r.amountIn), 0n),
      amountIn,
      'the routes carry the whole input',
    );
    const venues = new Set(rows.flatMap((r) => r.hops.map((h) => h.venue)));
    assert.ok(venues.has(0) && venues.has(1), 'the DEX and asset-conversion both carry a part');
    const venueText = await page.textContent('[data-testid="swap-routes"]');
    assert.match(venueText, /DEX/);
    assert.match(venueText, /Asset Conversion/);

    // The gain over the best single route and every venue's best.
    const single = q.bestSingleRoute.isSome ? big(q.bestSingleRoute.unwrap().amountOut) : null;
    const perVenue = [...q.bestPerVenue].filter((o) => o.isSome).map((o) => big(o.unwrap().amountOut));
    const alternatives = [...(single === null ? [] : [single]), ...perVenue];
    assert.ok(alternatives.length > 0, 'the quote has alternatives to compare with');
    const bestAlternative = alternatives.reduce((a, b) => (b > a ? b : a));
    const gain = amountOut - bestAlternative;
    assert.equal(await raw('router-gain'), gain, 'gain = amount_out − max(best single route, best per venue)');
    assert.ok(gain > 0n, `splitting gains (${gain})`);
    assert.match(await page.textContent('[data-testid="router-gain"]'), new RegExp(`You get ${formatAmount(gain, USDT_DECIMALS).replace(/[.]/g, '\\.')} USDT more`));
    if (single !== null) assert.equal(await raw('best-single-route'), single);
    if (perVenue.length > 0) assert.equal(await raw('best-venue'), perVenue.reduce((a, b) => (b > a ? b : a)));

    // Price impact and the minimum received at the default slippage.
    if (q.priceImpact.isSome) assert.equal(await raw('swap-impact'), big(q.priceImpact.unwrap()));
    const limit = (amountOut * (10_000n - SLIPPAGE_BPS)) / 10_000n;
    assert.equal(await raw('swap-limit'), limit);

    quoted = { blockHash, amountOut, limit, routes };
    measured.routes = rows.length;
    measured.gain = gain.toString();
    measured.amountOut = amountOut.toString();
  });

  browserTest('swaps along the quoted routes and receives at least the minimum', async () => {
    assert.ok(quoted, 'the quote test ran');
    assert.equal(await page.isDisabled('[data-testid="swap-submit"]'), false);
    const hash = await signAndWait('[data-testid="swap"]', '[data-testid="swap-submit"]', /^Swap DFI → USDT/);
    const parent = await parentOf(hash);
    const received = (await usdtAt(hash, ALICE)) - (await usdtAt(parent, ALICE));
    assert.ok(received >= quoted.limit, `received ${received} ≥ minimum ${quoted.limit}`);
    const events = await extrinsicEvents(hash);
    const swapped = events.find((e) => e.section === 'router' && e.method === 'Swapped' && e.data[0].toString() === ALICE);
    assert.ok(swapped, 'router.Swapped');
    // Swapped { who, recipient, asset_in, asset_out, amount_in, amount_out, routes }
    assert.equal(big(swapped.data[4]), SWAP_DFI * DFI_UNIT);
    assert.equal(big(swapped.data[5]), received, 'the event pays what the balance shows');
    const executed = [...swapped.data[6]].map(routeOf);
    assert.deepEqual(
      executed.map((r) => ({ hops: r.hops, amountIn: r.amountIn })),
      quoted.routes.map((r) => ({ hops: r.hops, amountIn: r.amountIn })),
      'the chain executed the quoted routes with their input parts',
    );
    if (parent === quoted.blockHash) assert.equal(received, quoted.amountOut, 'on the quoted state the quote is exact');
    // The fee was paid in DFI.
    assert.ok(events.some((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid' && e.data[0].toString() === ALICE));
    assert.equal(await page.getAttribute('[data-testid="swap"] [data-testid="tx-fee"]', 'data-asset'), 'native');
    measured.received = received.toString();
  });

  browserTest('pays the fee of a transfer in USDT when USDT is the fee asset', async () => {
    // The header's fee asset is the page's; the swap panel's picker shows the same choice.
    await page.selectOption('[data-testid="fee-asset"]', String(USDT));
    assert.equal(await page.inputValue('[data-testid="swap-fee-asset"]'), String(USDT));
    // The swap panel previews its fee in USDT: the router's exact-out quote for the DFI fee.
    const preview = await page.waitForFunction(
      (asset) => {
        const el = document.querySelector('[data-testid="swap-fee-preview"]');
        return el && el.dataset.asset === asset && el.dataset.raw && el.dataset.native ? { raw: el.dataset.raw, native: el.dataset.native } : false;
      },
      String(USDT),
      { timeout: 30_000 },
    );
    const { raw: previewUsdt, native: previewDfi } = await preview.jsonValue();
    const feeQuote = await api.call.routerApi.quoteExactOut({ WithId: USDT }, 'Native', previewDfi);
    assert.ok(feeQuote.isSome);
    assert.equal(BigInt(previewUsdt), big(feeQuote.unwrap().amountIn), 'fee preview = quoteExactOut(USDT, DFI, partialFee).amountIn');

    await page.click('[data-testid="tab-portfolio"]');
    await page.selectOption('[data-testid="transfer-asset"]', 'native');
    await page.fill('[data-testid="transfer-to"]', BOB);
    await page.fill('[data-testid="transfer-amount"]', '1');
    const hash = await signAndWait('[data-testid="transfer"]', '[data-testid="transfer-submit"]', /^Transfer 1 DFI/);
    const parent = await parentOf(hash);

    const events = await extrinsicEvents(hash);
    // AssetTxFeePaid { who, actual_fee, tip, asset_id }
    const paid = events.find((e) => e.section === 'assetTxPayment' && e.method === 'AssetTxFeePaid' && e.data[0].toString() === ALICE);
    assert.ok(paid, 'assetTxPayment.AssetTxFeePaid');
    assert.ok(paid.data[3].isWithId && paid.data[3].asWithId.toNumber() === USDT, 'the fee was paid in USDT');
    const fee = big(paid.data[1]);
    assert.ok(fee > 0n);
    assert.ok(!events.some((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid' && e.data[0].toString() === ALICE), 'no DFI fee');

    // The signed transaction carries the asset.
    const block = await api.rpc.chain.getBlock(hash);
    const xt = block.block.extrinsics.find((x) => x.isSigned && x.signer.toString() === ALICE);
    assert.ok(xt && xt.assetId && xt.assetId.isSome, 'the extrinsic names a fee asset');
    assert.equal(xt.assetId.unwrap().asWithId.toNumber(), USDT);

    // The page shows the fee in USDT, and the estimate it made before signing covers it (the
    // fee is charged up front and the unused part swapped back).
    const scope = '[data-testid="transfer"]';
    assert.equal(await page.getAttribute(`${scope} [data-testid="tx-fee"]`, 'data-asset'), String(USDT));
    assert.equal(await raw('tx-fee', scope), fee);
    assert.match(await page.textContent(`${scope} [data-testid="tx-fee"]`), /USDT/);
    const estimate = await raw('tx-fee-estimate', scope);
    assert.ok(estimate >= fee, `estimate ${estimate} ≥ fee ${fee}`);

    // Alice paid 1 DFI and no DFI fee; the fee left her USDT.
    assert.equal((await dfiAt(parent, ALICE)) - (await dfiAt(hash, ALICE)), DFI_UNIT);
    assert.equal((await usdtAt(parent, ALICE)) - (await usdtAt(hash, ALICE)), fee);
    assert.equal((await dfiAt(hash, BOB)) - (await dfiAt(parent, BOB)), DFI_UNIT);
    measured.usdtFee = fee.toString();

    await page.selectOption('[data-testid="fee-asset"]', 'native');
  });
});
