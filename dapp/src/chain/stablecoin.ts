// The stablecoin dUSD as the page sees it: collateral types, the account's vaults and the system
// totals from `StablecoinApi`, the peg module (`pallet-psm`) from its storage, and the previews
// the page shows before signing, computed with the chain's own rounding:
//  - a vault's ratio and liquidation price after an action (defi-math `vaults`: collateral
//    value rounded down, debt valued at par rounded up, ratio rounded down, liquidation price
//    rounded up), from the collateral type's price and parameters;
//  - a peg-module mint or redemption: the fee is `Permill::mul_ceil` of the dUSD amount.
import type { ApiDecoration } from '@polkadot/api/types';
import { kindKey } from './assets';
import { FIXED_ONE } from './lending';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PPM = 1_000_000n;

export interface CollateralTypeInfo {
  key: string;
  /** FixedU128 inner values. */
  liquidationRatio: bigint;
  minimumRatio: bigint;
  stabilityFeeYearly: bigint;
  /** Parts per million. */
  liquidationPenaltyPpm: bigint;
  maxSlippagePpm: bigint;
  purchaseDiscountPpm: bigint;
  /** dUSD base units. */
  debtCeiling: bigint;
  minimumDebt: bigint;
  debt: bigint;
  collateral: bigint;
  vaults: number;
  /** USD per whole token (FixedU128 inner), if the chain has a fresh one. */
  price: bigint | null;
}

export interface VaultInfo {
  key: string;
  collateral: bigint;
  /** dUSD owed now, fees accrued. */
  debt: bigint;
  /** USD, 18 decimals. */
  collateralValue: bigint | null;
  /** Collateral value over debt (FixedU128 inner); null without debt or price. */
  ratio: bigint | null;
  maxMintable: bigint;
  maxWithdrawable: bigint;
  /** USD per whole collateral token (FixedU128 inner). */
  liquidationPrice: bigint | null;
  liquidatable: boolean;
}

export interface ShutdownInfo {
  at: number;
  unsettledVaults: number;
  redeemable: bigint;
  /** Base units of each collateral one whole dUSD redeems for, once fixed. */
  perStablecoin: Array<{ key: string; amount: bigint }>;
}

export interface StablecoinTotalsInfo {
  /** Asset key of the stablecoin. */
  stablecoin: string;
  issuance: bigint;
  vaultDebt: bigint;
  psmDebt: bigint;
  psmReserves: Record<string, bigint>;
  collateralValue: bigint;
  surplus: bigint;
  badDebt: bigint;
  debtCeiling: bigint;
  shutdown: ShutdownInfo | null;
}

export type PsmStatus = 'AllEnabled' | 'MintingDisabled' | 'AllDisabled';

export interface PsmExternal {
  /** Asset id. */
  id: number;
  key: string;
  status: PsmStatus;
  decimals: number;
  mintFeePpm: bigint;
  redeemFeePpm: bigint;
  /** dUSD minted against this external and not redeemed. */
  debt: bigint;
  /** This external's share of the module's ceiling (dUSD). */
  ceiling: bigint;
  /** The external held in the module's reserve. */
  reserve: bigint;
}

export interface PsmInfo {
  internal: number;
  internalDecimals: number;
  minSwap: bigint;
  maxDebt: bigint;
  totalDebt: bigint;
  externals: PsmExternal[];
}

export interface StablecoinData {
  types: CollateralTypeInfo[];
  /** The account's vaults. */
  vaults: VaultInfo[];
  totals: StablecoinTotalsInfo;
  /** The peg module of the stablecoin; null if the runtime has none. */
  psm: PsmInfo | null;
}

const big = (x: any): bigint => BigInt(x.toString());
const optBig = (x: any): bigint | null => (x.isSome ? big(x.unwrap()) : null);

