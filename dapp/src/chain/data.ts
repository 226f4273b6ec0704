// What the page shows, read from the best block: assets, the selected account's balances and LP
// positions, every pool (the DEX's runtime API), every price (`PricesApi`), every money market
// and the account's lending positions (`LendingApi`), the stablecoin's collateral types, the
// account's vaults and the system totals (`StablecoinApi`) with the peg module (`pallet-psm`),
// term staking (`TermStakingApi`) and farming (`FarmingApi`: farms, the account's shares and
// pending rewards). Reloaded on every new best block.
import type { ApiPromise } from '@polkadot/api';
import { Store } from '../store';
import { type AssetInfo, balanceOf, kindKey, loadAssets } from './assets';
import { type LendingAccount, type MarketInfo, type PriceInfo, parseAccount, parseMarkets, parsePrices } from './lending';
import { type StablecoinData, loadStablecoin } from './stablecoin';
import { type StakingData, loadStaking } from './staking';
import { type FarmingData, loadFarming } from './farming';

export interface PoolInfo {
  poolId: number;
  stable: boolean;
  /** Asset keys, in pool order. */
  assets: string[];
  reserves: bigint[];
  /** Swap fee in parts per million. */
  feePpm: number;
  lpSupply: bigint;
  /** Base units of assets[1] per base unit of assets[0], scaled by 1e18; null if undefined. */
  spotPrice: bigint | null;
  amplification: bigint;
}

export interface LpPosition {
  poolId: number;
  shares: bigint;
  /** What the shares are worth now, per pool asset (runtime API `lp_share_value`). */
  value: bigint[] | null;
}

export interface ChainData {
  loaded: boolean;
  /** The account whose balances and positions these are. */
  account?: string;
  blockNumber?: number;
  blockHash?: string;
  assets: AssetInfo[];
  balances: Record<string, bigint>;
  pools: PoolInfo[];
  positions: LpPosition[];
  feeTiersPpm: number[];
  /** Every tracked price; empty if the runtime has no `PricesApi`. */
  prices: PriceInfo[];
  /** Every money market; empty if the runtime has no `LendingApi`. */
  markets: MarketInfo[];
  /** The account's lending positions, health and limits. */
  lending: LendingAccount | null;
  /** Vaults, collateral types, totals and the peg module; null if the runtime has no
   * `StablecoinApi`. */
  stablecoin: StablecoinData | null;
  /** Term-staking products and the account's positions; null if the runtime has no
   * `TermStakingApi`. */
  staking: StakingData | null;
  /** Farms and the account's shares and pending rewards; null if the runtime has no
   * `FarmingApi`. */
  farming: FarmingData | null;
}

export const data = new Store<ChainData>({
  loaded: false,
  assets: [],
  balances: {},
  pools: [],
  positions: [],
  feeTiersPpm: [],
  prices: [],
  markets: [],
  lending: null,
  stablecoin: null,
  staking: null,
  farming: null,
});

/* eslint-disable @typescript-eslint/no-explicit-any */
function toBig(x: any): bigint {
  return BigInt(x.toString());
}

export function parsePools(views: any[]): PoolInfo[] {
  return views.map((v: any) => ({
    poolId: v.poolId.toNumber(),
    stable: v.stable.isTrue,
    assets: v.assets.map((a: any) => kindKey(a)),
    reserves: v.reserves.map(toBig),
    feePpm: v.fee.toNumber(),
    lpSupply: toBig(v.lpSupply),
    spotPrice: v.spotPrice.isSome ? toBig(v.spotPrice.unwrap()) : null,
    amplification: toBig(v.amplification),
  }));
}

let assetsCache: AssetInfo[] | null = null;
let loading: Promise<void> | null = null;
let again = false;
let latestWho: string | undefined;

/** Reloads everything for `who` at the best block; overlapping calls coalesce into one more load
 * for the latest account. */
export function refresh(api: ApiPromise, who: string | undefined): Promise<void> {
  latestWho = who;
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    do {
      again = false;
      await load(api, latestWho);
    } while (again);
  })().finally(() => {
    loading = null;
  });
  return loading;
}

export function forgetAssets(): void {
  assetsCache = null;
}

async function load(api: ApiPromise, who: string | undefined): Promise<void> {
  const header = await api.rpc.chain.getHeader();
  const hash = header.hash.toHex();
  const at = await api.at(hash);
  if (!assetsCache) assetsCache = await loadAssets(api);
  const assets = assetsCache;
  const pools = parsePools([...((await at.call.dexApi.pools()) as any)]);
  const balances: Record<string, bigint> = {};
  const positions: LpPosition[] = [];
  if (who) {
    const values = await Promise.all(assets.map((a) => balanceOf(at as unknown as ApiPromise, a, who)));
    assets.forEach((a, i) => (balances[a.key] = values[i]));
    for (const pool of pools) {
      const acc: any = await at.query.poolAssets.account(pool.poolId, who);
      const shares = acc.isSome ? toBig(acc.unwrap().balance) : 0n;
      if (shares > 0n) {
        const v: any = await at.call.dexApi.lpShareValue(pool.poolId, shares);
        positions.push({ poolId: pool.poolId, shares, value: v.isSome ? v.unwrap().map(toBig) : null });
      }
    }
  }
  const tiers: any = await at.query.dex.feeTiers();
  const call = at.call as any;
  const [prices, markets, lending, stablecoin, staking, farming] = await Promise.all([
    call.pricesApi ? call.pricesApi.prices().then((v: any) => parsePrices([...v])) : Promise.resolve([]),
    call.lendingApi ? call.lendingApi.markets().then((v: any) => parseMarkets([...v])) : Promise.resolve([]),
    call.lendingApi && who ? call.lendingApi.account(who).then(parseAccount) : Promise.resolve(null),
    // The vault and peg-module panels must not keep the rest of the page from loading.
    loadStablecoin(at, who).catch((err) => {
      console.warn('stablecoin views unavailable', err);
      return null;
    }),
    // Nor may the staking panel.
    loadStaking(at, who).catch((err) => {
      console.warn('term staking views unavailable', err);
      return null;
    }),
    // Nor the farms panel.
    loadFarming(at, who).catch((err) => {
      console.warn('farming views unavailable', err);
      return null;
    }),
  ]);
  data.set({
    loaded: true,
    account: who,
    blockNumber: header.number.toNumber(),
    blockHash: hash,
    assets,
    balances,
    pools,
    positions,
    feeTiersPpm: tiers.map((t: any) => t.toNumber()),
    prices,
    markets,
    lending,
    stablecoin,
    staking,
    farming,
  });
}

export function assetByKey(key: string): AssetInfo | undefined {
  return data.value.assets.find((a) => a.key === key);
}
