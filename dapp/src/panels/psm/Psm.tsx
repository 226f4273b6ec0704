// The peg stability module (polkadot-sdk's `pallet-psm`): mint the stablecoin 1:1 with USDT or
// USDC, or redeem it for them, less the module's fee. Each external's status, fees, reserve,
// debt and share of the ceiling, then the form with the fee and what arrives shown before
// signing (the fee is `Permill::mul_ceil` of the stablecoin amount, as the pallet computes it).
// The transaction's `max_fee` is the fee shown: a fee raised before inclusion is refused.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { type AssetInfo, formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { type PsmExternal, type PsmInfo, type PsmQuote, formatPpm, psmMintQuote, psmRedeemQuote } from '../../chain/stablecoin';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';
import { symbolOf } from '../lending/common';

type Kind = 'mint' | 'redeem';

const STATUS_TEXT: Record<string, string> = {
  AllEnabled: 'minting and redeeming',
  MintingDisabled: 'redeeming only',
  AllDisabled: 'stopped',
};

export function Psm({ data }: { data: ChainData }) {
  const psm = data.stablecoin?.psm;
  const stable = data.stablecoin ? assetByKey(data.stablecoin.totals.stablecoin) : undefined;
  if (!psm || !stable) {
    return (
      <section class="panel" data-testid="psm">
        <h2>Peg stability module</h2>
        <p class="muted">This chain has no peg module.</p>
      </section>
    );
  }
  return (
    <section class="panel" data-testid="psm" data-account={data.account ?? ''} data-block-hash={data.blockHash ?? ''}>
      <h2>Peg stability module: {stable.symbol} 1:1</h2>
      <p class="muted">
        Deposit a dollar token for the same amount of {stable.symbol}, or redeem {stable.symbol} for it, less the module's fee. Its debt counts
        under the stablecoin's one debt ceiling; {formatAmount(psm.maxDebt > psm.totalDebt ? psm.maxDebt - psm.totalDebt : 0n, stable.decimals, 0)}{' '}
        {stable.symbol} may still be minted here.
      </p>
      <ExternalsTable psm={psm} stable={stable} />
      <PsmForm data={data} psm={psm} stable={stable} />
    </section>
  );
}

