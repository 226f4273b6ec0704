// The one transaction component every panel uses: where the transaction is, its fee, its error.
import type { TxState } from '../chain/tx';
import { formatAmount } from '../chain/assets';
import { assetByKey } from '../chain/data';

const STEPS: Array<{ phase: TxState['phase']; label: string }> = [
  { phase: 'signing', label: 'Signing' },
  { phase: 'broadcast', label: 'Broadcast' },
  { phase: 'inBlock', label: 'In block' },
  { phase: 'finalized', label: 'Finalized' },
];

export function TxStatus({ state, nativeDecimals, nativeSymbol }: { state: TxState; nativeDecimals: number; nativeSymbol: string }) {
  if (state.phase === 'idle') return null;
  const reached = STEPS.findIndex((s) => s.phase === state.phase);
  // A fee paid in an asset is shown in that asset (DFI otherwise, as before).
  const feeAsset = state.feeAsset !== undefined ? assetByKey(state.feeAsset) : undefined;
  const feeDecimals = feeAsset?.decimals ?? nativeDecimals;
  const feeSymbol = feeAsset?.symbol ?? (state.feeAsset !== undefined ? `#${state.feeAsset}` : nativeSymbol);
  const preview = state.feePreview;
  return (
    <div class={`tx tx-${state.phase}`} data-testid="tx-status" data-phase={state.phase} data-block-hash={state.blockHash ?? ''}>
      <div class="tx-title">{state.label}</div>
      <ol class="tx-steps">
        {STEPS.map((s, i) => (
          <li class={i <= reached ? 'done' : ''}>
            {s.label}
            {s.phase === 'inBlock' && state.blockNumber !== undefined ? ` #${state.blockNumber}` : ''}
            {s.phase === 'finalized' && state.finalizedNumber !== undefined ? ` #${state.finalizedNumber}` : ''}
          </li>
        ))}
      </ol>
      {state.phase === 'failed' && (
        <div class="tx-error" data-testid="tx-error">
          <strong data-testid="tx-error-name">{state.error}</strong>
          {state.blockNumber !== undefined ? ` in block #${state.blockNumber}` : ''}
          {state.errorDocs ? <div class="tx-error-docs">{state.errorDocs}</div> : null}
        </div>
      )}
      {state.feeAsset !== undefined && preview !== undefined && (
        <div class="tx-fee" data-testid="tx-fee-estimate" data-raw={preview?.amount == null ? '' : String(preview.amount)} data-native={preview ? String(preview.native) : ''}>
          {preview === null
            ? `Fee in ${feeSymbol}: could not be estimated`
            : preview.amount === null
              ? `No route swaps ${feeSymbol} for the ${nativeSymbol} fee`
              : `Fee charged up front: ${formatAmount(preview.amount, feeDecimals, 8)} ${feeSymbol} (${formatAmount(preview.native, nativeDecimals, 8)} ${nativeSymbol})`}
        </div>
      )}
      {state.fee !== undefined && (
        <div class="tx-fee" data-testid="tx-fee" data-raw={String(state.fee)} data-asset={state.feeAsset ?? 'native'}>
          Fee paid: {formatAmount(state.fee, feeDecimals, 8)} {feeSymbol}
        </div>
      )}
    </div>
  );
}
