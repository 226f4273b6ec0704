#!/usr/bin/env node
// A liquidation keeper: every interval, asks `LendingApi.accountsBelow(1)` for unhealthy
// accounts and liquidates each (largest debt against largest collateral), paying from its own
// funds and keeping the seized shares; then liquidates every stablecoin vault that
// `StablecoinApi.vault` reports liquidatable (`stablecoin.liquidate`, which sells the
// collateral through the router and needs nothing from the keeper but the fee).
//
//   node scripts/keeper.mjs [--ws ws://127.0.0.1:9944] [--seed //Ferdie] [--interval-ms 6000] [--once]
//
// One line per action: `[keeper] <borrower> <debt asset>/<collateral asset> in <block>: <events>`
// for a loan, `[keeper] vault <owner> <asset> in <block>: <events>` for a vault.
import { liquidateUnhealthy, runBot } from './lib/lending.js';
import { liquidateVaults } from './lib/stablecoin.js';

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
    // The loans and the vaults are independent: a failing lending round still lets the vaults'
    // round run (and is reported as before).
    try {
      for (const r of await liquidateUnhealthy(api, keeper)) {
        const what = r.error ? `failed: ${r.error}` : r.events.map((e) => e.method).join(', ');
        console.log(`[keeper] ${r.borrower} ${JSON.stringify(r.debtAsset)}/${JSON.stringify(r.collateralAsset)} in ${r.blockHash}: ${what}`);
      }
    } catch (e) {
      console.error(`[keeper] ${e.message}`);
    }
    // A runtime without the stablecoin has no vaults to look at.
    if (!api.call.stablecoinApi || !api.tx.stablecoin) return;
    for (const r of await liquidateVaults(api, keeper)) {
      const what = r.error ? `failed: ${r.error}` : r.events.map((e) => (e.section === 'stablecoin' ? e.method : `${e.section}.${e.method}`)).join(', ');
      console.log(`[keeper] vault ${r.owner} ${JSON.stringify(r.asset)} in ${r.blockHash}: ${what}`);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
