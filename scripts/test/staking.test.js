// End-to-end test of term staking through polkadot.js against a throw-away dev node with instant
// sealing (one block per transaction): the genesis products and positions `TermStakingApi`
// lists; Bob stakes in the 10-block product, an early redemption fails with `NotMatured`, and
// after maturity the redemption pays the principal back and exactly the reward reserved at
// stake time, out of the pot; an early exit in the 90-day product pays the penalty to the pot.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { devAccounts, signAndWait, startNode } from '../lib/node.js';
import { eventsOf } from '../lib/stablecoin.js';
import { exitPenalty, stakingPositions, stakingProducts, termReward } from '../lib/staking.js';

const { alice, bob, charlie, dave, eve } = devAccounts();
const DFI = 10n ** 12n;
const USDT_UNIT = 10n ** 6n;
const DAYS = 14_400;

async function ok(tx, signer) {
  const res = await signAndWait(tx, signer);
  assert.equal(res.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${res.dispatchError}`);
  return res;
}

/** Native free and reserved (held) balance of `who` at `at`. */
async function native(api, who, at) {
  const { data } = await (await api.at(at)).query.system.account(who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

/** The account holding every pot (`PalletId(*b"defi/stk")`). */
function potAccount(api) {
  const id = new TextEncoder().encode('modldefi/stk');
  const bytes = new Uint8Array(32);
  bytes.set(id);
  return api.createType('AccountId', bytes).toString();
}

describe('term staking', { timeout: 600_000 }, () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ sealing: 'instant' });
    api = node.api;
  });

  after(async () => {
    await node?.stop();
  });

  it('lists the genesis products, pots and positions', async () => {
    const products = await stakingProducts(api);
    assert.deepEqual(products.map((p) => p.term), [10, 30 * DAYS, 90 * DAYS, 180 * DAYS, 30 * DAYS]);
    assert.deepEqual(products.map((p) => p.apr / 10n ** 16n), [20n, 8n, 12n, 18n, 6n], 'APR in percent');
    assert.deepEqual(products.map((p) => p.earlyExitPenaltyPpm), [50_000n, null, 100_000n, null, null]);
    assert.deepEqual(products.slice(0, 4).map((p) => p.stakedAsset), ['Native', 'Native', 'Native', 'Native']);
    assert.deepEqual(products[4].stakedAsset, { WithId: 1 });
    // Pots: what Ferdie funded, less what the genesis positions reserved.
    const charlieReward = termReward(10_000n * DFI, products[2].apr, 90 * DAYS);
    assert.equal(products[2].potReserved, charlieReward);
    assert.equal(products[2].potAvailable + products[2].potReserved, 30_000n * DFI);
    assert.equal(products[0].potAvailable, 1_000n * DFI);
    assert.equal(products[4].potAvailable + products[4].potReserved, 50_000n * USDT_UNIT);
    const [charlies] = await stakingPositions(api, charlie.address);
    assert.equal(charlies.principal, 10_000n * DFI);
    assert.equal(charlies.reward, charlieReward);
    assert.equal(charlies.maturesAt, 90 * DAYS);
    const [daves] = await stakingPositions(api, dave.address);
    assert.equal(daves.principal, 5_000n * USDT_UNIT);
    assert.deepEqual(await stakingPositions(api, eve.address), []);
  });

  it('Bob stakes in the 10-block product, cannot redeem early, and is paid exactly at maturity', async () => {
    const principal = 1_000n * DFI;
    const [demo] = await stakingProducts(api);
    const expected = termReward(principal, demo.apr, demo.term);
    assert.ok(expected > 0n);
    assert.equal((await api.call.termStakingApi.quote(0, principal)).unwrap().toBigInt(), expected);

    const parent = (await api.rpc.chain.getHeader()).hash.toHex();
    const staked = await ok(api.tx.termStaking.stake(0, principal), bob);
    const event = eventsOf(staked.events, 'termStaking', 'Staked')[0];
    assert.equal(event.data.principal.toBigInt(), principal);
    assert.equal(event.data.reward.toBigInt(), expected);
    const before = await native(api, bob.address, parent);
    const after = await native(api, bob.address, staked.blockHash);
    assert.equal(after.reserved - before.reserved, principal, 'the principal is held in Bob\'s account');
    const [position] = await stakingPositions(api, bob.address, staked.blockHash);
    assert.equal(position.blocksLeft, 10);
    assert.equal(position.reward, expected);
    const id = position.id;

    const early = await signAndWait(api.tx.termStaking.redeem(id), bob);
    assert.equal(early.dispatchError, 'termStaking.NotMatured');
    assert.equal((await stakingPositions(api, bob.address, early.blockHash))[0].principal, principal, 'nothing changed');

    for (let i = 0; i < 10; i++) await ok(api.tx.system.remark('0x00'), eve);
    assert.equal((await stakingPositions(api, bob.address))[0].matured, true);
    const pot = potAccount(api);
    const beforeRedeem = (await api.rpc.chain.getHeader()).hash.toHex();
    const redeemed = await ok(api.tx.termStaking.redeem(id), bob);
    const paid = eventsOf(redeemed.events, 'termStaking', 'Redeemed')[0];
    assert.equal(paid.data.principal.toBigInt(), principal);
    assert.equal(paid.data.reward.toBigInt(), expected);
    const potBefore = await native(api, pot, beforeRedeem);
    const potAfter = await native(api, pot, redeemed.blockHash);
    assert.equal(potBefore.free - potAfter.free, expected, 'the reward came out of the pot');
    const bobBefore = await native(api, bob.address, beforeRedeem);
    const bobAfter = await native(api, bob.address, redeemed.blockHash);
    assert.equal(bobBefore.reserved - bobAfter.reserved, principal, 'the principal is released');
    const fee = eventsOf(redeemed.events, 'transactionPayment', 'TransactionFeePaid')[0].data.actualFee.toBigInt();
    assert.equal(bobAfter.free - bobBefore.free, principal + expected - fee);
    assert.deepEqual(await stakingPositions(api, bob.address, redeemed.blockHash), []);
    const again = await signAndWait(api.tx.termStaking.redeem(id), bob);
    assert.equal(again.dispatchError, 'termStaking.PositionNotFound');
  });

  it('an early exit from the 90-day product pays 10 % of the principal to the pot', async () => {
    const [position] = await stakingPositions(api, charlie.address);
    assert.equal(position.earlyExitReturns, position.principal - exitPenalty(position.principal, 100_000n));
    const before = (await stakingProducts(api))[2];
    const res = await ok(api.tx.termStaking.exitEarly(position.id), charlie);
    const exit = eventsOf(res.events, 'termStaking', 'ExitedEarly')[0];
    const penalty = exitPenalty(position.principal, 100_000n);
    assert.equal(exit.data.penalty.toBigInt(), penalty);
    assert.equal(exit.data.returned.toBigInt(), position.principal - penalty);
    const after = (await stakingProducts(api, res.blockHash))[2];
    assert.equal(after.potAvailable, before.potAvailable + position.reward + penalty);
    assert.equal(after.potReserved, before.potReserved - position.reward);
    assert.equal(after.staked, 0n);
  });

  it('rejects a stake the pot cannot reward, naming the error', async () => {
    // The 10-block pot holds 1,000 DFI; 100,000 DFI at 20 % for 10 blocks needs 0.038 DFI, so
    // shrink the pot first: sudo takes nearly all of it back.
    const [demo] = await stakingProducts(api);
    await ok(api.tx.sudo.sudo(api.tx.termStaking.withdrawPot(0, demo.potAvailable - 1n, alice.address)), alice);
    const res = await signAndWait(api.tx.termStaking.stake(0, 100_000n * DFI), bob);
    assert.equal(res.dispatchError, 'termStaking.PotInsufficient');
  });
});
