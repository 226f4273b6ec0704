// The dApp in headless Chromium against a dev node with instant sealing: balances, a swap through
// the router, input validation, an on-chain failure, adding liquidity, and a node restart. Each
// test saves a screenshot under dapp/test-output/; a failing one also keeps the page's console log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, record, restartDevNode, serveDist, startDevNode } from './harness.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const SYMBOLS = { native: 'DFI', 1: 'USDT', 2: 'USDC', 3: 'WBTC', 4: 'WETH', 5: 'dUSD' };

let node;
let site;
let browser;
let page;
let consoleLog;
export const measured = {};

/** Alice's free balances read beside the page with polkadot.js, keyed by symbol. */
async function chainBalances(api) {
  const out = {};
  out.DFI = BigInt((await api.query.system.account(ALICE)).data.free.toString());
  for (const id of [1, 2, 3, 4, 5]) {
    const acc = await api.query.assets.account(id, ALICE);
    out[SYMBOLS[id]] = acc.isSome ? BigInt(acc.unwrap().balance.toString()) : 0n;
  }
  return out;
}

async function shownBalances() {
  const out = {};
  for (const symbol of Object.values(SYMBOLS)) {
    out[symbol] = BigInt(await page.getAttribute(`[data-testid="balance-${symbol}"]`, 'data-raw'));
  }
  return out;
}

/** Waits until the page shows data of block `number` or later. */
async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="main"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

async function bestNumber() {
  return (await node.api.rpc.chain.getHeader()).number.toNumber();
}

/** Runs `body`, then records a screenshot (and the console log if it threw). */
function browserTest(name, body) {
  it(name, async () => {
    let failed = true;
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = await record(page, consoleLog, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase(), failed);
    }
  });
}