export function parseCollateralTypes(views: any[]): CollateralTypeInfo[] {
  return views.map((t: any) => ({
    key: kindKey(t.asset),
    liquidationRatio: big(t.liquidationRatio),
    minimumRatio: big(t.minimumRatio),
    stabilityFeeYearly: big(t.stabilityFeeYearly),
    liquidationPenaltyPpm: big(t.liquidationPenalty),
    maxSlippagePpm: big(t.maxSlippage),
    purchaseDiscountPpm: big(t.purchaseDiscount),
    debtCeiling: big(t.debtCeiling),
    minimumDebt: big(t.minimumDebt),
    debt: big(t.debt),
    collateral: big(t.collateral),
    vaults: t.vaults.toNumber(),
    price: optBig(t.price),
  }));
}

export function parseVault(v: any): VaultInfo {
  return {
    key: kindKey(v.asset),
    collateral: big(v.collateral),
    debt: big(v.debt),
    collateralValue: optBig(v.collateralValue),
    ratio: optBig(v.ratio),
    maxMintable: big(v.maxMintable),
    maxWithdrawable: big(v.maxWithdrawable),
    liquidationPrice: optBig(v.liquidationPrice),
    liquidatable: v.liquidatable.isTrue,
  };
}

export function parseTotals(t: any): StablecoinTotalsInfo {
  const s = t.shutdown.isSome ? t.shutdown.unwrap() : null;
  return {
    stablecoin: kindKey(t.stablecoin),
    issuance: big(t.issuance),
    vaultDebt: big(t.vaultDebt),
    psmDebt: big(t.psmDebt),
    psmReserves: Object.fromEntries([...t.psmReserves].map(([a, v]: any) => [kindKey(a), big(v)])),
    collateralValue: big(t.collateralValue),
    surplus: big(t.surplus),
    badDebt: big(t.badDebt),
    debtCeiling: big(t.debtCeiling),
    shutdown: s && {
      at: Number(s.at.toString()),
      unsettledVaults: s.unsettledVaults.toNumber(),
      redeemable: big(s.redeemable),
      perStablecoin: [...s.perStablecoin].map(([a, v]: any) => ({ key: kindKey(a), amount: big(v) })),
    },
  };
}

/** The peg module of asset `internal` at `at` (null without `pallet-psm` or an instance). */
async function loadPsm(at: ApiDecoration<'promise'>, internal: number, reserves: Record<string, bigint>): Promise<PsmInfo | null> {
  const query = at.query as any;
  if (!query.psm) return null;
  const info: any = await query.psm.psm(internal);
  if (info.isNone) return null;
  const i = info.unwrap();
  const entries: any[] = await query.psm.externalAssets.entries(internal);
  const ids = entries.map(([key]) => Number(key.args[1].toString())).sort((a, b) => a - b);
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [ext, mintFee, redeemFee, debt, weight] = await Promise.all([
        query.psm.externalAssets(internal, id),
        query.psm.mintingFee(internal, id),
        query.psm.redemptionFee(internal, id),
        query.psm.psmDebt(internal, id),
        query.psm.assetCeilingWeight(internal, id),
      ]);
      const e = ext.unwrap();
      return { id, e, mintFee: big(mintFee), redeemFee: big(redeemFee), debt: big(debt), weight: big(weight) };
    }),
  );
  const maxDebt = big(i.maxDebt);
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0n);
  return {
    internal,
    internalDecimals: i.internalDecimals.toNumber(),
    minSwap: big(i.minSwapAmount),
    maxDebt,
    totalDebt: rows.reduce((s, r) => s + r.debt, 0n),
    externals: rows.map((r) => ({
      id: r.id,
      key: String(r.id),
      status: r.e.status.type as PsmStatus,
      decimals: r.e.decimals.toNumber(),
      mintFeePpm: r.mintFee,
      redeemFeePpm: r.redeemFee,
      debt: r.debt,
      ceiling: totalWeight === 0n ? 0n : (maxDebt * r.weight) / totalWeight,
      reserve: reserves[String(r.id)] ?? 0n,
    })),
  };
}

/** Everything the vault and peg-module panels show, at `at`; null if the runtime has no
 * `StablecoinApi`. */
