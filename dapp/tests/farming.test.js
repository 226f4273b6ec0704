// The farms panel in headless Chromium against a dev node with instant sealing (one block per
// transaction). Bob adds liquidity to DEX pool 0 through polkadot.js; the page lists the ten
// genesis farms as `FarmingApi::farms` reports them, in words ("LP DFI/USDT", "Trading DFI/USDT
// (hourly)"...). Bob deposits his LP tokens in farm 0 in the page (the form shows his free LP
// balance; all but the minimum balance goes in, held in place). Remarks signed by Alice through
// polkadot.js move the chain on: the pending figure the page shows ticks up every block and is
// `FarmingApi::farmerIn(0, bob)` at the block the page shows. Bob claims in the page: the claim
// lands in the block after the one shown, and `farming.Claimed` pays the pending figure at the
// claim's parent block plus one block of his share (he is the only farmer: the whole rate), the
// accumulator's rounding computed exactly, at least the figure shown. He withdraws in the page
// (the LP tokens come back exactly) and claims all the rest. Screenshots go to dapp/test-output/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { clickAndAwaitTx, launchBrowser, openPage, record, serveDist, startDevNode } from './harness.js';
import { FARM_RATE, GENESIS_FARM_COUNT, LP_MIN_BALANCE, claimedNative, expectedReward, farmerIn, farms, pendingNative } from '../../scripts/lib/farming.js';

const DFI = 10n ** 12n;
const USDT_UNIT = 10n ** 6n;
/** Farm 0 takes LP tokens of DEX pool 0 (DFI/USDT). */
const FARM = 0;
const POOL = 0;

const DESCRIPTIONS = [
  'LP DFI/USDT',
  'LP USDT/WBTC',
  'LP USDT/WETH',
  'LP USDT/USDC',
  'LP USDT/USDC/dUSD',
  'Lending supply USDT',
  'Lending borrow USDT',
  'Lending supply DFI',
  'Staking product 2',
  'Trading DFI/USDT (hourly)',
];

let node;
let site;
let browser;
let page;
let consoleLog;
let alice;
let bob;
/** Bob's LP tokens of pool 0 after adding liquidity, his deposit, and the deposit's block. */
let lp;
let deposit;
let depositBlock;
let claimBlock;
export const measured = {};

/** Sends `tx` signed by `pair`; resolves with the block hash once it is in a block, rejects on a
 * failed dispatch. */
function send(tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, dispatchError }) => {
      if (!(status.isInBlock || status.isFinalized)) return;
      if (dispatchError) reject(new Error(`dispatch failed: ${dispatchError.toString()}`));
      else resolve((status.isInBlock ? status.asInBlock : status.asFinalized).toHex());
    }).catch(reject);
  });
}

let remarks = 0;
async function remark() {
  remarks += 1;
  return send(node.api.tx.system.remark(`0x${remarks.toString(16).padStart(4, '0')}`), alice);
}

