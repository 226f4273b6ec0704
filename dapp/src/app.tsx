// The page: chain status, account switcher and fee asset on top, one panel per flow below.
import { useEffect, useState } from 'preact/hooks';
import { chain, getApi } from './chain/connection';
import { accounts, loadAccounts, selectAccount } from './chain/accounts';
import { data, refresh } from './chain/data';
import { feeAsset, selectFeeAsset } from './chain/fees';
import { useStore } from './store';
import { FeeAssetPicker } from './components/inputs';
import { Portfolio } from './panels/portfolio/Portfolio';
import { Swap } from './panels/swap/Swap';
import { Pools } from './panels/pools/Pools';
import { Lending } from './panels/lending/Lending';
import { Vault } from './panels/vault/Vault';
import { Psm } from './panels/psm/Psm';
import { Staking } from './panels/staking/Staking';
import { Farms } from './panels/farms/Farms';
import { Prices } from './panels/prices/Prices';

const PANELS = [
  { id: 'portfolio', label: 'Portfolio', view: Portfolio },
  { id: 'swap', label: 'Swap', view: Swap },
  { id: 'pools', label: 'Pools', view: Pools },
  { id: 'lending', label: 'Lending', view: Lending },
  { id: 'vault', label: 'Vault', view: Vault },
  { id: 'psm', label: 'PSM', view: Psm },
  { id: 'staking', label: 'Staking', view: Staking },
  { id: 'farms', label: 'Farms', view: Farms },
  { id: 'prices', label: 'Prices', view: Prices },
] as const;

function ChainStatus() {
  const c = useStore(chain);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1_000);
    return () => clearInterval(t);
  }, []);
  const down = c.status !== 'connected';
  return (
    <div class={`status status-${c.status}`} data-testid="chain-status" data-status={c.status}>
      <span class="dot" />
      <span data-testid="endpoint">{c.endpoint}</span>
      {c.chainName && <span> · {c.chainName}</span>}
      {down ? (
        <span data-testid="outage">
          {' '}
          · {c.status === 'connecting' && c.downSince === undefined ? 'connecting…' : 'node unreachable, reconnecting'}
          {c.downSince !== undefined ? ` (${Math.round((Date.now() - c.downSince) / 1000)} s)` : ''}
        </span>
      ) : (
        <span>
          {' '}
          · best <b data-testid="best-block">#{c.best ?? '…'}</b> · finalized <b data-testid="finalized-block">#{c.finalized ?? '…'}</b>
        </span>
      )}
    </div>
  );
}

function AccountSwitcher() {
  const a = useStore(accounts);
  const [copied, setCopied] = useState(false);
  if (a.accounts.length === 0) return <span class="muted">No accounts</span>;
  const current = a.accounts.find((x) => x.address === a.selected);
  const copy = async () => {
    if (!current) return;
    try {
      await navigator.clipboard.writeText(current.address);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="accounts">
      <select data-testid="account-select" value={a.selected} onChange={(e) => selectAccount((e.target as HTMLSelectElement).value)}>
        {a.accounts.map((x) => (
          <option value={x.address}>
            {x.name} {x.source === 'dev' ? '(dev key)' : `(${x.source})`}
          </option>
        ))}
      </select>
      <code data-testid="account-address" title={current?.address}>
        {current ? `${current.address.slice(0, 8)}…${current.address.slice(-6)}` : ''}
      </code>
      <button onClick={copy} data-testid="copy-address">
        {copied ? 'Copied' : 'Copy'}
      </button>
      {current?.source === 'dev' && (
        <span class="warning" data-testid="dev-warning">
          Dev account: its key is public. Never use it on a real network.
        </span>
      )}
    </div>
  );
}

/** The page-wide fee asset every transaction pays its fee in. */
function FeeSelector() {
  const d = useStore(data);
  const key = useStore(feeAsset);
  if (d.assets.length === 0) return null;
  return (
    <label class="fee-asset">
      Pay fees in <FeeAssetPicker assets={d.assets} value={key} onChange={selectFeeAsset} testId="fee-asset" />
    </label>
  );
}

export function App() {
  const c = useStore(chain);
  const a = useStore(accounts);
  const d = useStore(data);
  const [panel, setPanel] = useState<(typeof PANELS)[number]['id']>('portfolio');

  // Accounts once connected, with the chain's SS58 prefix; dev keys only on dev chains.
  useEffect(() => {
    getApi().then(async (api) => {
      const type = await api.rpc.system.chainType();
      const isDev = type.isDevelopment || type.isLocal;
      await loadAccounts(api.registry.chainSS58 ?? 42, isDev);
    });
  }, []);

  // Everything shown is reloaded on each new best block, account switch and reconnection.
  useEffect(() => {
    if (c.status !== 'connected') return;
    getApi().then((api) => refresh(api, a.selected));
  }, [c.best, c.epoch, c.status, a.selected]);

  const View = PANELS.find((p) => p.id === panel)!.view;
  return (
    <div class="app">
      <header>
        <h1>DeFi chain</h1>
        <ChainStatus />
        <AccountSwitcher />
        <FeeSelector />
      </header>
      <nav>
        {PANELS.map((p) => (
          <button class={p.id === panel ? 'active' : ''} data-testid={`tab-${p.id}`} onClick={() => setPanel(p.id)}>
            {p.label}
          </button>
        ))}
      </nav>
      <main data-testid="main" data-block={d.blockNumber ?? ''}>
        {d.loaded ? <View data={d} /> : <p class="muted">Loading the chain…</p>}
      </main>
    </div>
  );
}
