// The vault form: pick the collateral, then open (deposit), deposit, withdraw, mint, repay or
// close. Before signing it shows the vault as `StablecoinApi::vault` reports it now (ratio,
// liquidation price, what may be minted and withdrawn) and the ratio and liquidation price after
// the action, computed in the page from the collateral type's price and parameters with the
// chain's rounding. An action the chain would refuse (below the minimum ratio or debt, above
// what may be minted, without a fresh price) is not signed.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { type AssetInfo, formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import {
  type CollateralTypeInfo,
  type StablecoinData,
  type VaultAction,
  type VaultActionKind,
  type VaultInfo,
  type VaultProjection,
  formatPrice,
  formatRatio,
  projectVault,
} from '../../chain/stablecoin';
import { toKind } from '../../chain/swap';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';

const ACTIONS: Array<{ kind: VaultActionKind; label: string }> = [
  { kind: 'deposit', label: 'Deposit' },
  { kind: 'withdraw', label: 'Withdraw' },
  { kind: 'mint', label: 'Mint' },
  { kind: 'repay', label: 'Repay' },
  { kind: 'close', label: 'Close' },
];

/** Native tokens kept back from a "max" deposit for fees (whole tokens). */
const NATIVE_FEE_RESERVE = 1n;
/** Below this distance to the liquidation price (percent of the price) the page warns. */
const WARN_DROP_PERCENT = 20n;

function spendable(asset: AssetInfo, balance: bigint): bigint {
  const keep = asset.minBalance + (asset.key === NATIVE_KEY ? NATIVE_FEE_RESERVE * 10n ** BigInt(asset.decimals) : 0n);
  return balance > keep ? balance - keep : 0n;
}

/** dUSD a repayment of all (or a close) needs: the debt plus the fees of the next hours. */
function repayAllNeed(debt: bigint): bigint {
  return debt + debt / 100_000n + 1n;
}

/** How far the price may fall before the vault can be liquidated, in hundredths of a percent. */
function dropToLiquidationBps(price: bigint | null, liquidation: bigint | null): bigint | null {
  if (price === null || price === 0n || liquidation === null) return null;
  return liquidation >= price ? 0n : ((price - liquidation) * 10_000n) / price;
}

