// Lending: every money market (price, APYs, utilization, liquidity) with the account's supply,
// debt and collateral switch; the account's health, limits and values; supply, withdraw, borrow
// and repay with the health before and after previewed before signing (ActionForm).
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { formatAmount, NATIVE_KEY } from '../../chain/assets';
import {
  FIXED_ONE,
  MARKET_STATES,
  type LendingAccount,
  type MarketInfo,
  formatHealth,
  formatPercent,
  formatUsd,
  projectHealth,
} from '../../chain/lending';
import { toKind } from '../../chain/swap';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { ActionForm } from './ActionForm';
import { HealthValue, sortedMarkets, symbolOf } from './common';

export function Lending({ data }: { data: ChainData }) {
  if (data.markets.length === 0) {
    return (
      <section class="panel" data-testid="lending">
        <h2>Lending</h2>
        <p class="muted">This chain has no money markets.</p>
      </section>
    );
  }
  const markets = sortedMarkets(data);
  return (
    <section class="panel" data-testid="lending" data-account={data.lending ? (data.account ?? '') : ''}>
      <h2>Lending</h2>
      {data.lending && <AccountSummary account={data.lending} markets={markets} />}
      <MarketsTable data={data} markets={markets} />
      {data.lending && <ActionForm data={data} markets={markets} account={data.lending} />}
    </section>
  );
}

function AccountSummary({ account, markets }: { account: LendingAccount; markets: MarketInfo[] }) {
  const p = projectHealth(account, markets, null);
  const used = account.borrowLimit > 0n ? Number((account.debtValue * 10_000n) / account.borrowLimit) / 100 : null;
  return (
    <dl class="quote summary" data-testid="lending-summary">
      <dt>Health factor</dt>
      <dd>
        <HealthValue health={p.healthBefore} known={p.knownBefore} testId="lending-health" />
        <span class="muted"> (liquidatable below 1; collateral × liquidation threshold ÷ debt)</span>
      </dd>
      <dt>Collateral value</dt>
      <dd data-testid="lending-collateral-value" data-raw={String(account.collateralValue)}>
        {formatUsd(account.collateralValue)}
      </dd>
      <dt>Borrow limit</dt>
      <dd data-testid="lending-borrow-limit" data-raw={String(account.borrowLimit)}>
        {formatUsd(account.borrowLimit)}
        {used !== null && <span class="muted"> ({used.toFixed(2)} % used)</span>}
      </dd>
      <dt>Liquidation limit</dt>
      <dd data-testid="lending-liquidation-limit" data-raw={String(account.liquidationLimit)}>
        {formatUsd(account.liquidationLimit)}
      </dd>
      <dt>Debt value</dt>
      <dd data-testid="lending-debt-value" data-raw={String(account.debtValue)}>
        {formatUsd(account.debtValue)}
      </dd>
    </dl>
  );
}

function MarketsTable({ data, markets }: { data: ChainData; markets: MarketInfo[] }) {
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const native = assetByKey(NATIVE_KEY);
  const account = data.lending;

  const toggle = async (key: string, enable: boolean) => {
    const who = selectedAccount();
    if (!who) return;
    const api = await getApi();
    const call = enable ? api.tx.lending.enableCollateral(toKind(key)) : api.tx.lending.disableCollateral(toKind(key));
    await submitTx(api, call, who, `${enable ? 'Enable' : 'Disable'} ${symbolOf(key)} as collateral`, setTx);
    await refresh(api, who.address);
  };

  return (
    <div data-testid="lending-markets">
      <h3>Markets</h3>
      <table class="markets">
        <thead>
          <tr>
            <th>Asset</th>
            <th class="num">Price</th>
            <th class="num">Supply APY</th>
            <th class="num">Borrow APY</th>
            <th class="num">Utilization</th>
            <th class="num">Liquidity</th>
            <th class="num">Your supply</th>
            <th class="num">Your debt</th>
            <th>Collateral</th>
          </tr>
        </thead>
        <tbody>
          {markets.map((m) => {
            const asset = assetByKey(m.key);
            const decimals = asset?.decimals ?? m.decimals;
            const pos = account?.positions.find((p) => p.key === m.key);
            const reason = account && pos ? toggleReason(account, markets, m, pos.collateral, pos.shares) : 'Select an account';
            return (
              <tr
                data-testid={`market-${m.key}`}
                data-price={m.price === null ? '' : String(m.price)}
                data-cash={String(m.cash)}
                data-supplied={String(pos?.supplied ?? 0n)}
                data-debt={String(pos?.debt ?? 0n)}
                data-collateral={String(pos?.collateral ?? false)}
                data-state={MARKET_STATES[m.state] ?? String(m.state)}
              >
                <td>
                  <b>{symbolOf(m.key)}</b>
                  {m.state !== 0 && <span class="badge badge-warn"> {MARKET_STATES[m.state] ?? m.state}</span>}
                  <div class="muted">
                    CF {Number(m.collateralFactorPpm) / 10_000} % · LT {Number(m.liquidationThresholdPpm) / 10_000} %
                  </div>
                </td>
                <td class="num" data-testid={`market-price-${m.key}`}>
                  {m.price === null ? <span class="muted">no price</span> : formatUsd(m.price, m.price < 100n * FIXED_ONE ? 4 : 2)}
                </td>
                <td class="num" data-testid={`market-supply-apy-${m.key}`}>
                  {formatPercent(m.supplyApy)}
                </td>
                <td class="num" data-testid={`market-borrow-apy-${m.key}`}>
                  {formatPercent(m.borrowApy)}
                </td>
                <td class="num" data-testid={`market-utilization-${m.key}`}>
                  {formatPercent(m.utilization)}
                </td>
                <td class="num" data-testid={`market-cash-${m.key}`}>
                  {formatAmount(m.cash, decimals, 4)}
                </td>
                <td class="num" data-testid={`market-supplied-${m.key}`}>
                  {pos && pos.supplied > 0n ? formatAmount(pos.supplied, decimals, 6) : '—'}
                </td>
                <td class="num" data-testid={`market-debt-${m.key}`}>
                  {pos && pos.debt > 0n ? formatAmount(pos.debt, decimals, 6) : '—'}
                </td>
                <td>
                  <button
                    class={pos?.collateral ? 'toggle on' : 'toggle'}
                    data-testid={`collateral-toggle-${m.key}`}
                    data-collateral={String(pos?.collateral ?? false)}
                    disabled={busy || reason !== null}
                    title={reason ?? (pos?.collateral ? 'Stop using this supply as collateral' : 'Use this supply as collateral')}
                    onClick={() => toggle(m.key, !pos?.collateral)}
                  >
                    {pos?.collateral ? 'On' : 'Off'}
                  </button>
                  {reason !== null && pos?.collateral && (
                    <div class="reason" data-testid={`collateral-reason-${m.key}`}>
                      {reason}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div data-testid="collateral-tx">{native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}</div>
    </div>
  );
}

/** Why the collateral switch of market `m` is off limits, or null. */
function toggleReason(account: LendingAccount, markets: MarketInfo[], m: MarketInfo, collateral: boolean, shares: bigint): string | null {
  if (m.state === 2) return 'The market is frozen';
  if (!collateral) return shares === 0n ? `Supply ${symbolOf(m.key)} first` : null;
  const p = projectHealth(account, markets, { kind: 'disableCollateral', key: m.key, amount: 0n });
  if (p.after.debt === 0n) return null;
  if (!p.knownAfter) return 'A price your positions need is missing';
  if (p.after.debt > p.after.borrowLimit) return `Your debt would exceed your borrow limit (health ${formatHealth(p.healthAfter)})`;
  return null;
}
