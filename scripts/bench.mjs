// Throughput benchmark (not a test): pre-signed transactions from many accounts pushed over RPC
// to a dev node with Aura (6 s blocks). Reports included transactions per second for each kind,
// and each as a ratio to balance transfers measured in the same run. For the bottleneck it also
// reports, over the blocks that held the kind, the fullest block's share of the normal-class
// weight and length limits and the longest block authoring time from the node log
// ("Prepared block for proposing ... (N ms) ... end: <reason>"), whose reason names what ended
// the block: NoMoreTransactions (the pool ran dry: import or submission rate binds), HitDeadline
// (authoring time), HitBlockSizeLimit or HitBlockWeightLimit.
// When the node has stopped, every block that held a kind is executed again by
// `defi-node benchmark block` (lib/block-bench.js): its real execution time against the weight
// it consumed. The physical limit of a kind is the number of its transactions whose real
// execution fits the normal-class budget, at the per-transaction time of its fullest block. The
// script fails if any block took longer than its weight allowed.
// Usage: node bench.mjs [senders=200] [txsPerSender=40]
import { startNode, devAccounts, signAndWait, resolveNodeBin } from './lib/node.js';
import { feedPrices, referencePrices } from './lib/lending.js';
import { benchmarkBlocks, overWeightBlocks } from './lib/block-bench.js';
import { Keyring } from '@polkadot/keyring';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SENDERS = Number(process.argv[2] ?? 200);
const PER_SENDER = Number(process.argv[3] ?? 40);
const SLOT_SECONDS = 6;
const DFI = 10n ** 12n;
const USDT = 10n ** 6n;