export function VaultForm({ data, sc }: { data: ChainData; sc: StablecoinData }) {
  const [assetKey, setAssetKey] = useState(sc.types[0]?.key ?? NATIVE_KEY);
  const [kind, setKind] = useState<VaultActionKind>('deposit');
  const [amountText, setAmountText] = useState('');
  const [all, setAll] = useState(false);
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';

  const type = sc.types.find((t) => t.key === assetKey) ?? sc.types[0];
  const vault = sc.vaults.find((v) => v.key === type.key) ?? null;
  const collateral = assetByKey(type.key);
  const stable = assetByKey(sc.totals.stablecoin);
  if (!collateral || !stable) return null;
  const inStable = kind === 'mint' || kind === 'repay';
  const unit = inStable ? stable : collateral;
  const useAll = (all && kind === 'repay') || kind === 'close';
  const parsed = useAll ? 'all' : parseAmount(amountText, unit.decimals);
  const action: VaultAction | null = parsed === null || parsed === 0n ? null : { kind, amount: parsed };
  const after = action ? projectVault(vault, type, action, collateral.decimals, stable.decimals) : null;
  const disputed = data.prices.some((p) => p.key === type.key && p.status === 'Disputed');
  const balances = { collateral: data.balances[collateral.key] ?? 0n, stable: data.balances[stable.key] ?? 0n };
  const max = maxFor(kind, collateral, vault, balances.collateral);
  const reason = reasonFor(kind, sc, type, vault, collateral, stable, parsed, after, balances, disputed);
  const drop = after ? dropToLiquidationBps(type.price, after.liquidationPrice) : null;
  const warn = reason === null && after !== null && after.debt > 0n && drop !== null && drop < WARN_DROP_PERCENT * 100n;
  const label = kind === 'deposit' && !vault ? 'Open vault' : ACTIONS.find((a) => a.kind === kind)!.label;

  const pickKind = (k: VaultActionKind) => {
    setKind(k);
    setAll(false);
    setAmountText('');
  };
  const setAmount = (text: string) => {
    setAll(false);
    setAmountText(text);
  };

  const submit = async () => {
    const who = selectedAccount();
    if (!who || parsed === null) return;
    const api = await getApi();
    const k = toKind(type.key);
    const amount = parsed === 'all' ? 0n : parsed;
    const call =
      kind === 'deposit'
        ? api.tx.stablecoin.depositCollateral(k, amount)
        : kind === 'withdraw'
          ? api.tx.stablecoin.withdrawCollateral(k, amount)
          : kind === 'mint'
            ? api.tx.stablecoin.mint(k, amount)
            : kind === 'repay'
              ? api.tx.stablecoin.repay(k, parsed === 'all' ? 'All' : { Exact: amount })
              : api.tx.stablecoin.close(k);
    const text = (v: bigint, a: AssetInfo) => `${formatAmount(v, a.decimals, a.decimals)} ${a.symbol}`;
    const title =
      kind === 'deposit'
        ? vault
          ? `Deposit ${text(amount, collateral)}`
          : `Open a ${collateral.symbol} vault with ${text(amount, collateral)}`
        : kind === 'withdraw'
          ? `Withdraw ${text(amount, collateral)}`
          : kind === 'mint'
            ? `Mint ${text(amount, stable)}`
            : kind === 'repay'
              ? `Repay ${parsed === 'all' ? `all ${stable.symbol}` : text(amount, stable)}`
              : `Close the ${collateral.symbol} vault`;
    await submitTx(api, call, who, title, setTx);
    await refresh(api, who.address);
  };

  const native = assetByKey(NATIVE_KEY);
  const typeAssets = sc.types.map((t) => assetByKey(t.key)).filter((a): a is AssetInfo => a !== undefined);
  return (
    <div class="form" data-testid="vault-form" data-action={kind} data-asset={type.key}>
      <h3>Your vault</h3>
      <label>
        Collateral <AssetPicker assets={typeAssets} value={type.key} onChange={setAssetKey} testId="vault-asset" />
      </label>
      <CurrentVault vault={vault} type={type} collateral={collateral} stable={stable} />
      <div class="row">
        {ACTIONS.map((a) => (
          <label>
            <input type="radio" name="vault-action" data-testid={`vault-action-${a.kind}`} checked={kind === a.kind} onChange={() => pickKind(a.kind)} />{' '}
            {a.kind === 'deposit' && !vault ? 'Open (deposit)' : a.label}
          </label>
        ))}
      </div>
      {kind !== 'close' && (
        <label>
          Amount ({unit.symbol})
          <div class="row">
            <TextField value={useAll ? 'all' : amountText} onInput={setAmount} testId="vault-amount" placeholder="0.0" />
            {max !== null && (
              <button data-testid="vault-max" data-raw={String(max)} onClick={() => setAmount(formatAmount(max, unit.decimals, unit.decimals).replace(/,/g, ''))}>
                Max
              </button>
            )}
            {kind === 'repay' && (
              <button data-testid="vault-all" class={useAll ? 'active' : ''} onClick={() => setAll(true)}>
                All
              </button>
            )}
          </div>
        </label>
      )}
      <p class="muted" data-testid="vault-wallet">
        Wallet: {formatAmount(balances.collateral, collateral.decimals)} {collateral.symbol} · {formatAmount(balances.stable, stable.decimals)} {stable.symbol}
      </p>
      <Preview after={after} type={type} collateral={collateral} stable={stable} kind={kind} drop={drop} />
      {warn && (
        <p class="warning" data-testid="vault-warning">
          After this a fall of {Number(drop) / 100} % in the {collateral.symbol} price makes the vault liquidatable (liquidation price{' '}
          {formatPrice(after!.liquidationPrice)}).
        </p>
      )}
      <SubmitButton label={label} reason={reason} busy={busy} onClick={submit} testId="vault-submit" />
      {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </div>
  );
}

/** The vault as `StablecoinApi::vault` reports it now. */
function CurrentVault({ vault, type, collateral, stable }: { vault: VaultInfo | null; type: CollateralTypeInfo; collateral: AssetInfo; stable: AssetInfo }) {
  if (!vault) {
    return (
      <p class="muted" data-testid="vault-none">
        No {collateral.symbol} vault yet: deposit {collateral.symbol} to open one, then mint {stable.symbol} up to a ratio of {formatRatio(type.minimumRatio)}.
      </p>
    );
  }
  const c = (v: bigint) => `${formatAmount(v, collateral.decimals, 6)} ${collateral.symbol}`;
  const s = (v: bigint) => `${formatAmount(v, stable.decimals, 6)} ${stable.symbol}`;
  return (
    <dl class="quote summary" data-testid="vault-current" data-liquidatable={String(vault.liquidatable)}>
      <dt>Collateral</dt>
      <dd data-testid="vault-collateral" data-raw={String(vault.collateral)}>
        {c(vault.collateral)}
      </dd>
      <dt>Debt</dt>
      <dd data-testid="vault-debt" data-raw={String(vault.debt)}>
        {s(vault.debt)}
      </dd>
      <dt>Ratio</dt>
      <dd>
        <b class={vault.liquidatable ? 'health-bad' : 'health-ok'} data-testid="vault-ratio" data-raw={vault.ratio === null ? '' : String(vault.ratio)}>
          {formatRatio(vault.ratio)}
        </b>
        <span class="muted">
          {' '}
          (liquidation below {formatRatio(type.liquidationRatio)}, minting down to {formatRatio(type.minimumRatio)})
        </span>
        {vault.liquidatable && <span class="badge badge-unavailable"> liquidatable</span>}
      </dd>
      <dt>Liquidation price</dt>
      <dd data-testid="vault-liquidation-price" data-raw={vault.liquidationPrice === null ? '' : String(vault.liquidationPrice)}>
        {formatPrice(vault.liquidationPrice)}
        <span class="muted"> per {collateral.symbol} (now {formatPrice(type.price)})</span>
      </dd>
      <dt>May mint now</dt>
      <dd data-testid="vault-max-mintable" data-raw={String(vault.maxMintable)}>
        {s(vault.maxMintable)}
      </dd>
      <dt>May withdraw now</dt>
      <dd data-testid="vault-max-withdrawable" data-raw={String(vault.maxWithdrawable)}>
        {c(vault.maxWithdrawable)}
      </dd>
    </dl>
  );
}

function Preview({
  after,
  type,
  collateral,
  stable,
  kind,
  drop,
}: {
  after: VaultProjection | null;
  type: CollateralTypeInfo;
  collateral: AssetInfo;
  stable: AssetInfo;
  kind: VaultActionKind;
  drop: bigint | null;
}) {
  return (
    <dl class="quote preview" data-testid="vault-preview" data-action={kind}>
      <dt>Ratio after</dt>
      <dd>
        {after === null ? (
          <span class="muted" data-testid="vault-ratio-after" data-raw="">
            enter an amount
          </span>
        ) : (
          <b data-testid="vault-ratio-after" data-raw={after.ratio === null ? '' : String(after.ratio)} data-priced={String(after.priced)}>
            {after.priced || after.debt === 0n ? formatRatio(after.ratio) : 'unknown (no price)'}
          </b>
        )}
      </dd>
      {after !== null && (
        <>
          <dt>Liquidation price after</dt>
          <dd data-testid="vault-liquidation-price-after" data-raw={after.liquidationPrice === null ? '' : String(after.liquidationPrice)}>
            {formatPrice(after.liquidationPrice)}
            {drop !== null && after.debt > 0n && <span class="muted"> ({Number(drop) / 100} % below {formatPrice(type.price)})</span>}
          </dd>
          <dt>Collateral after</dt>
          <dd data-testid="vault-collateral-after" data-raw={String(after.collateral)}>
            {formatAmount(after.collateral, collateral.decimals, 6)} {collateral.symbol}
          </dd>
          <dt>Debt after</dt>
          <dd data-testid="vault-debt-after" data-raw={String(after.debt)}>
            {formatAmount(after.debt, stable.decimals, 6)} {stable.symbol}
          </dd>
        </>
      )}
    </dl>
  );
}

function maxFor(kind: VaultActionKind, collateral: AssetInfo, vault: VaultInfo | null, balance: bigint): bigint | null {
  switch (kind) {
    case 'deposit':
      return spendable(collateral, balance);
    case 'withdraw':
      return vault ? vault.maxWithdrawable : null;
    case 'mint':
      return vault ? vault.maxMintable : null;
    default:
      return null;
  }
}

/** Why the form cannot be signed, or null. */
function reasonFor(
  kind: VaultActionKind,
  sc: StablecoinData,
  type: CollateralTypeInfo,
  vault: VaultInfo | null,
  collateral: AssetInfo,
  stable: AssetInfo,
  amount: bigint | 'all' | null,
  after: VaultProjection | null,
  balances: { collateral: bigint; stable: bigint },
  disputed: boolean,
): string | null {
  const c = (v: bigint) => `${formatAmount(v, collateral.decimals)} ${collateral.symbol}`;
  const s = (v: bigint) => `${formatAmount(v, stable.decimals)} ${stable.symbol}`;
  const shutdown = sc.totals.shutdown !== null;
  if (!selectedAccount()) return 'Select an account';
  if (shutdown && (kind === 'deposit' || kind === 'mint' || kind === 'repay')) {
    return 'The stablecoin is shut down: vaults can only be withdrawn from or closed';
  }
  if (!vault && kind !== 'deposit') return `No ${collateral.symbol} vault: deposit ${collateral.symbol} to open one`;
  const noPrice = type.price === null || type.price === 0n;
  const belowMinimum = (p: VaultProjection | null) =>
    p !== null && p.debt > 0n && p.ratio !== null && p.ratio < type.minimumRatio
      ? `This would take the ratio to ${formatRatio(p.ratio)}, below the minimum of ${formatRatio(type.minimumRatio)}`
      : null;
  if (kind === 'close') {
    if (!shutdown && vault!.debt > 0n && repayAllNeed(vault!.debt) > balances.stable) {
      return `Closing repays ${s(vault!.debt)}: more than your balance of ${s(balances.stable)}`;
    }
    return null;
  }
  if (amount === null) return 'Enter an amount';
  if (amount === 0n) return 'The amount must be above zero';
  switch (kind) {
    case 'deposit':
      if (amount === 'all') return 'Enter an amount';
      if (amount > spendable(collateral, balances.collateral)) return `The amount exceeds what you can deposit: ${c(spendable(collateral, balances.collateral))}`;
      return null;
    case 'withdraw': {
      const v = vault!;
      if (amount === 'all') return 'Enter an amount';
      if (amount > v.collateral) return `The vault holds only ${c(v.collateral)}`;
      if (shutdown || v.debt === 0n) return null;
      if (noPrice) return `No fresh ${collateral.symbol} price: the chain refuses withdrawing from an indebted vault without one`;
      if (disputed) return `The ${collateral.symbol} price is disputed: the chain refuses withdrawing until it settles`;
      const below = belowMinimum(after);
      if (below) return below;
      if (amount > v.maxWithdrawable) return `You may withdraw at most ${c(v.maxWithdrawable)} now`;
      return null;
    }
    case 'mint': {
      const v = vault!;
      if (amount === 'all') return 'Enter an amount';
      if (noPrice) return `No fresh ${collateral.symbol} price: the chain refuses minting without one`;
      if (disputed) return `The ${collateral.symbol} price is disputed: the chain refuses minting until it settles`;
      if (after && after.debt < type.minimumDebt) return `A vault must owe at least ${s(type.minimumDebt)}`;
      const below = belowMinimum(after);
      if (below) return below;
      if (amount > v.maxMintable) return `You may mint at most ${s(v.maxMintable)} now (minimum ratio and debt ceilings)`;
      return null;
    }
    case 'repay': {
      const v = vault!;
      if (v.debt === 0n) return `The vault owes no ${stable.symbol}`;
      if (amount !== 'all' && amount > v.debt) return `The amount exceeds the debt of ${s(v.debt)}`;
      const remaining = amount === 'all' ? 0n : v.debt - amount;
      if (remaining > 0n && remaining < type.minimumDebt) return `What remains must be 0 or at least ${s(type.minimumDebt)}: repay all instead`;
      const need = amount === 'all' ? repayAllNeed(v.debt) : amount;
      if (need > balances.stable) return `Repaying needs ${s(need)}, more than your balance of ${s(balances.stable)}`;
      return null;
    }
  }
  return null;
}
