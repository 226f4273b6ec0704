// Swap: pick two assets and an amount, see the router's live quote (every route of the split
// with its venues, pools, share and amounts; what aggregating gains over the best single route
// and the best single venue; price impact; minimum received or maximum paid), the fee in the
// chosen fee asset, then sign. The swap is sent with the quoted routes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { type AssetInfo, formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { maximumPaid, minimumReceived } from '../../chain/swap';
import { hasRouter, type RouterQuote, type RouterRoute, routerQuote, routerSwapTx, type SwapMode, venueName } from '../../chain/router';
import { type FeePreview, feeAsset, previewFee, selectFeeAsset } from '../../chain/fees';
import { submitTx, type TxState } from '../../chain/tx';
import { useStore } from '../../store';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, FeeAssetPicker, SubmitButton, TextField } from '../../components/inputs';

function symbolOf(key: string): string {
  return assetByKey(key)?.symbol ?? `#${key}`;
}

function amountText(raw: bigint, asset: AssetInfo | undefined): string {
  return `${formatAmount(raw, asset?.decimals ?? 0)} ${asset?.symbol ?? ''}`.trim();
}

function percent(bps: number): string {
  return `${(bps / 100).toFixed(2)} %`;
}

/** Hops as the page shows them: venue and pool of each. */
function hopsText(route: RouterRoute): string {
  return route.hops.map((h) => `${venueName(h.venue)} #${h.poolId}`).join(' → ');
}

function pathText(route: RouterRoute): string {
  return route.path.map(symbolOf).join(' → ');
}

