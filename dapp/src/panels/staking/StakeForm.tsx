// The stake form: pick a product and an amount. Before signing it shows the reward the stake
// would reserve as the chain reports it (`TermStakingApi::quote`, read at the block the page
// shows, on every new block and input), the block it would mature at (the chain records the block
// the stake lands in plus the term: `best + 1 + term` when it lands in the next block), and, for
// a product with an early exit, what exiting would return. A stake the chain would refuse
// (closed, outside the bounds, over capacity, beyond the pot, above the balance) is not signed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { type AssetInfo, formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import {
  type StakingData,
  type StakingProduct,
  capacityLeft,
  exitPenalty,
  expectedMaturity,
  formatBlocks,
  stakeRejection,
  stakingQuote,
} from '../../chain/staking';
import { formatPpm } from '../../chain/stablecoin';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { SubmitButton, TextField } from '../../components/inputs';
import { amountOf, productName } from './common';

/** Native tokens kept back from a "max" stake for fees (whole tokens). */
const NATIVE_FEE_RESERVE = 1n;

/** What may be staked from `balance`: the free balance less the minimum balance (and, for DFI,
 * 1 DFI for fees). */
function spendable(asset: AssetInfo, balance: bigint): bigint {
  const keep = asset.minBalance + (asset.key === NATIVE_KEY ? NATIVE_FEE_RESERVE * 10n ** BigInt(asset.decimals) : 0n);
  return balance > keep ? balance - keep : 0n;
}

interface Quote {
  /** The inputs it was read for. */
  inputs: string;
  blockHash?: string;
  reward: bigint | null;
}

