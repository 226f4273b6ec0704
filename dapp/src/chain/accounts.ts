// Accounts the page can sign with: the well-known dev accounts (a keyring inside the page, for
// dev chains only) and, when a browser extension (polkadot.js, Talisman, SubWallet) injects
// some, the extension's accounts with its signer.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { cryptoWaitReady, encodeAddress, decodeAddress } from '@polkadot/util-crypto';
import { Store } from '../store';

export interface Account {
  /** SS58 address in the chain's format. */
  address: string;
  name: string;
  source: 'dev' | string;
  /** Dev accounts sign in the page. */
  pair?: KeyringPair;
  /** Extension accounts sign through the extension. */
  signer?: Signer;
}

export interface AccountsState {
  accounts: Account[];
  selected?: string;
  ss58: number;
}

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const SELECTED_KEY = 'defi-dapp.selected-account';

export const accounts = new Store<AccountsState>({ accounts: [], ss58: 42 });

/** Loads the dev accounts (dev chains only) and any extension accounts, in `ss58` format. */
export async function loadAccounts(ss58: number, isDevChain: boolean): Promise<void> {
  await cryptoWaitReady();
  const list: Account[] = [];
  if (isDevChain) {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58 });
    for (const name of DEV_NAMES) {
      const pair = keyring.addFromUri(`//${name}`, { name });
      list.push({ address: pair.address, name, source: 'dev', pair });
    }
  }
  list.push(...(await extensionAccounts(ss58)));
  const saved = localStorage.getItem(SELECTED_KEY) ?? undefined;
  const selected = list.find((a) => a.address === saved)?.address ?? list[0]?.address;
  accounts.set({ accounts: list, selected, ss58 });
}

async function extensionAccounts(ss58: number): Promise<Account[]> {
  // Only ask when an extension injected itself: no prompt, no wait otherwise.
  const injected = (window as unknown as { injectedWeb3?: Record<string, unknown> }).injectedWeb3;
  if (!injected || Object.keys(injected).length === 0) return [];
  try {
    const { web3Enable, web3Accounts, web3FromSource } = await import('@polkadot/extension-dapp');
    const extensions = await web3Enable('DeFi chain dApp');
    if (extensions.length === 0) return [];
    const found = await web3Accounts({ ss58Format: ss58 });
    const result: Account[] = [];
    for (const a of found) {
      const injector = await web3FromSource(a.meta.source);
      result.push({
        address: encodeAddress(decodeAddress(a.address), ss58),
        name: a.meta.name ?? a.address.slice(0, 8),
        source: a.meta.source,
        signer: injector.signer,
      });
    }
    return result;
  } catch (err) {
    console.warn('browser extension accounts unavailable', err);
    return [];
  }
}

export function selectAccount(address: string): void {
  localStorage.setItem(SELECTED_KEY, address);
  accounts.update({ selected: address });
}

export function selectedAccount(): Account | undefined {
  const { accounts: list, selected } = accounts.value;
  return list.find((a) => a.address === selected);
}

/** True if `text` is a valid SS58 address (any prefix) or 0x-prefixed 32-byte public key. */
export function isValidAddress(text: string): boolean {
  try {
    const bytes = decodeAddress(text.trim());
    return bytes.length === 32;
  } catch {
    return false;
  }
}
