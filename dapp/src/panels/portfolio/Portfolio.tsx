// Portfolio: every balance of the selected account, its LP positions and their value, transfers.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount, isValidAddress } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { AssetPicker, SubmitButton, TextField } from '../../components/inputs';

export function Portfolio({ data }: { data: ChainData }) {
  const native = assetByKey(NATIVE_KEY);
  return (
    <section class="panel" data-testid="portfolio" data-account={data.account ?? ''}>
      <h2>Portfolio</h2>
      <table class="balances">
        <thead>
          <tr>
            <th>Asset</th>
            <th class="num">Balance</th>
          </tr>
        </thead>
        <tbody>
          {data.assets.map((a) => (
            <tr>
              <td>{a.symbol}</td>
              <td class="num" data-testid={`balance-${a.symbol}`} data-raw={String(data.balances[a.key] ?? 0n)}>
                {formatAmount(data.balances[a.key] ?? 0n, a.decimals)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Liquidity positions</h3>
      {data.positions.length === 0 ? (
        <p class="muted">No LP tokens.</p>
      ) : (
        <table class="positions">
          <thead>
            <tr>
              <th>Pool</th>
              <th class="num">LP tokens</th>
              <th class="num">Worth now</th>
            </tr>
          </thead>
          <tbody>
            {data.positions.map((p) => {
              const pool = data.pools.find((x) => x.poolId === p.poolId);
              return (
                <tr data-testid={`position-${p.poolId}`} data-shares={String(p.shares)} data-value={p.value ? p.value.map(String).join(',') : ''}>
                  <td>#{p.poolId} {pool?.assets.map((k) => assetByKey(k)?.symbol).join(' / ')}</td>
                  <td class="num">{formatAmount(p.shares, 12)}</td>
                  <td class="num">
                    {p.value && pool
                      ? p.value.map((v, i) => `${formatAmount(v, assetByKey(pool.assets[i])?.decimals ?? 0)} ${assetByKey(pool.assets[i])?.symbol}`).join(' + ')
                      : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {native && <Transfer data={data} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </section>
  );
}

function Transfer({ data, nativeDecimals, nativeSymbol }: { data: ChainData; nativeDecimals: number; nativeSymbol: string }) {
  const [assetKey, setAssetKey] = useState(NATIVE_KEY);
  const [to, setTo] = useState('');
  const [amountText, setAmountText] = useState('');
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const asset = assetByKey(assetKey);
  const amount = asset ? parseAmount(amountText, asset.decimals) : null;
  const balance = data.balances[assetKey] ?? 0n;
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  let reason: string | null = null;
  if (!isValidAddress(to)) reason = 'Enter a valid recipient address';
  else if (amount === null) reason = 'Enter an amount';
  else if (amount === 0n) reason = 'The amount must be above zero';
  else if (amount > balance) reason = `The amount exceeds your balance of ${formatAmount(balance, asset?.decimals ?? 0)}`;
  const send = async () => {
    const account = selectedAccount();
    if (!account || !asset || amount === null) return;
    const api = await getApi();
    const tx =
      assetKey === NATIVE_KEY ? api.tx.balances.transferKeepAlive(to.trim(), amount) : api.tx.assets.transferKeepAlive(Number(assetKey), to.trim(), amount);
    await submitTx(api, tx, account, `Transfer ${amountText} ${asset.symbol}`, setTx);
    await refresh(api, account.address);
  };
  return (
    <div class="form" data-testid="transfer">
      <h3>Transfer</h3>
      <label>
        Asset <AssetPicker assets={data.assets} value={assetKey} onChange={setAssetKey} testId="transfer-asset" />
      </label>
      <label>
        To <TextField value={to} onInput={setTo} testId="transfer-to" placeholder="SS58 address" />
      </label>
      <label>
        Amount <TextField value={amountText} onInput={setAmountText} testId="transfer-amount" placeholder="0.0" />
      </label>
      <SubmitButton label="Transfer" reason={reason} busy={busy} onClick={send} testId="transfer-submit" />
      <TxStatus state={tx} nativeDecimals={nativeDecimals} nativeSymbol={nativeSymbol} />
    </div>
  );
}
