#!/usr/bin/env node
// A price feeder for demos and tests: reports USD prices to `pallet-oracle` as an oracle
// member, every interval, from a JSON file (re-read every round, so editing it moves prices)
// or as a bounded random walk around the reference prices.
//
//   node scripts/feeder.mjs [--ws ws://127.0.0.1:9944] [--seed //Alice] [--interval-ms 6000]
//                           [--file prices.json] [--walk] [--once] [--set WBTC=45000 ...]
//
// The file holds `{ "WBTC": 60000, "WETH": 3000, ... }`; symbols are DFI, USDT, USDC, WBTC,
// WETH and dUSD (any case). Without --file the reference prices (consistent with the genesis
// pools; dUSD at 1) are fed, with --walk a random walk of at most ±5 % around them in which the
// dollar tokens (USDT, USDC, dUSD) stay at 1.
import fs from 'node:fs';
import { assetBySymbol, feedPrices, referencePrices, runBot } from './lib/lending.js';

/** `{ symbol: usd }` with every symbol spelled as `ASSETS` spells it (so `--set DUSD=…`
 * overrides the file's or the reference's `dUSD`). */
function canonical(prices) {
  return Object.fromEntries(Object.entries(prices).map(([symbol, usd]) => [assetBySymbol(symbol).symbol, usd]));
}

function parseArgs(argv) {
  const args = { ws: 'ws://127.0.0.1:9944', seed: '//Alice', intervalMs: 6_000, file: null, walk: false, once: false, set: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--ws') args.ws = next();
    else if (a === '--seed') args.seed = next();
    else if (a === '--interval-ms') args.intervalMs = Number(next());
    else if (a === '--file') args.file = next();
    else if (a === '--walk') args.walk = true;
    else if (a === '--once') args.once = true;
    else if (a === '--set') {
      const [symbol, value] = next().split('=');
      args.set[symbol.toUpperCase()] = Number(value);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** One step of the walk: ±0.3 % per round, kept within ±5 % of the reference. */
function walk(current, reference) {
  const out = {};
  for (const [symbol, ref] of Object.entries(reference)) {
    if (assetBySymbol(symbol).stable) {
      out[symbol] = ref;
      continue;
    }
    const step = 1 + (Math.random() * 2 - 1) * 0.003;
    out[symbol] = Math.min(ref * 1.05, Math.max(ref * 0.95, (current[symbol] ?? ref) * step));
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const reference = referencePrices();
  let current = { ...reference };
  await runBot({ name: 'feeder', ...args }, async (api, signer) => {
    if (args.file) current = canonical(JSON.parse(fs.readFileSync(args.file, 'utf8')));
    else if (args.walk) current = walk(current, reference);
    const prices = { ...current, ...canonical(args.set) };
    await feedPrices(api, signer, prices);
    console.log(`[feeder] ${new Date().toISOString()} ${JSON.stringify(prices)}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