// A kept base path, so the blocks can be executed again once the node has stopped.
const basePath = fs.mkdtempSync(path.join(os.tmpdir(), 'defi-bench-'));
const node = await startNode({ sealing: 'aura', basePath, timeoutMs: 120_000 });
const { api } = node;
const results = [];
let maxNormalWeight = 0;
try {
  const { alice, bob } = devAccounts();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//bench//${i}`));

  // Fund every sender with DFI for fees and USDT to trade, in one batch.
  const funding = senders.flatMap((s) => [
    api.tx.balances.transferKeepAlive(s.address, 1_000n * DFI),
    api.tx.assets.transfer(1, s.address, 10_000n * USDT),
  ]);
  const funded = await signAndWait(api.tx.utility.batchAll(funding), alice, { until: 'inBlock', timeoutMs: 120_000 });
  if (funded.dispatchError) throw new Error(`funding failed: ${funded.dispatchError}`);

  const deadline = (await api.rpc.chain.getHeader()).number.toNumber() + 10_000;
  const kinds = {
    'balances.transfer_keep_alive': () => api.tx.balances.transferKeepAlive(bob.address, DFI / 1000n),
    'assets.transfer': () => api.tx.assets.transfer(1, bob.address, 1_000n),
    'dex.swap_exact_in (1 hop)': () => api.tx.dex.swapExactIn(
      [{ poolId: 0, assetIn: { WithId: 1 }, assetOut: { Native: null } }], 1_000n * USDT / 1000n, 1n, bob.address, deadline,
    ),
    // The same trade as the DEX row, routed: the router searches both venues' pools.
    'router.swap_exact_in (searched)': () => api.tx.router.swapExactIn(
      { WithId: 1 }, { Native: null }, 1_000n * USDT / 1000n, 1n, bob.address, deadline, null,
    ),
    // 1 USDT against USDT collateral: the health check reads one market and one price.
    'lending.borrow': () => api.tx.lending.borrow({ WithId: 1 }, USDT),
    // Every sender supplied USDT for the borrow row, so each is a farmer of the USDT supply
    // farm (5). A block pays a sender's first claim; its later claims in the same block fail
    // with NothingToClaim, charged the same declared weight, which is what sets the throughput.
    'farming.claim': () => api.tx.farming.claim(5),
  };
  /** Transactions per sender where the default would take too long to include: a searched
   * router swap is charged its search, so far fewer fit a block. */
  const perSenderOf = { 'router.swap_exact_in (searched)': Math.max(1, Math.ceil(PER_SENDER / 8)) };
  /** Set-up a kind needs before its transactions are signed. */
  const prepare = {
    'lending.borrow': async () => {
      // Fresh prices (Alice is the dev feeder) and 5,000 USDT of collateral per sender.
      await feedPrices(api, alice, referencePrices());
      const setups = await Promise.all(senders.map((s) => signAndWait(
        api.tx.utility.batchAll([api.tx.lending.supply({ WithId: 1 }, 5_000n * USDT), api.tx.lending.enableCollateral({ WithId: 1 })]),
        s,
        { until: 'inBlock', timeoutMs: 180_000 },
      )));
      const failed = setups.filter((r) => r.dispatchError);
      if (failed.length) throw new Error(`lending set-up failed: ${failed[0].dispatchError}`);
    },
  };

  maxNormalWeight = Number(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt());
  const maxNormalLength = Number(api.consts.system.blockLength.max.normal.toString());
  /** Authoring time (ms) and end reason per block number, from the node log. */
  const authoring = () => {
    const out = new Map();
    const re = /Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)/g;
    for (const m of fs.readFileSync(node.logFile, 'utf8').matchAll(re)) {
      out.set(Number(m[1]), { ms: Number(m[2]), end: m[3] });
    }
    return out;
  };
  for (const [name, build] of Object.entries(kinds)) {
    if (prepare[name]) await prepare[name]();
    // Pre-sign everything first so signing time is not measured.
    const signed = [];
    for (const s of senders) {
      let nonce = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
      for (let k = 0; k < (perSenderOf[name] ?? PER_SENDER); k += 1) {
        signed.push(await build().signAsync(s, { nonce: nonce++, era: 0 }));
      }
    }
    const total = signed.length;
    const senderSet = new Set(senders.map((s) => s.address));
    let included = 0;
    let firstBlock = null;
    let lastBlock = null;
    const perBlock = [];
    // The subscription first reports the current head, which may hold the previous kind's last
    // transactions or this kind's set-up: only blocks after it count.
    const before = (await api.rpc.chain.getHeader()).number.toNumber();
    const done = new Promise((resolve) => {
      const unsub = api.rpc.chain.subscribeNewHeads(async (header) => {
        if (header.number.toNumber() <= before) return;
        const block = await api.rpc.chain.getBlock(header.hash);
        const ours = block.block.extrinsics.filter((x) => x.isSigned && senderSet.has(x.signer.toString())).length;
        if (ours > 0) {
          firstBlock ??= header.number.toNumber();
          lastBlock = header.number.toNumber();
          included += ours;
          const at = await api.at(header.hash);
          const weight = await at.query.system.blockWeight();
          // `AllExtrinsicsLen` is cleared at the end of a block: sum the encoded extrinsics.
          const length = block.block.extrinsics.reduce((sum, x) => sum + x.encodedLength, 0);
          perBlock.push({
            number: header.number.toNumber(),
            ours,
            weightShare: Number(weight.normal.refTime.toBigInt()) / maxNormalWeight,
            lengthShare: length / maxNormalLength,
          });
        }
        if (included >= total) { (await unsub)(); resolve(); }
      });
    });
    const submitStarted = Date.now();
    for (let i = 0; i < signed.length; i += 200) {
      await Promise.all(signed.slice(i, i + 200).map((x) => api.rpc.author.submitExtrinsic(x)));
    }
    const submitMs = Date.now() - submitStarted;
    await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error(`${name}: only ${included}/${total} included`)), 240_000))]);
    const blocks = lastBlock - firstBlock + 1;
    const tps = included / (blocks * SLOT_SECONDS);
    const authored = authoring();
    const maxMs = Math.max(0, ...perBlock.map((b) => authored.get(b.number)?.ms ?? 0));
    const endReasons = [...new Set(perBlock.map((b) => authored.get(b.number)?.end ?? '?'))].join(', ');
    results.push({
      name, included, blocks, perBlock: included / blocks, tps, submitMs,
      maxInBlock: Math.max(...perBlock.map((b) => b.ours)),
      maxWeight: Math.max(...perBlock.map((b) => b.weightShare)),
      maxLength: Math.max(...perBlock.map((b) => b.lengthShare)),
      maxMs,
      endReasons,
      counts: perBlock.map((b) => b.ours).join('/'),
      blockNumbers: perBlock.map((b) => b.number),
      fullest: perBlock.reduce((a, b) => (b.ours > a.ours ? b : a)).number,
    });
  }

} finally {
  await node.stop();
}

