// Money markets and prices as the runtime APIs report them (`LendingApi`, `PricesApi`), and the
// account health the page previews before an action is signed. The preview starts from the
// chain's own totals (`AccountView`) and adds what the action changes, valued at the market's
// price with the chain's rounding (collateral down, debt up), so "before" is exactly the chain's
// figure and "after" is what the chain will compute once the action lands (less the interest of
// the seconds in between).
import { kindKey } from './assets';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** FixedU128 and USD values: 18 decimals. */
export const FIXED_ONE = 10n ** 18n;
const PPM = 1_000_000n;

export type PriceStatus = 'Live' | 'Disputed' | 'Pinned' | 'Unavailable';

export interface PriceInfo {
  key: string;
  status: PriceStatus;
  /** USD per whole token, 18 decimals. */
  price: bigint | null;
  decimals: number;
  /** Milliseconds (chain time). */
  updated: number;
  age: number;
  feeders: number;
  /** DEX time-weighted average price, USD per whole token, 18 decimals. */
  twap: bigint | null;
  validUntil: number;
}

export const MARKET_STATES = ['active', 'paused', 'frozen'] as const;

export interface MarketInfo {
  key: string;
  shareAsset: number;
  /** 0 active, 1 paused (no new risk), 2 frozen. */
  state: number;
  cash: bigint;
  borrows: bigint;
  reserves: bigint;
  totalShares: bigint;
  exchangeRate: bigint;
  utilization: bigint;
  borrowApr: bigint;
  supplyApr: bigint;
  borrowApy: bigint;
  supplyApy: bigint;
  /** Parts per million. */
  collateralFactorPpm: bigint;
  liquidationThresholdPpm: bigint;
  supplyCapLeft: bigint;
  borrowCapLeft: bigint;
  /** USD per whole token (a fresh price), 18 decimals. */
  price: bigint | null;
  decimals: number;
}

export interface PositionInfo {
  key: string;
  shares: bigint;
  supplied: bigint;
  collateral: boolean;
  debt: bigint;
  maxBorrow: bigint;
  maxWithdraw: bigint;
}

export interface LendingAccount {
  positions: PositionInfo[];
  /** FixedU128 inner value; null without debt. */
  health: bigint | null;
  /** USD, 18 decimals. */
  borrowLimit: bigint;
  liquidationLimit: bigint;
  debtValue: bigint;
  collateralValue: bigint;
}

function big(x: any): bigint {
  return BigInt(x.toString());
}

function optBig(x: any): bigint | null {
  return x.isSome ? big(x.unwrap()) : null;
}

export function parsePrices(views: any[]): PriceInfo[] {
  return views.map((v: any) => ({
    key: kindKey(v.asset),
    status: v.status.type as PriceStatus,
    price: optBig(v.price),
    decimals: v.decimals.toNumber(),
    updated: Number(v.updated.toString()),
    age: Number(v.age.toString()),
    feeders: v.feeders.toNumber(),
    twap: optBig(v.twap),
    validUntil: Number(v.validUntil.toString()),
  }));
}

export function parseMarkets(views: any[]): MarketInfo[] {
  return views.map((v: any) => ({
    key: kindKey(v.asset),
    shareAsset: v.shareAsset.toNumber(),
    state: v.state.toNumber(),
    cash: big(v.cash),
    borrows: big(v.borrows),
    reserves: big(v.reserves),
    totalShares: big(v.totalShares),
    exchangeRate: big(v.exchangeRate),
    utilization: big(v.utilization),
    borrowApr: big(v.borrowApr),
    supplyApr: big(v.supplyApr),
    borrowApy: big(v.borrowApy),
    supplyApy: big(v.supplyApy),
    collateralFactorPpm: big(v.collateralFactor),
    liquidationThresholdPpm: big(v.liquidationThreshold),
    supplyCapLeft: big(v.supplyCapLeft),
    borrowCapLeft: big(v.borrowCapLeft),
    price: optBig(v.price),
    decimals: v.decimals.toNumber(),
  }));
}