async function numberOf(blockHash) {
  return (await node.api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

async function bestNumber() {
  return (await node.api.rpc.chain.getHeader()).number.toNumber();
}

async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="farms"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

async function eventsAt(blockHash) {
  return [...(await (await node.api.at(blockHash)).query.system.events())];
}

async function lpFree(who, blockHash) {
  const acc = await (await node.api.at(blockHash)).query.poolAssets.account(POOL, who);
  return acc.isSome ? acc.unwrap().balance.toBigInt() : 0n;
}

async function nativeFree(who, blockHash) {
  return (await (await node.api.at(blockHash)).query.system.account(who)).data.free.toBigInt();
}

function feePaid(events, who) {
  const fee = events.find((r) => r.event.section === 'transactionPayment' && r.event.method === 'TransactionFeePaid' && r.event.data.who.toString() === who);
  return fee.event.data.actualFee.toBigInt();
}

/** DFI base units as the page writes them: `0.029999999999 DFI`. */
function dfiText(raw) {
  const fraction = (raw % DFI).toString().padStart(12, '0').replace(/0+$/, '');
  const whole = (raw / DFI).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}${fraction ? `.${fraction}` : ''} DFI`;
}

/** The panel's block and every data attribute of the rows matching `selector`, read at once (one
 * render). */
async function rowsShown(selector) {
  return page.evaluate((sel) => {
    const panel = document.querySelector('[data-testid="farms"]');
    return {
      blockHash: panel?.dataset.blockHash ?? '',
      block: Number(panel?.dataset.block ?? -1),
      rows: [...document.querySelectorAll(sel)].map((r) => ({ ...r.dataset, pendingText: r.querySelector('[data-testid="farm-pending"]')?.textContent ?? '' })),
    };
  }, selector);
}

const rowSelector = (id) => `[data-testid="farm-row"][data-farm="${id}"]`;

/** Farm 0's row as shown, with the block it was read at. */
async function farmRow() {
  const shown = await rowsShown(rowSelector(FARM));
  return { ...shown.rows[0], blockHash: shown.blockHash, block: shown.block };
}

/** Clicks `button`, waits for the transaction titled `label` in `scope` to be included and for the
 * page to show the best block; resolves with the transaction's block hash. */
async function signAndWait(scope, button, label) {
  const blockHash = await clickAndAwaitTx(page, scope, button, label);
  await pageAtBlock(await bestNumber());
  return blockHash;
}

function browserTest(name, body) {
  it(name, async () => {
    let failed = true;
    const started = Date.now();
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = { seconds: (Date.now() - started) / 1000, screenshot: await record(page, consoleLog, `farming-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, failed) };
    }
  });
}

