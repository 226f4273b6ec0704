// Farming (`pallet-farming`, liquidity mining) from polkadot.js: farms and farmers read through
// `FarmingApi` as BigInts and numbers, the dev genesis farms, and the chain's reward arithmetic
// (defi-math `rewards`) for hand checks. Shared by the e2e tests and the dApp's browser test.
import { kindOf } from './stablecoin.js';

/** DFI, the native token: 12 decimals. Every genesis farm pays it. */
export const DFI = 10n ** 12n;
/** Scale of the chain's reward-per-share accumulator (`rewards::ACC_SCALE`). */
export const ACC_SCALE = 10n ** 18n;
/** 6-second blocks. */
export const BLOCKS_PER_DAY = 14_400;

/** DFI per block of every genesis farm but the trading one: 0.01 DFI. */
export const FARM_RATE = 10_000_000_000n;
/** DFI per block of the trading farm, split over each epoch's volume: 0.05 DFI. */
export const TRADING_FARM_RATE = 50_000_000_000n;
/** What Ferdie funded each genesis farm's only stream with. */
export const FARM_POT = 5_000n * DFI;
/** Genesis farms run over `[0, 90 days)`. */
export const FARM_START = 0;
export const FARM_END = 90 * BLOCKS_PER_DAY;
/** The trading farm's epoch: an hour. */
export const TRADING_EPOCH = 600;
/** The trading farm's cap: reward units per unit of volume (0.0001 DFI per USDT, below the
 * protocol's 10 % of the 0.3 % fee at $2 a DFI, so not even the pool's owner profits from wash
 * trading; docs/FARMING.md). */
export const TRADING_CAP = 100n;
/** The term-staking product farm 8 counts (90 days, DFI). */
export const STAKING_PRODUCT = 2;
/** Every LP token is created with a minimum balance of 1 (pallet-dex `pool.rs`); a hold keeps it
 * free, so a deposit takes at most the LP balance less 1. */
export const LP_MIN_BALANCE = 1n;

/** The dev genesis farm ids. Farm `i < 5` takes LP tokens of DEX pool `i`. */
export const FARMS = Object.freeze({
  LP_DFI_USDT: 0,
  LP_USDT_WBTC: 1,
  LP_USDT_WETH: 2,
  LP_USDT_USDC: 3,
  LP_USDT_USDC_DUSD: 4,
  SUPPLY_USDT: 5,
  BORROW_USDT: 6,
  SUPPLY_DFI: 7,
  STAKING_90D: 8,
  TRADING_DFI_USDT: 9,
});
export const GENESIS_FARM_COUNT = 10;
export const LP_FARMS = Object.freeze([0, 1, 2, 3, 4]);

/** The genesis programs, as `parseProgram` returns them. */
export const GENESIS_PROGRAMS = Object.freeze([
  { kind: 'lp', pool: 0 },
  { kind: 'lp', pool: 1 },
  { kind: 'lp', pool: 2 },
  { kind: 'lp', pool: 3 },
  { kind: 'lp', pool: 4 },
  { kind: 'supply', asset: { WithId: 1 } },
  { kind: 'borrow', asset: { WithId: 1 } },
  { kind: 'supply', asset: 'Native' },
  { kind: 'staking', product: STAKING_PRODUCT },
  { kind: 'trading', pool: 0, measured: { WithId: 1 } },
]);

const big = (v) => BigInt(v.toString());
const optionBig = (o) => (o.isSome ? big(o.unwrap()) : null);
const num = (v) => Number(v.toString());

/**
 * A `FarmProgram` codec as a plain object:
 * `{ kind: 'lp', pool }`, `{ kind: 'token', asset }` (deposit farms), `{ kind: 'supply', asset }`,
 * `{ kind: 'borrow', asset }` (lending), `{ kind: 'staking', product }`,
 * `{ kind: 'trading', pool, measured }`; assets as `kindOf` writes them.
 */
export function parseProgram(p) {
  if (p.isDeposit) {
    const d = p.asDeposit;
    return d.isLp ? { kind: 'lp', pool: num(d.asLp) } : { kind: 'token', asset: kindOf(d.asToken) };
  }
  if (p.isLending) {
    const l = p.asLending;
    return l.isSupply ? { kind: 'supply', asset: kindOf(l.asSupply) } : { kind: 'borrow', asset: kindOf(l.asBorrow) };
  }
  if (p.isStaking) return { kind: 'staking', product: num(p.asStaking) };
  if (p.isTrading) {
    const t = p.asTrading;
    return { kind: 'trading', pool: num(t.pool), measured: kindOf(t.measured) };
  }
  throw new Error(`unknown farm program: ${p.toString()}`);
}