export function StakeForm({ data, st }: { data: ChainData; st: StakingData }) {
  const [productId, setProductId] = useState(st.products.find((p) => p.open)?.id ?? st.products[0].id);
  const [amountText, setAmountText] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const lastInputs = useRef('');

  const product = st.products.find((p) => p.id === productId) ?? st.products[0];
  const asset = assetByKey(product.stakedAsset);
  const rewardAsset = assetByKey(product.rewardAsset);
  const amount = asset ? parseAmount(amountText, asset.decimals) : null;
  const inputs = `${product.id}|${amount ?? ''}`;

  // The chain's quote for the inputs, at the block the page shows; a new block keeps the previous
  // quote on screen until the new one arrives, new inputs clear it.
  useEffect(() => {
    let cancelled = false;
    if (inputs !== lastInputs.current) {
      lastInputs.current = inputs;
      setQuote(null);
    }
    if (amount === null || amount === 0n) return;
    const blockHash = data.blockHash;
    getApi()
      .then((api) => stakingQuote(api, product.id, amount, blockHash))
      .then((reward) => !cancelled && setQuote({ inputs, blockHash, reward }))
      .catch((e) => {
        console.error('staking quote failed', e);
        if (!cancelled) setQuote(null);
      });
    return () => {
      cancelled = true;
    };
  }, [inputs, data.blockHash]);

  if (!asset || !rewardAsset) return null;
  const shown = quote !== null && quote.inputs === inputs ? quote : null;
  const balance = data.balances[asset.key] ?? 0n;
  const maturity = data.blockNumber === undefined ? null : expectedMaturity(data.blockNumber, product.term);
  const reason = reasonFor(product, asset, amount, balance, shown);

  const submit = async () => {
    const who = selectedAccount();
    if (!who || amount === null) return;
    const api = await getApi();
    const title = `Stake ${formatAmount(amount, asset.decimals, asset.decimals)} ${asset.symbol} in product #${product.id} for ${product.term.toLocaleString('en-US')} blocks`;
    await submitTx(api, api.tx.termStaking.stake(product.id, amount), who, title, setTx);
    await refresh(api, who.address);
  };

  const max = spendable(asset, balance);
  const maxFill = max < product.maxStakeNow ? max : product.maxStakeNow;
  const native = assetByKey(NATIVE_KEY);
  const penalty = product.earlyExitPenaltyPpm;
  return (
    <div class="form" data-testid="stake-form" data-product={String(product.id)}>
      <h3>Stake</h3>
      <label>
        Product
        <select data-testid="staking-product" value={String(product.id)} onChange={(e) => setProductId(Number((e.target as HTMLSelectElement).value))}>
          {st.products.map((p) => (
            <option value={String(p.id)}>
              {productName(p)}
              {p.open ? '' : ' (closed)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount ({asset.symbol})
        <div class="row">
          <TextField value={amountText} onInput={setAmountText} testId="stake-amount" placeholder="0.0" />
          <button data-testid="stake-max" data-raw={String(maxFill)} onClick={() => setAmountText(formatAmount(maxFill, asset.decimals, asset.decimals).replace(/,/g, ''))}>
            Max
          </button>
        </div>
      </label>
      <p class="muted" data-testid="stake-wallet">
        Wallet: {formatAmount(balance, asset.decimals)} {asset.symbol} · this product takes {amountOf(product.minStake, asset.key)} to{' '}
        {amountOf(product.maxStakeNow, asset.key)} now
      </p>
      <dl class="quote preview" data-testid="stake-preview" data-product={String(product.id)}>
        <dt>Reward at maturity</dt>
        <dd>
          {shown === null ? (
            <span class="muted" data-testid="stake-reward-preview" data-raw="">
              {amount === null || amount === 0n ? 'enter an amount' : 'quoting…'}
            </span>
          ) : shown.reward === null ? (
            <span class="muted" data-testid="stake-reward-preview" data-raw="" data-rejected="true" data-block-hash={shown.blockHash ?? ''}>
              the chain would reject this stake
            </span>
          ) : (
            <b data-testid="stake-reward-preview" data-raw={String(shown.reward)} data-block-hash={shown.blockHash ?? ''}>
              {formatAmount(shown.reward, rewardAsset.decimals, rewardAsset.decimals)} {rewardAsset.symbol}
            </b>
          )}
        </dd>
        <dt>Matures</dt>
        <dd data-testid="stake-maturity-preview" data-raw={maturity === null ? '' : String(maturity)}>
          {maturity === null ? '—' : `≈ block #${maturity.toLocaleString('en-US')}`}
          <span class="muted">
            {' '}
            ({product.term.toLocaleString('en-US')} blocks after the block it lands in, {formatBlocks(product.term)})
          </span>
        </dd>
        <dt>Early exit</dt>
        <dd data-testid="stake-exit-preview" data-raw={penalty !== null && amount !== null && amount > 0n ? String(amount - exitPenalty(amount, penalty)) : ''}>
          {penalty === null
            ? 'none: the stake stays until maturity'
            : amount !== null && amount > 0n
              ? `before maturity returns ${amountOf(amount - exitPenalty(amount, penalty), asset.key)} (${formatPpm(penalty)} penalty, reward forfeited)`
              : `${formatPpm(penalty)} penalty, reward forfeited`}
        </dd>
      </dl>
      <SubmitButton label="Stake" reason={reason} busy={busy} onClick={submit} testId="stake-submit" />
      {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </div>
  );
}

const REJECTIONS: Record<string, (p: StakingProduct, a: (v: bigint) => string) => string> = {
  ProductClosed: () => 'The product takes no new stakes',
  ZeroAmount: () => 'The amount must be above zero',
  BelowMinimumStake: (p, a) => `The minimum stake is ${a(p.minStake)}`,
  AboveMaximumStake: (p, a) => `The maximum stake is ${a(p.maxStake)}`,
  CapacityExceeded: (p, a) => `Above the product's capacity: ${a(capacityLeft(p))} left`,
  ZeroReward: () => 'Too small to earn any reward',
  PotInsufficient: (p, a) => `The pot cannot pay this reward: at most ${a(p.maxStakeNow)} may be staked now`,
};

/** Why the form cannot be signed, or null. */
function reasonFor(product: StakingProduct, asset: AssetInfo, amount: bigint | null, balance: bigint, quote: Quote | null): string | null {
  const a = (v: bigint) => `${formatAmount(v, asset.decimals)} ${asset.symbol}`;
  if (!selectedAccount()) return 'Select an account';
  if (amount === null) return 'Enter an amount';
  const rejection = stakeRejection(product, amount);
  if (rejection) return REJECTIONS[rejection](product, a);
  if (amount > spendable(asset, balance)) return `The amount exceeds what you can stake: ${a(spendable(asset, balance))}`;
  if (quote === null) return 'Waiting for the chain’s quote';
  if (quote.reward === null) return 'The chain would reject this stake';
  return null;
}