export function parseAccount(view: any): LendingAccount {
  return {
    positions: [...view.positions].map((p: any) => ({
      key: kindKey(p.asset),
      shares: big(p.shares),
      supplied: big(p.supplied),
      collateral: p.collateral.isTrue,
      debt: big(p.debt),
      maxBorrow: big(p.maxBorrow),
      maxWithdraw: big(p.maxWithdraw),
    })),
    health: optBig(view.health),
    borrowLimit: big(view.borrowLimit),
    liquidationLimit: big(view.liquidationLimit),
    debtValue: big(view.debtValue),
    collateralValue: big(view.collateralValue),
  };
}

// ---------------------------------------------------------------------------
// The chain's arithmetic (defi-math): USD values, Permill, health.
// ---------------------------------------------------------------------------

function divRound(a: bigint, b: bigint, up: boolean): bigint {
  const q = a / b;
  return up && q * b !== a ? q + 1n : q;
}

/** USD (18 decimals) of `amount` base units at `price` USD per whole token. */
export function usdValue(amount: bigint, price: bigint, decimals: number, roundUp: boolean): bigint {
  return divRound(amount * price, 10n ** BigInt(decimals), roundUp);
}

/** `Permill::mul_floor`. */
export function permillFloor(ppm: bigint, value: bigint): bigint {
  return (value * ppm) / PPM;
}

/** Weighted collateral over debt as a FixedU128 inner value (rounded down); null without debt. */
export function healthOf(liquidationLimit: bigint, debt: bigint): bigint | null {
  if (debt === 0n) return null;
  return (liquidationLimit * FIXED_ONE) / debt;
}

export const HEALTH_DECIMALS = 3;
/** Below this the page warns before signing. */
export const HEALTH_WARNING = (11n * FIXED_ONE) / 10n;

