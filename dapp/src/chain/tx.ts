// One transaction lifecycle for every flow: signing → broadcast → in block #N → finalized #M,
// with the fee paid and, on failure, the module error's name and documentation from metadata.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Account } from './accounts';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type TxPhase = 'idle' | 'signing' | 'broadcast' | 'inBlock' | 'finalized' | 'failed';

export interface TxState {
  phase: TxPhase;
  label?: string;
  blockNumber?: number;
  blockHash?: string;
  finalizedNumber?: number;
  /** Fee paid, in native base units. */
  fee?: bigint;
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
 * state once the transaction is in a block (and again updates on finalization).
 */
export function submitTx(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  account: Account,
  label: string,
  onUpdate: (state: TxState) => void,
): Promise<TxState> {
  let state: TxState = { phase: 'signing', label };
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
    const options = account.signer ? { signer: account.signer, nonce: -1 } : { nonce: -1 };
    // Status updates are handled one after the other: each may wait for a header, and a
    // finalization must not overtake the in-block update (instant seal sends both at once).
    let queue = Promise.resolve();
    tx.signAndSend(signer, options, (result) => {
      queue = queue.then(() => onStatus(result)).catch((err) => console.error('transaction status', err));
    }).catch((err: unknown) => {
      emit({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
      settle();
    });
    const onStatus = async (result: { status: any; events: EventRecord[]; dispatchError?: DispatchError }) => {
      const { status, events, dispatchError } = result;
      if (status.isReady || status.isBroadcast) emit({ phase: 'broadcast' });
      // Inclusion is the first of in-block or finalized that arrives (a fast chain may report
      // only the finalization).
      const included = status.isInBlock ? status.asInBlock : status.isFinalized ? status.asFinalized : null;
      if (included && state.blockHash === undefined) {
        const blockHash = included.toHex();
        const header = await api.rpc.chain.getHeader(blockHash);
        const feeEvent = events.find((e) => e.event.section === 'transactionPayment' && e.event.method === 'TransactionFeePaid');
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
