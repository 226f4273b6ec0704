// Measures the dev node: binary size, resident memory after N blocks (instant sealing, one
// `system.remark` per block) and the wall time to produce them. Not a test: prints a table.
// Usage: node measure-node.mjs [blocks=100]
import fs from 'node:fs';
import { startNode, devAccounts, signAndWait, resolveNodeBin } from './lib/node.js';

const blocks = Number(process.argv[2] ?? 100);
const bin = resolveNodeBin();
const node = await startNode({ sealing: 'instant' });
try {
  const { alice } = devAccounts();
  const started = Date.now();
  for (let i = 0; i < blocks; i += 1) {
    await signAndWait(node.api.tx.system.remark(`0x${i.toString(16).padStart(4, '0')}`), alice, { until: 'finalized' });
  }
  const elapsedMs = Date.now() - started;
  const best = (await node.api.rpc.chain.getHeader()).number.toNumber();
  const status = fs.readFileSync(`/proc/${node.pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  const sizeMiB = fs.statSync(bin).size / 2 ** 20;
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(`| node binary size | ${sizeMiB.toFixed(1)} MiB |`);
  console.log(`| best block after the run | #${best} |`);
  console.log(`| resident memory after ${blocks} blocks | ${(rssKiB / 1024).toFixed(1)} MiB |`);
  console.log(`| time per block (sign, seal, finalize) | ${(elapsedMs / blocks).toFixed(1)} ms |`);
} finally {
  await node.stop();
}
