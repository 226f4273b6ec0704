// Grows a dev chain's state to a realistic size for `defi-node benchmark storage` (not a test):
// starts a node with instant sealing on the given base path and database, then adds on top of
// the genesis economy
//  - `accounts` accounts (default 50,000), each holding DFI, USDT and USDC (three storage items
//    each: `System::Account` and two `Assets::Account`), funded by Alice (the USDT/USDC owner
//    mints; DFI is transferred) in batches of 1,000;
//  - `pools` new assets (ids 5000…), each with a DFI pool and liquidity (the asset, its
//    metadata-free details, a pool, an LP token and the pool account's balances).
// The node is stopped when done, so the base path can be benchmarked.
// Usage: node populate-state.mjs <base path> <rocksdb|paritydb> [accounts=50000] [pools=40]
import { startNode, devAccounts, signAndWait } from './lib/node.js';
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';

const [basePath, database, accountsArg, poolsArg] = process.argv.slice(2);
if (!basePath || !['rocksdb', 'paritydb'].includes(database)) {
  console.error('usage: node populate-state.mjs <base path> <rocksdb|paritydb> [accounts] [pools]');
  process.exit(2);
}
const ACCOUNTS = Number(accountsArg ?? 50_000);
const POOLS = Number(poolsArg ?? 40);
const BATCH = 1_000;
const DFI = 10n ** 12n;
const USDT = 1;
const USDC = 2;
const FIRST_NEW_ASSET = 5_000;

const node = await startNode({ sealing: 'instant', basePath, extraArgs: ['--database', database], timeoutMs: 120_000 });
const { api } = node;
try {
  const { alice } = devAccounts();
  const submit = async (calls, what) => {
    const res = await signAndWait(api.tx.utility.batchAll(calls), alice, { timeoutMs: 180_000 });
    if (res.dispatchError) throw new Error(`${what}: ${res.dispatchError}`);
  };

  // Accounts: deterministic ids (hashes of their index), no keys needed.
  const started = Date.now();
  for (let first = 0; first < ACCOUNTS; first += BATCH) {
    const calls = [];
    for (let i = first; i < Math.min(first + BATCH, ACCOUNTS); i += 1) {
      const who = encodeAddress(blake2AsU8a(`defi-state/${i}`), 42);
      calls.push(api.tx.balances.transferKeepAlive(who, DFI));
      calls.push(api.tx.assets.mint(USDT, who, 10_000_000n));
      calls.push(api.tx.assets.mint(USDC, who, 10_000_000n));
    }
    await submit(calls, `accounts ${first}…`);
  }
  console.log(`${ACCOUNTS} accounts funded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // Pools: a new asset each, paired with DFI.
  let poolId = (await api.query.dex.nextPoolId()).toNumber();
  for (let first = 0; first < POOLS; first += 10) {
    const calls = [];
    for (let k = first; k < Math.min(first + 10, POOLS); k += 1) {
      const id = FIRST_NEW_ASSET + k;
      calls.push(api.tx.assets.create(id, alice.address, 1_000n));
      calls.push(api.tx.assets.mint(id, alice.address, 10n ** 15n));
      calls.push(api.tx.dex.createPool({ WithId: id }, { Native: null }, 3_000));
      calls.push(api.tx.dex.addLiquidity(poolId, [100n * DFI, 10n ** 14n], 1));
      poolId += 1;
    }
    await submit(calls, `pools ${first}…`);
  }
  const header = await api.rpc.chain.getHeader();
  console.log(`${POOLS} pools created; state at block ${header.number.toNumber()}`);
} finally {
  await node.stop();
}
