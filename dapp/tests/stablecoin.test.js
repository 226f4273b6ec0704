// The vault and peg-module panels in headless Chromium against a dev node with instant sealing.
// Prices are fed as Alice (the dev chain's only oracle member) through polkadot.js here; Bob, who
// has no genesis vault and no dUSD, opens a DFI vault and mints dUSD in the page. The ratio the
// page shows is checked against `StablecoinApi::vault` read at the block the page shows, and the
// ratio it previewed before signing against a hand computation from the fed price. Then one peg
// module mint (USDT → dUSD) at the fee the page showed. Screenshots go to dapp/test-output/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { clickAndAwaitTx, launchBrowser, openPage, record, serveDist, startDevNode } from './harness.js';

const E18 = 10n ** 18n;
const DFI = 10n ** 12n;
const DUSD = 10n ** 6n;
/** Reference prices, USD per whole token (dUSD at 1). */
const PRICES = [
  ['Native', 2n],
  [{ WithId: 1 }, 1n],
  [{ WithId: 2 }, 1n],
  [{ WithId: 3 }, 60_000n],
  [{ WithId: 4 }, 3_000n],
  [{ WithId: 5 }, 1n],
];

let node;
let site;
let browser;
let page;
let consoleLog;
let alice;
let bob;
export const measured = {};

/** Sends `tx` signed by `pair`; resolves once it is in a block, rejects on a failed dispatch. */
function send(tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, dispatchError }) => {
      if (!(status.isInBlock || status.isFinalized)) return;
      if (dispatchError) reject(new Error(`dispatch failed: ${dispatchError.toString()}`));
      else resolve(status.isInBlock ? status.asInBlock : status.asFinalized);
    }).catch(reject);
  });
}

/** The chain's ratio and liquidation price (defi-math `vaults`), by hand. */
function ratioOf(collateral, decimals, debt, price) {
  const value = (collateral * price) / 10n ** BigInt(decimals);
  const debtValue = debt * 10n ** 12n;
  return (value * E18) / debtValue;
}

/** The page's ratio format: a percentage, two decimals, rounded down. */
function formatRatio(inner) {
  const scaled = (inner * 100n) / 10n ** 16n;
  const whole = (scaled / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(scaled % 100n).toString().padStart(2, '0')} %`;
}

async function bestNumber() {
  return (await node.api.rpc.chain.getHeader()).number.toNumber();
}

async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="main"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

async function balance(id, who, at) {
  const api = at ? await node.api.at(at) : node.api;
  const acc = await api.query.assets.account(id, who);
  return acc.isSome ? BigInt(acc.unwrap().balance.toString()) : 0n;
}

/** Bob's DFI vault as `StablecoinApi::vault` reports it at `blockHash`. */
async function chainVault(blockHash) {
  const api = blockHash ? await node.api.at(blockHash) : node.api;
  const v = await api.call.stablecoinApi.vault(bob.address, 'Native');
  if (v.isNone) return null;
  const x = v.unwrap();
  const opt = (o) => (o.isSome ? BigInt(o.unwrap().toString()) : null);
  return {
    collateral: BigInt(x.collateral.toString()),
    debt: BigInt(x.debt.toString()),
    ratio: opt(x.ratio),
    liquidationPrice: opt(x.liquidationPrice),
    maxMintable: BigInt(x.maxMintable.toString()),
  };
}

async function raw(selector) {
  const v = await page.getAttribute(selector, 'data-raw');
  return v === null || v === '' ? null : BigInt(v);
}

/** Clicks `button`, waits for the transaction titled `label` in `scope` to be included and for the
 * page to show the block after it; resolves with the transaction's block hash. */
async function signAndWait(scope, button, label) {
  const blockHash = await clickAndAwaitTx(page, scope, button, label);
  await pageAtBlock(await bestNumber());
  return blockHash;
}

function browserTest(name, body) {
  it(name, async () => {
    let failed = true;
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = await record(page, consoleLog, `stablecoin-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, failed);
    }
  });
}

