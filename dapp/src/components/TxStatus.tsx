// The one transaction component every panel uses: where the transaction is, its fee, its error.
import type { TxState } from '../chain/tx';
import { formatAmount } from '../chain/assets';

const STEPS: Array<{ phase: TxState['phase']; label: string }> = [
  { phase: 'signing', label: 'Signing' },
  { phase: 'broadcast', label: 'Broadcast' },
  { phase: 'inBlock', label: 'In block' },
  { phase: 'finalized', label: 'Finalized' },
];

export function TxStatus({ state, nativeDecimals, nativeSymbol }: { state: TxState; nativeDecimals: number; nativeSymbol: string }) {
  if (state.phase === 'idle') return null;
  const reached = STEPS.findIndex((s) => s.phase === state.phase);
  return (
    <div class={`tx tx-${state.phase}`} data-testid="tx-status" data-phase={state.phase}>
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
      {state.fee !== undefined && (
        <div class="tx-fee" data-testid="tx-fee">
          Fee paid: {formatAmount(state.fee, nativeDecimals, 8)} {nativeSymbol}
        </div>
      )}
    </div>
  );
}