describe('farms panel in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    node = await startDevNode();
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
    // Bob gets LP tokens of pool 0 before the page loads.
    const added = await send(node.api.tx.dex.addLiquidity(POOL, [1_000n * DFI, 2_100n * USDT_UNIT], 1), bob);
    lp = await lpFree(bob.address, added);
    assert.ok(lp > LP_MIN_BALANCE);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await node?.stop();
    console.log(`[farming] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('lists the farms FarmingApi reports, in words', async () => {
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="connected"]', { timeout: 60_000 });
    await page.waitForSelector(`[data-testid="account-select"] option[value="${bob.address}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="account-select"]', bob.address);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${bob.address}"]`, { timeout: 60_000 });
    await page.click('[data-testid="tab-farms"]');
    await page.waitForSelector(`[data-testid="farms"][data-account="${bob.address}"]`);

    const shown = await rowsShown('[data-testid="farm-row"]');
    const chain = await farms(node.api, shown.blockHash);
    assert.equal(chain.length, GENESIS_FARM_COUNT);
    assert.equal(shown.rows.length, chain.length);
    for (const f of chain) {
      const row = shown.rows.find((r) => r.farm === String(f.id));
      assert.ok(row, `row of farm ${f.id}`);
      assert.equal(row.description, DESCRIPTIONS[f.id], `farm ${f.id} in words`);
      assert.equal(row.program, f.program.kind);
      assert.equal(row.status, f.status);
      assert.equal(row.status, 'Active');
      assert.equal(row.rate, f.streams.map((s) => String(s.rate)).join(','));
      assert.equal(row.ratePerDay, f.streams.map((s) => String(s.rate * 14_400n)).join(','));
      assert.equal(row.pot, f.streams.map((s) => String(s.pot)).join(','));
      assert.equal(row.apr, f.streams.map((s) => (s.apr === null ? '' : String(s.apr))).join(','));
      assert.equal(row.totalShares, String(f.totalShares));
      assert.equal(row.totalValue, f.totalValue === null ? '' : String(f.totalValue));
      assert.equal(row.epochLength, String(f.epochLength));
      assert.equal(row.shares, '0', 'Bob is in no farm yet');
      assert.equal(row.pending, '0');
    }
    assert.match(await page.textContent(`${rowSelector(0)} [data-testid="farm-rate"]`), /^0\.01 DFI \/ block\s*144 DFI \/ day$/);
    assert.match(await page.textContent(`${rowSelector(9)} [data-testid="farm-rate"]`), /^0\.05 DFI \/ block\s*720 DFI \/ day$/);
    // Nobody deposited in farm 0 yet: no APR.
    assert.equal(await page.textContent(`${rowSelector(0)} [data-testid="farm-apr"]`), '–');
    assert.equal(await page.isDisabled(`${rowSelector(0)} [data-testid="farm-claim"]`), true, 'nothing to claim');
    assert.equal(await page.isDisabled('[data-testid="farms-claim-all"]'), true);
  });

  browserTest('deposits Bob\'s LP tokens in farm 0 in the page, held in place', async () => {
    await page.selectOption('[data-testid="farm-form-farm"]', String(FARM));
    await page.waitForSelector(`[data-testid="farm-form"][data-farm="${FARM}"]`);
    const wallet = await page.evaluate(() => ({ ...document.querySelector('[data-testid="farm-wallet"]').dataset }));
    assert.equal(wallet.free, String(lp), 'the form shows Bob\'s free LP balance');
    assert.equal(wallet.spendable, String(lp - LP_MIN_BALANCE));
    assert.equal(wallet.deposited, '0');
    assert.match(await page.textContent('[data-testid="farm-wallet"]'), /^Free in your wallet: [\d,.]+ LP DFI\/USDT/);
    await page.click('[data-testid="farm-deposit-max"]');
    assert.equal(await page.isDisabled('[data-testid="farm-deposit-submit"]'), false);
    assert.equal(await page.isDisabled('[data-testid="farm-withdraw-submit"]'), true, 'nothing to withdraw yet');

    const blockHash = await signAndWait('[data-testid="farm-form"]', '[data-testid="farm-deposit-submit"]', /^Deposit [\d,.]+ LP DFI\/USDT in farm #0$/);
    depositBlock = await numberOf(blockHash);
    const event = (await eventsAt(blockHash)).map((r) => r.event).find((e) => e.section === 'farming' && e.method === 'Deposited');
    assert.ok(event, 'farming.Deposited');
    assert.equal(event.data.who.toString(), bob.address);
    assert.equal(event.data.farm.toNumber(), FARM);
    deposit = event.data.amount.toBigInt();
    assert.equal(deposit, lp - LP_MIN_BALANCE, 'Max deposited all but the minimum balance');
    assert.equal(await lpFree(bob.address, blockHash), LP_MIN_BALANCE, 'the free LP balance fell by the deposit');
    const held = await (await node.api.at(blockHash)).query.poolAssetsHolder.balancesOnHold(POOL, bob.address);
    assert.equal(held.unwrap().toBigInt(), deposit, 'the deposit is held in Bob\'s account');

    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.shares !== '0', rowSelector(FARM));
    const row = await farmRow();
    assert.equal(row.shares, String(deposit));
    assert.equal(row.totalShares, String(deposit), 'Bob is the only farmer of farm 0');
    assert.equal(row.pending, '0', 'nothing accrued in the deposit\'s block');
    assert.equal(await page.getAttribute('[data-testid="farm-wallet"]', 'data-deposited'), String(deposit));
  });

  browserTest('shows pending rewards ticking up every block, as FarmingApi::farmerIn reports them', async () => {
    let previous = 0n;
    for (let i = 1; i <= 3; i++) {
      const hash = await remark();
      await pageAtBlock(await numberOf(hash));
      const row = await farmRow();
      assert.equal(row.blockHash, hash, 'the page shows the new block');
      const chain = await farmerIn(node.api, FARM, bob.address, row.blockHash);
      const pending = BigInt(row.pending);
      assert.equal(pending, pendingNative(chain), `block ${row.block}: the figure shown is farmerIn(0, bob) there`);
      assert.equal(BigInt(row.payable), chain.pending[0].payable);
      assert.equal(pending, expectedReward(FARM_RATE, row.block - depositBlock, deposit, deposit));
      assert.ok(pending > previous, `pending ticks up: ${previous} → ${pending}`);
      assert.equal(row.pendingText, dfiText(pending));
      previous = pending;
    }
    measured.pendingShown = dfiText(previous);
    assert.equal(await page.isDisabled(`${rowSelector(FARM)} [data-testid="farm-claim"]`), false);
  });

  browserTest('claims in the page: farming.Claimed pays the figure shown plus one block', async () => {
    const shown = await farmRow();
    const shownPending = BigInt(shown.pending);
    assert.ok(shownPending > 0n);
    const before = await nativeFree(bob.address, shown.blockHash);

    const blockHash = await signAndWait('[data-testid="farms-table"]', `${rowSelector(FARM)} [data-testid="farm-claim"]`, /^Claim the rewards of farm #0 \(LP DFI\/USDT\)$/);
    const events = await eventsAt(blockHash);
    const claimed = claimedNative(events, bob.address, FARM);
    assert.ok(claimed !== null, 'farming.Claimed');
    claimBlock = await numberOf(blockHash);
    const parent = (await node.api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
    assert.equal(parent, shown.blockHash, 'instant seal: the claim lands in the block after the one shown');
    // Pending at the claim's parent, plus one block of Bob's share: the only farmer gets the whole
    // rate, each figure at most a unit below the exact one.
    const atParent = pendingNative(await farmerIn(node.api, FARM, bob.address, parent));
    assert.equal(atParent, shownPending);
    const total = (await farms(node.api, parent))[FARM].totalShares;
    assert.equal(total, deposit);
    const oneBlock = (FARM_RATE * deposit) / total;
    assert.ok(claimed >= atParent + oneBlock - 1n && claimed <= atParent + oneBlock + 1n, `claimed ${claimed}, pending at the parent ${atParent}`);
    // Exactly: the claim accrued [deposit block, claim block) in one step.
    assert.equal(claimed, expectedReward(FARM_RATE, claimBlock - depositBlock, deposit, total));
    assert.ok(claimed >= shownPending, 'at least the figure shown');
    measured.claimed = dfiText(claimed);
    assert.equal(await nativeFree(bob.address, blockHash), before + claimed - feePaid(events, bob.address));

    // The page shows the claim's block: nothing pending, nothing to claim.
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.pending === '0', rowSelector(FARM));
    assert.equal(await page.isDisabled(`${rowSelector(FARM)} [data-testid="farm-claim"]`), true);
    assert.equal(await page.textContent('[data-testid="farms-claim-all-reason"]'), 'Nothing to claim');
  });

  browserTest('withdraws in the page (the LP tokens come back exactly) and claims all the rest', async () => {
    await page.click('[data-testid="farm-withdraw-max"]');
    const blockHash = await signAndWait('[data-testid="farm-form"]', '[data-testid="farm-withdraw-submit"]', /^Withdraw [\d,.]+ LP DFI\/USDT from farm #0$/);
    const withdrawn = (await eventsAt(blockHash)).map((r) => r.event).find((e) => e.section === 'farming' && e.method === 'Withdrawn');
    assert.ok(withdrawn, 'farming.Withdrawn');
    assert.equal(withdrawn.data.amount.toBigInt(), deposit);
    assert.equal(await lpFree(bob.address, blockHash), lp, 'Bob has all his LP tokens back');

    // The withdrawal settled the block since the claim; without shares nothing more accrues.
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.shares === '0', rowSelector(FARM));
    const row = await farmRow();
    const left = BigInt(row.pending);
    assert.equal(left, expectedReward(FARM_RATE, (await numberOf(blockHash)) - claimBlock, deposit, deposit));
    assert.equal(left, pendingNative(await farmerIn(node.api, FARM, bob.address, row.blockHash)));
    assert.equal(await page.getAttribute('[data-testid="farms-payable"]', 'data-raw'), String(left));

    const claimedAt = await signAndWait('[data-testid="farms-table"]', '[data-testid="farms-claim-all"]', /^Claim the rewards of every farm$/);
    assert.equal(claimedNative(await eventsAt(claimedAt), bob.address, FARM), left, 'claim all paid exactly the figure shown');
    assert.equal(await farmerIn(node.api, FARM, bob.address, claimedAt), null);
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.pending === '0', rowSelector(FARM));
  });
});
