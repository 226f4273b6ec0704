// Supply, withdraw, borrow and repay: asset, amount (with max / all where it means something),
// the health before and after the action computed in the page from the account view and the
// markets' prices and thresholds, then sign. A borrow or withdrawal that would take the health
// below 1 is refused; one that leaves it below 1.1 is signed only after a warning is shown.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { type AssetInfo, formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import {
  FIXED_ONE,
  HEALTH_WARNING,
  type LendingAccount,
  type LendingAction,
  type MarketInfo,
  type PositionInfo,
  type Projection,
  formatHealth,
  formatUsd,
  projectHealth,
} from '../../chain/lending';
import { toKind } from '../../chain/swap';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';
import { HealthValue, symbolOf } from './common';

type Kind = 'supply' | 'withdraw' | 'borrow' | 'repay';

const ACTIONS: Array<{ kind: Kind; label: string }> = [
  { kind: 'supply', label: 'Supply' },
  { kind: 'withdraw', label: 'Withdraw' },
  { kind: 'borrow', label: 'Borrow' },
  { kind: 'repay', label: 'Repay' },
];

/** Native tokens kept back from a "max" supply for fees (whole tokens). */
const NATIVE_FEE_RESERVE = 1n;

/** What the wallet can hand over while staying alive (and, for the native token, pay fees). */
function spendable(asset: AssetInfo, balance: bigint): bigint {
  const keep = asset.minBalance + (asset.key === NATIVE_KEY ? NATIVE_FEE_RESERVE * 10n ** BigInt(asset.decimals) : 0n);
  return balance > keep ? balance - keep : 0n;
}

