// Vaults: mint the chain's dollar against collateral. The system's totals (issuance, vault and
// peg-module debt, the one debt ceiling, surplus, bad debt, a shutdown), every collateral type
// with its price and risk parameters and the account's vault of it, then the form (VaultForm):
// open (deposit), deposit, withdraw, mint, repay, close, with the ratio and liquidation price
// after the action previewed before signing.
import { type ChainData, assetByKey } from '../../chain/data';
import { formatAmount } from '../../chain/assets';
import { formatUsd } from '../../chain/lending';
import { type StablecoinData, type StablecoinTotalsInfo, formatPpm, formatPrice, formatRatio, formatYearly } from '../../chain/stablecoin';
import { symbolOf } from '../lending/common';
import { VaultForm } from './VaultForm';

export function Vault({ data }: { data: ChainData }) {
  const sc = data.stablecoin;
  if (!sc || sc.types.length === 0) {
    return (
      <section class="panel" data-testid="vault">
        <h2>Vaults</h2>
        <p class="muted">This chain has no stablecoin vaults.</p>
      </section>
    );
  }
  const stable = symbolOf(sc.totals.stablecoin);
  return (
    <section class="panel" data-testid="vault" data-account={data.account ?? ''} data-block-hash={data.blockHash ?? ''}>
      <h2>Vaults: mint {stable}</h2>
      <p class="muted">
        Deposit collateral (it stays in your account, held) and mint {stable} against it, up to the type's minimum ratio. Below the liquidation
        ratio anyone may liquidate the vault: its collateral is sold for the debt plus the penalty and the rest stays yours. One {stable} counts
        as one USD.
      </p>
      {sc.totals.shutdown && <ShutdownNotice totals={sc.totals} />}
      <SystemTotals totals={sc.totals} />
      <TypesTable data={data} sc={sc} />
      <VaultForm data={data} sc={sc} />
    </section>
  );
}

function ShutdownNotice({ totals }: { totals: StablecoinTotalsInfo }) {
  const s = totals.shutdown!;
  return (
    <div class="warning" data-testid="vault-shutdown" data-unsettled={String(s.unsettledVaults)} data-redeemable={String(s.redeemable)}>
      <b>Emergency shutdown</b> since {new Date(s.at).toISOString()}: no minting, deposits, repayments or liquidations; fees and prices are frozen.{' '}
      {s.unsettledVaults > 0
        ? `${s.unsettledVaults} vault(s) still to settle before dUSD redeems for collateral.`
        : `Each ${symbolOf(totals.stablecoin)} redeems for ${s.perStablecoin
            .filter((p) => p.amount > 0n)
            .map((p) => `${formatAmount(p.amount, assetByKey(p.key)?.decimals ?? 0, 8)} ${symbolOf(p.key)}`)
            .join(' + ')}.`}{' '}
      Withdrawing or closing a vault settles it first and returns what its debt did not take.
    </div>
  );
}

function SystemTotals({ totals }: { totals: StablecoinTotalsInfo }) {
  const stable = assetByKey(totals.stablecoin);
  const d = stable?.decimals ?? 6;
  const f = (v: bigint) => `${formatAmount(v, d, 2)} ${stable?.symbol ?? ''}`;
  const used = totals.vaultDebt + totals.psmDebt + totals.badDebt;
  return (
    <dl class="quote summary" data-testid="stablecoin-totals" data-issuance={String(totals.issuance)}>
      <dt>Issuance</dt>
      <dd data-testid="stablecoin-issuance" data-raw={String(totals.issuance)}>
        {f(totals.issuance)}
      </dd>
      <dt>Vault debt</dt>
      <dd data-testid="stablecoin-vault-debt" data-raw={String(totals.vaultDebt)}>
        {f(totals.vaultDebt)}
      </dd>
      <dt>Peg-module debt</dt>
      <dd data-testid="stablecoin-psm-debt" data-raw={String(totals.psmDebt)}>
        {f(totals.psmDebt)}
      </dd>
      <dt>Debt ceiling</dt>
      <dd data-testid="stablecoin-ceiling" data-raw={String(totals.debtCeiling)}>
        {f(totals.debtCeiling)}
        <span class="muted"> ({f(totals.debtCeiling > used ? totals.debtCeiling - used : 0n)} left, vaults and peg module together)</span>
      </dd>
      <dt>Collateral value</dt>
      <dd data-testid="stablecoin-collateral-value">{formatUsd(totals.collateralValue)}</dd>
      <dt>Surplus / bad debt</dt>
      <dd data-testid="stablecoin-surplus" data-raw={String(totals.surplus)} data-bad-debt={String(totals.badDebt)}>
        {f(totals.surplus)} / {f(totals.badDebt)}
      </dd>
    </dl>
  );
}

function TypesTable({ data, sc }: { data: ChainData; sc: StablecoinData }) {
  const stable = assetByKey(sc.totals.stablecoin);
  const sd = stable?.decimals ?? 6;
  return (
    <div data-testid="collateral-types">
      <h3>Collateral types</h3>
      <table class="markets">
        <thead>
          <tr>
            <th>Collateral</th>
            <th class="num">Price</th>
            <th class="num">Liquidation / minimum ratio</th>
            <th class="num">Stability fee</th>
            <th class="num">Penalty</th>
            <th class="num">Debt / ceiling</th>
            <th class="num">Your collateral</th>
            <th class="num">Your debt</th>
            <th class="num">Your ratio</th>
          </tr>
        </thead>
        <tbody>
          {sc.types.map((t) => {
            const asset = assetByKey(t.key);
            const v = sc.vaults.find((x) => x.key === t.key);
            const status = data.prices.find((p) => p.key === t.key)?.status;
            return (
              <tr data-testid={`collateral-type-${t.key}`} data-price={t.price === null ? '' : String(t.price)} data-debt={String(v?.debt ?? 0n)} data-ratio={v?.ratio == null ? '' : String(v.ratio)}>
                <td>
                  <b>{symbolOf(t.key)}</b>
                  {status && status !== 'Live' && <span class="badge badge-warn"> {status}</span>}
                  <div class="muted">
                    min debt {formatAmount(t.minimumDebt, sd, 2)} · slippage {formatPpm(t.maxSlippagePpm)}
                  </div>
                </td>
                <td class="num">{t.price === null ? <span class="muted">no price</span> : formatPrice(t.price)}</td>
                <td class="num">
                  {formatRatio(t.liquidationRatio)} / {formatRatio(t.minimumRatio)}
                </td>
                <td class="num">{formatYearly(t.stabilityFeeYearly)} a year</td>
                <td class="num">{formatPpm(t.liquidationPenaltyPpm)}</td>
                <td class="num">
                  {formatAmount(t.debt, sd, 0)} / {formatAmount(t.debtCeiling, sd, 0)}
                </td>
                <td class="num">{v ? formatAmount(v.collateral, asset?.decimals ?? 0, 6) : '—'}</td>
                <td class="num">{v && v.debt > 0n ? formatAmount(v.debt, sd, 6) : '—'}</td>
                <td class={`num ${v?.liquidatable ? 'health-bad' : ''}`}>{v ? formatRatio(v.ratio) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