/** A `FarmView` as plain BigInts and numbers (`null` for a `None`); `status` is the variant's
 * name (`Scheduled`, `Active`, `Underfunded`, `Stopped`, `Ended`). */
export function parseFarm(v) {
  return {
    id: num(v.id),
    program: parseProgram(v.program),
    status: v.status.type,
    start: num(v.start),
    end: num(v.end),
    totalShares: big(v.totalShares),
    totalValue: optionBig(v.totalValue),
    epochLength: num(v.epochLength),
    epochVolume: big(v.epochVolume),
    streams: [...v.streams].map((s) => ({
      asset: kindOf(s.asset),
      rate: big(s.rate),
      pot: big(s.pot),
      claimable: big(s.claimable),
      owed: big(s.owed),
      apr: optionBig(s.apr),
    })),
  };
}

/** A `FarmerView` as plain BigInts: per stream `{ asset, accrued, payable }`. */
export function parseFarmer(v) {
  return {
    farm: num(v.farm),
    shares: big(v.shares),
    pending: [...v.pending].map(([asset, accrued, payable]) => ({ asset: kindOf(asset), accrued: big(accrued), payable: big(payable) })),
  };
}

const at = async (api, blockHash) => (blockHash ? api.at(blockHash) : api);

/** Every farm as of `blockHash` (the best block if not given). */
export async function farms(api, blockHash) {
  return [...(await (await at(api, blockHash)).call.farmingApi.farms())].map(parseFarm);
}

/** One farm (`null` if there is none with that id). */
export async function farmOf(api, id, blockHash) {
  return (await farms(api, blockHash)).find((f) => f.id === Number(id)) ?? null;
}

/** `who`'s standing in every farm it has an entry in, pending rewards accrued to the block. */
export async function farmer(api, who, blockHash) {
  return [...(await (await at(api, blockHash)).call.farmingApi.farmer(who))].map(parseFarmer);
}

/** `who`'s standing in `farm`, or `null`. */
export async function farmerIn(api, farm, who, blockHash) {
  const view = await (await at(api, blockHash)).call.farmingApi.farmerIn(farm, who);
  return view.isSome ? parseFarmer(view.unwrap()) : null;
}

/** The accrued reward of `view`'s DFI stream (0 for a missing view or stream). */
export function pendingNative(view) {
  return view?.pending.find((p) => p.asset === 'Native')?.accrued ?? 0n;
}

/** The account holding every farm's reward funds (`PalletId(*b"defi/frm")`). */
export function farmingAccount(api) {
  const id = new TextEncoder().encode('modldefi/frm');
  const bytes = new Uint8Array(32);
  bytes.set(id);
  return api.createType('AccountId', bytes).toString();
}

/** The DFI a `farming.Claimed` event among `events` paid `who` in `farm` (null without one). */
export function claimedNative(events, who, farm) {
  const claimed = events
    .map((r) => r.event ?? r)
    .find((e) => e.section === 'farming' && e.method === 'Claimed' && e.data.who.toString() === who && num(e.data.farm) === Number(farm));
  if (!claimed) return null;
  return [...claimed.data.rewards].filter(([asset]) => kindOf(asset) === 'Native').reduce((sum, [, amount]) => sum + big(amount), 0n);
}

// ---------------------------------------------------------------------------
// The chain's arithmetic (defi-math `rewards`), in BigInt
// ---------------------------------------------------------------------------

/**
 * What `shares` of `total` earn from `rate` per block over `blocks` blocks accrued in one step,
 * as the chain computes it: the accumulator grows by `⌊rate · blocks · 10^18 / total⌋`, the
 * farmer earns `⌊shares · Δacc / 10^18⌋`. At most 1 unit below `proRata` for shares < 10^18
 * (rounding is always down, in the pot's favour); exactly what a farmer who settled at the step's
 * start has pending at its end when nothing else touched the farm in between.
 */
export function expectedReward(rate, blocks, shares, total) {
  const t = BigInt(total);
  if (t === 0n) return 0n;
  const perShare = (BigInt(rate) * BigInt(blocks) * ACC_SCALE) / t;
  return (BigInt(shares) * perShare) / ACC_SCALE;
}

/** The exact pro-rata share, rounded down: `⌊rate · blocks · shares / total⌋`. */
export function proRata(rate, blocks, shares, total) {
  const t = BigInt(total);
  if (t === 0n) return 0n;
  return (BigInt(rate) * BigInt(blocks) * BigInt(shares)) / t;
}