function RouteRows({ quote, from, to }: { quote: RouterQuote; from?: AssetInfo; to?: AssetInfo }) {
  return (
    <table class="routes" data-testid="swap-routes" data-count={String(quote.routes.length)}>
      <thead>
        <tr>
          <th>Route</th>
          <th>Venue per hop</th>
          <th>Path</th>
          <th class="num">Share</th>
          <th class="num">In → out</th>
        </tr>
      </thead>
      <tbody>
        {quote.routes.map((r, i) => (
          <tr
            data-testid="route-row"
            data-index={String(i)}
            data-amount-in={String(r.amountIn)}
            data-amount-out={String(r.amountOut)}
            data-share-bps={String(r.shareBps)}
            data-hops={JSON.stringify(r.hops)}
          >
            <td>{i + 1}</td>
            <td data-testid="route-venues">
              {r.hops.map((h) => (
                <span class={`venue venue-${h.venue}`} data-venue={String(h.venue)} data-pool={String(h.poolId)}>
                  {venueName(h.venue)} #{h.poolId}
                </span>
              ))}
            </td>
            <td data-testid="route-path">{pathText(r)}</td>
            <td class="num" data-testid="route-share">
              {percent(r.shareBps)}
            </td>
            <td class="num">
              {amountText(r.amountIn, from)} → {amountText(r.amountOut, to)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Swap({ data }: { data: ChainData }) {
  const [fromKey, setFrom] = useState(NATIVE_KEY);
  const [toKey, setTo] = useState('1');
  const [mode, setMode] = useState<SwapMode>('exactIn');
  const [amountInput, setAmountInput] = useState('');
  const [slippageText, setSlippageText] = useState('0.5');
  const [deadlineText, setDeadlineText] = useState('20');
  const [limitOverride, setLimitOverride] = useState('');
  const [quote, setQuote] = useState<RouterQuote | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [noRouter, setNoRouter] = useState(false);
  const [fee, setFee] = useState<FeePreview | null>(null);
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const payIn = useStore(feeAsset);
  const lastInputs = useRef('');

  const from = assetByKey(fromKey);
  const to = assetByKey(toKey);
  const amountAsset = mode === 'exactIn' ? from : to;
  const amount = amountAsset ? parseAmount(amountInput, amountAsset.decimals) : null;
  const slippagePct = Number(slippageText);
  const slippageBps = Number.isFinite(slippagePct) && slippagePct >= 0 && slippagePct <= 50 ? Math.round(slippagePct * 100) : null;
  const deadlineBlocks = Number.parseInt(deadlineText, 10);

  // A new quote from the router whenever the inputs or the chain (a new best block) change,
  // read at the block the page shows. A new block keeps the previous quote on screen until the
  // new one arrives; new inputs clear it.
  useEffect(() => {
    let cancelled = false;
    const inputs = `${fromKey}|${toKey}|${mode}|${amountInput}`;
    if (inputs !== lastInputs.current) {
      lastInputs.current = inputs;
      setQuote(null);
    }
    if (!from || !to || amount === null || amount === 0n || fromKey === toKey) {
      setQuote(null);
      setQuoting(false);
      return;
    }
    setQuoting(true);
    getApi()
      .then((api) => {
        if (!hasRouter(api)) {
          if (!cancelled) setNoRouter(true);
          return null;
        }
        return routerQuote(api, fromKey, toKey, amount, mode, data.blockHash);
      })
      .then((q) => !cancelled && setQuote(q))
      .catch((e) => {
        console.error('quote failed', e);
        if (!cancelled) setQuote(null);
      })
      .finally(() => !cancelled && setQuoting(false));
    return () => {
      cancelled = true;
    };
  }, [fromKey, toKey, mode, amountInput, data.blockHash]);

  const balance = data.balances[fromKey] ?? 0n;
  const override = limitOverride.trim() === '' ? null : parseAmount(limitOverride, (mode === 'exactIn' ? to : from)?.decimals ?? 0);
  const limit =
    override ?? (quote && slippageBps !== null ? (mode === 'exactIn' ? minimumReceived(quote.amountOut, slippageBps) : maximumPaid(quote.amountIn, slippageBps)) : null);
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const deadline = data.blockNumber !== undefined && Number.isInteger(deadlineBlocks) ? data.blockNumber + deadlineBlocks : null;

  // The fee of this swap in the chosen fee asset, for the quote on screen.
  useEffect(() => {
    let cancelled = false;
    const account = data.account;
    if (!quote || limit === null || deadline === null || !account) {
      setFee(null);
      return;
    }
    getApi()
      .then((api) => previewFee(api, routerSwapTx(api, quote, limit, account, deadline), account, payIn))
      .then((f) => !cancelled && setFee(f))
      .catch((e) => {
        console.warn('fee preview failed', e);
        if (!cancelled) setFee(null);
      });
    return () => {
      cancelled = true;
    };
  }, [quote, String(limit), deadline, payIn, data.account]);

  let reason: string | null = null;
  if (fromKey === toKey) reason = 'Pick two different assets';
  else if (amount === null) reason = 'Enter an amount';
  else if (amount === 0n) reason = 'The amount must be above zero';
  else if (mode === 'exactIn' && amount > balance) reason = `The amount exceeds your balance of ${formatAmount(balance, from?.decimals ?? 0)} ${from?.symbol}`;
  else if (slippageBps === null) reason = 'Slippage must be between 0 and 50 %';
  else if (!Number.isInteger(deadlineBlocks) || deadlineBlocks < 1) reason = 'The deadline must be at least one block';
  else if (noRouter) reason = 'The runtime has no router';
  else if (quoting && !quote) reason = 'Quoting…';
  else if (!quote) reason = 'No route of any venue can carry this trade';
  else if (mode === 'exactOut' && quote.amountIn > balance) reason = `The trade needs ${formatAmount(quote.amountIn, from?.decimals ?? 0)} ${from?.symbol}, above your balance`;
  else if (limitOverride.trim() !== '' && override === null) reason = 'The limit is not a valid amount';

  const submit = async () => {
    const account = selectedAccount();
    if (!account || !quote || limit === null || data.blockNumber === undefined) return;
    const api = await getApi();
    const call = routerSwapTx(api, quote, limit, account.address, data.blockNumber + deadlineBlocks);
    await submitTx(api, call, account, `Swap ${from?.symbol} → ${to?.symbol}`, setTx);
    await refresh(api, account.address);
  };

  const native = assetByKey(NATIVE_KEY);
  const feeAssetInfo = assetByKey(payIn);
  // Only a preview made for the asset now chosen (a new choice waits for its own).
  const shownFee = fee && fee.asset === payIn ? fee : null;
  const exactIn = mode === 'exactIn';
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
          {exactIn ? `You pay (${from?.symbol ?? ''})` : `You receive (${to?.symbol ?? ''})`}
          <TextField value={amountInput} onInput={setAmountInput} testId="swap-amount" placeholder="0.0" />
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
          <label>
            Fee in <FeeAssetPicker assets={data.assets} value={payIn} onChange={selectFeeAsset} testId="swap-fee-asset" />
          </label>
        </div>
        {quote && from && to && (
          <>
            <dl
              class="quote"
              data-testid="swap-quote"
              data-block-hash={quote.blockHash ?? ''}
              data-mode={quote.mode}
              data-amount-in={String(quote.amountIn)}
              data-amount-out={String(quote.amountOut)}
              data-routes={String(quote.routes.length)}
            >
              <dt>{exactIn ? 'You receive' : 'You pay'}</dt>
              <dd data-testid="swap-quote-amount">{exactIn ? amountText(quote.amountOut, to) : amountText(quote.amountIn, from)}</dd>
              <dt>Total</dt>
              <dd>
                <span data-testid="quote-in" data-raw={String(quote.amountIn)}>
                  {amountText(quote.amountIn, from)}
                </span>
                {' → '}
                <span data-testid="quote-out" data-raw={String(quote.amountOut)}>
                  {amountText(quote.amountOut, to)}
                </span>
              </dd>
              <dt>Route</dt>
              <dd data-testid="swap-route" data-raw={String(quote.routes.length)}>
                {quote.routes.length === 1
                  ? `${pathText(quote.routes[0])} (${hopsText(quote.routes[0])})`
                  : `Split over ${quote.routes.length} routes`}
              </dd>
              <dt>Price impact</dt>
              <dd data-testid="swap-impact" data-raw={quote.priceImpactPpm === null ? '' : String(quote.priceImpactPpm)}>
                {quote.priceImpactPpm === null ? '—' : `${(quote.priceImpactPpm / 10_000).toFixed(2)} %`}
              </dd>
              <dt>Best single route</dt>
              <dd data-testid="best-single-route" data-raw={quote.bestSingleRoute ? String(exactIn ? quote.bestSingleRoute.amountOut : quote.bestSingleRoute.amountIn) : ''}>
                {quote.bestSingleRoute
                  ? `${exactIn ? amountText(quote.bestSingleRoute.amountOut, to) : amountText(quote.bestSingleRoute.amountIn, from)} via ${pathText(quote.bestSingleRoute)} (${hopsText(quote.bestSingleRoute)})`
                  : '—'}
              </dd>
              <dt>Best single venue</dt>
              <dd
                data-testid="best-venue"
                data-venue={quote.bestVenue ? String(quote.bestVenue.venue) : ''}
                data-raw={quote.bestVenue ? String(exactIn ? quote.bestVenue.route.amountOut : quote.bestVenue.route.amountIn) : ''}
              >
                {quote.bestVenue
                  ? `${exactIn ? amountText(quote.bestVenue.route.amountOut, to) : amountText(quote.bestVenue.route.amountIn, from)} on ${venueName(quote.bestVenue.venue)}`
                  : '—'}
              </dd>
              <dt>Aggregation</dt>
              <dd class={quote.gain !== null && quote.gain > 0n ? 'gain' : ''} data-testid="router-gain" data-raw={quote.gain === null ? '' : String(quote.gain)}>
                {quote.gain === null
                  ? '—'
                  : quote.gain > 0n
                    ? exactIn
                      ? `You get ${amountText(quote.gain, to)} more than the best single route`
                      : `You pay ${amountText(quote.gain, from)} less than the best single route`
                    : 'Same as the best single route'}
              </dd>
              <dt>{exactIn ? 'Minimum received' : 'Maximum paid'}</dt>
              <dd data-testid="swap-limit" data-raw={limit === null ? '' : String(limit)}>
                {limit === null ? '—' : exactIn ? amountText(limit, to) : amountText(limit, from)}
              </dd>
              <dt>Network fee</dt>
              <dd
                data-testid="swap-fee-preview"
                data-asset={shownFee ? shownFee.asset : ''}
                data-raw={shownFee?.amount == null ? '' : String(shownFee.amount)}
                data-native={shownFee ? String(shownFee.native) : ''}
              >
                {!shownFee
                  ? '…'
                  : shownFee.amount === null
                    ? `No route swaps ${feeAssetInfo?.symbol ?? payIn} for the fee`
                    : payIn === NATIVE_KEY
                      ? amountText(shownFee.amount, native)
                      : `${amountText(shownFee.amount, feeAssetInfo)} (${amountText(shownFee.native, native)})`}
              </dd>
            </dl>
            <RouteRows quote={quote} from={from} to={to} />
          </>
        )}
        <details>
          <summary>Advanced</summary>
          <label>
            {exactIn ? 'Minimum received (overrides slippage)' : 'Maximum paid (overrides slippage)'}
            <TextField value={limitOverride} onInput={setLimitOverride} testId="swap-limit-override" placeholder="from slippage" />
          </label>
        </details>
        <SubmitButton label="Swap" reason={reason} busy={busy} onClick={submit} testId="swap-submit" />
        {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
      </div>
    </section>
  );
}
