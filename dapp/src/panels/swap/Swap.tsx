// Swap: pick two assets and an amount, see the live quote from the DEX's runtime API (route,
// price impact, minimum received or maximum paid), then sign.
import { useEffect, useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { bestQuote, maximumPaid, minimumReceived, type Quote } from '../../chain/swap';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';

export function Swap({ data }: { data: ChainData }) {
  const [fromKey, setFrom] = useState(NATIVE_KEY);
  const [toKey, setTo] = useState('1');
  const [mode, setMode] = useState<'exactIn' | 'exactOut'>('exactIn');
  const [amountText, setAmountText] = useState('');
  const [slippageText, setSlippageText] = useState('0.5');
  const [deadlineText, setDeadlineText] = useState('20');
  const [limitOverride, setLimitOverride] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });

  const from = assetByKey(fromKey);
  const to = assetByKey(toKey);
  const amountAsset = mode === 'exactIn' ? from : to;
  const amount = amountAsset ? parseAmount(amountText, amountAsset.decimals) : null;
  const slippagePct = Number(slippageText);
  const slippageBps = Number.isFinite(slippagePct) && slippagePct >= 0 && slippagePct <= 50 ? Math.round(slippagePct * 100) : null;
  const deadlineBlocks = Number.parseInt(deadlineText, 10);

  // A new quote whenever the inputs or the chain (a new best block) change.
  useEffect(() => {
    let cancelled = false;
    setQuote(null);
    if (!from || !to || amount === null || amount === 0n || fromKey === toKey) return;
    setQuoting(true);
    getApi()
      .then((api) => bestQuote(api, data.pools, fromKey, toKey, amount, mode))
      .then((q) => !cancelled && setQuote(q))
      .catch((e) => console.error('quote failed', e))
      .finally(() => !cancelled && setQuoting(false));
    return () => {
      cancelled = true;
    };
  }, [fromKey, toKey, mode, amountText, data.blockHash]);

  const balance = data.balances[fromKey] ?? 0n;
  const override = limitOverride.trim() === '' ? null : parseAmount(limitOverride, (mode === 'exactIn' ? to : from)?.decimals ?? 0);
  const limit =
    override ?? (quote && slippageBps !== null ? (mode === 'exactIn' ? minimumReceived(quote.amountOut, slippageBps) : maximumPaid(quote.amountIn, slippageBps)) : null);
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';

  let reason: string | null = null;
  if (fromKey === toKey) reason = 'Pick two different assets';
  else if (amount === null) reason = 'Enter an amount';
  else if (amount === 0n) reason = 'The amount must be above zero';
  else if (mode === 'exactIn' && amount > balance) reason = `The amount exceeds your balance of ${formatAmount(balance, from?.decimals ?? 0)} ${from?.symbol}`;
  else if (slippageBps === null) reason = 'Slippage must be between 0 and 50 %';
  else if (!Number.isInteger(deadlineBlocks) || deadlineBlocks < 1) reason = 'The deadline must be at least one block';
  else if (quoting && !quote) reason = 'Quoting…';
  else if (!quote) reason = 'No pool path can fill this trade';
  else if (mode === 'exactOut' && quote.amountIn > balance) reason = `The trade needs ${formatAmount(quote.amountIn, from?.decimals ?? 0)} ${from?.symbol}, above your balance`;
  else if (limitOverride.trim() !== '' && override === null) reason = 'The limit is not a valid amount';

  const submit = async () => {
    const account = selectedAccount();
    if (!account || !quote || limit === null || data.blockNumber === undefined) return;
    const api = await getApi();
    const deadline = data.blockNumber + deadlineBlocks;
    const call =
      mode === 'exactIn'
        ? api.tx.dex.swapExactIn(quote.path, quote.amountIn, limit, account.address, deadline)
        : api.tx.dex.swapExactOut(quote.path, quote.amountOut, limit, account.address, deadline);
    await submitTx(api, call, account, `Swap ${from?.symbol} → ${to?.symbol}`, setTx);
    await refresh(api, account.address);
  };

  const native = assetByKey(NATIVE_KEY);
  return (
    <section class="panel" data-testid="swap">
      <h2>Swap</h2>
      <div class="form">
        <div class="row">
          <label>
            From <AssetPicker assets={data.assets} value={fromKey} onChange={setFrom} testId="swap-from" />
          </label>
          <label>
            To <AssetPicker assets={data.assets} value={toKey} onChange={setTo} testId="swap-to" />
          </label>
        </div>
        <div class="row">
          <label>
            <input type="radio" name="mode" data-testid="swap-mode-in" checked={mode === 'exactIn'} onChange={() => setMode('exactIn')} /> Exact input
          </label>
          <label>
            <input type="radio" name="mode" data-testid="swap-mode-out" checked={mode === 'exactOut'} onChange={() => setMode('exactOut')} /> Exact output
          </label>
        </div>
        <label>
          {mode === 'exactIn' ? `You pay (${from?.symbol ?? ''})` : `You receive (${to?.symbol ?? ''})`}
          <TextField value={amountText} onInput={setAmountText} testId="swap-amount" placeholder="0.0" />
        </label>
        <p class="muted">
          Balance: {formatAmount(balance, from?.decimals ?? 0)} {from?.symbol}
        </p>
        <div class="row">
          <label>
            Slippage % <TextField value={slippageText} onInput={setSlippageText} testId="swap-slippage" />
          </label>
          <label>
            Deadline (blocks) <TextField value={deadlineText} onInput={setDeadlineText} testId="swap-deadline" />
          </label>
        </div>
        {quote && from && to && (
          <dl class="quote" data-testid="swap-quote" data-path={JSON.stringify(quote.path)} data-amount-in={String(quote.amountIn)} data-amount-out={String(quote.amountOut)}>
            <dt>{mode === 'exactIn' ? 'You receive' : 'You pay'}</dt>
            <dd data-testid="swap-quote-amount">
              {mode === 'exactIn' ? `${formatAmount(quote.amountOut, to.decimals)} ${to.symbol}` : `${formatAmount(quote.amountIn, from.decimals)} ${from.symbol}`}
            </dd>
            <dt>Route</dt>
            <dd data-testid="swap-route">
              {quote.route.map((k) => assetByKey(k)?.symbol).join(' → ')} (pools {quote.path.map((h) => `#${h.poolId}`).join(', ')})
            </dd>
            <dt>Price impact</dt>
            <dd data-testid="swap-impact">{quote.priceImpact === null ? '—' : `${(quote.priceImpact * 100).toFixed(2)} %`}</dd>
            <dt>{mode === 'exactIn' ? 'Minimum received' : 'Maximum paid'}</dt>
            <dd data-testid="swap-limit" data-raw={limit === null ? '' : String(limit)}>
              {limit === null ? '—' : mode === 'exactIn' ? `${formatAmount(limit, to.decimals)} ${to.symbol}` : `${formatAmount(limit, from.decimals)} ${from.symbol}`}
            </dd>
          </dl>
        )}
        <details>
          <summary>Advanced</summary>
          <label>
            {mode === 'exactIn' ? 'Minimum received (overrides slippage)' : 'Maximum paid (overrides slippage)'}
            <TextField value={limitOverride} onInput={setLimitOverride} testId="swap-limit-override" placeholder="from slippage" />
          </label>
        </details>
        <SubmitButton label="Swap" reason={reason} busy={busy} onClick={submit} testId="swap-submit" />
        {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
      </div>
    </section>
  );
}