export async function loadStablecoin(at: ApiDecoration<'promise'>, who: string | undefined): Promise<StablecoinData | null> {
  const call = at.call as any;
  if (!call.stablecoinApi) return null;
  const [types, totalsView, vaults] = await Promise.all([
    call.stablecoinApi.collateralTypes(),
    call.stablecoinApi.totals(),
    who ? call.stablecoinApi.vaults(who) : Promise.resolve([]),
  ]);
  const totals = parseTotals(totalsView);
  const internal = totals.stablecoin === 'native' ? null : Number(totals.stablecoin);
  return {
    types: parseCollateralTypes([...types]),
    vaults: [...vaults].map(parseVault),
    totals,
    psm: internal === null ? null : await loadPsm(at, internal, totals.psmReserves),
  };
}

// ---------------------------------------------------------------------------
// The chain's arithmetic (defi-math `prices` and `vaults`).
// ---------------------------------------------------------------------------

function divRound(a: bigint, b: bigint, up: boolean): bigint {
  const q = a / b;
  return up && q * b !== a ? q + 1n : q;
}

/** USD (18 decimals) of `amount` base units at `price` (USD per whole token, FixedU128 inner). */
export function usdValue(amount: bigint, price: bigint, decimals: number, roundUp: boolean): bigint {
  return divRound(amount * price, 10n ** BigInt(decimals), roundUp);
}

/** USD (18 decimals) of `amount` stablecoin base units at par, rounded up. */
export function stablecoinValue(amount: bigint, decimals: number): bigint {
  return divRound(amount * FIXED_ONE, 10n ** BigInt(decimals), true);
}

/** Collateral value over debt value (FixedU128 inner), rounded down; null without debt. */
export function vaultRatio(collateral: bigint, collateralDecimals: number, debt: bigint, stableDecimals: number, price: bigint): bigint | null {
  if (debt === 0n) return null;
  return (usdValue(collateral, price, collateralDecimals, false) * FIXED_ONE) / stablecoinValue(debt, stableDecimals);
}

/** USD per whole collateral token at which the ratio reaches `liquidationRatio`, rounded up;
 * null without collateral or debt. */
export function liquidationPrice(collateral: bigint, collateralDecimals: number, debt: bigint, stableDecimals: number, liquidationRatio: bigint): bigint | null {
  if (collateral === 0n || debt === 0n) return null;
  return divRound(liquidationRatio * stablecoinValue(debt, stableDecimals) * 10n ** BigInt(collateralDecimals), collateral * FIXED_ONE, true);
}

/** `Permill::mul_ceil`. */
export function permillCeil(ppm: bigint, value: bigint): bigint {
  return divRound(ppm * value, PPM, true);
}

