// Quoting and swapping through the on-chain router (runtime pallet `Router`, runtime API
// `RouterApi`): the chain searches every pool of every venue (our DEX and polkadot-sdk's
// asset-conversion), may split the trade over several pool-disjoint routes, and reports beside
// its quote the best single route and each venue's best, so the page can show what aggregating
// gains. The swap is sent with the quoted routes, so the chain executes exactly what was shown.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { kindKey, NATIVE_KEY } from './assets';
import { toKind } from './swap';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The router's venue indices (`pallet_router::Config::Venues` in the runtime). */
export const VENUE_NAMES: readonly string[] = ['DEX', 'Asset Conversion'];

export function venueName(venue: number): string {
  return VENUE_NAMES[venue] ?? `Venue ${venue}`;
}

export type SwapMode = 'exactIn' | 'exactOut';

/** One step of a route: `assetIn` → `assetOut` in pool `poolId` of venue `venue`. */
export interface RouterHop {
  venue: number;
  poolId: number;
  /** Asset keys ("native" or the asset id). */
  assetIn: string;
  assetOut: string;
}

export interface RouterRoute {
  hops: RouterHop[];
  amountIn: bigint;
  amountOut: bigint;
  /** Asset keys along the route, first to last. */
  path: string[];
  /** Part of the trade this route carries, in basis points (of the input for an exact-in
   * trade, of the output for an exact-out one); the routes add up to 10,000 up to rounding. */
  shareBps: number;
}

export interface RouterQuote {
  mode: SwapMode;
  assetIn: string;
  assetOut: string;
  /** Block the quote was read at. */
  blockHash?: string;
  /** Total in and out over every route. */
  amountIn: bigint;
  amountOut: bigint;
  routes: RouterRoute[];
  /** `Permill` parts per million: how much worse than a trade 1,000 times smaller along the
   * best route, fees excluded; null when the amount is too small to compare. */
  priceImpactPpm: number | null;
  /** The best trade along one route (hops may use different venues). */
  bestSingleRoute: RouterRoute | null;
  /** Per venue index, the best single route within that venue alone. */
  bestPerVenue: Array<RouterRoute | null>;
  /** The venue whose own best route is best, and that route. */
  bestVenue: { venue: number; route: RouterRoute } | null;
  /** The best any single alternative achieves: exact-in the most output of the best single
   * route and every venue's best; exact-out the least input. Null without any alternative. */
  bestAlternative: bigint | null;
  /** Exact-in: `amountOut − bestAlternative` (you get that much more); exact-out:
   * `bestAlternative − amountIn` (you pay that much less). Null without an alternative. */
  gain: bigint | null;
  executionWeight: { refTime: bigint; proofSize: bigint };
}

function big(x: any): bigint {
  return BigInt(x.toString());
}

function optional<T>(opt: any, map: (v: any) => T): T | null {
  return opt && opt.isSome ? map(opt.unwrap()) : null;
}

function parseHop(h: any): RouterHop {
  return { venue: h.venue.toNumber(), poolId: h.poolId.toNumber(), assetIn: kindKey(h.assetIn), assetOut: kindKey(h.assetOut) };
}

function parseRoute(r: any, mode: SwapMode, totalIn: bigint, totalOut: bigint): RouterRoute {
  const hops: RouterHop[] = [...r.hops].map(parseHop);
  const amountIn = big(r.amountIn);
  const amountOut = big(r.amountOut);
  const part = mode === 'exactIn' ? amountIn : amountOut;
  const total = mode === 'exactIn' ? totalIn : totalOut;
  const shareBps = total === 0n ? 0 : Number((part * 10_000n + total / 2n) / total);
  const path = hops.length === 0 ? [] : [hops[0].assetIn, ...hops.map((h) => h.assetOut)];
  return { hops, amountIn, amountOut, path, shareBps };
}