// Real execution of every block that held a kind, against its consumed weight.
const blockNumbers = results.flatMap((r) => r.blockNumbers);
const executed = new Map();
try {
  const blocks = await benchmarkBlocks({
    bin: resolveNodeBin(), basePath, from: Math.min(...blockNumbers), to: Math.max(...blockNumbers),
  });
  for (const b of blocks) executed.set(b.number, b);
} finally {
  fs.rmSync(basePath, { recursive: true, force: true });
}
const normalBudgetNs = maxNormalWeight / 1000;
for (const r of results) {
  const own = r.blockNumbers.map((n) => executed.get(n));
  r.maxUse = Math.max(...own.map((b) => b.tookNs / b.weightNs));
  r.overWeight = overWeightBlocks(own);
  const fullest = executed.get(r.fullest);
  r.fullestTookMs = fullest.tookNs / 1e6;
  r.fullestWeightMs = fullest.weightNs / 1e6;
  // The whole block's time (inherents and hooks included) over its transactions of the kind.
  r.physical = Math.floor((r.maxInBlock * normalBudgetNs) / fullest.tookNs);
}

const base = results[0].tps;
const dexSwap = results.find((r) => r.name.startsWith('dex.swap_exact_in'))?.tps;
console.log(`| transaction | included | blocks | per block | tx/s | ratio to transfers | ratio to a DEX swap | submit time |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of results) {
  const toSwap = dexSwap ? (r.tps / dexSwap).toFixed(2) : '–';
  console.log(`| ${r.name} | ${r.included} | ${r.blocks} | ${r.perBlock.toFixed(0)} | ${r.tps.toFixed(1)} | ${(r.tps / base).toFixed(2)} | ${toSwap} | ${(r.submitMs / 1000).toFixed(1)} s |`);
}
console.log('');
console.log(`| transaction | per block (each block) | fullest block | max share of normal weight limit | of length limit | longest authoring | why blocks ended |`);
console.log(`|---|---|---:|---:|---:|---:|---|`);
for (const r of results) {
  console.log(`| ${r.name} | ${r.counts} | ${r.maxInBlock} | ${(100 * r.maxWeight).toFixed(1)} % | ${(100 * r.maxLength).toFixed(1)} % | ${r.maxMs} ms | ${r.endReasons} |`);
}
console.log('');
console.log(`| transaction | fullest block: real execution | its weight | highest real/weight of any block | physical limit per block | included / physical |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const r of results) {
  console.log(`| ${r.name} | ${r.fullestTookMs.toFixed(1)} ms | ${r.fullestWeightMs.toFixed(1)} ms | ${(100 * r.maxUse).toFixed(1)} % | ${r.physical} | ${(r.maxInBlock / r.physical).toFixed(2)} |`);
}
const over = results.filter((r) => r.overWeight.length);
if (over.length) {
  for (const r of over) console.error(`OVER WEIGHT: ${r.name} blocks ${r.overWeight.join(', ')} took longer than their weight`);
  process.exit(1);
}
