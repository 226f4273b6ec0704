// Prices and money markets from polkadot.js: feeding the oracle, reading `PricesApi` and
// `LendingApi`, and liquidating what `LendingApi.accountsBelow` reports. Shared by
// `feeder.mjs`, `keeper.mjs` and the e2e tests.
import { signAndWait } from './node.js';

/** FixedU128: a u128 with 18 decimals. */
export const FIXED_ONE = 10n ** 18n;

/** The priced assets of the dev chain with their symbols, decimals and reference USD prices
 * (consistent with the genesis pools); `stable` marks the dollar tokens (dUSD is the chain's
 * own, `pallet-stablecoin`'s). */
export const ASSETS = Object.freeze([
  { symbol: 'DFI', kind: { Native: null }, decimals: 12, usd: 2 },
  { symbol: 'USDT', kind: { WithId: 1 }, decimals: 6, usd: 1, stable: true },
  { symbol: 'USDC', kind: { WithId: 2 }, decimals: 6, usd: 1, stable: true },
  { symbol: 'WBTC', kind: { WithId: 3 }, decimals: 8, usd: 60_000 },
  { symbol: 'WETH', kind: { WithId: 4 }, decimals: 18, usd: 3_000 },
  { symbol: 'dUSD', kind: { WithId: 5 }, decimals: 6, usd: 1, stable: true },
]);

/** The asset of `symbol`, in any case (`dusd`, `DUSD` and `dUSD` are dUSD). */
export function assetBySymbol(symbol) {
  const found = ASSETS.find((a) => a.symbol.toUpperCase() === symbol.toUpperCase());
  if (!found) throw new Error(`unknown asset ${symbol} (known: ${ASSETS.map((a) => a.symbol).join(', ')})`);
  return found;
}

/** A decimal number or string as FixedU128 inner units (BigInt), exactly for up to 18 decimals.
 * A number is read as its shortest decimal form (`1.4` is 1.4, not the binary double's
 * 1.399999999999999911); only an exponent form falls back to 18 fixed digits. */
export function toFixed(value) {
  const shortest = typeof value === 'number' ? String(value) : null;
  const text = shortest === null ? String(value) : /^\d+(\.\d+)?$/.test(shortest) ? shortest : value.toFixed(18);
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole) * FIXED_ONE + BigInt((frac + '0'.repeat(18)).slice(0, 18));
}

/** FixedU128 inner units (BigInt or codec) as a JS number (for display and tolerances). */
export function fromFixed(inner) {
  const v = BigInt(inner.toString());
  return Number(v / FIXED_ONE) + Number(v % FIXED_ONE) / 1e18;
}

/** `Option<FixedU128>` codec → BigInt or null. */
export function optionFixed(option) {
  return option.isSome ? BigInt(option.unwrap().toString()) : null;
}

/**
 * Reports `prices` ({ SYMBOL: usd, ... }) as `signer`, who must be an oracle member. A feeder
 * may report once per block; the prices are usable from the next block on.
 */
export async function feedPrices(api, signer, prices) {
  const values = Object.entries(prices).map(([symbol, usd]) => [assetBySymbol(symbol).kind, toFixed(usd).toString()]);
  const res = await signAndWait(api.tx.oracle.feedValues(values), signer);
  if (res.dispatchError) throw new Error(`feedValues failed: ${res.dispatchError}`);
  return res;
}

/** The reference prices as a `{ SYMBOL: usd }` map. */
export function referencePrices() {
  return Object.fromEntries(ASSETS.map((a) => [a.symbol, a.usd]));
}

/** Every market and an account's view, at `at` (a block hash) or the best block. */
export async function lendingState(api, who, at) {
  const q = at ? await api.at(at) : api;
  const [markets, account] = await Promise.all([q.call.lendingApi.markets(), q.call.lendingApi.account(who)]);
  return { markets, account };
}

/** Health of `who` as a number (Infinity without debt). */
export async function healthOf(api, who, at) {
  const q = at ? await api.at(at) : api;
  const view = await q.call.lendingApi.account(who);
  return view.health.isSome ? fromFixed(view.health.unwrap()) : Infinity;
}

/** The debt and collateral position of an account view with the largest value each. */
function largestPositions(api, markets, view) {
  const priceOf = (asset) => {
    const m = markets.find((x) => x.asset.eq(asset));
    return m && m.price.isSome ? fromFixed(m.price.unwrap()) / 10 ** m.decimals.toNumber() : 0;
  };
  let debt = null;
  let collateral = null;
  for (const p of view.positions) {
    const debtValue = Number(BigInt(p.debt.toString())) * priceOf(p.asset);
    const supplyValue = Number(BigInt(p.supplied.toString())) * priceOf(p.asset);
    if (debtValue > 0 && (!debt || debtValue > debt.value)) debt = { position: p, value: debtValue };
    if (p.collateral.isTrue && supplyValue > 0 && (!collateral || supplyValue > collateral.value)) {
      collateral = { position: p, value: supplyValue };
    }
  }
  return { debt: debt?.position ?? null, collateral: collateral?.position ?? null };
}

/**
 * One keeper round: every account below health 1 is liquidated once, repaying its largest debt
 * against its largest collateral. The repay asked for is the whole debt: the pallet caps it at
 * the close factor, or takes it all where a partial liquidation would lower health.
 * Returns what was done, per borrower: `{ borrower, debtAsset, collateralAsset, events, error }`.
 */
export async function liquidateUnhealthy(api, keeper) {
  const below = await api.call.lendingApi.accountsBelow(FIXED_ONE.toString());
  const markets = await api.call.lendingApi.markets();
  const done = [];
  for (const [borrower] of below) {
    if (borrower.toString() === keeper.address) continue;
    const view = await api.call.lendingApi.account(borrower);
    const { debt, collateral } = largestPositions(api, markets, view);
    if (!debt || !collateral) continue;
    const tx = api.tx.lending.liquidate(borrower, debt.asset, debt.debt, collateral.asset);
    const res = await signAndWait(tx, keeper);
    done.push({
      borrower: borrower.toString(),
      debtAsset: debt.asset.toJSON(),
      collateralAsset: collateral.asset.toJSON(),
      blockHash: res.blockHash,
      events: res.events.filter(({ event }) => event.section === 'lending').map(({ event }) => event),
      error: res.dispatchError,
    });
  }
  return done;
}

/**
 * What both bots do around their work: connect as `seed`, run `round(api, signer)` every
 * `intervalMs` (or once) until SIGINT/SIGTERM, report a failed round and go on.
 */
export async function runBot({ name, ws, seed, intervalMs, once }, round) {
  const [{ ApiPromise, WsProvider }, { Keyring }, { cryptoWaitReady }] = await Promise.all([
    import('@polkadot/api'),
    import('@polkadot/keyring'),
    import('@polkadot/util-crypto'),
  ]);
  await cryptoWaitReady();
  const signer = new Keyring({ type: 'sr25519' }).addFromUri(seed);
  const api = await ApiPromise.create({ provider: new WsProvider(ws), noInitWarn: true });
  let stopping = false;
  process.on('SIGINT', () => (stopping = true));
  process.on('SIGTERM', () => (stopping = true));
  do {
    try {
      await round(api, signer);
    } catch (e) {
      console.error(`[${name}] ${e.message}`);
    }
    if (once) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  } while (!stopping);
  await api.disconnect();
}