describe('vault and peg-module panels in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    node = await startDevNode();
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
    await send(node.api.tx.oracle.feedValues(PRICES.map(([kind, usd]) => [kind, (usd * E18).toString()])), alice);
    await send(node.api.tx.system.remark('0x01'), alice);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await node?.stop();
    console.log(`[stablecoin] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('opens a DFI vault by depositing in the page', async () => {
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="connected"]', { timeout: 60_000 });
    await page.waitForSelector(`[data-testid="account-select"] option[value="${bob.address}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="account-select"]', bob.address);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${bob.address}"]`, { timeout: 60_000 });
    // dUSD is in the token list, and Bob holds none.
    assert.equal(await page.getAttribute('[data-testid="balance-dUSD"]', 'data-raw'), '0');
    await page.click('[data-testid="tab-vault"]');
    await page.waitForSelector(`[data-testid="vault"][data-account="${bob.address}"]`);
    await page.selectOption('[data-testid="vault-asset"]', 'native');
    await page.waitForSelector('[data-testid="vault-none"]');
    assert.equal(await chainVault(), null);
    await page.click('[data-testid="vault-action-deposit"]');
    await page.fill('[data-testid="vault-amount"]', '5000');
    await page.waitForSelector('[data-testid="vault-collateral-after"]');
    assert.equal(await raw('[data-testid="vault-collateral-after"]'), 5_000n * DFI);
    assert.equal(await raw('[data-testid="vault-ratio-after"]'), null, 'no debt, no ratio');
    assert.equal(await page.isDisabled('[data-testid="vault-submit"]'), false);
    await signAndWait('[data-testid="vault-form"]', '[data-testid="vault-submit"]', /^Open a DFI vault with 5,000 DFI/);
    const chain = await chainVault();
    assert.equal(chain.collateral, 5_000n * DFI);
    assert.equal(await raw('[data-testid="vault-collateral"]'), chain.collateral);
    assert.equal(await raw('[data-testid="vault-ratio"]'), null);
    assert.equal(await raw('[data-testid="vault-max-mintable"]'), chain.maxMintable);
  });

  browserTest('previews a 2,000 dUSD mint, mints it, and shows the ratio StablecoinApi reports', async () => {
    await page.click('[data-testid="vault-action-mint"]');
    await page.fill('[data-testid="vault-amount"]', '2000');
    await page.waitForFunction(() => document.querySelector('[data-testid="vault-ratio-after"]')?.dataset.raw);
    const preview = await raw('[data-testid="vault-ratio-after"]');
    const previewLiquidation = await raw('[data-testid="vault-liquidation-price-after"]');
    // 5,000 DFI · $2 over 2,000 dUSD: 5, i.e. 500 %; liquidation at 1.5 · 2,000 / 5,000 = $0.60.
    assert.equal(preview, ratioOf(5_000n * DFI, 12, 2_000n * DUSD, 2n * E18));
    assert.equal(preview, 5n * E18);
    assert.equal(previewLiquidation, (6n * E18) / 10n);
    assert.equal(await page.textContent('[data-testid="vault-ratio-after"]'), '500.00 %');
    measured.previewRatio = await page.textContent('[data-testid="vault-ratio-after"]');

    const blockHash = await signAndWait('[data-testid="vault-form"]', '[data-testid="vault-submit"]', /^Mint 2,000 dUSD/);
    assert.ok(blockHash, 'the page names the block');
    assert.equal(await balance(5, bob.address), 2_000n * DUSD);
    const shownAt = await page.getAttribute('[data-testid="vault"]', 'data-block-hash');
    const chain = await chainVault(shownAt);
    const shown = await raw('[data-testid="vault-ratio"]');
    measured.ratioShown = await page.textContent('[data-testid="vault-ratio"]');
    assert.equal(shown, chain.ratio, 'the ratio shown is StablecoinApi::vault(bob, DFI).ratio at the block shown');
    assert.equal(await page.textContent('[data-testid="vault-ratio"]'), formatRatio(chain.ratio));
    assert.equal(await raw('[data-testid="vault-liquidation-price"]'), chain.liquidationPrice);
    assert.equal(await raw('[data-testid="vault-debt"]'), chain.debt);
    assert.equal(await raw('[data-testid="vault-max-mintable"]'), chain.maxMintable);
    // The preview was the ratio the mint led to, but for the unit or two the normalized debt
    // rounds up (and the fee of the seconds since).
    assert.ok(chain.debt >= 2_000n * DUSD && chain.debt - 2_000n * DUSD < 1_000n, `debt ${chain.debt}`);
    assert.ok(preview >= chain.ratio && preview - chain.ratio < 10n ** 13n, `preview ${preview} vs ${chain.ratio}`);
  });

  browserTest('refuses a mint below the minimum ratio without sending anything', async () => {
    const nonce = (await node.api.rpc.system.accountNextIndex(bob.address)).toNumber();
    // 10,000 USD over 6,000 dUSD: 166.67 %, below DFI's 170 %.
    await page.fill('[data-testid="vault-amount"]', '4000');
    await page.waitForFunction(() => /below the minimum/.test(document.querySelector('[data-testid="vault-submit-reason"]')?.textContent ?? ''));
    assert.match(await page.textContent('[data-testid="vault-submit-reason"]'), /ratio to 166\.66 %, below the minimum of 170\.00 %/);
    assert.equal(await page.isDisabled('[data-testid="vault-submit"]'), true);
    await page.click('[data-testid="vault-submit"]', { force: true, timeout: 2_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await node.api.rpc.system.accountNextIndex(bob.address)).toNumber(), nonce, 'nothing was sent');
  });

  browserTest('mints dUSD with 1,000 USDT through the peg module at the fee shown', async () => {
    await page.click('[data-testid="tab-psm"]');
    await page.waitForSelector(`[data-testid="psm"][data-account="${bob.address}"]`);
    assert.equal(await page.getAttribute('[data-testid="psm-mint-fee-1"]', 'data-raw'), '1000');
    await page.click('[data-testid="psm-action-mint"]');
    await page.selectOption('[data-testid="psm-asset"]', '1');
    await page.fill('[data-testid="psm-amount"]', '1000');
    await page.waitForFunction(() => document.querySelector('[data-testid="psm-fee"]')?.dataset.raw);
    const fee = await raw('[data-testid="psm-fee"]');
    const receive = await raw('[data-testid="psm-receive"]');
    // 0.1 % of 1,000 dUSD, rounded up: 1 dUSD.
    assert.equal(fee, 1n * DUSD);
    assert.equal(receive, 999n * DUSD);
    assert.equal(await raw('[data-testid="psm-pay"]'), 1_000n * DUSD);
    const usdtBefore = await balance(1, bob.address);
    const dusdBefore = await balance(5, bob.address);
    const blockHash = await signAndWait('[data-testid="psm-form"]', '[data-testid="psm-submit"]', /^Mint dUSD with 1,000 USDT/);
    assert.equal((await balance(5, bob.address)) - dusdBefore, receive, 'received what the page showed');
    assert.equal(usdtBefore - (await balance(1, bob.address)), 1_000n * DUSD);
    const events = await (await node.api.at(blockHash)).query.system.events();
    const minted = events.map(({ event }) => event).find((e) => e.section === 'psm' && e.method === 'Minted');
    assert.equal(minted.data.internalFee.toBigInt(), fee);
    assert.equal(minted.data.internalReceived.toBigInt(), receive);
  });
});
