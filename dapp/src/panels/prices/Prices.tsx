// Prices: every price the chain tracks (`PricesApi::prices`) with its status, value, age, the
// fresh feeders behind it and the DEX TWAP it is checked against, as of the best block.
import { type ChainData, assetByKey } from '../../chain/data';
import { FIXED_ONE, type PriceInfo, formatUsd } from '../../chain/lending';

const STATUS_TEXT: Record<string, string> = {
  Live: 'Median of enough fresh feeds, consistent with the DEX',
  Disputed: 'Fresh feeds deviate from the DEX TWAP beyond the bound: no new borrowing or collateral withdrawal',
  Pinned: 'An emergency price the admin pinned, until it expires',
  Unavailable: 'Fewer fresh feeds than the minimum: no price',
};

function usd(v: bigint): string {
  return formatUsd(v, v < 100n * FIXED_ONE ? 4 : 2);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Deviation of `price` from `twap` in percent, or null. */
function deviation(price: bigint | null, twap: bigint | null): number | null {
  if (price === null || twap === null || twap === 0n) return null;
  return Number(((price - twap) * 1_000_000n) / twap) / 10_000;
}

function PriceRow({ p }: { p: PriceInfo }) {
  const symbol = assetByKey(p.key)?.symbol ?? `#${p.key}`;
  const now = p.updated + p.age;
  const left = p.updated > 0 ? p.validUntil - now : 0;
  const dev = deviation(p.price, p.twap);
  return (
    <tr data-testid={`price-${p.key}`} data-status={p.status} data-price={p.price === null ? '' : String(p.price)} data-age={String(p.age)} data-feeders={String(p.feeders)} data-twap={p.twap === null ? '' : String(p.twap)}>
      <td>
        <b>{symbol}</b>
      </td>
      <td>
        <span class={`badge badge-${p.status.toLowerCase()}`} data-testid={`price-status-${p.key}`} title={STATUS_TEXT[p.status] ?? ''}>
          {p.status}
        </span>
      </td>
      <td class="num" data-testid={`price-value-${p.key}`}>
        {p.price === null ? '—' : usd(p.price)}
      </td>
      <td class="num" data-testid={`price-age-${p.key}`}>
        {p.updated === 0 ? 'never fed' : seconds(p.age)}
      </td>
      <td class="num" data-testid={`price-feeders-${p.key}`}>
        {p.feeders}
      </td>
      <td class="num" data-testid={`price-twap-${p.key}`}>
        {p.twap === null ? '—' : usd(p.twap)}
        {dev !== null && <span class="muted"> ({dev >= 0 ? '+' : ''}{dev.toFixed(2)} %)</span>}
      </td>
      <td class="num" data-testid={`price-valid-${p.key}`}>
        {p.updated === 0 ? '—' : left > 0 ? `${seconds(left)} more` : 'expired'}
      </td>
    </tr>
  );
}

export function Prices({ data }: { data: ChainData }) {
  return (
    <section class="panel" data-testid="prices" data-block={data.blockNumber ?? ''}>
      <h2>Prices</h2>
      {data.prices.length === 0 ? (
        <p class="muted">This chain tracks no prices.</p>
      ) : (
        <>
          <table class="prices">
            <thead>
              <tr>
                <th>Asset</th>
                <th>Status</th>
                <th class="num">Price (USD)</th>
                <th class="num">Age</th>
                <th class="num">Fresh feeders</th>
                <th class="num">DEX TWAP (deviation)</th>
                <th class="num">Fresh for</th>
              </tr>
            </thead>
            <tbody>
              {data.prices.map((p) => (
                <PriceRow p={p} />
              ))}
            </tbody>
          </table>
          <p class="muted">
            As of block #{data.blockNumber}, in chain time. A price is the median of the oracle feeders' fresh values, usable from the block after it was fed; lending
            refuses new risk (borrowing, withdrawing collateral) while a price it needs is missing or disputed.
          </p>
          <dl class="quote legend">
            {Object.entries(STATUS_TEXT).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
