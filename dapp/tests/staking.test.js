// The term-staking panel in headless Chromium against a dev node with instant sealing (one block
// per transaction). Bob, who has no genesis position, stakes 1,000 DFI in product 0 (10 blocks,
// 20 % APR, 5 % early-exit penalty) in the page: the reward previewed before signing is
// `TermStakingApi::quote(0, amount)` at the block the page shows (and the hand computation), the
// maturity previewed is what `termStaking.Staked` records, and the position row shows 10 blocks
// left. Redeeming before maturity is refused in the page and, sent through polkadot.js, by the
// chain with `termStaking.NotMatured`. Ten remarks signed by Alice through polkadot.js then carry
// the chain past maturity and Bob redeems in the page: the position disappears, and
// `termStaking.Redeemed` pays the reward the row showed. Screenshots go to dapp/test-output/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { clickAndAwaitTx, launchBrowser, openPage, record, serveDist, startDevNode } from './harness.js';

const E18 = 10n ** 18n;
const DFI = 10n ** 12n;
const STAKE = 1_000n * DFI;
/** Product 0 of the dev genesis. */
const PRODUCT = 0;
const TERM = 10;
const APR = (2n * E18) / 10n;
const PENALTY_PPM = 50_000n;
const BLOCKS_PER_YEAR = 5_256_000n;

let node;
let site;
let browser;
let page;
let consoleLog;
let alice;
let bob;
/** Bob's position, from `termStaking.Staked`. */
let position;
export const measured = {};

/** Sends `tx` signed by `pair`; resolves with the block hash and the dispatch error (if any) once
 * it is in a block. */
function sendResult(tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, dispatchError }) => {
      if (!(status.isInBlock || status.isFinalized)) return;
      resolve({ blockHash: (status.isInBlock ? status.asInBlock : status.asFinalized).toHex(), dispatchError });
    }).catch(reject);
  });
}

/** Sends `tx` signed by `pair`; resolves once it is in a block, rejects on a failed dispatch. */
async function send(tx, pair) {
  const { blockHash, dispatchError } = await sendResult(tx, pair);
  if (dispatchError) throw new Error(`dispatch failed: ${dispatchError.toString()}`);
  return blockHash;
}

/** The chain's reward (defi-math `rewards::term_reward`), by hand. */
function termReward(principal, apr, term) {
  return (principal * apr * BigInt(term)) / (BLOCKS_PER_YEAR * E18);
}

/** The chain's early-exit penalty, rounded up, by hand. */
function exitPenalty(principal, ppm) {
  return (principal * ppm + 999_999n) / 1_000_000n;
}

async function bestNumber() {
  return (await node.api.rpc.chain.getHeader()).number.toNumber();
}

async function pageAtBlock(number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="main"]')?.dataset.block ?? -1) >= n, number, { timeout: 30_000 });
}

