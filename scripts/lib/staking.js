// Term staking from polkadot.js: products and positions read through `TermStakingApi`, and the
// chain's reward arithmetic for hand checks. Shared by the e2e tests and the dApp's checks.
import { FIXED_ONE } from './lending.js';
import { kindOf } from './stablecoin.js';

/** 365 days of 6-second blocks: what a product's APR is over. */
export const BLOCKS_PER_YEAR = 5_256_000n;

const big = (v) => BigInt(v.toString());

/** A `StakingProductView` as plain BigInts and numbers. */
export function parseProduct(p) {
  return {
    id: p.id.toNumber(),
    stakedAsset: kindOf(p.stakedAsset),
    rewardAsset: kindOf(p.rewardAsset),
    term: p.term.toNumber(),
    apr: big(p.apr),
    minStake: big(p.minStake),
    maxStake: big(p.maxStake),
    capacity: big(p.capacity),
    staked: big(p.staked),
    open: p.open.isTrue,
    earlyExitPenaltyPpm: p.earlyExitPenalty.isSome ? big(p.earlyExitPenalty.unwrap()) : null,
    potAvailable: big(p.potAvailable),
    potReserved: big(p.potReserved),
    maxStakeNow: big(p.maxStakeNow),
    rewardOfMinStake: big(p.rewardOfMinStake),
  };
}

/** A `StakingPositionView` as plain BigInts and numbers. */
export function parsePosition(p) {
  return {
    id: big(p.id),
    owner: p.owner.toString(),
    product: p.product.toNumber(),
    stakedAsset: kindOf(p.stakedAsset),
    rewardAsset: kindOf(p.rewardAsset),
    principal: big(p.principal),
    reward: big(p.reward),
    stakedAt: p.stakedAt.toNumber(),
    maturesAt: p.maturesAt.toNumber(),
    blocksLeft: p.blocksLeft.toNumber(),
    matured: p.matured.isTrue,
    earlyExitReturns: p.earlyExitReturns.isSome ? big(p.earlyExitReturns.unwrap()) : null,
  };
}

export async function stakingProducts(api, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.call.termStakingApi.products()).map(parseProduct);
}

export async function stakingPositions(api, owner, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.call.termStakingApi.positions(owner)).map(parsePosition);
}

/** The reward a stake reserves, as the chain computes it: `principal · apr · term / year`, down. */
export function termReward(principal, aprInner, termBlocks) {
  return (BigInt(principal) * BigInt(aprInner) * BigInt(termBlocks)) / (BLOCKS_PER_YEAR * FIXED_ONE);
}

/** An early exit's penalty: `principal · ppm / 10^6`, rounded up. */
export function exitPenalty(principal, ppm) {
  const p = BigInt(principal) * BigInt(ppm);
  return (p + 999_999n) / 1_000_000n;
}
