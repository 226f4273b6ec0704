// A stream of balance transfers into a running testnet, then a check that every transaction the
// submitting node reported finalized is in the finalized chain of every node.
//
// Usage: node tx-stream.mjs <stop-file> <submit-port> <check-port>...
//   Submits `balances.transfer_keep_alive` from four dev accounts (one every 250 ms in turn)
//   through `submit-port` and watches each to finality, until <stop-file> exists. Then it waits
//   for the outstanding ones, waits until every checked node has finalized the newest recorded
//   block, and looks each finalized transaction up on every node: the block hash at its height
//   must be the one reported and the block must hold the transaction.
// Prints the counts; exits 1 if any finalized transaction is missing or none was finalized.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { existsSync } from 'node:fs';

const [stopFile, submitPort, ...checkPorts] = process.argv.slice(2);
if (!stopFile || !submitPort || checkPorts.length === 0) {
  console.error('usage: node tx-stream.mjs <stop-file> <submit-port> <check-port>...');
  process.exit(2);
}
const INTERVAL_MS = 250;
const SETTLE_TIMEOUT_MS = 180_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const connect = (port) => ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true });

const api = await connect(submitPort);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const senders = ['//Alice', '//Bob', '//Charlie', '//Eve'].map((uri) => keyring.addFromUri(uri));
const dest = keyring.addFromUri('//Ferdie').address;
const value = 10n ** 9n; // the existential deposit: Ferdie's account exists already

const finalized = []; // { txHash, blockHash }
let submitted = 0;
let rejected = 0; // dropped, invalid, usurped or failed to submit: never reported finalized
let outstanding = 0;
const nextNonce = new Map();

async function submitOne(sender) {
  const address = sender.address;
  if (!nextNonce.has(address)) {
    nextNonce.set(address, (await api.rpc.system.accountNextIndex(address)).toNumber());
  }
  const nonce = nextNonce.get(address);
  nextNonce.set(address, nonce + 1);
  submitted += 1;
  outstanding += 1;
  let settled = false;
  const settle = (ok, record) => {
    if (settled) return;
    settled = true;
    outstanding -= 1;
    if (ok) finalized.push(record);
    else {
      rejected += 1;
      nextNonce.delete(address); // re-read the nonce: this one may never be used
    }
  };
  try {
    const unsub = await api.tx.balances.transferKeepAlive(dest, value)
      .signAndSend(sender, { nonce }, (result) => {
        const { status } = result;
        if (status.isFinalized) {
          settle(true, { txHash: result.txHash.toHex(), blockHash: status.asFinalized.toHex() });
          unsub();
        } else if (status.isDropped || status.isInvalid || status.isUsurped || status.isFinalityTimeout) {
          settle(false);
          unsub();
        }
      });
  } catch (e) {
    settle(false);
  }
}

let turn = 0;
while (!existsSync(stopFile)) {
  submitOne(senders[turn % senders.length]);
  turn += 1;
  await sleep(INTERVAL_MS);
}

const settleDeadline = Date.now() + SETTLE_TIMEOUT_MS;
while (outstanding > 0 && Date.now() < settleDeadline) await sleep(500);
const unsettled = outstanding;
await api.disconnect();

// Every node must have finalized the newest block that holds a recorded transaction.
const checkers = await Promise.all(checkPorts.map(connect));
let newest = 0;
const withNumbers = [];
for (const record of finalized) {
  const header = await checkers[0].rpc.chain.getHeader(record.blockHash);
  const number = header.number.toNumber();
  newest = Math.max(newest, number);
  withNumbers.push({ ...record, number });
}
for (const node of checkers) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const head = await node.rpc.chain.getHeader(await node.rpc.chain.getFinalizedHead());
    if (head.number.toNumber() >= newest) break;
    if (Date.now() > deadline) throw new Error(`a node did not finalize #${newest}`);
    await sleep(1000);
  }
}

let missing = 0;
const blockCache = new Map();
for (const [k, node] of checkers.entries()) {
  for (const record of withNumbers) {
    const canonical = (await node.rpc.chain.getBlockHash(record.number)).toHex();
    const key = `${k}:${canonical}`;
    if (!blockCache.has(key)) {
      const block = await node.rpc.chain.getBlock(canonical);
      blockCache.set(key, new Set(block.block.extrinsics.map((x) => x.hash.toHex())));
    }
    if (canonical !== record.blockHash || !blockCache.get(key).has(record.txHash)) {
      missing += 1;
      console.log(`[tx-stream] missing on port ${checkPorts[k]}: ${record.txHash} in #${record.number} ${record.blockHash}`);
    }
  }
}
await Promise.all(checkers.map((c) => c.disconnect()));

console.log(
  `[tx-stream] submitted: ${submitted}, finalized: ${finalized.length}, not finalized (dropped/invalid): ${rejected}, ` +
  `unsettled after ${SETTLE_TIMEOUT_MS / 1000} s: ${unsettled}, nodes checked: ${checkers.length}, ` +
  `finalized transactions missing: ${missing}`,
);
process.exit(missing === 0 && finalized.length > 0 ? 0 : 1);
