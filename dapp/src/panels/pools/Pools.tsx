// Pools: every DEX pool with reserves, fee, LP supply, the account's share and its value; create
// a pool, add and remove liquidity; a price chart from the pool's own oracle samples.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, type PoolInfo, assetByKey, refresh } from '../../chain/data';
import { formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { toKind } from '../../chain/swap';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';
import { PriceChart } from './PriceChart';

function symbols(pool: PoolInfo): string {
  return pool.assets.map((k) => assetByKey(k)?.symbol ?? k).join(' / ');
}

export function Pools({ data }: { data: ChainData }) {
  const [selected, setSelected] = useState<number | null>(null);
  const pool = data.pools.find((p) => p.poolId === selected) ?? null;
  return (
    <section class="panel" data-testid="pools">
      <h2>Pools</h2>
      <table class="pools">
        <thead>
          <tr>
            <th>Pool</th>
            <th>Kind</th>
            <th class="num">Reserves</th>
            <th class="num">Fee</th>
            <th class="num">LP supply</th>
            <th class="num">Your share</th>
            <th class="num">Its value</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.pools.map((p) => {
            const mine = data.positions.find((x) => x.poolId === p.poolId);
            const share = mine && p.lpSupply > 0n ? Number((mine.shares * 1_000_000n) / p.lpSupply) / 10_000 : 0;
            return (
              <tr data-testid={`pool-${p.poolId}`} data-reserves={p.reserves.map(String).join(',')} data-lp-supply={String(p.lpSupply)}>
                <td>
                  #{p.poolId} {symbols(p)}
                </td>
                <td>{p.stable ? `stable (A ${p.amplification})` : 'constant product'}</td>
                <td class="num">{p.reserves.map((r, i) => `${formatAmount(r, assetByKey(p.assets[i])?.decimals ?? 0, 2)} ${assetByKey(p.assets[i])?.symbol}`).join(' · ')}</td>
                <td class="num">{(p.feePpm / 10_000).toFixed(2)} %</td>
                <td class="num">{formatAmount(p.lpSupply, 12, 4)}</td>
                <td class="num" data-testid={`pool-share-${p.poolId}`}>
                  {share > 0 ? `${share.toFixed(4)} %` : '—'}
                </td>
                <td class="num">
                  {mine?.value
                    ? mine.value.map((v, i) => `${formatAmount(v, assetByKey(p.assets[i])?.decimals ?? 0, 4)} ${assetByKey(p.assets[i])?.symbol}`).join(' + ')
                    : '—'}
                </td>
                <td>
                  <button data-testid={`pool-open-${p.poolId}`} onClick={() => setSelected(p.poolId)}>
                    Manage
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pool && <ManagePool key={pool.poolId} pool={pool} data={data} />}
      <CreatePool data={data} />
    </section>
  );
}

function useTx(): [TxState, (s: TxState) => void, boolean] {
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  return [tx, setTx, tx.phase === 'signing' || tx.phase === 'broadcast'];
}

function NativeTx({ tx }: { tx: TxState }) {
  const native = assetByKey(NATIVE_KEY);
  return native ? <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} /> : null;
}

function ManagePool({ pool, data }: { pool: PoolInfo; data: ChainData }) {
  const [texts, setTexts] = useState<string[]>(pool.assets.map(() => ''));
  const [sharesText, setSharesText] = useState('');
  const [tx, setTx, busy] = useTx();
  const assets = pool.assets.map((k) => assetByKey(k));
  const amounts = texts.map((t, i) => (assets[i] ? parseAmount(t, assets[i]!.decimals) : null));

  // A constant-product pool takes deposits at its price: typing one amount fills the other.
  const setAmount = (i: number, text: string) => {
    const next = [...texts];
    next[i] = text;
    const parsed = assets[i] ? parseAmount(text, assets[i]!.decimals) : null;
    if (!pool.stable && parsed !== null && pool.reserves[0] > 0n && pool.reserves[1] > 0n) {
      const j = 1 - i;
      const other = (parsed * pool.reserves[j] + pool.reserves[i] - 1n) / pool.reserves[i];
      next[j] = formatAmount(other, assets[j]?.decimals ?? 0, assets[j]?.decimals ?? 0).replace(/,/g, '');
    }
    setTexts(next);
  };

  let addReason: string | null = null;
  amounts.forEach((a, i) => {
    if (addReason) return;
    if (a === null) addReason = `Enter an amount of ${assets[i]?.symbol}`;
    else if (a > (data.balances[pool.assets[i]] ?? 0n)) addReason = `The ${assets[i]?.symbol} amount exceeds your balance`;
  });
  if (!addReason && amounts.every((a) => a === 0n)) addReason = 'The amounts must not all be zero';

  const position = data.positions.find((p) => p.poolId === pool.poolId);
  const shares = parseAmount(sharesText, 12);
  let removeReason: string | null = null;
  if (shares === null) removeReason = 'Enter an LP amount';
  else if (shares === 0n) removeReason = 'The LP amount must be above zero';
  else if (shares > (position?.shares ?? 0n)) removeReason = 'The LP amount exceeds your LP tokens';

  const add = async () => {
    const account = selectedAccount();
    if (!account || amounts.some((a) => a === null)) return;
    const api = await getApi();
    await submitTx(api, api.tx.dex.addLiquidity(pool.poolId, amounts as bigint[], 0), account, `Add liquidity to pool #${pool.poolId}`, setTx);
    await refresh(api, account.address);
  };
  const remove = async () => {
    const account = selectedAccount();
    if (!account || shares === null) return;
    const api = await getApi();
    await submitTx(
      api,
      api.tx.dex.removeLiquidity(pool.poolId, shares, pool.assets.map(() => 0)),
      account,
      `Remove liquidity from pool #${pool.poolId}`,
      setTx,
    );
    await refresh(api, account.address);
  };

  return (
    <div class="form manage" data-testid="manage-pool">
      <h3>
        Pool #{pool.poolId} {symbols(pool)}
      </h3>
      <PriceChart pool={pool} blockHash={data.blockHash} />
      <h4>Add liquidity</h4>
      {pool.assets.map((k, i) => (
        <label>
          {assetByKey(k)?.symbol} <TextField value={texts[i]} onInput={(v) => setAmount(i, v)} testId={`add-amount-${i}`} placeholder="0.0" />
        </label>
      ))}
      <SubmitButton label="Add liquidity" reason={addReason} busy={busy} onClick={add} testId="add-submit" />
      <h4>Remove liquidity</h4>
      <label>
        LP tokens (you hold {formatAmount(position?.shares ?? 0n, 12)})
        <TextField value={sharesText} onInput={setSharesText} testId="remove-shares" placeholder="0.0" />
      </label>
      <SubmitButton label="Remove liquidity" reason={removeReason} busy={busy} onClick={remove} testId="remove-submit" />
      <NativeTx tx={tx} />
    </div>
  );
}

function CreatePool({ data }: { data: ChainData }) {
  const [a, setA] = useState(NATIVE_KEY);
  const [b, setB] = useState('2');
  const [fee, setFee] = useState<number | null>(null);
  const [tx, setTx, busy] = useTx();
  const feePpm = fee ?? data.feeTiersPpm[0] ?? 3_000;
  const exists = data.pools.some((p) => !p.stable && p.feePpm === feePpm && p.assets.includes(a) && p.assets.includes(b));
  const reason = a === b ? 'Pick two different assets' : exists ? 'A pool for this pair and fee exists' : null;
  const create = async () => {
    const account = selectedAccount();
    if (!account) return;
    const api = await getApi();
    await submitTx(api, api.tx.dex.createPool(toKind(a), toKind(b), feePpm), account, 'Create pool', setTx);
    await refresh(api, account.address);
  };
  return (
    <div class="form" data-testid="create-pool">
      <h3>Create a constant-product pool</h3>
      <div class="row">
        <AssetPicker assets={data.assets} value={a} onChange={setA} testId="create-a" />
        <AssetPicker assets={data.assets} value={b} onChange={setB} testId="create-b" />
        <select data-testid="create-fee" value={String(feePpm)} onChange={(e) => setFee(Number((e.target as HTMLSelectElement).value))}>
          {data.feeTiersPpm.map((t) => (
            <option value={String(t)}>{(t / 10_000).toFixed(2)} %</option>
          ))}
        </select>
      </div>
      <SubmitButton label="Create pool" reason={reason} busy={busy} onClick={create} testId="create-submit" />
      <NativeTx tx={tx} />
    </div>
  );
}
