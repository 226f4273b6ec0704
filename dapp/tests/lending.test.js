// The lending and prices panels in headless Chromium against a dev node with instant sealing.
// Prices are fed as Alice (the dev chain's only oracle member) through polkadot.js here, not
// through the page; Eve, who has no genesis positions, then supplies WBTC, enables it as
// collateral and borrows USDT in the page. The health the page shows, and the health it previewed
// before signing, are checked against `LendingApi::account`. Screenshots go to dapp/test-output/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { clickAndAwaitTx, launchBrowser, openPage, record, serveDist, startDevNode } from './harness.js';

const E18 = 10n ** 18n;
/** Reference prices, USD per whole token: every priced asset of the dev chain. */
const PRICES = [
  ['native', 'Native', 2n],
  ['1', { WithId: 1 }, 1n],
  ['2', { WithId: 2 }, 1n],
  ['3', { WithId: 3 }, 60_000n],
  ['4', { WithId: 4 }, 3_000n],
  // dUSD, the chain's stablecoin (it has a money market too).
  ['5', { WithId: 5 }, 1n],
];
const HEALTH_DECIMALS = 3;

let node;
let site;
let browser;
let page;
let consoleLog;
let alice;
let eve;
export const measured = {};

/** Sends `tx` signed by `pair`; resolves once it is in a block (instant seal may report only the
 * finalization), rejects on a failed dispatch. */
function send(tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, dispatchError }) => {
      if (!(status.isInBlock || status.isFinalized)) return;
      if (dispatchError) reject(new Error(`dispatch failed: ${dispatchError.toString()}`));
      else resolve(status.isInBlock ? status.asInBlock : status.asFinalized);
    }).catch(reject);
  });
}

/** The page's health format: 3 decimals, rounded down, thousands separated; ∞ without debt. */
function formatHealth(inner) {
  if (inner === null) return '∞';
  const scaled = inner / 10n ** BigInt(18 - HEALTH_DECIMALS);
  const base = 10n ** BigInt(HEALTH_DECIMALS);
  const whole = (scaled / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(scaled % base).toString().padStart(HEALTH_DECIMALS, '0')}`;
}

function healthNumber(text) {
  return Number(text.replace(/,/g, ''));
}

async function bestNumber() {
  return (await node.api.rpc.chain.getHeader()).number.toNumber();
}

/** Waits until the page shows data of block `number` or later. */
async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="main"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

/** Eve's account view read by polkadot.js beside the page. */
async function chainAccount() {
  const v = await node.api.call.lendingApi.account(eve.address);
  return {
    health: v.health.isSome ? BigInt(v.health.unwrap().toString()) : null,
    borrowLimit: BigInt(v.borrowLimit.toString()),
    debtValue: BigInt(v.debtValue.toString()),
    collateralValue: BigInt(v.collateralValue.toString()),
    position: (key) => {
      const p = [...v.positions].find((x) => (key === 'native' ? x.asset.isNative : x.asset.isWithId && x.asset.asWithId.toString() === key));
      return { supplied: BigInt(p.supplied.toString()), debt: BigInt(p.debt.toString()), collateral: p.collateral.isTrue };
    },
  };
}

/** Clicks `button`, waits for the transaction titled `label` in `scope` to be included, and
 * waits for the page to show the block after it. */
async function signAndWait(scope, button, label) {
  await clickAndAwaitTx(page, scope, button, label);
  await pageAtBlock(await bestNumber());
}

/** Runs `body`, then records a screenshot (and the console log if it threw). */
function browserTest(name, body) {
  it(name, async () => {
    let failed = true;
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = await record(page, consoleLog, `lending-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, failed);
    }
  });
}

