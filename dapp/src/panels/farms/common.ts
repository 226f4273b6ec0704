// Pieces the farms panel's parts share: a farm's name in words, the unit and decimals its shares
// are counted in, and what the account may deposit in it.
import { type ChainData, assetByKey } from '../../chain/data';
import { NATIVE_KEY } from '../../chain/assets';
import { type FarmInfo, LP_DECIMALS, LP_MIN_BALANCE, describeProgram } from '../../chain/farming';
import { symbolOf } from '../lending/common';

/** Native tokens kept back from a "max" deposit of DFI for fees (whole tokens). */
const NATIVE_FEE_RESERVE = 1n;

/** A farm's program in words: `LP DFI/USDT`, `Lending supply USDT`, `Trading DFI/USDT (hourly)`. */
export function farmName(data: ChainData, f: FarmInfo): string {
  return describeProgram(f, (pool) => data.pools.find((p) => p.poolId === pool)?.assets, symbolOf);
}

/** The asset key a farm's shares are counted in (null for LP tokens). */
function shareAsset(data: ChainData, f: FarmInfo): string | null {
  const p = f.program;
  switch (p.kind) {
    case 'lp':
      return null;
    case 'token':
    case 'supply':
    case 'borrow':
      return p.asset;
    case 'staking':
      return data.staking?.products.find((x) => x.id === p.product)?.stakedAsset ?? NATIVE_KEY;
    case 'trading':
      return p.measured;
  }
}

/** The unit and decimals a farm's shares are shown in: LP tokens (12 decimals), the token
 * deposited, the market's underlying (lending shares), the staked token, the measured token
 * (trading volume). */
export function shareUnit(data: ChainData, f: FarmInfo): { unit: string; decimals: number } {
  const key = shareAsset(data, f);
  if (key === null) return { unit: farmName(data, f), decimals: LP_DECIMALS };
  return { unit: f.program.kind === 'supply' || f.program.kind === 'borrow' ? `${symbolOf(key)} shares` : symbolOf(key), decimals: assetByKey(key)?.decimals ?? 0 };
}

/** A deposit farm's token in the account: the free balance and what a deposit may take of it
 * (LP tokens: all but the minimum balance a hold keeps free; a token: less its minimum balance,
 * and 1 DFI for fees). */
export function depositable(data: ChainData, f: FarmInfo): { free: bigint; spendable: bigint } {
  const p = f.program;
  if (p.kind === 'lp') {
    const free = data.positions.find((x) => x.poolId === p.pool)?.shares ?? 0n;
    return { free, spendable: free > LP_MIN_BALANCE ? free - LP_MIN_BALANCE : 0n };
  }
  if (p.kind === 'token') {
    const asset = assetByKey(p.asset);
    const free = data.balances[p.asset] ?? 0n;
    if (!asset) return { free, spendable: 0n };
    const keep = asset.minBalance + (asset.key === NATIVE_KEY ? NATIVE_FEE_RESERVE * 10n ** BigInt(asset.decimals) : 0n);
    return { free, spendable: free > keep ? free - keep : 0n };
  }
  return { free: 0n, spendable: 0n };
}
