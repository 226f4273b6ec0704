// Term staking: lock an asset for a fixed number of blocks and get it back with a reward that is
// reserved from the product's pot the moment it is staked. Every product with its terms, capacity,
// pot and the largest stake it accepts now (`TermStakingApi::products`), then the stake form
// (StakeForm: the reward `TermStakingApi::quote` reports and the maturity block, before signing),
// then the account's positions (`TermStakingApi::positions`) with their countdown, redemption
// once matured and, where the product has one, the early exit with what it returns.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { NATIVE_KEY } from '../../chain/assets';
import { formatPpm } from '../../chain/stablecoin';
import { type StakingData, type StakingPosition, capacityLeft, formatApr, formatBlocks } from '../../chain/staking';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { symbolOf } from '../lending/common';
import { amountOf, productName } from './common';
import { StakeForm } from './StakeForm';

export function Staking({ data }: { data: ChainData }) {
  const st = data.staking;
  if (!st || st.products.length === 0) {
    return (
      <section class="panel" data-testid="staking">
        <h2>Term staking</h2>
        <p class="muted">This chain has no term staking.</p>
      </section>
    );
  }
  return (
    <section class="panel" data-testid="staking" data-account={data.account ?? ''} data-block-hash={data.blockHash ?? ''} data-block={data.blockNumber ?? ''}>
      <h2>Term staking</h2>
      <p class="muted">
        Stake for a fixed term and get the principal back with a fixed reward at maturity. The principal stays in your account, held (reserved
        for DFI); the reward is reserved from the product's pot when you stake, so it is guaranteed. Terms are in blocks; durations assume 6 s
        a block.
      </p>
      <ProductsTable st={st} />
      <StakeForm data={data} st={st} />
      <Positions data={data} st={st} />
    </section>
  );
}

