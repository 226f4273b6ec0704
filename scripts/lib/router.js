// The router from polkadot.js: quotes through `api.call.routerApi`, swaps through
// `api.tx.router`, and fees paid in an asset.
import { ApiPromise, WsProvider } from '@polkadot/api';

export const NATIVE = Object.freeze({ Native: null });
/** Venue indexes of the runtime's router. */
export const VENUES = Object.freeze(['DEX', 'AssetConversion']);

/**
 * `ApiPromise.create` options for paying fees in an asset: polkadot.js types the
 * `ChargeAssetTxPayment` extension's asset id as `Option<MultiLocation>` (Asset Hub's); this
 * chain's is `Option<NativeOrWithId<u32>>`, whose metadata name is the one below. With it,
 * `tx.signAndSend(pair, { assetId: { WithId: 1 } })` pays in USDT; without `assetId` (or with
 * any api) the fee is paid in DFI as before.
 */
export const ASSET_FEE_TYPES = Object.freeze({
  TAssetConversion: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>',
});

export async function connectForAssetFees(wsUrl) {
  return ApiPromise.create({ provider: new WsProvider(wsUrl), types: ASSET_FEE_TYPES, noInitWarn: true });
}

const big = (v) => BigInt(v.toString());

/** A `TradeQuote` as plain BigInts; `null` when no route carries the trade. */
export function parseQuote(option) {
  if (option.isNone) return null;
  const q = option.unwrap();
  const route = (r) => ({
    hops: r.hops.map((h) => ({
      venue: h.venue.toNumber(),
      poolId: h.poolId.toNumber(),
      assetIn: h.assetIn.toJSON(),
      assetOut: h.assetOut.toJSON(),
    })),
    amountIn: big(r.amountIn),
    amountOut: big(r.amountOut),
  });
  return {
    amountIn: big(q.amountIn),
    amountOut: big(q.amountOut),
    routes: q.routes.map(route),
    priceImpact: q.priceImpact.isSome ? q.priceImpact.unwrap().toNumber() : null,
    bestSingleRoute: q.bestSingleRoute.isSome ? route(q.bestSingleRoute.unwrap()) : null,
    bestPerVenue: q.bestPerVenue.map((v) => (v.isSome ? route(v.unwrap()) : null)),
  };
}

/** The router's quote at `blockHash` (default: best). */
export async function quoteExactIn(api, assetIn, assetOut, amountIn, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return parseQuote(await at.call.routerApi.quoteExactIn(assetIn, assetOut, amountIn));
}

export async function quoteExactOut(api, assetIn, assetOut, amountOut, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return parseQuote(await at.call.routerApi.quoteExactOut(assetIn, assetOut, amountOut));
}

/** The routes of a quote as a swap call's `route` argument (exact-in: each route's input). */
export function routeArgument(quote, exactOut = false) {
  return quote.routes.map((r) => ({ hops: r.hops, amount: exactOut ? r.amountOut : r.amountIn }));
}
