// Form pieces shared by the panels.
import type { AssetInfo } from '../chain/assets';

export function AssetPicker({ assets, value, onChange, testId }: { assets: AssetInfo[]; value: string; onChange: (key: string) => void; testId: string }) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      {assets.map((a) => (
        <option value={a.key}>{a.symbol}</option>
      ))}
    </select>
  );
}

export function TextField({ value, onInput, testId, placeholder }: { value: string; onInput: (v: string) => void; testId: string; placeholder?: string }) {
  return (
    <input
      data-testid={testId}
      value={value}
      placeholder={placeholder}
      inputMode="decimal"
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
    />
  );
}

/** The submit button: disabled with the reason shown beside it whenever `reason` is set. */
export function SubmitButton({ label, reason, busy, onClick, testId }: { label: string; reason: string | null; busy: boolean; onClick: () => void; testId: string }) {
  return (
    <div class="submit">
      <button data-testid={testId} disabled={reason !== null || busy} onClick={onClick}>
        {busy ? 'Waiting…' : label}
      </button>
      {reason !== null && (
        <span class="reason" data-testid={`${testId}-reason`}>
          {reason}
        </span>
      )}
    </div>
  );
}

/** The fee asset: DFI (no `assetId`, the default) or any asset, which the chain swaps to DFI
 * through the router. Every picker edits the one page-wide choice `submitTx` signs with. */
export function FeeAssetPicker({ assets, value, onChange, testId }: { assets: AssetInfo[]; value: string; onChange: (key: string) => void; testId: string }) {
  return (
    <select data-testid={testId} value={value} title="Asset transaction fees are paid in" onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      {assets.map((a) => (
        <option value={a.key}>{a.key === 'native' ? `${a.symbol} (default)` : a.symbol}</option>
      ))}
    </select>
  );
}
