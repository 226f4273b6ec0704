// Farming (`pallet-farming`, liquidity mining) as the page sees it: every farm with its program,
// status, reward streams (rate, pot, APR) and total shares and their USD value
// (`FarmingApi::farms`), and the account's shares and pending rewards in each farm it is in
// (`FarmingApi::farmer`), both read at the block the page shows and reloaded on every new best
// block. Pending rewards are accrued as of that block; a claim sent now lands in the next one and
// pays one more block of the account's share. The reward arithmetic is the chain's (defi-math
// `rewards`): a farm's accumulator grows by ⌊rate · blocks · 10^18 / total⌋, a farmer earns
// ⌊shares · Δacc / 10^18⌋.
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { kindKey } from './assets';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 6-second blocks. */
export const BLOCKS_PER_DAY = 14_400;
export const BLOCKS_PER_HOUR = 600;
/** LP tokens have 12 decimals as the page shows them (the pools panel's convention). */
export const LP_DECIMALS = 12;
/** Every LP token is created with a minimum balance of 1 (pallet-dex); a hold keeps it free. */
export const LP_MIN_BALANCE = 1n;
/** Scale of the chain's reward-per-share accumulator. */
export const ACC_SCALE = 10n ** 18n;

export type FarmStatus = 'Scheduled' | 'Active' | 'Underfunded' | 'Stopped' | 'Ended';

/** What a farm's shares measure; assets as keys (`native` or the id). */
export type FarmProgram =
  | { kind: 'lp'; pool: number }
  | { kind: 'token'; asset: string }
  | { kind: 'supply'; asset: string }
  | { kind: 'borrow'; asset: string }
  | { kind: 'staking'; product: number }
  | { kind: 'trading'; pool: number; measured: string };

export interface RewardStream {
  asset: string;
  /** Reward units per block, shared by all shares. */
  rate: bigint;
  /** Funded, not yet accrued. */
  pot: bigint;
  /** Accrued, not yet claimed. */
  claimable: bigint;
  /** Accrued while the pot was empty. */
  owed: bigint;
  /** Yearly return, FixedU128 inner; null without prices or shares. */
  apr: bigint | null;
}

export interface FarmInfo {
  id: number;
  program: FarmProgram;
  status: FarmStatus;
  start: number;
  end: number;
  totalShares: bigint;
  /** USD (18 decimals) of all shares; null where unknown. */
  totalValue: bigint | null;
  /** Trading farms: blocks per epoch and the current epoch's volume (0 otherwise). */
  epochLength: number;
  epochVolume: bigint;
  streams: RewardStream[];
}

export interface PendingReward {
  asset: string;
  /** Accrued and not yet claimed, as of the block read. */
  accrued: bigint;
  /** What a claim pays now (less than accrued while the stream is underfunded). */
  payable: bigint;
}

export interface FarmerInfo {
  farm: number;
  shares: bigint;
  /** Per stream, in the farm's stream order. */
  pending: PendingReward[];
}

export interface FarmingData {
  farms: FarmInfo[];
  /** The account's entries, by farm id order. */
  farmer: FarmerInfo[];
}

const big = (x: any): bigint => BigInt(x.toString());
const optBig = (x: any): bigint | null => (x.isSome ? big(x.unwrap()) : null);
const num = (x: any): number => Number(x.toString());

export function parseProgram(p: any): FarmProgram {
  if (p.isDeposit) {
    const d = p.asDeposit;
    return d.isLp ? { kind: 'lp', pool: num(d.asLp) } : { kind: 'token', asset: kindKey(d.asToken) };
  }
  if (p.isLending) {
    const l = p.asLending;
    return l.isSupply ? { kind: 'supply', asset: kindKey(l.asSupply) } : { kind: 'borrow', asset: kindKey(l.asBorrow) };
  }
  if (p.isStaking) return { kind: 'staking', product: num(p.asStaking) };
  if (p.isTrading) return { kind: 'trading', pool: num(p.asTrading.pool), measured: kindKey(p.asTrading.measured) };
  throw new Error(`unknown farm program ${p.toString()}`);
}

