// A pool's price history from its own oracle: the cumulative-price samples the DEX stores
// (`Dex::Observations`) give the average price between consecutive samples.
import { useEffect, useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { assetByKey, type PoolInfo } from '../../chain/data';

const U128 = 1n << 128n;

export interface PricePoint {
  block: number;
  /** Whole units of assets[1] per whole unit of assets[0]. */
  price: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function pricePoints(samples: Array<{ block: number; cumulative: bigint }>, decimals0: number, decimals1: number): PricePoint[] {
  const points: PricePoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const blocks = samples[i].block - samples[i - 1].block;
    if (blocks <= 0) continue;
    // The accumulator wraps (Uniswap v2 style): differences are taken modulo 2^128.
    const diff = (((samples[i].cumulative - samples[i - 1].cumulative) % U128) + U128) % U128;
    const inner = diff / BigInt(blocks);
    points.push({ block: samples[i].block, price: (Number(inner) / 1e18) * 10 ** (decimals0 - decimals1) });
  }
  return points;
}

export function PriceChart({ pool, blockHash }: { pool: PoolInfo; blockHash?: string }) {
  const [points, setPoints] = useState<PricePoint[] | null>(null);
  const d0 = assetByKey(pool.assets[0])?.decimals ?? 0;
  const d1 = assetByKey(pool.assets[1])?.decimals ?? 0;
  useEffect(() => {
    let cancelled = false;
    getApi()
      .then(async (api) => {
        const raw: any = await api.query.dex.observations(pool.poolId);
        const samples = [...raw].map((o: any) => ({ block: o.block.toNumber(), cumulative: BigInt(o.priceCumulative.toString()) }));
        if (!cancelled) setPoints(pricePoints(samples, d0, d1));
      })
      .catch(() => !cancelled && setPoints([]));
    return () => {
      cancelled = true;
    };
  }, [pool.poolId, blockHash]);
  const spot = pool.spotPrice === null ? null : (Number(pool.spotPrice) / 1e18) * 10 ** (d0 - d1);
  const label = `${assetByKey(pool.assets[1])?.symbol} per ${assetByKey(pool.assets[0])?.symbol}`;
  if (!points || points.length < 2) {
    return (
      <p class="muted" data-testid="price-chart-empty">
        Price now: {spot === null ? 'undefined' : spot.toPrecision(6)} {label}. The chart appears once the pool's oracle holds two samples.
      </p>
    );
  }
  const w = 420;
  const h = 120;
  const prices = points.map((p) => p.price);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const x = (i: number) => (i / (points.length - 1)) * (w - 10) + 5;
  const y = (p: number) => (hi === lo ? h / 2 : h - 5 - ((p - lo) / (hi - lo)) * (h - 10));
  return (
    <figure class="chart" data-testid="price-chart" data-points={points.length}>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`price of pool ${pool.poolId}`}>
        <polyline fill="none" stroke="currentColor" stroke-width="2" points={points.map((p, i) => `${x(i)},${y(p.price)}`).join(' ')} />
      </svg>
      <figcaption>
        {label}: {lo.toPrecision(6)} – {hi.toPrecision(6)} over blocks {points[0].block}–{points[points.length - 1].block}
      </figcaption>
    </figure>
  );
}