function ExternalsTable({ psm, stable }: { psm: PsmInfo; stable: AssetInfo }) {
  return (
    <table class="markets" data-testid="psm-externals">
      <thead>
        <tr>
          <th>Asset</th>
          <th>Status</th>
          <th class="num">Mint fee</th>
          <th class="num">Redeem fee</th>
          <th class="num">Reserve</th>
          <th class="num">{stable.symbol} minted</th>
          <th class="num">Ceiling</th>
        </tr>
      </thead>
      <tbody>
        {psm.externals.map((e) => (
          <tr data-testid={`psm-external-${e.key}`} data-status={e.status} data-debt={String(e.debt)} data-reserve={String(e.reserve)}>
            <td>
              <b>{symbolOf(e.key)}</b>
            </td>
            <td>
              <span class={`badge ${e.status === 'AllEnabled' ? 'badge-live' : 'badge-warn'}`} data-testid={`psm-status-${e.key}`}>
                {STATUS_TEXT[e.status] ?? e.status}
              </span>
            </td>
            <td class="num" data-testid={`psm-mint-fee-${e.key}`} data-raw={String(e.mintFeePpm)}>
              {formatPpm(e.mintFeePpm)}
            </td>
            <td class="num" data-testid={`psm-redeem-fee-${e.key}`} data-raw={String(e.redeemFeePpm)}>
              {formatPpm(e.redeemFeePpm)}
            </td>
            <td class="num">{formatAmount(e.reserve, e.decimals, 2)}</td>
            <td class="num">{formatAmount(e.debt, stable.decimals, 2)}</td>
            <td class="num">{formatAmount(e.ceiling, stable.decimals, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PsmForm({ data, psm, stable }: { data: ChainData; psm: PsmInfo; stable: AssetInfo }) {
  const [kind, setKind] = useState<Kind>('mint');
  const [externalKey, setExternalKey] = useState(psm.externals[0]?.key ?? '');
  const [amountText, setAmountText] = useState('');
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';

  const ext = psm.externals.find((e) => e.key === externalKey) ?? psm.externals[0];
  const external = ext ? assetByKey(ext.key) : undefined;
  if (!ext || !external) return null;
  const paying = kind === 'mint' ? external : stable;
  const receiving = kind === 'mint' ? stable : external;
  const amount = parseAmount(amountText, paying.decimals);
  const stableBalance = data.balances[stable.key] ?? 0n;
  const balance = data.balances[paying.key] ?? 0n;
  const feePpm = kind === 'mint' ? ext.mintFeePpm : ext.redeemFeePpm;
  const quote =
    amount === null || amount === 0n
      ? null
      : kind === 'mint'
        ? psmMintQuote(amount, feePpm, ext.decimals, psm.internalDecimals)
        : psmRedeemQuote(amount, feePpm, ext.decimals, psm.internalDecimals, stableBalance, stable.minBalance);
  const reason = reasonFor(kind, psm, ext, external, stable, amount, quote, balance);

  const submit = async () => {
    const who = selectedAccount();
    if (!who || amount === null) return;
    const api = await getApi();
    const call = kind === 'mint' ? api.tx.psm.mint(psm.internal, ext.id, amount, feePpm) : api.tx.psm.redeem(psm.internal, ext.id, amount, feePpm);
    const text = `${formatAmount(amount, paying.decimals, paying.decimals)}`;
    const title = kind === 'mint' ? `Mint ${stable.symbol} with ${text} ${external.symbol}` : `Redeem ${text} ${stable.symbol} for ${external.symbol}`;
    await submitTx(api, call, who, title, setTx);
    await refresh(api, who.address);
  };

  const native = assetByKey(NATIVE_KEY);
  const externals = psm.externals.map((e) => assetByKey(e.key)).filter((a): a is AssetInfo => a !== undefined);
  const f = (v: bigint, a: AssetInfo) => `${formatAmount(v, a.decimals, a.decimals)} ${a.symbol}`;
  return (
    <div class="form" data-testid="psm-form" data-action={kind}>
      <h3>{kind === 'mint' ? `Mint ${stable.symbol}` : `Redeem ${stable.symbol}`}</h3>
      <div class="row">
        <label>
          <input type="radio" name="psm-action" data-testid="psm-action-mint" checked={kind === 'mint'} onChange={() => setKind('mint')} /> Mint {stable.symbol}
        </label>
        <label>
          <input type="radio" name="psm-action" data-testid="psm-action-redeem" checked={kind === 'redeem'} onChange={() => setKind('redeem')} /> Redeem{' '}
          {stable.symbol}
        </label>
      </div>
      <label>
        {kind === 'mint' ? 'Deposit' : 'Receive'} <AssetPicker assets={externals} value={ext.key} onChange={setExternalKey} testId="psm-asset" />
      </label>
      <label>
        Amount ({paying.symbol})
        <div class="row">
          <TextField value={amountText} onInput={setAmountText} testId="psm-amount" placeholder="0.0" />
          <button data-testid="psm-max" onClick={() => setAmountText(formatAmount(balance, paying.decimals, paying.decimals).replace(/,/g, ''))}>
            Max
          </button>
        </div>
      </label>
      <p class="muted" data-testid="psm-wallet">
        Wallet: {formatAmount(balance, paying.decimals)} {paying.symbol}
        {kind === 'mint' ? '' : ` · the module holds ${formatAmount(ext.reserve, ext.decimals)} ${external.symbol}`}
      </p>
      <dl class="quote preview" data-testid="psm-preview" data-action={kind}>
        <dt>Fee ({formatPpm(feePpm)})</dt>
        <dd data-testid="psm-fee" data-raw={quote ? String(quote.fee) : ''}>
          {quote ? f(quote.fee, stable) : <span class="muted">enter an amount</span>}
        </dd>
        <dt>You pay</dt>
        <dd data-testid="psm-pay" data-raw={quote ? String(quote.paid) : ''}>
          {quote ? f(quote.paid, paying) : '—'}
        </dd>
        <dt>You receive</dt>
        <dd data-testid="psm-receive" data-raw={quote ? String(quote.received) : ''}>
          {quote ? <b>{f(quote.received, receiving)}</b> : '—'}
        </dd>
      </dl>
      <SubmitButton label={kind === 'mint' ? 'Mint' : 'Redeem'} reason={reason} busy={busy} onClick={submit} testId="psm-submit" />
      {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </div>
  );
}

function reasonFor(
  kind: Kind,
  psm: PsmInfo,
  ext: PsmExternal,
  external: AssetInfo,
  stable: AssetInfo,
  amount: bigint | null,
  quote: PsmQuote | null,
  balance: bigint,
): string | null {
  const s = (v: bigint) => `${formatAmount(v, stable.decimals)} ${stable.symbol}`;
  const e = (v: bigint) => `${formatAmount(v, external.decimals)} ${external.symbol}`;
  if (!selectedAccount()) return 'Select an account';
  if (kind === 'mint' && ext.status !== 'AllEnabled') return `Minting with ${external.symbol} is stopped`;
  if (kind === 'redeem' && ext.status === 'AllDisabled') return `Redeeming for ${external.symbol} is stopped`;
  if (amount === null) return 'Enter an amount';
  if (amount === 0n || quote === null) return 'The amount must be above zero';
  if (amount > balance) return `The amount exceeds your balance of ${kind === 'mint' ? e(balance) : s(balance)}`;
  if (kind === 'mint') {
    if (quote.internal < psm.minSwap) return `The module swaps at least ${s(psm.minSwap)}`;
    if (psm.totalDebt + quote.internal > psm.maxDebt) return `Above the debt ceiling: ${s(psm.maxDebt > psm.totalDebt ? psm.maxDebt - psm.totalDebt : 0n)} may still be minted`;
    if (ext.debt + quote.internal > ext.ceiling) return `Above ${external.symbol}'s share of the ceiling: ${s(ext.ceiling > ext.debt ? ext.ceiling - ext.debt : 0n)} left`;
    return null;
  }
  if (amount < psm.minSwap) return `The module swaps at least ${s(psm.minSwap)}`;
  if (quote.received === 0n) return 'Too small: nothing would be paid out';
  if (quote.internal > ext.debt || quote.received > ext.reserve) return `The module holds only ${e(ext.reserve)}`;
  return null;
}
