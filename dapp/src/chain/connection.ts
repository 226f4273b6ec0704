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

/**
 * Types the API is created with. The fee extension is `ChargeAssetTxPayment { tip, asset_id }`;
 * polkadot.js types its `asset_id` as `TAssetConversion` and defaults that to
 * `Option<MultiLocation>` (Asset Hub's). This chain's `asset_id` is
 * `Option<NativeOrWithId<u32>>`, whose name in the metadata's type registry is
 * `FrameSupportTokensFungibleUnionOfNativeOrWithId`: polkadot.js names a type from its Rust path
 * `frame_support::traits::tokens::fungible::union_of::NativeOrWithId`, dropping `traits`. `None`
 * (DFI) encodes as `0x00` under either type, but signing with an asset, and decoding a block that
 * holds such a transaction (polkadot.js does to find a transaction's events), need the right one.
 * `alignFeeAssetType` checks the name against the metadata once connected.
 */
export const API_TYPES = { TAssetConversion: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>' };

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The type of the `asset_id` field of the `ChargeAssetTxPayment` extension as the metadata
 * declares it (e.g. `Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>`), or null if the
 * runtime has no such extension.
 */
export function feeAssetTypeFromMetadata(api: ApiPromise): string | null {
  const registry = api.registry as any;
  const extrinsic = registry.metadata?.extrinsic;
  const extensions: any[] = [...(extrinsic?.transactionExtensions ?? extrinsic?.signedExtensions ?? [])];
  const charge = extensions.find((e) => e.identifier.toString() === 'ChargeAssetTxPayment');
  if (!charge) return null;
  const lookup = registry.lookup;
  const def = lookup.getSiType(charge.type).def;
  if (!def.isComposite) return null;
  const field = [...def.asComposite.fields].find((f: any) => f.name.isSome && f.name.unwrap().toString() === 'asset_id');
  if (!field) return null;
  // The field's type is `Option<T>`; T's lookup name is what polkadot.js registered it as
  // (`Lookup<id>` resolves the same type if it has no name).
  const option = lookup.getSiType(field.type);
  if (option.path.length === 0 || option.path[0].toString() !== 'Option' || option.params.length !== 1) return null;
  const inner = option.params[0].type.unwrap();
  return `Option<${lookup.getName(inner) ?? registry.createLookupType(inner)}>`;
}

/** Re-registers `TAssetConversion` if the metadata names the fee asset type differently from
 * `API_TYPES` (a runtime whose `AssetId` is not `NativeOrWithId<u32>`). */
export function alignFeeAssetType(api: ApiPromise): void {
  try {
    const declared = feeAssetTypeFromMetadata(api);
    if (declared && declared !== API_TYPES.TAssetConversion) {
      console.info(`fee asset type: ${declared} (not ${API_TYPES.TAssetConversion})`);
      api.registry.register({ TAssetConversion: declared });
    }
  } catch (err) {
    console.warn('could not read the fee asset type from the metadata', err);
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

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
  const api = await ApiPromise.create({ provider, noInitWarn: true, types: API_TYPES });
  alignFeeAssetType(api);
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