export function parseFarms(views: any[]): FarmInfo[] {
  return views.map((v: any) => ({
    id: num(v.id),
    program: parseProgram(v.program),
    status: v.status.type as FarmStatus,
    start: num(v.start),
    end: num(v.end),
    totalShares: big(v.totalShares),
    totalValue: optBig(v.totalValue),
    epochLength: num(v.epochLength),
    epochVolume: big(v.epochVolume),
    streams: [...v.streams].map((s: any) => ({
      asset: kindKey(s.asset),
      rate: big(s.rate),
      pot: big(s.pot),
      claimable: big(s.claimable),
      owed: big(s.owed),
      apr: optBig(s.apr),
    })),
  }));
}

export function parseFarmers(views: any[]): FarmerInfo[] {
  return views.map((v: any) => ({
    farm: num(v.farm),
    shares: big(v.shares),
    pending: [...v.pending].map((p: any) => ({ asset: kindKey(p[0]), accrued: big(p[1]), payable: big(p[2]) })),
  }));
}

/** Farms and the account's entries at `at`; null if the runtime has no `FarmingApi`. */
export async function loadFarming(at: ApiDecoration<'promise'>, who: string | undefined): Promise<FarmingData | null> {
  const call = at.call as any;
  if (!call.farmingApi) return null;
  const [farms, farmer] = await Promise.all([call.farmingApi.farms(), who ? call.farmingApi.farmer(who) : Promise.resolve([])]);
  return {
    farms: parseFarms([...farms]).sort((a, b) => a.id - b.id),
    farmer: parseFarmers([...farmer]).sort((a, b) => a.farm - b.farm),
  };
}

/** True if the runtime has farming (its runtime API and its calls). */
export function hasFarming(api: ApiPromise): boolean {
  return Boolean((api.call as any).farmingApi) && Boolean((api.tx as any).farming);
}

/** Farms that take deposits (the others count an activity: lending, staking, trading). */
export function isDepositFarm(f: FarmInfo): boolean {
  return f.program.kind === 'lp' || f.program.kind === 'token';
}

/** A farm's entry for the account, or null. */
export function entryOf(fm: FarmingData, farm: number): FarmerInfo | null {
  return fm.farmer.find((x) => x.farm === farm) ?? null;
}

/** What a claim would pay now, summed over streams (0 without an entry). */
export function payableOf(entry: FarmerInfo | null): bigint {
  return entry ? entry.pending.reduce((s, p) => s + p.payable, 0n) : 0n;
}

/** An epoch length in words: `hourly`, `daily`, `every 100 blocks`. */
export function epochLabel(blocks: number): string {
  if (blocks === BLOCKS_PER_HOUR) return 'hourly';
  if (blocks === BLOCKS_PER_DAY) return 'daily';
  return `every ${blocks.toLocaleString('en-US')} blocks`;
}

/**
 * A program in words: `LP DFI/USDT`, `Deposit USDT`, `Lending supply USDT`, `Lending borrow USDT`,
 * `Staking product 2`, `Trading DFI/USDT (hourly)`. `poolAssets` gives a pool's asset keys,
 * `symbol` an asset key's symbol.
 */
export function describeProgram(f: FarmInfo, poolAssets: (pool: number) => string[] | undefined, symbol: (key: string) => string): string {
  const pair = (pool: number) => poolAssets(pool)?.map(symbol).join('/') ?? `pool #${pool}`;
  const p = f.program;
  switch (p.kind) {
    case 'lp':
      return `LP ${pair(p.pool)}`;
    case 'token':
      return `Deposit ${symbol(p.asset)}`;
    case 'supply':
      return `Lending supply ${symbol(p.asset)}`;
    case 'borrow':
      return `Lending borrow ${symbol(p.asset)}`;
    case 'staking':
      return `Staking product ${p.product}`;
    case 'trading':
      return `Trading ${pair(p.pool)} (${epochLabel(f.epochLength)})`;
  }
}

/** A rate per block as a rate per day. */
export function perDay(ratePerBlock: bigint): bigint {
  return ratePerBlock * BigInt(BLOCKS_PER_DAY);
}

/** What `shares` of `total` earn from `rate` over `blocks` blocks accrued in one step, as the
 * chain computes it (rounded down twice). */
export function expectedReward(rate: bigint, blocks: number | bigint, shares: bigint, total: bigint): bigint {
  if (total === 0n) return 0n;
  const perShare = (rate * BigInt(blocks) * ACC_SCALE) / total;
  return (shares * perShare) / ACC_SCALE;
}
