// Farms (liquidity mining): every farm `FarmingApi::farms` reports, with its program in words,
// status, reward rate per block and per day, APR, total shares and their USD value and the pot
// left; beside each, the account's shares and pending rewards (`FarmingApi::farmer`), read at
// the block the page shows and so ticking up on every new block (the page reloads on each new
// head, see `chain/data.ts`), with a claim per farm and a claim of every farm. Deposits and
// withdrawals of deposit farms (LP tokens, held in place in the account) are in FarmForm; the
// activity farms (lending, staking, trading) count positions and volume with no farming call.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { formatAmount, NATIVE_KEY } from '../../chain/assets';
import { type FarmInfo, type FarmStatus, type FarmingData, entryOf, payableOf, perDay } from '../../chain/farming';
import { formatPercent, formatUsd } from '../../chain/lending';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { SubmitButton } from '../../components/inputs';
import { symbolOf } from '../lending/common';
import { farmName, shareUnit } from './common';
import { FarmForm } from './FarmForm';

const STATUS_BADGE: Record<FarmStatus, string> = {
  Scheduled: 'badge',
  Active: 'badge badge-live',
  Underfunded: 'badge badge-warn',
  Stopped: 'badge badge-warn',
  Ended: 'badge',
};

export function Farms({ data }: { data: ChainData }) {
  const fm = data.farming;
  if (!fm || fm.farms.length === 0) {
    return (
      <section class="panel" data-testid="farms">
        <h2>Farms</h2>
        <p class="muted">This chain has no farms.</p>
      </section>
    );
  }
  return (
    <section class="panel" data-testid="farms" data-account={data.account ?? ''} data-block-hash={data.blockHash ?? ''} data-block={data.blockNumber ?? ''}>
      <h2>Farms</h2>
      <p class="muted">
        Every block a farm pays its reward rate to its shares, pro rata. LP and token farms count what you deposit (it stays in your account,
        held); lending, staking and trading farms count your positions and volume by themselves. Pending rewards are as of block #
        {data.blockNumber?.toLocaleString('en-US') ?? '…'}; a claim lands in the next block and pays that block's share too. Trading rewards are
        paid once the epoch closes. Per day assumes 6 s a block.
      </p>
      <FarmsTable data={data} fm={fm} />
      <FarmForm data={data} fm={fm} />
    </section>
  );
}

/** `raw` base units of asset `key`, at most `maxFraction` fraction digits, with the symbol. */
function amount(raw: bigint, key: string, maxFraction = 6): string {
  return `${formatAmount(raw, assetByKey(key)?.decimals ?? 0, maxFraction)} ${symbolOf(key)}`;
}

const joined = (values: Array<bigint | null>) => values.map((v) => (v === null ? '' : String(v))).join(',');