/** A health factor for display: rounded down to `HEALTH_DECIMALS`, `∞` without debt. */
export function formatHealth(health: bigint | null): string {
  if (health === null) return '∞';
  const unit = 10n ** BigInt(18 - HEALTH_DECIMALS);
  const scaled = health / unit;
  const base = 10n ** BigInt(HEALTH_DECIMALS);
  const whole = (scaled / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(scaled % base).toString().padStart(HEALTH_DECIMALS, '0')}`;
}

/** A FixedU128 rate as a percentage with two decimals (rounded down). */
export function formatPercent(fixed: bigint): string {
  const bp = fixed / 10n ** 14n; // hundredths of a percent
  return `${bp / 100n}.${(bp % 100n).toString().padStart(2, '0')} %`;
}

/** USD with 18 decimals as `$1,234.56` (rounded down, at most `fraction` digits). */
export function formatUsd(value: bigint, fraction = 2): string {
  const unit = 10n ** BigInt(18 - fraction);
  const scaled = value / unit;
  const base = 10n ** BigInt(fraction);
  const whole = (scaled / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction > 0 ? `$${whole}.${(scaled % base).toString().padStart(fraction, '0')}` : `$${whole}`;
}

// ---------------------------------------------------------------------------
// The health preview.
// ---------------------------------------------------------------------------

export type LendingActionKind = 'supply' | 'withdraw' | 'borrow' | 'repay' | 'enableCollateral' | 'disableCollateral';

export interface LendingAction {
  kind: LendingActionKind;
  key: string;
  /** Base units, or `'all'` (withdraw all, repay all); ignored for the collateral toggles. */
  amount: bigint | 'all';
}

export interface Totals {
  collateral: bigint;
  borrowLimit: bigint;
  liquidationLimit: bigint;
  debt: bigint;
}

export interface Projection {
  before: Totals;
  after: Totals;
  healthBefore: bigint | null;
  healthAfter: bigint | null;
  /** Whether the health is known: false when an asset the account uses has no price. */
  knownBefore: boolean;
  knownAfter: boolean;
  /** Markets the account uses after the action whose price is missing. */
  missingPrices: string[];
  /** True if the action adds risk (the chain checks the borrow limit after it). */
  risky: boolean;
}

interface ModelPosition {
  key: string;
  /** Underlying counted as collateral (the supply, when collateral is enabled). */
  collateral: bigint;
  debt: bigint;
}

function modelTotals(positions: ModelPosition[], markets: Map<string, MarketInfo>): { totals: Totals; missing: string[]; anyDebt: boolean } {
  const totals: Totals = { collateral: 0n, borrowLimit: 0n, liquidationLimit: 0n, debt: 0n };
  const missing: string[] = [];
  let anyDebt = false;
  for (const p of positions) {
    if (p.collateral === 0n && p.debt === 0n) continue;
    anyDebt ||= p.debt > 0n;
    const m = markets.get(p.key);
    if (!m || m.price === null || m.price === 0n) {
      missing.push(p.key);
      continue;
    }
    const value = usdValue(p.collateral, m.price, m.decimals, false);
    totals.collateral += value;
    totals.borrowLimit += permillFloor(m.collateralFactorPpm, value);
    totals.liquidationLimit += permillFloor(m.liquidationThresholdPpm, value);
    totals.debt += usdValue(p.debt, m.price, m.decimals, true);
  }
  return { totals, missing, anyDebt };
}

function applyAction(positions: ModelPosition[], account: LendingAccount, action: LendingAction): ModelPosition[] {
  const info = account.positions.find((p) => p.key === action.key);
  return positions.map((p) => {
    if (p.key !== action.key || !info) return p;
    const amount = action.amount;
    switch (action.kind) {
      case 'supply':
        return info.collateral && amount !== 'all' ? { ...p, collateral: p.collateral + amount } : p;
      case 'withdraw':
        if (!info.collateral) return p;
        if (amount === 'all') return { ...p, collateral: 0n };
        return { ...p, collateral: p.collateral > amount ? p.collateral - amount : 0n };
      case 'borrow':
        return amount === 'all' ? p : { ...p, debt: p.debt + amount };
      case 'repay':
        if (amount === 'all') return { ...p, debt: 0n };
        return { ...p, debt: p.debt > amount ? p.debt - amount : 0n };
      case 'enableCollateral':
        return { ...p, collateral: info.collateral ? p.collateral : info.supplied };
      case 'disableCollateral':
        return { ...p, collateral: 0n };
    }
  });
}

function addDelta(base: bigint, after: bigint, before: bigint): bigint {
  const v = base + after - before;
  return v > 0n ? v : 0n;
}

/** The account's totals and health now and after `action` (null: no action, after = before). */
export function projectHealth(account: LendingAccount, markets: MarketInfo[], action: LendingAction | null): Projection {
  const byKey = new Map(markets.map((m) => [m.key, m]));
  const model: ModelPosition[] = account.positions.map((p) => ({ key: p.key, collateral: p.collateral ? p.supplied : 0n, debt: p.debt }));
  const modelAfter = action ? applyAction(model, account, action) : model;
  const b = modelTotals(model, byKey);
  const a = modelTotals(modelAfter, byKey);
  const before: Totals = {
    collateral: account.collateralValue,
    borrowLimit: account.borrowLimit,
    liquidationLimit: account.liquidationLimit,
    debt: account.debtValue,
  };
  // The chain's figures plus what the action changes in the model (so rounding the chain did in
  // positions the action leaves alone stays the chain's).
  const after: Totals = {
    collateral: addDelta(before.collateral, a.totals.collateral, b.totals.collateral),
    borrowLimit: addDelta(before.borrowLimit, a.totals.borrowLimit, b.totals.borrowLimit),
    liquidationLimit: addDelta(before.liquidationLimit, a.totals.liquidationLimit, b.totals.liquidationLimit),
    debt: addDelta(before.debt, a.totals.debt, b.totals.debt),
  };
  // With debt the chain needs every price the account uses; without, it leaves unpriced
  // collateral out (and the health is infinite anyway).
  const knownBefore = !(b.anyDebt && b.missing.length > 0);
  const knownAfter = !(a.anyDebt && a.missing.length > 0);
  const risky =
    action !== null &&
    (action.kind === 'borrow' ||
      action.kind === 'disableCollateral' ||
      (action.kind === 'withdraw' && account.positions.some((p) => p.key === action.key && p.collateral)));
  return {
    before,
    after,
    healthBefore: knownBefore ? account.health ?? healthOf(before.liquidationLimit, before.debt) : null,
    healthAfter: knownAfter ? healthOf(after.liquidationLimit, after.debt) : null,
    knownBefore,
    knownAfter,
    missingPrices: a.anyDebt ? a.missing : [],
    risky,
  };
}
