// One transaction lifecycle for every flow: signing → broadcast → in block #N → finalized #M,
// with the fee paid and, on failure, the module error's name and documentation from metadata.
// The fee is paid in the page's fee asset (`src/chain/fees.ts`): DFI as always, or an asset the
// chain swaps to DFI through the router, previewed before signing.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Account } from './accounts';
import { NATIVE_KEY } from './assets';
import { type FeePreview, feeAsset, feeOptions, previewFee } from './fees';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type TxPhase = 'idle' | 'signing' | 'broadcast' | 'inBlock' | 'finalized' | 'failed';

export interface TxState {
  phase: TxPhase;
  label?: string;
  blockNumber?: number;
  blockHash?: string;
  finalizedNumber?: number;
  /** Fee paid, in base units of `feeAsset` (DFI when unset). */
  fee?: bigint;
  /** The asset the fee is paid in, if not DFI (asset key). */
  feeAsset?: string;
  /** Paying in an asset: the fee previewed before signing (null if it could not be read). */
  feePreview?: FeePreview | null;
  /** `pallet.Error` of a failed dispatch, or the submission error. */
  error?: string;
  /** The error's documentation from metadata. */
  errorDocs?: string;
  events?: EventRecord[];
}

/** Names a dispatch error from metadata: `dex.InsufficientOutput` plus its doc text. */
export function describeDispatchError(api: ApiPromise, err: DispatchError): { name: string; docs: string } {
  if (err.isModule) {
    const meta = api.registry.findMetaError(err.asModule);
    return { name: `${meta.section}.${meta.name}`, docs: meta.docs.join(' ').trim() };
  }
  if (err.isToken) return { name: `Token.${err.asToken.type}`, docs: '' };
  if (err.isArithmetic) return { name: `Arithmetic.${err.asArithmetic.type}`, docs: '' };
  return { name: err.type, docs: '' };
}

/**
 * Signs and sends `tx` as `account`, calling `onUpdate` at each step. Resolves with the final
 * state once the transaction is in a block (and again updates on finalization). The fee is paid
 * in `options.feeAsset`, by default the page's fee asset: DFI sends exactly as before; an asset
 * first previews the fee in that asset, then signs with `{ assetId }`.
 */
export function submitTx(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  account: Account,
  label: string,
  onUpdate: (state: TxState) => void,
  options: { feeAsset?: string } = {},
): Promise<TxState> {
  const payIn = options.feeAsset ?? feeAsset.value;
  const inAsset = payIn !== NATIVE_KEY;
  let state: TxState = inAsset ? { phase: 'signing', label, feeAsset: payIn } : { phase: 'signing', label };
  const emit = (patch: Partial<TxState>) => {
    state = { ...state, ...patch };
    onUpdate(state);
  };
  emit({});
  return new Promise((resolve) => {
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        resolve(state);
      }
    };
    const signer = account.pair ?? account.address;
    const signOptions = account.signer ? { signer: account.signer, nonce: -1 } : { nonce: -1 };
    // Status updates are handled one after the other: each may wait for a header, and a
    // finalization must not overtake the in-block update (instant seal sends both at once).
    let queue = Promise.resolve();
    const send = (extra: object) =>
      tx
        .signAndSend(signer, { ...signOptions, ...extra }, (result) => {
          queue = queue.then(() => onStatus(result)).catch((err) => console.error('transaction status', err));
        })
        .catch((err: unknown) => {
          emit({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
          settle();
        });
    if (!inAsset) {
      send({});
    } else {
      // The preview is informative: the chain decides (a fee it cannot swap for is refused
      // as `Invalid Transaction: Inability to pay some fees`).
      previewFee(api, tx, account.address, payIn)
        .then((feePreview) => emit({ feePreview }))
        .catch((err) => {
          console.warn('fee preview failed', err);
          emit({ feePreview: null });
        })
        .finally(() => send(feeOptions(payIn)));
    }
    const onStatus = async (result: { status: any; events: EventRecord[]; dispatchError?: DispatchError }) => {
      const { status, events, dispatchError } = result;
      if (status.isReady || status.isBroadcast) emit({ phase: 'broadcast' });
      // Inclusion is the first of in-block or finalized that arrives (a fast chain may report
      // only the finalization).
      const included = status.isInBlock ? status.asInBlock : status.isFinalized ? status.asFinalized : null;
      if (included && state.blockHash === undefined) {
        const blockHash = included.toHex();
        const header = await api.rpc.chain.getHeader(blockHash);
        // DFI: `TransactionFeePaid { who, actual_fee, tip }`; an asset:
        // `AssetTxFeePaid { who, actual_fee, tip, asset_id }` with the fee in that asset.
        const feeEvent = inAsset
          ? events.find((e) => e.event.section === 'assetTxPayment' && e.event.method === 'AssetTxFeePaid')
          : events.find((e) => e.event.section === 'transactionPayment' && e.event.method === 'TransactionFeePaid');
        const fee = feeEvent ? BigInt(feeEvent.event.data[1].toString()) : undefined;
        if (dispatchError) {
          const { name, docs } = describeDispatchError(api, dispatchError);
          emit({ phase: 'failed', blockHash, blockNumber: header.number.toNumber(), fee, error: name, errorDocs: docs, events });
        } else {
          emit({ phase: 'inBlock', blockHash, blockNumber: header.number.toNumber(), fee, events });
        }
        settle();
      }
      if (status.isFinalized && state.phase !== 'failed') {
        const header = await api.rpc.chain.getHeader(status.asFinalized.toHex());
        emit({ phase: 'finalized', finalizedNumber: header.number.toNumber() });
      }
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        emit({ phase: 'failed', error: `Transaction ${status.type.toLowerCase()}` });
        settle();
      }
    };
  });
}
