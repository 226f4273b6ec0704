// Routing and quoting a swap through the DEX's runtime API: every path of one or two hops
// between the two assets is quoted and the best one wins. Slippage turns the quote into the
// minimum received (exact in) or the maximum paid (exact out), rounded against the trader's
// optimism: the limit never promises more than the quote.
import type { ApiPromise } from '@polkadot/api';
import type { AssetKind } from './assets';
import { NATIVE_KEY } from './assets';
import type { PoolInfo } from './data';

export interface Hop {
  poolId: number;
  assetIn: AssetKind;
  assetOut: AssetKind;
}

export interface Quote {
  mode: 'exactIn' | 'exactOut';
  path: Hop[];
  /** Keys of the assets along the path, first to last. */
  route: string[];
  /** Amounts at every step: amounts[0] in, amounts[last] out. */
  amounts: bigint[];
  amountIn: bigint;
  amountOut: bigint;
  /** Share the trade moves the price against the trader, fee included (0.01 = 1 %). */
  priceImpact: number | null;
}

export function toKind(key: string): AssetKind {
  return key === NATIVE_KEY ? { Native: null } : { WithId: Number(key) };
}

/** Every path of one or two hops from `from` to `to`, never through the same pool twice. */
export function candidatePaths(pools: PoolInfo[], from: string, to: string): Hop[][] {
  const live = pools.filter((p) => p.lpSupply > 0n);
  const hop = (p: PoolInfo, a: string, b: string): Hop => ({ poolId: p.poolId, assetIn: toKind(a), assetOut: toKind(b) });
  const paths: Hop[][] = [];
  for (const p of live) {
    if (p.assets.includes(from) && p.assets.includes(to) && from !== to) paths.push([hop(p, from, to)]);
  }
  for (const first of live) {
    if (!first.assets.includes(from)) continue;
    for (const mid of first.assets) {
      if (mid === from || mid === to) continue;
      for (const second of live) {
        if (second.poolId === first.poolId || !second.assets.includes(mid) || !second.assets.includes(to)) continue;
        paths.push([hop(first, from, mid), hop(second, mid, to)]);
      }
    }
  }
  return paths;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The best quote over all candidate paths at the best block, or null if no path can fill it. */
export async function bestQuote(
  api: ApiPromise,
  pools: PoolInfo[],
  from: string,
  to: string,
  amount: bigint,
  mode: 'exactIn' | 'exactOut',
): Promise<Quote | null> {
  let best: Quote | null = null;
  for (const path of candidatePaths(pools, from, to)) {
    const q: any = mode === 'exactIn' ? await api.call.dexApi.quoteExactIn(path, amount) : await api.call.dexApi.quoteExactOut(path, amount);
    if (!q.isSome) continue;
    const amounts: bigint[] = q.unwrap().map((x: any) => BigInt(x.toString()));
    const amountIn = amounts[0];
    const amountOut = amounts[amounts.length - 1];
    const better = !best || (mode === 'exactIn' ? amountOut > best.amountOut : amountIn < best.amountIn);
    if (better) {
      const route = [from, ...path.map((h) => keyOf(h.assetOut))];
      best = { mode, path, route, amounts, amountIn, amountOut, priceImpact: priceImpact(pools, path, amountIn, amountOut) };
    }
  }
  return best;
}

function keyOf(kind: AssetKind): string {
  return 'Native' in kind ? NATIVE_KEY : String(kind.WithId);
}

/** 1 − (executed price / spot price along the path); null if a spot price is undefined. */
export function priceImpact(pools: PoolInfo[], path: Hop[], amountIn: bigint, amountOut: bigint): number | null {
  let spot = 1;
  for (const hop of path) {
    const pool = pools.find((p) => p.poolId === hop.poolId);
    if (!pool || pool.spotPrice === null || pool.spotPrice === 0n) return null;
    const p = Number(pool.spotPrice) / 1e18; // assets[1] per assets[0]
    spot *= pool.assets[0] === keyOf(hop.assetIn) ? p : 1 / p;
  }
  if (amountIn === 0n || spot === 0) return null;
  const executed = Number(amountOut) / Number(amountIn);
  return 1 - executed / spot;
}

/** Minimum received for an exact-in quote: `out · (1 − slippage)`, rounded down. */
export function minimumReceived(amountOut: bigint, slippageBps: number): bigint {
  return (amountOut * BigInt(10_000 - slippageBps)) / 10_000n;
}

/** Maximum paid for an exact-out quote: `in · (1 + slippage)`, rounded up. */
export function maximumPaid(amountIn: bigint, slippageBps: number): bigint {
  const scaled = amountIn * BigInt(10_000 + slippageBps);
  return (scaled + 9_999n) / 10_000n;
}