function FarmsTable({ data, fm }: { data: ChainData; fm: FarmingData }) {
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const native = assetByKey(NATIVE_KEY);
  const account = selectedAccount();

  const claim = async (f: FarmInfo | null) => {
    const who = selectedAccount();
    if (!who) return;
    const api = await getApi();
    const call = f === null ? api.tx.farming.claimAll() : api.tx.farming.claim(f.id);
    const title = f === null ? 'Claim the rewards of every farm' : `Claim the rewards of farm #${f.id} (${farmName(data, f)})`;
    await submitTx(api, call, who, title, setTx);
    await refresh(api, who.address);
  };

  // What a claim of every farm pays now, per reward asset.
  const payable = new Map<string, bigint>();
  for (const e of fm.farmer) for (const p of e.pending) payable.set(p.asset, (payable.get(p.asset) ?? 0n) + p.payable);
  const anything = [...payable.values()].some((v) => v > 0n);
  const claimAllReason = !account ? 'Select an account' : !anything ? 'Nothing to claim' : null;
  return (
    <div data-testid="farms-table">
      <h3>Farms</h3>
      <table class="markets">
        <thead>
          <tr>
            <th>Farm</th>
            <th>Status</th>
            <th class="num">Reward rate</th>
            <th class="num">APR</th>
            <th class="num">Total shares</th>
            <th class="num">Total value</th>
            <th class="num">Pot left</th>
            <th class="num">Your shares</th>
            <th class="num">Pending</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fm.farms.map((f) => {
            const entry = entryOf(fm, f.id);
            const unit = shareUnit(data, f);
            const trading = f.program.kind === 'trading';
            const mine = payableOf(entry);
            const claimReason = !account ? 'Select an account' : mine === 0n ? 'Nothing to claim' : null;
            return (
              <tr
                data-testid="farm-row"
                data-farm={String(f.id)}
                data-program={f.program.kind}
                data-description={farmName(data, f)}
                data-status={f.status}
                data-rate={joined(f.streams.map((s) => s.rate))}
                data-rate-per-day={joined(f.streams.map((s) => perDay(s.rate)))}
                data-apr={joined(f.streams.map((s) => s.apr))}
                data-pot={joined(f.streams.map((s) => s.pot))}
                data-total-shares={String(f.totalShares)}
                data-total-value={f.totalValue === null ? '' : String(f.totalValue)}
                data-epoch-length={String(f.epochLength)}
                data-epoch-volume={String(f.epochVolume)}
                data-shares={String(entry?.shares ?? 0n)}
                data-pending={entry ? joined(entry.pending.map((p) => p.accrued)) : '0'}
                data-payable={entry ? joined(entry.pending.map((p) => p.payable)) : '0'}
              >
                <td data-testid="farm-program">
                  <b>#{f.id}</b> {farmName(data, f)}
                  <div class="muted">until block #{f.end.toLocaleString('en-US')}</div>
                </td>
                <td data-testid="farm-status">
                  <span class={STATUS_BADGE[f.status] ?? 'badge'}>{f.status}</span>
                </td>
                <td class="num" data-testid="farm-rate">
                  {f.streams.map((s) => (
                    <div>
                      {amount(s.rate, s.asset, 12)} / block
                      <div class="muted">{amount(perDay(s.rate), s.asset, 4)} / day</div>
                    </div>
                  ))}
                </td>
                <td class="num" data-testid="farm-apr">
                  {f.streams.map((s) => (
                    <div>{s.apr === null ? '–' : formatPercent(s.apr)}</div>
                  ))}
                </td>
                <td class="num" data-testid="farm-total-shares">
                  {trading ? (
                    <>
                      {formatAmount(f.epochVolume, unit.decimals, 2)} {unit.unit}
                      <div class="muted">volume this epoch</div>
                    </>
                  ) : (
                    `${formatAmount(f.totalShares, unit.decimals, 4)} ${unit.unit}`
                  )}
                </td>
                <td class="num" data-testid="farm-total-value">
                  {f.totalValue === null ? '–' : formatUsd(f.totalValue)}
                </td>
                <td class="num" data-testid="farm-pot">
                  {f.streams.map((s) => (
                    <div>
                      {amount(s.pot, s.asset, 2)}
                      {s.owed > 0n && <div class="badge badge-warn">owed {amount(s.owed, s.asset)}</div>}
                    </div>
                  ))}
                </td>
                <td class="num" data-testid="farm-shares">
                  {entry ? `${formatAmount(entry.shares, unit.decimals, unit.decimals)} ${unit.unit}` : <span class="muted">—</span>}
                </td>
                <td class="num" data-testid="farm-pending">
                  {entry ? (
                    entry.pending.map((p) => (
                      <div>
                        {amount(p.accrued, p.asset, 18)}
                        {p.payable < p.accrued && <div class="muted">payable now {amount(p.payable, p.asset, 18)}</div>}
                      </div>
                    ))
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td>
                  <button data-testid="farm-claim" data-farm={String(f.id)} disabled={claimReason !== null || busy} title={claimReason ?? ''} onClick={() => claim(f)}>
                    {busy ? 'Waiting…' : 'Claim'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="form">
        <p class="muted" data-testid="farms-payable" data-raw={String(payable.get(NATIVE_KEY) ?? 0n)}>
          Claimable now in all farms:{' '}
          {anything
            ? [...payable.entries()]
                .filter(([, v]) => v > 0n)
                .map(([key, v]) => amount(v, key, 18))
                .join(' + ')
            : 'nothing'}
        </p>
        <SubmitButton label="Claim all" reason={claimAllReason} busy={busy} onClick={() => claim(null)} testId="farms-claim-all" />
      </div>
      <div data-testid="farms-tx">{native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}</div>
    </div>
  );
}
