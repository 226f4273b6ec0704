// The asset transaction fees are paid in. The chain's fee extension is `ChargeAssetTxPayment`
// (`tip`, `asset_id: Option<NativeOrWithId<u32>>`): `None` pays in DFI as before; an asset pays the
// fee converted at the router's exact-out quote and swapped through the router when the fee is
// charged (the unused part is swapped back after dispatch). One choice for the whole page, kept
// across reloads; `submitTx` reads it for every transaction.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { Store } from '../store';
import { NATIVE_KEY } from './assets';
import { feeInAsset } from './router';
import { toKind } from './swap';

const FEE_ASSET_KEY = 'defi-dapp.fee-asset';

function savedFeeAsset(): string {
  try {
    const saved = localStorage.getItem(FEE_ASSET_KEY);
    return saved && /^(native|\d+)$/.test(saved) ? saved : NATIVE_KEY;
  } catch {
    return NATIVE_KEY;
  }
}

/** Key of the fee asset: "native" (DFI, the default) or an asset id. */
export const feeAsset = new Store<string>(savedFeeAsset());

export function selectFeeAsset(key: string): void {
  try {
    localStorage.setItem(FEE_ASSET_KEY, key);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  feeAsset.set(key);
}

/** The signing options for paying in `key`: nothing for DFI, `{ assetId }` otherwise. */
export function feeOptions(key: string): { assetId?: ReturnType<typeof toKind> } {
  return key === NATIVE_KEY ? {} : { assetId: toKind(key) };
}

export interface FeePreview {
  asset: string;
  /** The fee in DFI (`partialFee` of `TransactionPaymentApi::query_info`). */
  native: bigint;
  /** What the fee asset pays for it when charged (the router's exact-out quote); null if no
   * route leads from that asset to DFI. Equal to `native` for DFI. */
  amount: bigint | null;
}

/** The fee `address` would be charged for `tx` paying in `asset`, as the chain charges it
 * before dispatch (any unused weight is refunded after). */
export async function previewFee(api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, address: string, asset: string): Promise<FeePreview> {
  const info = await tx.paymentInfo(address, feeOptions(asset));
  const native = BigInt(info.partialFee.toString());
  return { asset, native, amount: await feeInAsset(api, asset, native) };
}
