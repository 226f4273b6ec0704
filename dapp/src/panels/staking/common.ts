// Pieces the staking panel's parts share: amounts with their symbol, a product as one line.
import { assetByKey } from '../../chain/data';
import { formatAmount } from '../../chain/assets';
import { type StakingProduct, formatApr } from '../../chain/staking';
import { symbolOf } from '../lending/common';

/** `raw` base units of asset `key` as shown, with the symbol. */
export function amountOf(raw: bigint, key: string, maxFraction = 6): string {
  return `${formatAmount(raw, assetByKey(key)?.decimals ?? 0, maxFraction)} ${symbolOf(key)}`;
}

/** A product as one line: `#0 DFI · 10 blocks · 20.00 %`. */
export function productName(p: StakingProduct): string {
  return `#${p.id} ${symbolOf(p.stakedAsset)} · ${p.term.toLocaleString('en-US')} blocks · ${formatApr(p.apr)}`;
}
