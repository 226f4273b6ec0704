// Deposit in and withdraw from a deposit farm (LP tokens of a DEX pool, or a token). The deposit
// stays in the account, held by the farm; the form shows the account's free balance of the
// farm's token (LP tokens: all but the minimum balance of 1 may be deposited, a hold keeps it
// free) and what it has deposited. A deposit or withdrawal the chain would refuse (zero, an ended
// farm, above the free balance or the deposit) is not signed.
import { useState } from 'preact/hooks';
import { getApi } from '../../chain/connection';
import { selectedAccount } from '../../chain/accounts';
import { type ChainData, assetByKey, refresh } from '../../chain/data';
import { formatAmount, parseAmount, NATIVE_KEY } from '../../chain/assets';
import { type FarmingData, entryOf, isDepositFarm } from '../../chain/farming';
import { submitTx, type TxState } from '../../chain/tx';
import { TxStatus } from '../../components/TxStatus';
import { SubmitButton, TextField } from '../../components/inputs';
import { depositable, farmName, shareUnit } from './common';

export function FarmForm({ data, fm }: { data: ChainData; fm: FarmingData }) {
  const farms = fm.farms.filter(isDepositFarm);
  const [farmId, setFarmId] = useState<number | null>(farms[0]?.id ?? null);
  const [amountText, setAmountText] = useState('');
  const [tx, setTx] = useState<TxState>({ phase: 'idle' });
  const busy = tx.phase === 'signing' || tx.phase === 'broadcast';
  const farm = farms.find((f) => f.id === farmId) ?? farms[0];
  if (!farm) return null;

  const { unit, decimals } = shareUnit(data, farm);
  const { free, spendable } = depositable(data, farm);
  const deposited = entryOf(fm, farm.id)?.shares ?? 0n;
  const amount = parseAmount(amountText, decimals);
  const a = (v: bigint) => `${formatAmount(v, decimals, decimals)} ${unit}`;
  const fill = (v: bigint) => setAmountText(formatAmount(v, decimals, decimals).replace(/,/g, ''));

  const common = !selectedAccount() ? 'Select an account' : amount === null ? 'Enter an amount' : amount === 0n ? 'The amount must be above zero' : null;
  const depositReason =
    common ??
    (farm.status === 'Ended'
      ? 'The farm has ended'
      : amount! > spendable
        ? `The amount exceeds what you can deposit: ${a(spendable)}${farm.program.kind === 'lp' ? ' (the minimum LP balance stays free)' : ''}`
        : null);
  const withdrawReason = common ?? (deposited === 0n ? 'Nothing deposited in this farm' : amount! > deposited ? `The amount exceeds your deposit: ${a(deposited)}` : null);

  const send = async (kind: 'deposit' | 'withdraw') => {
    const who = selectedAccount();
    if (!who || amount === null) return;
    const api = await getApi();
    const call = kind === 'deposit' ? api.tx.farming.deposit(farm.id, amount) : api.tx.farming.withdraw(farm.id, amount);
    const title = kind === 'deposit' ? `Deposit ${a(amount)} in farm #${farm.id}` : `Withdraw ${a(amount)} from farm #${farm.id}`;
    await submitTx(api, call, who, title, setTx);
    await refresh(api, who.address);
  };

  const native = assetByKey(NATIVE_KEY);
  return (
    <div class="form" data-testid="farm-form" data-farm={String(farm.id)}>
      <h3>Deposit or withdraw</h3>
      <label>
        Farm
        <select
          data-testid="farm-form-farm"
          value={String(farm.id)}
          onChange={(e) => {
            setFarmId(Number((e.target as HTMLSelectElement).value));
            setAmountText('');
          }}
        >
          {farms.map((f) => (
            <option value={String(f.id)}>
              #{f.id} {farmName(data, f)}
              {f.status === 'Ended' ? ' (ended)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount ({unit})
        <div class="row">
          <TextField value={amountText} onInput={setAmountText} testId="farm-amount" placeholder="0.0" />
          <button data-testid="farm-deposit-max" data-raw={String(spendable)} onClick={() => fill(spendable)}>
            Max deposit
          </button>
          <button data-testid="farm-withdraw-max" data-raw={String(deposited)} onClick={() => fill(deposited)}>
            Max withdraw
          </button>
        </div>
      </label>
      <p class="muted" data-testid="farm-wallet" data-free={String(free)} data-spendable={String(spendable)} data-deposited={String(deposited)}>
        Free in your wallet: {a(free)} · deposited in this farm (held): {a(deposited)}
      </p>
      <div class="row">
        <SubmitButton label="Deposit" reason={depositReason} busy={busy} onClick={() => send('deposit')} testId="farm-deposit-submit" />
        <SubmitButton label="Withdraw" reason={withdrawReason} busy={busy} onClick={() => send('withdraw')} testId="farm-withdraw-submit" />
      </div>
      {native && <TxStatus state={tx} nativeDecimals={native.decimals} nativeSymbol={native.symbol} />}
    </div>
  );
}