async function account(who, blockHash) {
  const api = blockHash ? await node.api.at(blockHash) : node.api;
  const { data } = await api.query.system.account(who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

async function eventsAt(blockHash) {
  const events = await (await node.api.at(blockHash)).query.system.events();
  return events.map(({ event }) => event);
}

/** Bob's positions as `TermStakingApi::positions` reports them at `blockHash`. */
async function chainPositions(blockHash) {
  const api = blockHash ? await node.api.at(blockHash) : node.api;
  return [...(await api.call.termStakingApi.positions(bob.address))].map((p) => ({
    id: p.id.toBigInt(),
    product: p.product.toNumber(),
    principal: p.principal.toBigInt(),
    reward: p.reward.toBigInt(),
    maturesAt: Number(p.maturesAt.toString()),
    blocksLeft: Number(p.blocksLeft.toString()),
    matured: p.matured.isTrue,
    earlyExitReturns: p.earlyExitReturns.isSome ? p.earlyExitReturns.unwrap().toBigInt() : null,
  }));
}

/** The panel's block hash and every data attribute of the rows matching `selector`, read at once
 * (one render). */
async function rowsShown(selector) {
  return page.evaluate((sel) => {
    const panel = document.querySelector('[data-testid="staking"]');
    return { blockHash: panel?.dataset.blockHash ?? '', rows: [...document.querySelectorAll(sel)].map((r) => ({ ...r.dataset })) };
  }, selector);
}

const rowSelector = (id) => `[data-testid="staking-position-row"][data-position="${id}"]`;

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
    const started = Date.now();
    try {
      await body();
      failed = false;
    } finally {
      measured[name] = { seconds: (Date.now() - started) / 1000, screenshot: await record(page, consoleLog, `staking-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, failed) };
    }
  });
}

describe('term-staking panel in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    node = await startDevNode();
    site = await serveDist();
    browser = await launchBrowser();
    ({ page, consoleLog } = await openPage(browser));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close().catch(() => {});
    await node?.stop();
    console.log(`[staking] measured: ${JSON.stringify(measured)}`);
  });

  browserTest('shows the products TermStakingApi reports', async () => {
    await page.goto(`${site.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
    await page.waitForSelector('[data-testid="chain-status"][data-status="connected"]', { timeout: 60_000 });
    await page.waitForSelector(`[data-testid="account-select"] option[value="${bob.address}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="account-select"]', bob.address);
    await page.waitForSelector(`[data-testid="portfolio"][data-account="${bob.address}"]`, { timeout: 60_000 });
    await page.click('[data-testid="tab-staking"]');
    await page.waitForSelector(`[data-testid="staking"][data-account="${bob.address}"]`);
    await page.waitForSelector('[data-testid="staking-no-positions"]');

    const shown = await rowsShown('[data-testid="staking-product-row"]');
    const products = [...(await (await node.api.at(shown.blockHash)).call.termStakingApi.products())];
    assert.equal(shown.rows.length, products.length);
    assert.equal(products.length, 5, 'the dev genesis has five products');
    for (const p of products) {
      const row = shown.rows.find((r) => r.product === p.id.toString());
      assert.ok(row, `row of product ${p.id}`);
      assert.equal(row.term, p.term.toString());
      assert.equal(row.apr, p.apr.toString());
      assert.equal(row.open, String(p.open.isTrue));
      assert.equal(row.minStake, p.minStake.toString());
      assert.equal(row.maxStake, p.maxStake.toString());
      assert.equal(BigInt(row.capacityLeft), p.capacity.toBigInt() - p.staked.toBigInt());
      assert.equal(row.potAvailable, p.potAvailable.toString());
      assert.equal(row.penaltyPpm, p.earlyExitPenalty.isSome ? p.earlyExitPenalty.unwrap().toString() : '');
      assert.equal(row.maxStakeNow, p.maxStakeNow.toString());
    }
    const zero = shown.rows.find((r) => r.product === String(PRODUCT));
    assert.equal(zero.term, String(TERM));
    assert.equal(zero.apr, String(APR));
    assert.equal(zero.penaltyPpm, String(PENALTY_PPM));
    assert.equal(zero.potAvailable, String(1_000n * DFI));
    const row = (id) => `[data-testid="staking-product-row"][data-product="${id}"]`;
    assert.match(await page.textContent(`${row(0)} [data-testid="staking-product-term"]`), /10 blocks\s*≈ 1 min/);
    assert.match(await page.textContent(`${row(1)} [data-testid="staking-product-term"]`), /432,000 blocks\s*≈ 30 days/);
    assert.equal(await page.textContent(`${row(0)} [data-testid="staking-product-apr"]`), '20.00 %');
    assert.equal(await page.textContent(`${row(0)} [data-testid="staking-product-penalty"]`), '5 % penalty');
    assert.equal(await page.textContent(`${row(1)} [data-testid="staking-product-penalty"]`), 'none');
    assert.equal(await page.getAttribute(row(4), 'data-staked-asset'), '1', 'product 4 stakes USDT');
  });

  browserTest('previews the reward TermStakingApi::quote reports, then stakes 1,000 DFI in the page', async () => {
    await page.selectOption('[data-testid="staking-product"]', String(PRODUCT));
    await page.fill('[data-testid="stake-amount"]', '1000');
    await page.waitForFunction(() => document.querySelector('[data-testid="stake-reward-preview"]')?.dataset.raw);
    const preview = await page.evaluate(() => {
      const reward = document.querySelector('[data-testid="stake-reward-preview"]');
      return {
        reward: reward.dataset.raw,
        rewardText: reward.textContent,
        quotedAt: reward.dataset.blockHash,
        maturity: document.querySelector('[data-testid="stake-maturity-preview"]').dataset.raw,
        exitReturns: document.querySelector('[data-testid="stake-exit-preview"]').dataset.raw,
        block: document.querySelector('[data-testid="staking"]').dataset.block,
      };
    });
    const reward = BigInt(preview.reward);
    const quote = await (await node.api.at(preview.quotedAt)).call.termStakingApi.quote(PRODUCT, STAKE);
    assert.ok(quote.isSome, 'the chain accepts the stake');
    assert.equal(reward, quote.unwrap().toBigInt(), 'the preview is TermStakingApi::quote(0, 1,000 DFI) at the block quoted at');
    // 1,000 DFI · 20 % · 10 / 5,256,000 blocks, rounded down.
    assert.equal(reward, termReward(STAKE, APR, TERM));
    assert.equal(reward, 380_517_503n);
    assert.equal(preview.rewardText, '0.000380517503 DFI');
    assert.equal(Number(preview.maturity), Number(preview.block) + 1 + TERM, 'maturity = the block it lands in + term');
    assert.equal(BigInt(preview.exitReturns), STAKE - exitPenalty(STAKE, PENALTY_PPM));
    assert.equal(await page.isDisabled('[data-testid="stake-submit"]'), false);
    measured.rewardPreview = preview.rewardText;

    const before = await account(bob.address);
    const blockHash = await signAndWait('[data-testid="stake-form"]', '[data-testid="stake-submit"]', /^Stake 1,000 DFI in product #0 for 10 blocks/);
    const staked = (await eventsAt(blockHash)).find((e) => e.section === 'termStaking' && e.method === 'Staked');
    assert.ok(staked, 'termStaking.Staked');
    assert.equal(staked.data.who.toString(), bob.address);
    assert.equal(staked.data.product.toNumber(), PRODUCT);
    assert.equal(staked.data.principal.toBigInt(), STAKE);
    assert.equal(staked.data.reward.toBigInt(), reward, 'the chain reserved the reward previewed');
    const landed = (await node.api.rpc.chain.getHeader(blockHash)).number.toNumber();
    assert.equal(Number(staked.data.maturesAt.toString()), landed + TERM);
    assert.equal(Number(staked.data.maturesAt.toString()), Number(preview.maturity), 'the maturity previewed');
    position = staked.data.position.toBigInt();
    // The principal stays in Bob's account, held: reserved for DFI.
    assert.equal((await account(bob.address)).reserved - before.reserved, STAKE);

    await page.waitForSelector(rowSelector(position));
    const shown = await rowsShown(rowSelector(position));
    const [row] = shown.rows;
    const [chain] = (await chainPositions(shown.blockHash)).filter((p) => p.id === position);
    assert.equal(row.blocksLeft, String(TERM), '10 blocks left');
    assert.equal(row.matured, 'false');
    assert.equal(row.principal, String(STAKE));
    assert.equal(row.reward, String(reward));
    assert.equal(row.maturesAt, String(landed + TERM));
    assert.equal(row.blocksLeft, String(chain.blocksLeft));
    assert.equal(row.reward, String(chain.reward));
    assert.equal(row.earlyExitReturns, String(chain.earlyExitReturns));
    assert.equal(chain.earlyExitReturns, 950n * DFI, 'an early exit returns 1,000 DFI less 5 %');
    assert.equal(await page.getAttribute(`${rowSelector(position)} [data-testid="staking-exit-early"]`, 'data-raw'), String(950n * DFI));
  });

  browserTest('refuses to redeem before maturity; the chain says termStaking.NotMatured', async () => {
    const redeem = `${rowSelector(position)} [data-testid="staking-redeem"]`;
    assert.equal(await page.isDisabled(redeem), true, 'Redeem is disabled before maturity');
    const maturesAt = Number(await page.getAttribute(rowSelector(position), 'data-matures-at'));
    assert.equal(await page.textContent(`${rowSelector(position)} [data-testid="staking-redeem-reason"]`), `Matures at block #${maturesAt}`);
    const nonce = (await node.api.rpc.system.accountNextIndex(bob.address)).toNumber();
    await page.click(redeem, { force: true, timeout: 2_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await node.api.rpc.system.accountNextIndex(bob.address)).toNumber(), nonce, 'the page sent nothing');

    // The chain refuses it too.
    const { blockHash, dispatchError } = await sendResult(node.api.tx.termStaking.redeem(position), bob);
    assert.ok(dispatchError?.isModule, 'redeem before maturity fails');
    const meta = node.api.registry.findMetaError(dispatchError.asModule);
    assert.equal(`${meta.section}.${meta.name}`, 'termStaking.NotMatured');
    measured.earlyRedeem = `${meta.section}.${meta.name}`;
    // Nothing changed but the countdown.
    const landed = (await node.api.rpc.chain.getHeader(blockHash)).number.toNumber();
    await pageAtBlock(landed);
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.blocksLeft === '9', rowSelector(position));
    assert.equal((await chainPositions(blockHash)).filter((p) => p.id === position).length, 1);
  });

  browserTest('redeems at maturity in the page; termStaking.Redeemed pays the reward the row showed', async () => {
    // Instant seal: one block per transaction.
    for (let i = 0; i < 10; i++) await send(node.api.tx.system.remark(`0x${(i + 1).toString(16).padStart(2, '0')}`), alice);
    const best = await bestNumber();
    await pageAtBlock(best);
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.matured === 'true', rowSelector(position));
    const shown = (await rowsShown(rowSelector(position))).rows[0];
    assert.equal(shown.blocksLeft, '0');
    assert.ok(best >= Number(shown.maturesAt), `best #${best} is past maturity #${shown.maturesAt}`);
    const redeem = `${rowSelector(position)} [data-testid="staking-redeem"]`;
    assert.equal(await page.isDisabled(redeem), false, 'Redeem is enabled once matured');
    assert.equal(await page.$(`${rowSelector(position)} [data-testid="staking-exit-early"]`), null, 'no early exit once matured');
    const shownReward = BigInt(shown.reward);
    measured.rewardShown = String(shownReward);

    const before = await account(bob.address);
    const blockHash = await signAndWait('[data-testid="staking-positions"]', redeem, new RegExp(`^Redeem position #${position}`));
    const events = await eventsAt(blockHash);
    const redeemed = events.find((e) => e.section === 'termStaking' && e.method === 'Redeemed');
    assert.ok(redeemed, 'termStaking.Redeemed');
    assert.equal(redeemed.data.who.toString(), bob.address);
    assert.equal(redeemed.data.position.toBigInt(), position);
    assert.equal(redeemed.data.principal.toBigInt(), STAKE);
    assert.equal(redeemed.data.reward.toBigInt(), shownReward, 'the reward paid is the reward the row showed');
    assert.equal(shownReward, termReward(STAKE, APR, TERM));

    await page.waitForSelector(rowSelector(position), { state: 'detached' });
    await page.waitForSelector('[data-testid="staking-no-positions"]');
    assert.deepEqual(await chainPositions(blockHash), []);
    // The principal is released and the reward paid; only the fee went out.
    const fee = events.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid' && e.data.who.toString() === bob.address);
    const afterRedeem = await account(bob.address, blockHash);
    assert.equal(before.reserved - afterRedeem.reserved, STAKE);
    assert.equal(afterRedeem.free - before.free, STAKE + shownReward - fee.data.actualFee.toBigInt());
  });
});
