// The stablecoin (dUSD) from polkadot.js: vaults read through `StablecoinApi`, the vaults a
// keeper can liquidate, the chain's ratio and liquidation-price arithmetic for hand checks, and
// the peg module's (`pallet-psm`) fee rules. Shared by `keeper.mjs` and the e2e tests.
import { signAndWait } from './node.js';
import { FIXED_ONE } from './lending.js';

/** dUSD: `Assets` id 5, 6 decimals; one whole dUSD counts as one USD. */
export const DUSD_ID = 5;
export const DUSD = Object.freeze({ WithId: DUSD_ID });
export const DUSD_DECIMALS = 6;
export const DUSD_UNIT = 10n ** 6n;
/** Parts per million (Permill). */
export const PPM = 1_000_000n;

const big = (v) => BigInt(v.toString());
const optionBig = (o) => (o.isSome ? big(o.unwrap()) : null);

/** A `NativeOrWithId` codec (or its JSON) as the calls take it: `'Native'` or `{ WithId: n }`. */
export function kindOf(asset) {
  if (typeof asset?.isNative === 'boolean') return asset.isNative ? 'Native' : { WithId: asset.asWithId.toNumber() };
  if (asset === 'Native' || asset?.Native !== undefined || asset?.native !== undefined) return 'Native';
  const id = asset?.WithId ?? asset?.withId;
  if (id === undefined) throw new Error(`not an asset kind: ${JSON.stringify(asset)}`);
  return { WithId: Number(id) };
}

/** Same asset? (codecs, JSON or kinds). */
export function sameKind(a, b) {
  return JSON.stringify(kindOf(a)) === JSON.stringify(kindOf(b));
}

/** `asset`'s key as the dApp and the logs write it: `native` or the id. */
export function kindKey(asset) {
  const k = kindOf(asset);
  return k === 'Native' ? 'native' : String(k.WithId);
}

// ---------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------

/** A `VaultView` as plain BigInts (`null` for a `None`). USD values have 18 decimals. */
export function parseVault(view) {
  return {
    asset: kindOf(view.asset),
    collateral: big(view.collateral),
    debt: big(view.debt),
    collateralValue: optionBig(view.collateralValue),
    ratio: optionBig(view.ratio),
    maxMintable: big(view.maxMintable),
    maxWithdrawable: big(view.maxWithdrawable),
    liquidationPrice: optionBig(view.liquidationPrice),
    liquidatable: view.liquidatable.isTrue,
  };
}

export function parseCollateralType(t) {
  return {
    asset: kindOf(t.asset),
    liquidationRatio: big(t.liquidationRatio),
    minimumRatio: big(t.minimumRatio),
    stabilityFeePerSecond: big(t.stabilityFeePerSecond),
    stabilityFeeYearly: big(t.stabilityFeeYearly),
    liquidationPenaltyPpm: big(t.liquidationPenalty),
    debtCeiling: big(t.debtCeiling),
    minimumDebt: big(t.minimumDebt),
    maxSlippagePpm: big(t.maxSlippage),
    purchaseDiscountPpm: big(t.purchaseDiscount),
    debt: big(t.debt),
    collateral: big(t.collateral),
    vaults: t.vaults.toNumber(),
    rate: big(t.rate),
    price: optionBig(t.price),
  };
}

const pairs = (list) => [...list].map(([asset, amount]) => ({ asset: kindOf(asset), amount: big(amount) }));

export function parseTotals(t) {
  const s = t.shutdown.isSome ? t.shutdown.unwrap() : null;
  return {
    stablecoin: kindOf(t.stablecoin),
    issuance: big(t.issuance),
    vaultDebt: big(t.vaultDebt),
    psmDebt: big(t.psmDebt),
    psmReserves: pairs(t.psmReserves),
    collateralValue: big(t.collateralValue),
    surplus: big(t.surplus),
    badDebt: big(t.badDebt),
    debtCeiling: big(t.debtCeiling),
    shutdown: s && {
      at: Number(s.at.toString()),
      unsettledVaults: s.unsettledVaults.toNumber(),
      redeemable: big(s.redeemable),
      perStablecoin: pairs(s.perStablecoin),
      prices: pairs(s.prices),
    },
  };
}

