// Missed Aura slots over a block range of one node's best chain.
//
// Usage: node slot-report.mjs <port> <from-block> <to-block> [down-seconds kills]
//   Reads each block's Aura slot (the `aura` pre-runtime digest: the slot as a SCALE u64) and
//   counts the slots after <from-block> up to <to-block> that hold no block of the chain, each
//   named by the authority it belonged to (slot mod authorities, Aura's round robin).
//   With <down-seconds> (the total time one validator was down) and <kills> (how often it went
//   down), it also checks the missed slots against what one node down can cause:
//     down slots = ceil(down-seconds / slot) + kills   (+1 a kill for the slot boundary)
//     allowed    = ceil(down slots / authorities) + 2 × kills
//   (its own share of those slots, plus two a restart for a fork at rejoining), and exits 1 if
//   more were missed.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { auraSlot, devNamesByPublicKey } from './lib/node.js';

const [port, fromArg, toArg, downArg, killsArg] = process.argv.slice(2);
if (!port || fromArg === undefined || toArg === undefined) {
  console.error('usage: node slot-report.mjs <port> <from-block> <to-block> [down-seconds kills]');
  process.exit(2);
}
const from = Number(fromArg);
const to = Number(toArg);

const api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true });

const slots = [];
for (let n = from; n <= to; n += 1) {
  const slot = auraSlot(await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n)));
  if (slot === null) throw new Error(`block #${n} has no Aura slot`);
  slots.push(slot);
}

const toHash = await api.rpc.chain.getBlockHash(to);
const authorities = (await api.query.aura.authorities.at(toHash)).map((a) => a.toHex());
const names = devNamesByPublicKey();
let slotMs = 6000; // the runtime's MILLISECS_PER_BLOCK, if the runtime API is not there
try {
  slotMs = Number((await api.call.auraApi.slotDuration()).toString());
} catch {
  // keep the default
}
await api.disconnect();

const missedBy = new Map();
let longestGap = 0;
for (let k = 1; k < slots.length; k += 1) {
  longestGap = Math.max(longestGap, slots[k] - slots[k - 1] - 1);
  for (let s = slots[k - 1] + 1; s < slots[k]; s += 1) {
    const name = names.get(authorities[s % authorities.length]) ?? `authority ${s % authorities.length}`;
    missedBy.set(name, (missedBy.get(name) ?? 0) + 1);
  }
}
const blocks = to - from;
const elapsed = slots.at(-1) - slots[0];
const missed = elapsed - blocks;
const byAuthority = [...missedBy].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
console.log(
  `[slots] #${from}..#${to}: blocks: ${blocks}, slots elapsed: ${elapsed}, missed slots: ${missed}` +
  ` (by authority: ${byAuthority}; longest run: ${longestGap}; slot ${slotMs / 1000} s)`,
);

if (downArg !== undefined) {
  const downSeconds = Number(downArg);
  const kills = Number(killsArg ?? 0);
  const downSlots = Math.ceil(downSeconds / (slotMs / 1000)) + kills;
  const allowed = Math.ceil(downSlots / authorities.length) + 2 * kills;
  const ok = missed <= allowed;
  console.log(
    `[slots] one node down ${downSeconds} s over ${kills} kills: ${downSlots} slots, missed allowed: ${allowed},` +
    ` missed: ${missed}: ${ok ? 'ok' : 'TOO MANY'}`,
  );
  process.exit(ok ? 0 : 1);
}
process.exit(0);
