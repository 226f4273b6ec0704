#!/usr/bin/env node
// A liquidation keeper: every interval, asks `LendingApi.accountsBelow(1)` for unhealthy
// accounts and liquidates each (largest debt against largest collateral), paying from its own
// funds and keeping the seized shares.
//
//   node scripts/keeper.mjs [--ws ws://127.0.0.1:9944] [--seed //Ferdie] [--interval-ms 6000] [--once]
import { liquidateUnhealthy, runBot } from './lib/lending.js';

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
  await runBot({ name: 'keeper', ...args }, async (api, keeper) => {
    for (const r of await liquidateUnhealthy(api, keeper)) {
      const what = r.error ? `failed: ${r.error}` : r.events.map((e) => e.method).join(', ');
      console.log(`[keeper] ${r.borrower} ${JSON.stringify(r.debtAsset)}/${JSON.stringify(r.collateralAsset)} in ${r.blockHash}: ${what}`);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
