// Term staking (`pallet-term-staking`) as the page sees it: every product with its terms, pot and
// the largest stake it accepts now (`TermStakingApi::products`), the account's positions with
// their countdown (`TermStakingApi::positions`), and the reward a stake would reserve
// (`TermStakingApi::quote`, the chain's own figure, shown before signing). The reward and
// penalty arithmetic is the chain's (defi-math `rewards`), for checks and previews:
//  - reward = ⌊principal · apr · term / (blocks per year · 10^18)⌋ (simple interest, down);
//  - early-exit penalty = ⌈principal · ppm / 10^6⌉ (up), the reward forfeited.
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { kindKey } from './assets';
import { FIXED_ONE } from './lending';
import { formatFixed, permillCeil } from './stablecoin';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 365 days of 6-second blocks: what a product's APR is over (the runtime's `BlocksPerYear`). */
export const BLOCKS_PER_YEAR = 5_256_000n;
/** The chain's target block time. */
export const SECONDS_PER_BLOCK = 6;

export interface StakingProduct {
  id: number;
  /** Asset keys. */
  stakedAsset: string;
  rewardAsset: string;
  /** Blocks from the stake to maturity. */
  term: number;
  /** Yearly rate, FixedU128 inner (0.2 = 2·10^17). */
  apr: bigint;
  minStake: bigint;
  maxStake: bigint;
  capacity: bigint;
  staked: bigint;
  open: boolean;
  /** Parts per million; null: no early exit. */
  earlyExitPenaltyPpm: bigint | null;
  /** The pot: reward not yet promised, and promised to open positions. */
  potAvailable: bigint;
  potReserved: bigint;
  /** The largest stake accepted now (0 when closed or the pot cannot pay the minimum's reward). */
  maxStakeNow: bigint;
  rewardOfMinStake: bigint;
}

export interface StakingPosition {
  id: bigint;
  owner: string;
  product: number;
  stakedAsset: string;
  rewardAsset: string;
  principal: bigint;
  /** Reserved at stake time, paid at redemption. */
  reward: bigint;
  stakedAt: number;
  maturesAt: number;
  blocksLeft: number;
  matured: boolean;
  /** What an early exit returns now (principal less the penalty); null: no early exit. */
  earlyExitReturns: bigint | null;
}

export interface StakingData {
  products: StakingProduct[];
  /** The account's open positions. */
  positions: StakingPosition[];
}

const big = (x: any): bigint => BigInt(x.toString());
const optBig = (x: any): bigint | null => (x.isSome ? big(x.unwrap()) : null);

export function parseProducts(views: any[]): StakingProduct[] {
  return views.map((p: any) => ({
    id: p.id.toNumber(),
    stakedAsset: kindKey(p.stakedAsset),
    rewardAsset: kindKey(p.rewardAsset),
    term: Number(p.term.toString()),
    apr: big(p.apr),
    minStake: big(p.minStake),
    maxStake: big(p.maxStake),
    capacity: big(p.capacity),
    staked: big(p.staked),
    open: p.open.isTrue,
    earlyExitPenaltyPpm: optBig(p.earlyExitPenalty),
    potAvailable: big(p.potAvailable),
    potReserved: big(p.potReserved),
    maxStakeNow: big(p.maxStakeNow),
    rewardOfMinStake: big(p.rewardOfMinStake),
  }));
}

export function parsePositions(views: any[]): StakingPosition[] {
  return views.map((p: any) => ({
    id: big(p.id),
    owner: p.owner.toString(),
    product: p.product.toNumber(),
    stakedAsset: kindKey(p.stakedAsset),
    rewardAsset: kindKey(p.rewardAsset),
    principal: big(p.principal),
    reward: big(p.reward),
    stakedAt: Number(p.stakedAt.toString()),
    maturesAt: Number(p.maturesAt.toString()),
    blocksLeft: Number(p.blocksLeft.toString()),
    matured: p.matured.isTrue,
    earlyExitReturns: optBig(p.earlyExitReturns),
  }));
}