const at = async (api, blockHash) => (blockHash ? api.at(blockHash) : api);

/** `owner`'s vault of `asset` with fees accrued to the block (`null` without one). */
export async function vaultOf(api, owner, asset, blockHash) {
  const view = await (await at(api, blockHash)).call.stablecoinApi.vault(owner, kindOf(asset));
  return view.isSome ? parseVault(view.unwrap()) : null;
}

export async function collateralTypes(api, blockHash) {
  return [...(await (await at(api, blockHash)).call.stablecoinApi.collateralTypes())].map(parseCollateralType);
}

export async function totals(api, blockHash) {
  return parseTotals(await (await at(api, blockHash)).call.stablecoinApi.totals());
}

/** What a shutdown redemption of `amount` pays, per asset (empty before the rate is fixed). */
export async function redemptionQuote(api, amount, blockHash) {
  return pairs(await (await at(api, blockHash)).call.stablecoinApi.redemptionQuote(amount));
}

/** Every stored vault: `{ asset, owner, collateral, normalized, debt }` (debt as last booked). */
export async function storedVaults(api, blockHash) {
  const entries = await (await at(api, blockHash)).query.stablecoin.vaults.entries();
  return entries.map(([key, value]) => {
    const [asset, owner] = key.args;
    const v = value.unwrap();
    return {
      asset: kindOf(asset),
      owner: owner.toString(),
      collateral: big(v.collateral),
      normalized: big(v.normalized),
      debt: big(v.debt),
    };
  });
}

/** Every vault `StablecoinApi::vault` reports liquidatable now, with its view. */
export async function liquidatableVaults(api, blockHash) {
  const found = [];
  for (const v of await storedVaults(api, blockHash)) {
    if (v.normalized === 0n) continue;
    const view = await vaultOf(api, v.owner, v.asset, blockHash);
    if (view?.liquidatable) found.push({ owner: v.owner, asset: v.asset, view });
  }
  return found;
}

/** The records of `section` (and `method`, if given) among `events` (EventRecords or events). */
export function eventsOf(events, section, method) {
  return events
    .map((r) => r.event ?? r)
    .filter((e) => e.section === section && (!method || e.method === method));
}

/**
 * One keeper round over the vaults: liquidates every vault below its liquidation ratio. A sale
 * the market cannot fill within the oracle bounds only records a deferral (`LiquidationDeferred`).
 * Returns `{ owner, asset, blockHash, events, error }` per vault; `events` are the
 * stablecoin's and the router's events of the liquidation.
 */
export async function liquidateVaults(api, keeper) {
  const done = [];
  for (const { owner, asset } of await liquidatableVaults(api)) {
    const res = await signAndWait(api.tx.stablecoin.liquidate(owner, asset), keeper);
    done.push({
      owner,
      asset,
      blockHash: res.blockHash,
      events: res.events.map(({ event }) => event).filter((e) => e.section === 'stablecoin' || e.section === 'router'),
      error: res.dispatchError,
    });
  }
  return done;
}

/**
 * After a shutdown: settles every stored vault that still owes something, one transaction each.
 * Returns the results (`{ owner, asset, blockHash, events, error }`).
 */
export async function settleAll(api, signer) {
  const done = [];
  for (const v of await storedVaults(api)) {
    if (v.normalized === 0n) continue;
    const res = await signAndWait(api.tx.stablecoin.settle(v.owner, v.asset), signer);
    done.push({
      owner: v.owner,
      asset: v.asset,
      blockHash: res.blockHash,
      events: eventsOf(res.events, 'stablecoin'),
      error: res.dispatchError,
    });
  }
  return done;
}

// ---------------------------------------------------------------------------
// The chain's arithmetic (defi-math `prices` and `vaults`), in BigInt
// ---------------------------------------------------------------------------

function divRound(a, b, up) {
  const q = a / b;
  return up && q * b !== a ? q + 1n : q;
}

