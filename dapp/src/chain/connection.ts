// The connection to the node: endpoint from `?rpc=`, live best and finalized block numbers, and
// an explicit state while the node is unreachable. polkadot.js's WsProvider reconnects by itself
// (every second); the subscriptions below are re-made on every reconnection.
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { UnsubscribePromise } from '@polkadot/api/types';
import { Store } from '../store';

export const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ChainState {
  endpoint: string;
  status: ConnectionStatus;
  chainName?: string;
  best?: number;
  finalized?: number;
  /** When the current outage began (ms since epoch), if the node is unreachable. */
  downSince?: number;
  /** Bumped on every (re)connection, so views reload what they show. */
  epoch: number;
}

/** `?rpc=ws://host:port` if given and well-formed, else the default local node. */
export function endpointFromLocation(search: string): string {
  const rpc = new URLSearchParams(search).get('rpc');
  if (rpc && /^wss?:\/\/[^\s]+$/.test(rpc)) return rpc;
  return DEFAULT_ENDPOINT;
}

export const chain = new Store<ChainState>({
  endpoint: endpointFromLocation(window.location.search),
  status: 'connecting',
  epoch: 0,
});

let apiPromise: Promise<ApiPromise> | null = null;

/** The API, once the first connection is made. */
export function getApi(): Promise<ApiPromise> {
  if (!apiPromise) apiPromise = connect();
  return apiPromise;
}

async function connect(): Promise<ApiPromise> {
  const provider = new WsProvider(chain.value.endpoint, 1_000);
  let unsubscribe: Array<UnsubscribePromise> = [];
  const subscribeHeads = (api: ApiPromise) => {
    unsubscribe.forEach((u) => u.then((f) => f()).catch(() => {}));
    unsubscribe = [
      api.rpc.chain.subscribeNewHeads((h) => chain.update({ best: h.number.toNumber() })),
      api.rpc.chain.subscribeFinalizedHeads((h) => chain.update({ finalized: h.number.toNumber() })),
    ];
  };
  provider.on('disconnected', () => {
    if (chain.value.status !== 'disconnected') {
      chain.update({ status: 'disconnected', downSince: Date.now() });
    }
  });
  const api = await ApiPromise.create({ provider, noInitWarn: true });
  const name = (await api.rpc.system.chain()).toString();
  chain.update({ status: 'connected', chainName: name, downSince: undefined, epoch: chain.value.epoch + 1 });
  subscribeHeads(api);
  // polkadot.js emits `ready` only once; after an outage `connected` is the signal. The node
  // answering a header request is what counts as back.
  api.on('connected', () => {
    if (chain.value.status === 'connected') return;
    chain.update({ status: 'connecting' });
    api.rpc.chain
      .getHeader()
      .then((header) => {
        subscribeHeads(api);
        chain.update({ status: 'connected', best: header.number.toNumber(), downSince: undefined, epoch: chain.value.epoch + 1 });
      })
      .catch(() => chain.update({ status: 'disconnected' }));
  });
  return api;
}