export function ActionForm({ data, markets, account }: { data: ChainData; markets: MarketInfo[]; account: LendingAccount }) {
  const [kind, setKind] = useState<Kind>('supply');
  const [assetKey, setAssetKey] = useState(markets[0]?.key ?? NATIVE_KEY);
  const [amountText, setAmountText] = useState('');
  const [all, setAll] = useState(false);
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';

  const market = markets.find((m) => m.key === assetKey);
  const asset = assetByKey(assetKey);
  const position = account.positions.find((p) => p.key === assetKey);
  const balance = data.balances[assetKey] ?? 0n;
  const allowsAll = kind === 'withdraw' || kind === 'repay';
  const useAll = all && allowsAll;
  const amount = useAll ? 'all' : asset ? parseAmount(amountText, asset.decimals) : null;
  const action: LendingAction | null = amount === null || amount === 0n ? null : { kind, key: assetKey, amount };
  const projection = projectHealth(account, markets, action);

  const setAmount = (text: string) => {
    setAll(false);
    setAmountText(text);
  };
  const pickKind = (k: Kind) => {
    setKind(k);
    setAll(false);
  };
  const max = asset && position ? maxFor(kind, asset, position, balance) : null;

  const reason = asset && market && position ? reasonFor(kind, asset, market, position, balance, amount, projection, data) : 'Pick a market';
  const warn = action !== null && projection.knownAfter && projection.healthAfter !== null && projection.healthAfter < HEALTH_WARNING;

  const submit = async () => {
    const who = selectedAccount();
    if (!who || !asset || amount === null) return;
    const api = await getApi();
    const k = toKind(assetKey);
    const amountOrAll = amount === 'all' ? 'All' : { Exact: amount };
    const call =
      kind === 'supply'
        ? api.tx.lending.supply(k, amount as bigint)
        : kind === 'withdraw'
          ? api.tx.lending.withdraw(k, amountOrAll)
          : kind === 'borrow'
            ? api.tx.lending.borrow(k, amount as bigint)
            : api.tx.lending.repay(k, amountOrAll);
    const what = amount === 'all' ? 'all' : formatAmount(amount, asset.decimals, asset.decimals);
    await submitTx(api, call, who, `${ACTIONS.find((a) => a.kind === kind)?.label} ${what} ${asset.symbol}`, setTx);
    await refresh(api, who.address);
  };

  const native = assetByKey(NATIVE_KEY);
  const marketAssets = markets.map((m) => assetByKey(m.key)).filter((a): a is AssetInfo => a !== undefined);
  return (
    <div class="form" data-testid="lending-form" data-action={kind}>
      <h3>Supply, withdraw, borrow, repay</h3>
      <div class="row">
        {ACTIONS.map((a) => (
          <label>
            <input type="radio" name="lending-action" data-testid={`lending-action-${a.kind}`} checked={kind === a.kind} onChange={() => pickKind(a.kind)} /> {a.label}
          </label>
        ))}
      </div>
      <label>
        Market <AssetPicker assets={marketAssets} value={assetKey} onChange={setAssetKey} testId="lending-asset" />
      </label>
      <label>
        Amount ({asset?.symbol ?? ''})
        <div class="row">
          <TextField value={useAll ? 'all' : amountText} onInput={setAmount} testId="lending-amount" placeholder="0.0" />
          {max !== null && (
            <button data-testid="lending-max" data-raw={String(max.value)} onClick={() => setAmount(formatAmount(max.value, asset?.decimals ?? 0, asset?.decimals ?? 0).replace(/,/g, ''))}>
              Max
            </button>
          )}
          {allowsAll && (
            <button data-testid="lending-all" class={useAll ? 'active' : ''} onClick={() => setAll(true)}>
              All
            </button>
          )}
        </div>
      </label>
      {asset && position && <FormFacts kind={kind} asset={asset} position={position} balance={balance} max={max} />}
      <dl class="quote preview" data-testid="health-preview" data-action={kind}>
        <dt>Health now</dt>
        <dd>
          <HealthValue health={projection.healthBefore} known={projection.knownBefore} testId="health-before" />
        </dd>
        <dt>Health after</dt>
        <dd>
          {action === null ? (
            <span class="muted" data-testid="health-after" data-raw="">
              enter an amount
            </span>
          ) : (
            <HealthValue health={projection.healthAfter} known={projection.knownAfter} testId="health-after" />
          )}
        </dd>
        {action !== null && (
          <>
            <dt>Borrow limit after</dt>
            <dd data-testid="borrow-limit-after" data-raw={String(projection.after.borrowLimit)}>
              {formatUsd(projection.after.borrowLimit)}
            </dd>
            <dt>Debt after</dt>
            <dd data-testid="debt-after" data-raw={String(projection.after.debt)}>
              {formatUsd(projection.after.debt)}
            </dd>
          </>
        )}
      </dl>
      {warn && (
        <p class="warning" data-testid="health-warning">
          {projection.healthAfter !== null && projection.healthAfter < FIXED_ONE
            ? `After this the account could be liquidated: health ${formatHealth(projection.healthAfter)} is below 1.`
            : `Health after this action would be ${formatHealth(projection.healthAfter)}, below 1.1: a small price move makes the account liquidatable.`}
        </p>
      )}
      <SubmitButton label={ACTIONS.find((a) => a.kind === kind)?.label ?? 'Submit'} reason={reason} busy={busy} onClick={submit} testId="lending-submit" />
      {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </div>
  );
}

function FormFacts({ kind, asset, position, balance, max }: { kind: Kind; asset: AssetInfo; position: PositionInfo; balance: bigint; max: { value: bigint; label: string } | null }) {
  const f = (v: bigint) => `${formatAmount(v, asset.decimals)} ${asset.symbol}`;
  return (
    <p class="muted" data-testid="lending-facts">
      Wallet: {f(balance)} · supplied: {f(position.supplied)}
      {position.collateral ? ' (collateral)' : ''} · debt: {f(position.debt)}
      {max && (kind === 'withdraw' || kind === 'borrow') && (
        <>
          {' '}
          · {max.label}: <span data-testid="lending-max-value">{f(max.value)}</span>
        </>
      )}
    </p>
  );
}

function maxFor(kind: Kind, asset: AssetInfo, position: PositionInfo, balance: bigint): { value: bigint; label: string } | null {
  switch (kind) {
    case 'supply':
      return { value: spendable(asset, balance), label: 'you can supply' };
    case 'withdraw':
      return { value: position.maxWithdraw, label: 'you may withdraw now' };
    case 'borrow':
      return { value: position.maxBorrow, label: 'you may borrow now' };
    case 'repay':
      return null;
  }
}

/** Why the form cannot be signed yet, or null. */
function reasonFor(
  kind: Kind,
  asset: AssetInfo,
  market: MarketInfo,
  position: PositionInfo,
  balance: bigint,
  amount: bigint | 'all' | null,
  p: Projection,
  data: ChainData,
): string | null {
  const f = (v: bigint) => `${formatAmount(v, asset.decimals)} ${asset.symbol}`;
  if (!selectedAccount()) return 'Select an account';
  if (market.state === 2 && kind !== 'repay') return `The ${asset.symbol} market is frozen`;
  if (market.state === 1 && (kind === 'supply' || kind === 'borrow')) return `The ${asset.symbol} market is paused`;
  if (kind === 'withdraw' && position.shares === 0n) return `Nothing supplied in ${asset.symbol}`;
  if (kind === 'repay' && position.debt === 0n) return `No ${asset.symbol} debt`;
  if (amount === null) return 'Enter an amount';
  if (amount === 0n) return 'The amount must be above zero';
  switch (kind) {
    case 'supply':
      if (amount === 'all') return 'Enter an amount';
      if (amount > balance) return `The amount exceeds your balance of ${f(balance)}`;
      if (amount > market.supplyCapLeft) return `The market's supply cap leaves room for ${f(market.supplyCapLeft)}`;
      return null;
    case 'withdraw': {
      const wanted = amount === 'all' ? position.supplied : amount;
      if (wanted > position.supplied) return `The amount exceeds your supply of ${f(position.supplied)}`;
      const risk = riskReason(p, data, null);
      if (risk) return risk;
      if (wanted > position.maxWithdraw) return `You may withdraw at most ${f(position.maxWithdraw)} now (borrow limit or market cash)`;
      return null;
    }
    case 'borrow': {
      if (amount === 'all') return 'Enter an amount';
      if (market.price === null) return `No fresh ${asset.symbol} price: the chain refuses borrowing without one`;
      const risk = riskReason(p, data, asset.key);
      if (risk) return risk;
      if (amount > position.maxBorrow) return `You may borrow at most ${f(position.maxBorrow)} now (borrow limit, caps or market cash)`;
      return null;
    }
    case 'repay': {
      const paid = amount === 'all' || amount > position.debt ? position.debt : amount;
      // Repaying all pays the debt at execution, a little more than shown (interest).
      const need = amount === 'all' ? paid + paid / 100_000n + 1n : paid;
      if (need + asset.minBalance > balance) return `Repaying ${f(paid)} needs more than your balance of ${f(balance)}`;
      return null;
    }
  }
}

/** The refusal of a risk-increasing action: missing or disputed prices, health below 1. */
function riskReason(p: Projection, data: ChainData, borrowed: string | null): string | null {
  if (!p.risky || p.after.debt === 0n) return null;
  if (!p.knownAfter) return `No fresh price for ${p.missingPrices.map(symbolOf).join(', ')}: the chain refuses this without one`;
  const used = new Set(
    (data.lending?.positions ?? []).filter((x) => x.debt > 0n || (x.collateral && x.supplied > 0n)).map((x) => x.key),
  );
  if (borrowed !== null) used.add(borrowed);
  const disputed = data.prices.filter((x) => x.status === 'Disputed' && used.has(x.key)).map((x) => symbolOf(x.key));
  if (disputed.length > 0) return `The ${disputed.join(', ')} price is disputed: the chain refuses borrowing and withdrawing collateral until it settles`;
  if (p.healthAfter !== null && p.healthAfter < FIXED_ONE) return `This would take your health to ${formatHealth(p.healthAfter)}, below 1`;
  return null;
}
