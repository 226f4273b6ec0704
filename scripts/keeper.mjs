#!/usr/bin/env node
// A liquidation keeper: every interval, asks `LendingApi.accountsBelow(1)` for unhealthy
// accounts and liquidates each (largest debt against largest collateral), paying from its own
// funds and keeping the seized shares.
//
//   node scripts/keeper.mjs [--ws ws://127.0.0.1:9944] [--seed //Ferdie] [--interval-ms 6000] [--once]
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { liquidateUnhealthy } from './lib/lending.js';

function parseArgs(argv) {
  const args = { ws: 'ws://127.0.0.1:9944', seed: '//Ferdie', intervalMs: 6_000, once: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ws') args.ws = argv[++i];
    else if (a === '--seed') args.seed = argv[++i];
    else if (a === '--interval-ms') args.intervalMs = Number(argv[++i]);
    else if (a === '--once') args.once = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await cryptoWaitReady();
  const keeper = new Keyring({ type: 'sr25519' }).addFromUri(args.seed);
  const api = await ApiPromise.create({ provider: new WsProvider(args.ws), noInitWarn: true });
  let stopping = false;
  process.on('SIGINT', () => (stopping = true));
  process.on('SIGTERM', () => (stopping = true));
  do {
    try {
      for (const r of await liquidateUnhealthy(api, keeper)) {
        const what = r.error ? `failed: ${r.error}` : r.events.map((e) => e.method).join(', ');
        console.log(`[keeper] ${r.borrower} ${JSON.stringify(r.debtAsset)}/${JSON.stringify(r.collateralAsset)} in ${r.blockHash}: ${what}`);
      }
    } catch (e) {
      console.error(`[keeper] ${e.message}`);
    }
    if (args.once) break;
    await new Promise((r) => setTimeout(r, args.intervalMs));
  } while (!stopping);
  await api.disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
