// Swap helpers shared by the panels: asset keys as the chain's `NativeOrWithId` input, and the
// slippage limits. Slippage turns the quote into the minimum received (exact in) or the maximum
// paid (exact out), rounded against the trader's optimism: the limit never promises more than the
// quote. Quotes and the swap call itself come from the router (`src/chain/router.ts`).
import type { AssetKind } from './assets';
import { NATIVE_KEY } from './assets';

export function toKind(key: string): AssetKind {
  return key === NATIVE_KEY ? { Native: null } : { WithId: Number(key) };
}

export function keyOf(kind: AssetKind): string {
  return 'Native' in kind ? NATIVE_KEY : String(kind.WithId);
}

/** Minimum received for an exact-in quote: `out · (1 − slippage)`, rounded down. */
export function minimumReceived(amountOut: bigint, slippageBps: number): bigint {
  return (amountOut * BigInt(10_000 - slippageBps)) / 10_000n;
}

/** Maximum paid for an exact-out quote: `in · (1 + slippage)`, rounded up. */
export function maximumPaid(amountIn: bigint, slippageBps: number): bigint {
  const scaled = amountIn * BigInt(10_000 + slippageBps);
  return (scaled + 9_999n) / 10_000n;
}