function ProductsTable({ st }: { st: StakingData }) {
  return (
    <div data-testid="staking-products">
      <h3>Products</h3>
      <table class="markets">
        <thead>
          <tr>
            <th>Product</th>
            <th class="num">Term</th>
            <th class="num">APR</th>
            <th class="num">Min / max stake</th>
            <th class="num">Capacity left</th>
            <th class="num">Pot available</th>
            <th class="num">Early exit</th>
            <th class="num">Max stake now</th>
          </tr>
        </thead>
        <tbody>
          {st.products.map((p) => {
            const left = capacityLeft(p);
            return (
              <tr
                data-testid="staking-product-row"
                data-product={String(p.id)}
                data-staked-asset={p.stakedAsset}
                data-reward-asset={p.rewardAsset}
                data-term={String(p.term)}
                data-apr={String(p.apr)}
                data-open={String(p.open)}
                data-min-stake={String(p.minStake)}
                data-max-stake={String(p.maxStake)}
                data-capacity-left={String(left)}
                data-pot-available={String(p.potAvailable)}
                data-penalty-ppm={p.earlyExitPenaltyPpm === null ? '' : String(p.earlyExitPenaltyPpm)}
                data-max-stake-now={String(p.maxStakeNow)}
              >
                <td>
                  <b>
                    #{p.id} {symbolOf(p.stakedAsset)}
                  </b>
                  {p.rewardAsset !== p.stakedAsset && <span> → {symbolOf(p.rewardAsset)}</span>}
                  {!p.open && <span class="badge badge-warn"> closed</span>}
                </td>
                <td class="num" data-testid="staking-product-term">
                  {p.term.toLocaleString('en-US')} blocks
                  <div class="muted">{formatBlocks(p.term)}</div>
                </td>
                <td class="num" data-testid="staking-product-apr">
                  {formatApr(p.apr)}
                </td>
                <td class="num">
                  {amountOf(p.minStake, p.stakedAsset, 2)} / {amountOf(p.maxStake, p.stakedAsset, 0)}
                </td>
                <td class="num">
                  {amountOf(left, p.stakedAsset, 0)}
                  <div class="muted">of {amountOf(p.capacity, p.stakedAsset, 0)}</div>
                </td>
                <td class="num">
                  {amountOf(p.potAvailable, p.rewardAsset, 2)}
                  <div class="muted">{amountOf(p.potReserved, p.rewardAsset, 2)} promised</div>
                </td>
                <td class="num" data-testid="staking-product-penalty">
                  {p.earlyExitPenaltyPpm === null ? 'none' : `${formatPpm(p.earlyExitPenaltyPpm)} penalty`}
                </td>
                <td class="num" data-testid="staking-product-max-now">
                  {p.maxStakeNow === 0n ? <span class="muted">none</span> : amountOf(p.maxStakeNow, p.stakedAsset, 2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Positions({ data, st }: { data: ChainData; st: StakingData }) {
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const native = assetByKey(NATIVE_KEY);

  const act = async (position: StakingPosition, kind: 'redeem' | 'exit') => {
    const who = selectedAccount();
    if (!who) return;
    const api = await getApi();
    const call = kind === 'redeem' ? api.tx.termStaking.redeem(position.id) : api.tx.termStaking.exitEarly(position.id);
    const title =
      kind === 'redeem'
        ? `Redeem position #${position.id}: ${amountOf(position.principal, position.stakedAsset)} + ${amountOf(position.reward, position.rewardAsset, 12)}`
        : `Exit position #${position.id} early for ${amountOf(position.earlyExitReturns ?? 0n, position.stakedAsset)}`;
    await submitTx(api, call, who, title, setTx);
    await refresh(api, who.address);
  };

  return (
    <div data-testid="staking-positions" data-count={String(st.positions.length)}>
      <h3>Your positions</h3>
      {st.positions.length === 0 ? (
        <p class="muted" data-testid="staking-no-positions">
          No open positions.
        </p>
      ) : (
        <table class="markets">
          <thead>
            <tr>
              <th>Position</th>
              <th class="num">Principal</th>
              <th class="num">Reward</th>
              <th class="num">Matures</th>
              <th class="num">Blocks left</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {st.positions.map((p) => {
              const product = st.products.find((x) => x.id === p.product);
              const penalty = p.earlyExitReturns === null ? null : p.principal - p.earlyExitReturns;
              const redeemReason = !selectedAccount()
                ? 'Select an account'
                : p.matured
                  ? null
                  : `Matures at block #${p.maturesAt.toLocaleString('en-US')}`;
              return (
                <tr
                  data-testid="staking-position-row"
                  data-position={String(p.id)}
                  data-product={String(p.product)}
                  data-principal={String(p.principal)}
                  data-reward={String(p.reward)}
                  data-staked-at={String(p.stakedAt)}
                  data-matures-at={String(p.maturesAt)}
                  data-blocks-left={String(p.blocksLeft)}
                  data-matured={String(p.matured)}
                  data-early-exit-returns={p.earlyExitReturns === null ? '' : String(p.earlyExitReturns)}
                >
                  <td>
                    <b>#{String(p.id)}</b> <span class="muted">{product ? productName(product) : `product #${p.product}`}</span>
                  </td>
                  <td class="num" data-testid="staking-position-principal">
                    {amountOf(p.principal, p.stakedAsset)}
                  </td>
                  <td class="num" data-testid="staking-position-reward">
                    {amountOf(p.reward, p.rewardAsset, 12)}
                  </td>
                  <td class="num" data-testid="staking-position-maturity">
                    block #{p.maturesAt.toLocaleString('en-US')}
                    <div class="muted">staked at #{p.stakedAt.toLocaleString('en-US')}</div>
                  </td>
                  <td class="num" data-testid="staking-position-blocks-left">
                    {p.matured ? (
                      <span class="badge badge-live">matured</span>
                    ) : (
                      <>
                        {p.blocksLeft.toLocaleString('en-US')}
                        <div class="muted">{formatBlocks(p.blocksLeft)}</div>
                      </>
                    )}
                  </td>
                  <td>
                    <div class="submit">
                      <button data-testid="staking-redeem" data-position={String(p.id)} disabled={redeemReason !== null || busy} onClick={() => act(p, 'redeem')}>
                        {busy ? 'Waiting…' : 'Redeem'}
                      </button>
                      {redeemReason !== null && (
                        <div class="reason" data-testid="staking-redeem-reason">
                          {redeemReason}
                        </div>
                      )}
                    </div>
                    {p.earlyExitReturns !== null && !p.matured && (
                      <div>
                        <button
                          data-testid="staking-exit-early"
                          data-position={String(p.id)}
                          data-raw={String(p.earlyExitReturns)}
                          data-penalty={String(penalty)}
                          disabled={busy || !selectedAccount()}
                          onClick={() => act(p, 'exit')}
                        >
                          Exit early for {amountOf(p.earlyExitReturns, p.stakedAsset)}
                        </button>
                        <div class="muted">
                          penalty {amountOf(penalty ?? 0n, p.stakedAsset)}, reward forfeited
                        </div>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div data-testid="staking-positions-tx">{native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}</div>
    </div>
  );
}