/** USD (18 decimals) of `amount` base units at `price` (FixedU128 inner, USD per whole token). */
export function usdValue(amount, price, decimals, roundUp = false) {
  return divRound(amount * price, 10n ** BigInt(decimals), roundUp);
}

/** USD (18 decimals) of `amount` dUSD base units at par, rounded up (as the pallet values debt). */
export function stablecoinValue(amount) {
  return divRound(amount * FIXED_ONE, 10n ** BigInt(DUSD_DECIMALS), true);
}

/** Collateral value over debt value as FixedU128 inner, rounded down; `null` without debt. */
export function ratioOf(collateral, decimals, debt, price) {
  if (debt === 0n) return null;
  return (usdValue(collateral, price, decimals, false) * FIXED_ONE) / stablecoinValue(debt);
}

/** USD per whole collateral token at which the ratio falls to `liquidationRatio` (FixedU128
 * inner), rounded up; `null` without collateral or debt. */
export function liquidationPriceOf(collateral, decimals, debt, liquidationRatio) {
  if (collateral === 0n || debt === 0n) return null;
  return divRound(liquidationRatio * stablecoinValue(debt) * 10n ** BigInt(decimals), collateral * FIXED_ONE, true);
}

/** `Permill::mul_ceil`. */
export function permillCeil(ppm, value) {
  return divRound(BigInt(ppm) * value, PPM, true);
}

/** A FixedU128 inner value as a decimal string with `digits` fraction digits (rounded down). */
export function formatFixed(inner, digits = 4) {
  if (inner === null || inner === undefined) return '—';
  const v = BigInt(inner);
  const scaled = v / 10n ** BigInt(18 - digits);
  const base = 10n ** BigInt(digits);
  const whole = (scaled / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return digits > 0 ? `${whole}.${(scaled % base).toString().padStart(digits, '0')}` : whole;
}

/** A collateral ratio for display: `2.0000` (×, 4 decimals) or `—` without debt. */
export const formatRatio = (inner) => formatFixed(inner, 4);
/** A USD price for display: `$1.5000`. */
export const formatPrice = (inner) => (inner === null || inner === undefined ? '—' : `$${formatFixed(inner, 4)}`);

// ---------------------------------------------------------------------------
// The peg module (pallet-psm 0.6): what a mint or a redemption pays
// ---------------------------------------------------------------------------

/** External base units ↔ internal (dUSD) base units, truncating as pallet-psm converts. */
function convert(amount, fromDecimals, toDecimals) {
  const d = toDecimals - fromDecimals;
  return d >= 0 ? amount * 10n ** BigInt(d) : amount / 10n ** BigInt(-d);
}

/** `psm.mint(internal, external, externalAmount, maxFee)`: the external taken, dUSD received
 * and the fee (`mul_ceil` in dUSD, minted to the fee destination). */
export function psmMintQuote(externalAmount, feePpm, externalDecimals = 6, internalDecimals = DUSD_DECIMALS) {
  const internal = convert(externalAmount, externalDecimals, internalDecimals);
  const fee = permillCeil(feePpm, internal);
  return {
    internal,
    externalConsumed: convert(internal, internalDecimals, externalDecimals),
    fee,
    received: internal - fee,
  };
}

/** `psm.redeem(internal, external, internalAmount, maxFee)`: the fee (`mul_ceil`, transferred to
 * the fee destination), the dUSD burned and the external paid. `balanceAfter` (the caller's dUSD
 * left) below the minimum balance is added to the fee, as the pallet does. */
export function psmRedeemQuote(internalAmount, feePpm, { externalDecimals = 6, internalDecimals = DUSD_DECIMALS, balance, minBalance = 1n } = {}) {
  let fee = permillCeil(feePpm, internalAmount);
  const net = internalAmount - fee;
  const externalOut = convert(net, internalDecimals, externalDecimals);
  const burned = convert(externalOut, externalDecimals, internalDecimals);
  if (balance !== undefined) {
    const remainder = balance > fee + burned ? balance - fee - burned : 0n;
    if (remainder < minBalance) fee += remainder;
  }
  return { fee, burned, externalOut, consumed: burned + fee };
}
