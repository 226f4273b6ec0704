// Re-executes a stopped node's blocks with `defi-node benchmark block` and compares each
// block's real execution time with the weight it consumed (`System::BlockWeight`, after refunds).
// The tool keeps the trie cache off, so every storage read goes to the database, as on a
// validator that imports the block without having seen its transactions.
import { spawn } from 'node:child_process';
import { stripAnsi } from './node.js';

/** Parses the tool's "Block N with X tx used P% of its weight (took of consumed ns)" lines. */
export function parseBlockBenchmark(text) {
  const re = /Block (\d+) with\s+(\d+) tx used\s+([\d.]+)% of its weight \(\s*([\d,]+) of\s+([\d,]+) ns\)/g;
  return [...stripAnsi(text).matchAll(re)].map((m) => ({
    number: Number(m[1]),
    extrinsics: Number(m[2]),
    tookNs: Number(m[4].replaceAll(',', '')),
    weightNs: Number(m[5].replaceAll(',', '')),
  }));
}

/** The numbers of the blocks whose real execution took longer than the weight they consumed. */
export function overWeightBlocks(blocks) {
  return blocks.filter((b) => b.tookNs > b.weightNs).map((b) => b.number);
}

/**
 * Runs `benchmark block` over blocks `from..=to` of the chain at `basePath` (the node must be
 * stopped) and resolves with one entry per block. The block before `from` is executed first and
 * dropped: the first execution also compiles the runtime.
 */
export async function benchmarkBlocks({ bin, basePath, from, to, repeat = 5, extraArgs = [] }) {
  if (from < 2) throw new Error('benchmarkBlocks: needs a block before `from` to warm up on');
  const blocks = await runBlockBenchmark({ bin, basePath, from: from - 1, to, repeat, extraArgs });
  return blocks.slice(1);
}

function runBlockBenchmark({ bin, basePath, from, to, repeat, extraArgs }) {
  const args = [
    'benchmark', 'block', '--dev', '--base-path', basePath, '--from', String(from), '--to', String(to),
    '--repeat', String(repeat), ...extraArgs,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.once('error', reject);
    child.once('exit', (code) => {
      const blocks = parseBlockBenchmark(output);
      if (code !== 0 || blocks.length !== to - from + 1) {
        reject(new Error(`benchmark block exited ${code} with ${blocks.length} of ${to - from + 1} blocks:\n${output.slice(-4000)}`));
      } else {
        resolve(blocks);
      }
    });
  });
}
