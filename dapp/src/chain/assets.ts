// Assets as the chain describes them: the native token from the chain properties, every
// `pallet-assets` token from its metadata. Amounts are BigInt base units throughout; strings only
// at the edges (inputs and display).
import type { ApiPromise } from '@polkadot/api';

/** `NativeOrWithId<u32>` as polkadot.js takes it. */
export type AssetKind = { Native: null } | { WithId: number };

export interface AssetInfo {
  key: string; // "native" or the asset id as a string
  kind: AssetKind;
  symbol: string;
  decimals: number;
  minBalance: bigint;
}

export const NATIVE_KEY = 'native';

/** The key of a `NativeOrWithId` as the chain's codec returns it. */
export function kindKey(kind: unknown): string {
  const k = kind as { isNative: boolean; asWithId: { toString(): string } };
  return k.isNative ? NATIVE_KEY : k.asWithId.toString();
}

export async function loadAssets(api: ApiPromise): Promise<AssetInfo[]> {
  const props = api.registry.getChainProperties();
  const symbol = props?.tokenSymbol.unwrapOr(undefined)?.[0]?.toString() ?? 'UNIT';
  const decimals = props?.tokenDecimals.unwrapOr(undefined)?.[0]?.toNumber() ?? 12;
  const ed = BigInt(api.consts.balances.existentialDeposit.toString());
  const list: AssetInfo[] = [{ key: NATIVE_KEY, kind: { Native: null }, symbol, decimals, minBalance: ed }];
  const [metadata, details] = await Promise.all([api.query.assets.metadata.entries(), api.query.assets.asset.entries()]);
  const minBalance = new Map<string, bigint>();
  for (const [key, value] of details) {
    const d = (value as unknown as { unwrapOr(x: null): { minBalance: { toString(): string } } | null }).unwrapOr(null);
    if (d) minBalance.set(key.args[0].toString(), BigInt(d.minBalance.toString()));
  }
  const assets = metadata
    .map(([key, value]) => {
      const id = Number(key.args[0].toString());
      const m = value as unknown as { symbol: { toUtf8(): string }; decimals: { toNumber(): number } };
      return {
        key: String(id),
        kind: { WithId: id } as AssetKind,
        symbol: m.symbol.toUtf8() || `#${id}`,
        decimals: m.decimals.toNumber(),
        minBalance: minBalance.get(String(id)) ?? 0n,
      };
    })
    .sort((a, b) => Number(a.key) - Number(b.key));
  return [...list, ...assets];
}

/** `raw` base units as a decimal string with at most `maxFraction` fraction digits (rounded down). */
export function formatAmount(raw: bigint, decimals: number, maxFraction = 6): string {
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const unit = 10n ** BigInt(decimals);
  const whole = abs / unit;
  let fraction = (abs % unit).toString().padStart(decimals, '0').slice(0, Math.min(maxFraction, decimals));
  fraction = fraction.replace(/0+$/, '');
  const wholeText = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${wholeText}${fraction ? `.${fraction}` : ''}`;
}

/** Parses a decimal string into base units; `null` if malformed or too precise. */
export function parseAmount(text: string, decimals: number): bigint | null {
  const t = text.trim().replace(/,/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) return null;
  return BigInt(m[1] || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** The free balance of `who` in `asset`, in base units. */
export async function balanceOf(api: ApiPromise, asset: AssetInfo, who: string): Promise<bigint> {
  if (asset.key === NATIVE_KEY) {
    const account = await api.query.system.account(who);
    return BigInt((account as unknown as { data: { free: { toString(): string } } }).data.free.toString());
  }
  const acc = await api.query.assets.account(Number(asset.key), who);
  const a = (acc as unknown as { unwrapOr(x: null): { balance: { toString(): string } } | null }).unwrapOr(null);
  return a ? BigInt(a.balance.toString()) : 0n;
}