describe('dApp in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    node = await startDevNode();
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await node?.stop();
    console.log(`[dapp] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('connects and shows the balances the chain holds', async () => {
    const started = Date.now();
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${ALICE}"]`, { timeout: 60_000 });
    measured.firstBalancesMs = Date.now() - started;
    assert.equal(await page.getAttribute('[data-testid="chain-status"]', 'data-status'), 'connected');
    assert.match(await page.textContent('[data-testid="dev-warning"]'), /Dev account/);
    assert.deepEqual(await shownBalances(), await chainBalances(node.api));
  });

  browserTest('swaps as Alice at the quote the runtime API gives', async () => {
    await page.click('[data-testid="tab-swap"]');
    await page.selectOption('[data-testid="swap-from"]', 'native');
    await page.selectOption('[data-testid="swap-to"]', '1');
    await page.fill('[data-testid="swap-amount"]', '10');
    await page.waitForSelector('[data-testid="swap-quote"]');
    const blockHash = await page.getAttribute('[data-testid="swap-quote"]', 'data-block-hash');
    const amountIn = BigInt(await page.getAttribute('[data-testid="swap-quote"]', 'data-amount-in'));
    const shownOut = BigInt(await page.getAttribute('[data-testid="swap-quote"]', 'data-amount-out'));
    assert.equal(amountIn, 10n * 10n ** 12n);
    // The page quotes through the router at the block it shows; so does this check.
    const at = blockHash ? await node.api.at(blockHash) : node.api;
    const quote = await at.call.routerApi.quoteExactIn('Native', { WithId: 1 }, amountIn);
    assert.ok(quote.isSome);
    assert.equal(shownOut, BigInt(quote.unwrap().amountOut.toString()), 'the quote shown is the runtime API quote');
    await page.click('[data-testid="swap-submit"]');
    await page.waitForSelector('[data-testid="tx-status"][data-phase="inBlock"], [data-testid="tx-status"][data-phase="finalized"]', { timeout: 60_000 });
    const blockText = await page.textContent('[data-testid="tx-status"]');
    assert.match(blockText, /In block #\d+/);
    await pageAtBlock(await bestNumber());
    await page.click('[data-testid="tab-portfolio"]');
    assert.deepEqual(await shownBalances(), await chainBalances(node.api));
  });

  browserTest('refuses an amount above the balance without sending anything', async () => {
    const nonceBefore = (await node.api.rpc.system.accountNextIndex(ALICE)).toNumber();
    await page.click('[data-testid="tab-swap"]');
    await page.selectOption('[data-testid="swap-from"]', 'native');
    await page.fill('[data-testid="swap-amount"]', '5000000');
    const reason = await page.waitForSelector('[data-testid="swap-submit-reason"]');
    assert.match(await reason.textContent(), /exceeds your balance/);
    assert.equal(await page.isDisabled('[data-testid="swap-submit"]'), true);
    await page.click('[data-testid="swap-submit"]', { force: true, timeout: 2_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await node.api.rpc.system.accountNextIndex(ALICE)).toNumber(), nonceBefore, 'nonce unchanged');
  });

  browserTest('names the module error of a swap the chain rejects', async () => {
    await page.fill('[data-testid="swap-amount"]', '1');
    await page.waitForSelector('[data-testid="swap-quote"]');
    await page.click('details summary');
    // A minimum the pool cannot pay: the chain executes the transaction and fails it.
    await page.fill('[data-testid="swap-limit-override"]', '1000000');
    await page.click('[data-testid="swap-submit"]');
    const name = await page.waitForSelector('[data-testid="tx-error-name"]', { timeout: 60_000 });
    assert.equal(await name.textContent(), 'router.InsufficientOutput');
    assert.match(await page.textContent('[data-testid="tx-error"]'), /The trade pays out less than `min_out`/);
    await page.fill('[data-testid="swap-limit-override"]', '');
  });

  browserTest('adds liquidity and shows the LP position and its value', async () => {
    await page.click('[data-testid="tab-pools"]');
    await page.click('[data-testid="pool-open-0"]');
    await page.fill('[data-testid="add-amount-0"]', '100');
    assert.notEqual(await page.inputValue('[data-testid="add-amount-1"]'), '', 'the second amount follows the pool price');
    await page.click('[data-testid="add-submit"]');
    await page.waitForSelector('[data-testid="manage-pool"] [data-testid="tx-status"][data-phase="inBlock"], [data-testid="manage-pool"] [data-testid="tx-status"][data-phase="finalized"]', { timeout: 60_000 });
    await pageAtBlock(await bestNumber());
    await page.click('[data-testid="tab-portfolio"]');
    const row = await page.waitForSelector('[data-testid="position-0"]');
    const shares = BigInt(await row.getAttribute('data-shares'));
    const acc = await node.api.query.poolAssets.account(0, ALICE);
    assert.equal(shares, BigInt(acc.unwrap().balance.toString()));
    const value = await node.api.call.dexApi.lpShareValue(0, shares);
    assert.equal(await row.getAttribute('data-value'), [...value.unwrap()].map(String).join(','));
    assert.ok(shares > 0n);
  });

  browserTest('shows the outage when the node stops and recovers without a reload', async () => {
    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    const before = await bestNumber();
    await node.stop();
    console.log(`[dapp] node stopped at ${new Date().toISOString()}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="disconnected"]', { timeout: 30_000 });
    assert.match(await page.textContent('[data-testid="outage"]'), /unreachable/);
    await record(page, consoleLog, 'node-down', false);
    node = { ...(await restartDevNode(node)), rpcPort: node.rpcPort, basePath: node.basePath };
    console.log(`[dapp] node restarted at ${new Date().toISOString()} on ${node.wsUrl}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="connected"]', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload happened');
    const best = Number((await page.textContent('[data-testid="best-block"]')).replace('#', ''));
    assert.ok(best >= before, `best block ${best} continues from ${before}`);
    assert.deepEqual(await shownBalances(), await chainBalances(node.api));
  });
});