/** Parses a `TradeQuote` codec (polkadot.js camelCases the struct fields). */
export function parseTradeQuote(q: any, mode: SwapMode, assetIn: string, assetOut: string, blockHash?: string): RouterQuote {
  const amountIn = big(q.amountIn);
  const amountOut = big(q.amountOut);
  const route = (r: any) => parseRoute(r, mode, amountIn, amountOut);
  const routes = [...q.routes].map(route);
  const bestSingleRoute = optional(q.bestSingleRoute, route);
  const bestPerVenue = [...q.bestPerVenue].map((o: any) => optional(o, route));
  const better = (a: RouterRoute, b: RouterRoute) => (mode === 'exactIn' ? a.amountOut > b.amountOut : a.amountIn < b.amountIn);
  let bestVenue: RouterQuote['bestVenue'] = null;
  bestPerVenue.forEach((r, venue) => {
    if (r && (!bestVenue || better(r, bestVenue.route))) bestVenue = { venue, route: r };
  });
  const alternatives = [bestSingleRoute, ...bestPerVenue].filter((r): r is RouterRoute => r !== null);
  let bestAlternative: bigint | null = null;
  for (const r of alternatives) {
    const v = mode === 'exactIn' ? r.amountOut : r.amountIn;
    if (bestAlternative === null || (mode === 'exactIn' ? v > bestAlternative : v < bestAlternative)) bestAlternative = v;
  }
  const gain = bestAlternative === null ? null : mode === 'exactIn' ? amountOut - bestAlternative : bestAlternative - amountIn;
  const impact = optional(q.priceImpact, (p: any) => p.toNumber() as number);
  const weight = q.executionWeight;
  return {
    mode,
    assetIn,
    assetOut,
    blockHash,
    amountIn,
    amountOut,
    routes,
    priceImpactPpm: impact,
    bestSingleRoute,
    bestPerVenue,
    bestVenue,
    bestAlternative,
    gain,
    executionWeight: { refTime: big(weight.refTime), proofSize: big(weight.proofSize) },
  };
}

/** The API to read at `blockHash` (the best block if not given). */
async function apiAt(api: ApiPromise, blockHash?: string): Promise<any> {
  return blockHash ? api.at(blockHash) : api;
}

/**
 * The router's quote for trading `amount` of `assetIn` into `assetOut` (exact in), or for
 * receiving exactly `amount` of `assetOut` (exact out), at `blockHash`; null if no route of any
 * venue can carry it.
 */
export async function routerQuote(
  api: ApiPromise,
  assetIn: string,
  assetOut: string,
  amount: bigint,
  mode: SwapMode,
  blockHash?: string,
): Promise<RouterQuote | null> {
  const at = await apiAt(api, blockHash);
  const call = at.call.routerApi;
  const q: any = mode === 'exactIn' ? await call.quoteExactIn(toKind(assetIn), toKind(assetOut), amount) : await call.quoteExactOut(toKind(assetIn), toKind(assetOut), amount);
  if (!q.isSome) return null;
  return parseTradeQuote(q.unwrap(), mode, assetIn, assetOut, blockHash);
}

/** True if the runtime has the router's runtime API. */
export function hasRouter(api: ApiPromise): boolean {
  return Boolean((api.call as any).routerApi) && Boolean((api.tx as any).router);
}

/** The routes of `quote` as the call's `route: Option<Vec<RoutePlan>>`: each route's input part
 * (exact in) or output part (exact out). */
export function routePlans(quote: RouterQuote): Array<{ hops: Array<Record<string, unknown>>; amount: bigint }> {
  return quote.routes.map((r) => ({
    hops: r.hops.map((h) => ({ venue: h.venue, poolId: h.poolId, assetIn: toKind(h.assetIn), assetOut: toKind(h.assetOut) })),
    amount: quote.mode === 'exactIn' ? r.amountIn : r.amountOut,
  }));
}

/**
 * `router.swapExactIn` / `router.swapExactOut` for `quote`, with the quoted routes: `limit` is
 * the minimum received (exact in) or the maximum paid (exact out), `deadline` a block number.
 */
export function routerSwapTx(api: ApiPromise, quote: RouterQuote, limit: bigint, recipient: string, deadline: number): SubmittableExtrinsic<'promise'> {
  const plans = routePlans(quote);
  const router = (api.tx as any).router;
  return quote.mode === 'exactIn'
    ? router.swapExactIn(toKind(quote.assetIn), toKind(quote.assetOut), quote.amountIn, limit, recipient, deadline, plans)
    : router.swapExactOut(toKind(quote.assetIn), toKind(quote.assetOut), quote.amountOut, limit, recipient, deadline, plans);
}

/** The amount of `asset` the fee payment swaps for `nativeFee` DFI (the fee extension quotes the
 * router exactly so: `quote_price_tokens_for_exact_tokens(asset, Native, fee)`); null if no route. */
export async function feeInAsset(api: ApiPromise, asset: string, nativeFee: bigint, blockHash?: string): Promise<bigint | null> {
  if (asset === NATIVE_KEY) return nativeFee;
  if (nativeFee === 0n) return 0n;
  const q = await routerQuote(api, asset, NATIVE_KEY, nativeFee, 'exactOut', blockHash);
  return q ? q.amountIn : null;
}
