// Pieces the lending panel's parts share: market order, symbols, a health figure.
import { type ChainData, assetByKey } from '../../chain/data';
import { FIXED_ONE, HEALTH_WARNING, type MarketInfo, formatHealth } from '../../chain/lending';

/** Markets in the page's asset order (native first, then by id). */
export function sortedMarkets(data: ChainData): MarketInfo[] {
  const order = (key: string) => {
    const i = data.assets.findIndex((a) => a.key === key);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...data.markets].sort((a, b) => order(a.key) - order(b.key));
}

export function symbolOf(key: string): string {
  return assetByKey(key)?.symbol ?? `#${key}`;
}

/** A health factor as shown (3 decimals, rounded down; ∞ without debt), the raw value beside it. */
export function HealthValue({ health, known, testId }: { health: bigint | null; known: boolean; testId: string }) {
  const cls = !known || health === null ? '' : health < FIXED_ONE ? 'health-bad' : health < HEALTH_WARNING ? 'health-warn' : 'health-ok';
  return (
    <b class={cls} data-testid={testId} data-raw={known && health !== null ? String(health) : ''} data-known={String(known)}>
      {known ? formatHealth(health) : 'unknown (price missing)'}
    </b>
  );
}