/** Products and the account's positions at `at`; null if the runtime has no `TermStakingApi`. */
export async function loadStaking(at: ApiDecoration<'promise'>, who: string | undefined): Promise<StakingData | null> {
  const call = at.call as any;
  if (!call.termStakingApi) return null;
  const [products, positions] = await Promise.all([call.termStakingApi.products(), who ? call.termStakingApi.positions(who) : Promise.resolve([])]);
  return {
    products: parseProducts([...products]).sort((a, b) => a.id - b.id),
    positions: parsePositions([...positions]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** `TermStakingApi::quote(product, amount)` at `blockHash` (the best block if not given): the
 * reward the stake would reserve, null if the chain would reject it. */
export async function stakingQuote(api: ApiPromise, product: number, amount: bigint, blockHash?: string): Promise<bigint | null> {
  const at: any = blockHash ? await api.at(blockHash) : api;
  if (!at.call.termStakingApi) return null;
  return optBig(await at.call.termStakingApi.quote(product, amount));
}

/** True if the runtime has term staking (its runtime API and its calls). */
export function hasStaking(api: ApiPromise): boolean {
  return Boolean((api.call as any).termStakingApi) && Boolean((api.tx as any).termStaking);
}

// ---------------------------------------------------------------------------
// The chain's arithmetic (defi-math `rewards`).
// ---------------------------------------------------------------------------

/** The reward a stake of `principal` reserves: `⌊principal · apr · term / (year · 10^18)⌋`. */
export function termReward(principal: bigint, apr: bigint, term: number | bigint, blocksPerYear: bigint = BLOCKS_PER_YEAR): bigint {
  return (principal * apr * BigInt(term)) / (blocksPerYear * FIXED_ONE);
}

/** An early exit's penalty: `⌈principal · ppm / 10^6⌉`. */
export function exitPenalty(principal: bigint, ppm: bigint): bigint {
  return permillCeil(ppm, principal);
}

/** Capacity the product still takes. */
export function capacityLeft(p: StakingProduct): bigint {
  return p.capacity > p.staked ? p.capacity - p.staked : 0n;
}

/** Why the chain would reject a stake of `amount` in `p` now (its checks, in its order), or
 * null; the pot check is against the reward the chain would reserve. */
export function stakeRejection(p: StakingProduct, amount: bigint): string | null {
  if (!p.open) return 'ProductClosed';
  if (amount === 0n) return 'ZeroAmount';
  if (amount < p.minStake) return 'BelowMinimumStake';
  if (amount > p.maxStake) return 'AboveMaximumStake';
  if (p.staked + amount > p.capacity) return 'CapacityExceeded';
  const reward = termReward(amount, p.apr, p.term);
  if (reward === 0n) return 'ZeroReward';
  if (reward > p.potAvailable) return 'PotInsufficient';
  return null;
}

/** The block a stake sent now matures at: the chain records the block it lands in (the next
 * one, `best + 1`) plus the term. */
export function expectedMaturity(best: number, term: number): number {
  return best + 1 + term;
}

/** A yearly rate (FixedU128 inner) as a percentage with two decimals, rounded down (`20.00 %`). */
export function formatApr(apr: bigint): string {
  return `${formatFixed(apr * 100n, 2)} %`;
}

/** Blocks as a duration at 6 s a block: `≈ 30 days`, `≈ 1 min`, `≈ 2.5 h`. */
export function formatBlocks(blocks: number): string {
  const seconds = blocks * SECONDS_PER_BLOCK;
  const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  if (seconds >= 86_400) {
    const days = seconds / 86_400;
    return `≈ ${one(days)} ${days === 1 ? 'day' : 'days'}`;
  }
  if (seconds >= 3_600) return `≈ ${one(seconds / 3_600)} h`;
  if (seconds >= 60) return `≈ ${one(seconds / 60)} min`;
  return `≈ ${seconds} s`;
}