/** A FixedU128 inner value with `digits` decimals (rounded down), thousands separated. */
export function formatFixed(inner: bigint, digits: number): string {
  const scaled = inner / 10n ** BigInt(18 - digits);
  const base = 10n ** BigInt(digits);
  const whole = (scaled / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return digits > 0 ? `${whole}.${(scaled % base).toString().padStart(digits, '0')}` : whole;
}

export const RATIO_DECIMALS = 4;

/** A collateral ratio as shown: a percentage with two decimals (`200.00 %`), `—` without debt. */
export function formatRatio(ratio: bigint | null): string {
  if (ratio === null) return '—';
  return `${formatFixed(ratio * 100n, RATIO_DECIMALS - 2)} %`;
}

/** A USD price per token as shown (4 decimals below $100, else 2). */
export function formatPrice(price: bigint | null): string {
  if (price === null) return '—';
  return `$${formatFixed(price, price < 100n * FIXED_ONE ? 4 : 2)}`;
}

/** A yearly rate (FixedU128 inner) as a percentage with two decimals, rounded to the nearest (a
 * 4 % fee cut to a per-second rate compounds to 3.99999… %). */
export function formatYearly(rate: bigint): string {
  const bp = (rate + 5n * 10n ** 13n) / 10n ** 14n;
  return `${bp / 100n}.${(bp % 100n).toString().padStart(2, '0')} %`;
}

/** Parts per million as a percentage (`0.1 %`). */
export function formatPpm(ppm: bigint): string {
  return `${Number(ppm) / 10_000} %`;
}

// ---------------------------------------------------------------------------
// The vault preview.
// ---------------------------------------------------------------------------

export type VaultActionKind = 'deposit' | 'withdraw' | 'mint' | 'repay' | 'close';

export interface VaultAction {
  kind: VaultActionKind;
  /** Base units (collateral for deposit/withdraw, dUSD for mint/repay), or 'all' (repay all,
   * close). */
  amount: bigint | 'all';
}

export interface VaultProjection {
  collateral: bigint;
  debt: bigint;
  /** null without debt or without a price. */
  ratio: bigint | null;
  liquidationPrice: bigint | null;
  /** False when the collateral type has no price. */
  priced: boolean;
}

/** The vault after `action`, valued at the type's price (a mint's debt may end a unit or two
 * higher on chain: the normalized debt rounds up). */
export function projectVault(
  vault: VaultInfo | null,
  type: CollateralTypeInfo,
  action: VaultAction,
  collateralDecimals: number,
  stableDecimals: number,
): VaultProjection {
  let collateral = vault?.collateral ?? 0n;
  let debt = vault?.debt ?? 0n;
  const a = action.amount;
  switch (action.kind) {
    case 'deposit':
      if (a !== 'all') collateral += a;
      break;
    case 'withdraw':
      if (a !== 'all') collateral = collateral > a ? collateral - a : 0n;
      break;
    case 'mint':
      if (a !== 'all') debt += a;
      break;
    case 'repay':
      debt = a === 'all' || a >= debt ? 0n : debt - a;
      break;
    case 'close':
      collateral = 0n;
      debt = 0n;
      break;
  }
  const price = type.price;
  return {
    collateral,
    debt,
    ratio: price === null || price === 0n ? null : vaultRatio(collateral, collateralDecimals, debt, stableDecimals, price),
    liquidationPrice: liquidationPrice(collateral, collateralDecimals, debt, stableDecimals, type.liquidationRatio),
    priced: price !== null && price !== 0n,
  };
}

// ---------------------------------------------------------------------------
// The peg module (pallet-psm 0.6).
// ---------------------------------------------------------------------------

function convert(amount: bigint, from: number, to: number): bigint {
  return to >= from ? amount * 10n ** BigInt(to - from) : amount / 10n ** BigInt(from - to);
}

export interface PsmQuote {
  /** What leaves the wallet: the external (mint) or dUSD (redeem). */
  paid: bigint;
  /** The fee, in dUSD. */
  fee: bigint;
  /** What arrives: dUSD (mint) or the external (redeem). */
  received: bigint;
  /** The dUSD value the module's debt and ceiling count (mint: the whole amount; redeem: the
   * part burned). */
  internal: bigint;
}

/** `psm.mint(internal, external, amount, maxFee)`: dUSD received = amount − ⌈amount · fee⌉. */
export function psmMintQuote(amount: bigint, feePpm: bigint, externalDecimals: number, internalDecimals: number): PsmQuote {
  const internal = convert(amount, externalDecimals, internalDecimals);
  const fee = permillCeil(feePpm, internal);
  return { paid: convert(internal, internalDecimals, externalDecimals), fee, received: internal - fee, internal };
}

/** `psm.redeem(internal, external, amount, maxFee)`: the fee is ⌈amount · fee⌉ (plus a dUSD
 * remainder left below the minimum balance), the rest is paid out in the external. */
export function psmRedeemQuote(amount: bigint, feePpm: bigint, externalDecimals: number, internalDecimals: number, balance: bigint, minBalance: bigint): PsmQuote {
  let fee = permillCeil(feePpm, amount);
  const received = convert(amount - fee, internalDecimals, externalDecimals);
  const burned = convert(received, externalDecimals, internalDecimals);
  const remainder = balance > fee + burned ? balance - fee - burned : 0n;
  if (remainder < minBalance) fee += remainder;
  return { paid: burned + fee, fee, received, internal: burned };
}