describe('lending and prices panels in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    eve = keyring.addFromUri('//Eve');
    node = await startDevNode();
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
    // The reference prices, fed as the oracle's only member; usable from the next block.
    const started = Date.now();
    await send(node.api.tx.oracle.feedValues(PRICES.map(([, kind, usd]) => [kind, (usd * E18).toString()])), alice);
    await send(node.api.tx.system.remark('0x01'), alice);
    measured.feedMs = Date.now() - started;
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await node?.stop();
    console.log(`[lending] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('shows every price Live with its age, as the chain reports them', async () => {
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="connected"]', { timeout: 60_000 });
    await page.waitForSelector(`[data-testid="account-select"] option[value="${eve.address}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="account-select"]', eve.address);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${eve.address}"]`, { timeout: 60_000 });
    await pageAtBlock(await bestNumber());
    await page.click('[data-testid="tab-prices"]');
    await page.waitForSelector('[data-testid="prices"]');
    const views = [...(await node.api.call.pricesApi.prices())];
    assert.equal(views.length, PRICES.length);
    for (const [key, , usd] of PRICES) {
      const row = await page.waitForSelector(`[data-testid="price-${key}"]`);
      assert.equal(await row.getAttribute('data-status'), 'Live', `${key} is Live`);
      assert.equal(await page.textContent(`[data-testid="price-status-${key}"]`), 'Live');
      assert.equal(BigInt(await row.getAttribute('data-price')), usd * E18);
      const view = views.find((v) => (key === 'native' ? v.asset.isNative : v.asset.isWithId && v.asset.asWithId.toString() === key));
      assert.equal(await row.getAttribute('data-age'), view.age.toString(), 'the age the chain reports');
      assert.match(await page.textContent(`[data-testid="price-age-${key}"]`), /^\d+\.\d s$/);
      assert.equal(await page.textContent(`[data-testid="price-feeders-${key}"]`), '1');
    }
  });

  browserTest('supplies WBTC and enables it as collateral', async () => {
    await page.click('[data-testid="tab-lending"]');
    await page.waitForSelector(`[data-testid="lending"][data-account="${eve.address}"]`);
    // No genesis position: no debt, infinite health.
    assert.equal(await page.textContent('[data-testid="lending-health"]'), '∞');
    assert.equal((await chainAccount()).health, null);
    await page.click('[data-testid="lending-action-supply"]');
    await page.selectOption('[data-testid="lending-asset"]', '3');
    await page.fill('[data-testid="lending-amount"]', '1');
    assert.equal(await page.isDisabled('[data-testid="lending-submit"]'), false);
    await signAndWait('[data-testid="lending-form"]', '[data-testid="lending-submit"]', /^Supply 1 WBTC/);
    const supplied = (await chainAccount()).position('3');
    assert.ok(supplied.supplied > 0n);
    assert.equal(BigInt(await page.getAttribute('[data-testid="market-3"]', 'data-supplied')), supplied.supplied);
    assert.equal(await page.getAttribute('[data-testid="collateral-toggle-3"]', 'data-collateral'), 'false');

    await signAndWait('[data-testid="collateral-tx"]', '[data-testid="collateral-toggle-3"]', /^Enable WBTC as collateral/);
    const chain = await chainAccount();
    assert.equal(chain.position('3').collateral, true);
    assert.equal(await page.getAttribute('[data-testid="collateral-toggle-3"]', 'data-collateral'), 'true');
    assert.equal(BigInt(await page.getAttribute('[data-testid="lending-collateral-value"]', 'data-raw')), chain.collateralValue);
    assert.equal(BigInt(await page.getAttribute('[data-testid="lending-borrow-limit"]', 'data-raw')), chain.borrowLimit);
    assert.ok(chain.borrowLimit > 0n, 'WBTC counts towards the borrow limit');
  });

  browserTest('previews the health of a USDT borrow and shows the chain health after it', async () => {
    await page.click('[data-testid="lending-action-borrow"]');
    await page.selectOption('[data-testid="lending-asset"]', '1');
    await page.fill('[data-testid="lending-amount"]', '20000');
    await page.waitForFunction(() => document.querySelector('[data-testid="health-after"]')?.dataset.raw);
    assert.equal(await page.textContent('[data-testid="health-before"]'), '∞');
    const previewText = await page.textContent('[data-testid="health-after"]');
    const previewRaw = BigInt(await page.getAttribute('[data-testid="health-after"]', 'data-raw'));
    assert.equal(await page.$('[data-testid="health-warning"]'), null, 'no warning at a healthy borrow');
    assert.equal(await page.isDisabled('[data-testid="lending-submit"]'), false);
    measured.previewHealth = previewText;

    await signAndWait('[data-testid="lending-form"]', '[data-testid="lending-submit"]', /^Borrow 20,000 USDT/);
    const chain = await chainAccount();
    assert.ok(chain.health !== null, 'the account has debt now');
    assert.equal(chain.position('1').debt >= 20_000n * 10n ** 6n, true);
    const shownText = await page.textContent('[data-testid="lending-health"]');
    const shownRaw = BigInt(await page.getAttribute('[data-testid="lending-health"]', 'data-raw'));
    measured.healthAfterBorrow = shownText;
    assert.equal(shownRaw, chain.health, 'the health shown is LendingApi::account(who).health');
    assert.equal(shownText, formatHealth(chain.health), 'to the displayed precision');
    assert.equal(BigInt(await page.getAttribute('[data-testid="lending-debt-value"]', 'data-raw')), chain.debtValue);
    // The preview made before signing is the health the borrow led to, within display rounding.
    const unit = 10 ** -HEALTH_DECIMALS;
    assert.ok(Math.abs(healthNumber(previewText) - healthNumber(shownText)) <= unit + 1e-9, `preview ${previewText} vs after ${shownText}`);
    const diff = previewRaw > chain.health ? previewRaw - chain.health : chain.health - previewRaw;
    assert.ok(diff <= 10n ** BigInt(18 - HEALTH_DECIMALS), `raw preview ${previewRaw} vs chain ${chain.health}`);
  });

  browserTest('warns below 1.1 and refuses a borrow that takes the health below 1', async () => {
    const nonceBefore = (await node.api.rpc.system.accountNextIndex(eve.address)).toNumber();
    // 1 WBTC at 60,000 USD and a 78 % threshold carry 46,800 USD of debt at health 1; 20,000 is owed.
    await page.fill('[data-testid="lending-amount"]', '23500');
    await page.waitForSelector('[data-testid="health-warning"]');
    const after = healthNumber(await page.textContent('[data-testid="health-after"]'));
    assert.ok(after >= 1 && after < 1.1, `health after ${after}`);
    assert.equal(await page.isDisabled('[data-testid="lending-submit"]'), true, 'above the borrow limit');

    await page.fill('[data-testid="lending-amount"]', '30000');
    await page.waitForFunction(() => /below 1$/.test(document.querySelector('[data-testid="lending-submit-reason"]')?.textContent ?? ''));
    assert.ok(healthNumber(await page.textContent('[data-testid="health-after"]')) < 1);
    assert.match(await page.textContent('[data-testid="lending-submit-reason"]'), /would take your health to 0\.\d+, below 1/);
    assert.equal(await page.isDisabled('[data-testid="lending-submit"]'), true);
    await page.click('[data-testid="lending-submit"]', { force: true, timeout: 2_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await node.api.rpc.system.accountNextIndex(eve.address)).toNumber(), nonceBefore, 'nothing was sent');
  });

  browserTest('repays all and withdraws all', async () => {
    await page.click('[data-testid="lending-action-repay"]');
    await page.selectOption('[data-testid="lending-asset"]', '1');
    await page.click('[data-testid="lending-all"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="health-after"]')?.textContent === '∞');
    await signAndWait('[data-testid="lending-form"]', '[data-testid="lending-submit"]', /^Repay all USDT/);
    let chain = await chainAccount();
    assert.equal(chain.position('1').debt, 0n);
    assert.equal(chain.health, null);
    assert.equal(await page.textContent('[data-testid="lending-health"]'), '∞');

    await page.click('[data-testid="lending-action-withdraw"]');
    await page.selectOption('[data-testid="lending-asset"]', '3');
    await page.click('[data-testid="lending-all"]');
    await signAndWait('[data-testid="lending-form"]', '[data-testid="lending-submit"]', /^Withdraw all WBTC/);
    chain = await chainAccount();
    assert.equal(chain.position('3').supplied, 0n);
    assert.equal(await page.getAttribute('[data-testid="market-3"]', 'data-supplied'), '0');
  });
});
