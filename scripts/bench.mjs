// Throughput benchmark (not a test): pre-signed transactions from many accounts pushed over RPC
// to a dev node with Aura (6 s blocks). Reports included transactions per second for each kind,
// and each as a ratio to balance transfers measured in the same run.
// Usage: node bench.mjs [senders=200] [txsPerSender=40]
import { startNode, devAccounts, signAndWait } from './lib/node.js';
import { Keyring } from '@polkadot/keyring';

const SENDERS = Number(process.argv[2] ?? 200);
const PER_SENDER = Number(process.argv[3] ?? 40);
const SLOT_SECONDS = 6;
const DFI = 10n ** 12n;
const USDT = 10n ** 6n;

const node = await startNode({ sealing: 'aura', timeoutMs: 120_000 });
const { api } = node;
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
  };

  const results = [];
  for (const [name, build] of Object.entries(kinds)) {
    // Pre-sign everything first so signing time is not measured.
    const signed = [];
    for (const s of senders) {
      let nonce = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
      for (let k = 0; k < PER_SENDER; k += 1) {
        signed.push(await build().signAsync(s, { nonce: nonce++, era: 0 }));
      }
    }
    const total = signed.length;
    const senderSet = new Set(senders.map((s) => s.address));
    let included = 0;
    let firstBlock = null;
    let lastBlock = null;
    const done = new Promise((resolve) => {
      const unsub = api.rpc.chain.subscribeNewHeads(async (header) => {
        const block = await api.rpc.chain.getBlock(header.hash);
        const ours = block.block.extrinsics.filter((x) => x.isSigned && senderSet.has(x.signer.toString())).length;
        if (ours > 0) {
          firstBlock ??= header.number.toNumber();
          lastBlock = header.number.toNumber();
          included += ours;
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
    results.push({ name, included, blocks, perBlock: included / blocks, tps, submitMs });
  }

  const base = results[0].tps;
  console.log(`| transaction | included | blocks | per block | tx/s | ratio to transfers | submit time |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const r of results) {
    console.log(`| ${r.name} | ${r.included} | ${r.blocks} | ${r.perBlock.toFixed(0)} | ${r.tps.toFixed(1)} | ${(r.tps / base).toFixed(2)} | ${(r.submitMs / 1000).toFixed(1)} s |`);
  }
} finally {
  await node.stop();
}
