// Unit tests of the harness helpers that need no running node.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import {
  REPO_ROOT,
  auraSlot,
  decodeDispatchError,
  devAccounts,
  devNamesByPublicKey,
  nodeArgs,
  parseHostPort,
  parseRpcAddress,
  parseRpcPort,
  resolveNodeBin,
  stripAnsi,
  wsUrlFor,
} from '../lib/node.js';
import { overWeightBlocks, parseBlockBenchmark } from '../lib/block-bench.js';
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';

const ESC = '\u001b';

describe('log parser', () => {
  it('extracts the first host:port from a plain log line', () => {
    const line =
      '2025-11-28 04:20:01 Running JSON-RPC server: addr=127.0.0.1:34567,[::1]:34567';
    assert.deepEqual(parseRpcAddress(line), { host: '127.0.0.1', port: 34567 });
    assert.equal(parseRpcPort(line), 34567);
  });

  it('extracts the port from a line with ANSI colour codes', () => {
    const line =
      `${ESC}[2m2025-11-28 04:20:01${ESC}[0m ${ESC}[32mINFO${ESC}[0m ${ESC}[1;37mmain${ESC}[0m ` +
      `sc_rpc_server: Running JSON-RPC server: addr=${ESC}[1m127.0.0.1:9944${ESC}[0m,${ESC}[1m[::1]:9944${ESC}[0m`;
    assert.equal(parseRpcPort(line), 9944);
    assert.deepEqual(parseRpcAddress(line), { host: '127.0.0.1', port: 9944 });
  });

  it('finds the line inside a multi-line log and ignores other lines', () => {
    const log = [
      '2025-11-28 04:20:00 Substrate Node',
      '2025-11-28 04:20:00 ✌️  version 0.1.0-abc',
      '2025-11-28 04:20:00 📋 Chain specification: Development',
      '2025-11-28 04:20:00 🏷  Node name: lively-cat-1234',
      '2025-11-28 04:20:01 Running libp2p network backend',
      '2025-11-28 04:20:01 Running JSON-RPC server: addr=127.0.0.1:41235,[::1]:41236',
      '2025-11-28 04:20:01 Running JSON-RPC server: addr=127.0.0.1:1,[::1]:1',
    ].join('\n');
    assert.equal(parseRpcPort(log), 41235);
  });

  it('handles an IPv6-first address list and a single address', () => {
    assert.deepEqual(parseRpcAddress('Running JSON-RPC server: addr=[::1]:9944,127.0.0.1:9945'), {
      host: '[::1]',
      port: 9944,
    });
    assert.deepEqual(parseRpcAddress('INFO Running JSON-RPC server: addr=0.0.0.0:40001\r'), {
      host: '0.0.0.0',
      port: 40001,
    });
  });

  it('returns null when the line is missing or malformed', () => {
    assert.equal(parseRpcPort(''), null);
    assert.equal(parseRpcPort('Running libp2p network backend'), null);
    assert.equal(parseRpcPort('Running JSON-RPC server: addr=garbage'), null);
    assert.equal(parseRpcPort('Running JSON-RPC server: addr=127.0.0.1:99999'), null);
    assert.equal(parseRpcPort('Running JSON-RPC server: addr=127.0.0.1:0'), null);
  });

  it('parses host:port tokens', () => {
    assert.deepEqual(parseHostPort('127.0.0.1:9944'), { host: '127.0.0.1', port: 9944 });
    assert.deepEqual(parseHostPort('[::1]:30333'), { host: '[::1]', port: 30333 });
    assert.equal(parseHostPort('127.0.0.1'), null);
    assert.equal(parseHostPort('::1:9944'), null);
  });

  it('strips ANSI codes', () => {
    assert.equal(stripAnsi(`${ESC}[1;32mhello${ESC}[0m ${ESC}[2mworld${ESC}[0m`), 'hello world');
  });

  it('builds ws urls, mapping wildcard addresses to loopback', () => {
    assert.equal(wsUrlFor({ host: '127.0.0.1', port: 1234 }), 'ws://127.0.0.1:1234');
    assert.equal(wsUrlFor({ host: '0.0.0.0', port: 1234 }), 'ws://127.0.0.1:1234');
    assert.equal(wsUrlFor({ host: '[::1]', port: 1234 }), 'ws://[::1]:1234');
    assert.equal(wsUrlFor({ host: '[::]', port: 1234 }), 'ws://[::1]:1234');
  });
});

describe('node binary and arguments', () => {
  it('resolves the binary path from the environment', () => {
    assert.equal(resolveNodeBin({ DEFI_NODE_BIN: '/opt/x/defi-node', CARGO_TARGET_DIR: '/t' }), '/opt/x/defi-node');
    assert.equal(resolveNodeBin({ CARGO_TARGET_DIR: '/t' }), '/t/release/defi-node');
    assert.equal(resolveNodeBin({}), path.join(REPO_ROOT, 'target', 'release', 'defi-node'));
  });

  it('passes the documented flags', () => {
    assert.deepEqual(nodeArgs({ sealing: 'aura' }), [
      '--dev', '--tmp', '--sealing', 'aura', '--rpc-port', '0', '--port', '0',
      '--no-prometheus', '--no-telemetry', '--no-mdns', '--rpc-cors', 'all',
    ]);
    assert.deepEqual(nodeArgs().slice(0, 4), ['--dev', '--tmp', '--sealing', 'instant']);
    assert.deepEqual(nodeArgs({ chain: 'local', extraArgs: ['-lruntime=debug'] }).slice(0, 3), ['--chain', 'local', '--tmp']);
    assert.equal(nodeArgs({ extraArgs: ['-lruntime=debug'] }).at(-1), '-lruntime=debug');
    assert.throws(() => nodeArgs({ sealing: 'manual' }), /unknown sealing mode/);
    // A fixed port and a kept base path, for tests that restart the node.
    const kept = nodeArgs({ rpcPort: 40123, basePath: '/tmp/x' });
    assert.deepEqual(kept.slice(0, 3), ['--dev', '--base-path', '/tmp/x']);
    assert.equal(kept[kept.indexOf('--rpc-port') + 1], '40123');
    assert.ok(!kept.includes('--tmp'));
  });
});

describe('dev accounts', () => {
  it('derives the well-known sr25519 dev keys with ss58 prefix 42', () => {
    const acc = devAccounts();
    assert.deepEqual(Object.keys(acc), ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']);
    assert.equal(acc.alice.address, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    assert.equal(acc.bob.address, '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty');
    assert.equal(acc.ferdie.address, '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL');
    assert.equal(acc.alice.type, 'sr25519');
  });
});

describe('dispatch error decoding', () => {
  // Minimal stand-ins for the polkadot.js codec objects.
  const moduleErr = {
    isModule: true,
    asModule: { index: 10, error: '0x00000000' },
    registry: { findMetaError: () => ({ section: 'assets', name: 'BalanceLow' }) },
  };
  const tokenErr = { isModule: false, type: 'Token', value: { type: 'FundsUnavailable', isBasic: true } };
  const badOrigin = { isModule: false, type: 'BadOrigin', value: { isEmpty: true } };

  it('names module, nested and unit errors', () => {
    assert.equal(decodeDispatchError(null, moduleErr), 'assets.BalanceLow');
    assert.equal(
      decodeDispatchError({ registry: { findMetaError: () => ({ section: 'balances', name: 'InsufficientBalance' }) } }, moduleErr),
      'balances.InsufficientBalance',
    );
    assert.equal(decodeDispatchError(null, tokenErr), 'Token.FundsUnavailable');
    assert.equal(decodeDispatchError(null, badOrigin), 'BadOrigin');
    assert.equal(decodeDispatchError(null, null), null);
  });
});

describe('stablecoin helpers (lib/stablecoin.js)', async () => {
  const sc = await import('../lib/stablecoin.js');
  const E18 = 10n ** 18n;

  it('normalizes asset kinds from JSON, kinds and codec-like objects', () => {
    assert.equal(sc.kindOf({ native: null }), 'Native');
    assert.equal(sc.kindOf('Native'), 'Native');
    assert.deepEqual(sc.kindOf({ withId: 5 }), { WithId: 5 });
    assert.deepEqual(sc.kindOf({ isNative: false, asWithId: { toNumber: () => 3 } }), { WithId: 3 });
    assert.equal(sc.kindKey({ Native: null }), 'native');
    assert.equal(sc.sameKind({ withId: 5 }, sc.DUSD), true);
  });

  it('computes ratios and liquidation prices with the chain rounding', () => {
    // 5,000 DFI at $2 over 5,000 dUSD: ratio 2, liquidation at 1.5 · 5,000 / 5,000 = $1.5.
    assert.equal(sc.ratioOf(5_000n * 10n ** 12n, 12, 5_000n * 10n ** 6n, 2n * E18), 2n * E18);
    assert.equal(sc.liquidationPriceOf(5_000n * 10n ** 12n, 12, 5_000n * 10n ** 6n, 15n * E18 / 10n), 15n * E18 / 10n);
    // Ratio rounds down, liquidation price up.
    assert.equal(sc.ratioOf(1n, 0, 3n * 10n ** 6n, E18), E18 / 3n);
    assert.equal(sc.liquidationPriceOf(3n, 0, 1n * 10n ** 6n, E18), E18 / 3n + 1n);
    assert.equal(sc.ratioOf(1n, 0, 0n, E18), null);
    assert.equal(sc.formatRatio(15n * E18 / 10n), '1.5000');
    assert.equal(sc.formatPrice(1_234_567n * E18 / 1_000n), '$1,234.5670');
  });

  it('charges pallet-psm fees rounded up, in dUSD', () => {
    const mint = sc.psmMintQuote(12_345_678_901n, 1_000n);
    assert.equal(mint.fee, 12_345_679n);
    assert.equal(mint.received, 12_345_678_901n - 12_345_679n);
    const redeem = sc.psmRedeemQuote(mint.received, 2_000n, { balance: mint.received });
    assert.equal(redeem.fee, 24_666_667n);
    assert.equal(redeem.externalOut, mint.received - 24_666_667n);
    // A dUSD remainder below the minimum balance goes to the fee.
    assert.equal(sc.psmRedeemQuote(1_000_000n, 2_000n, { balance: 1_000_000n, minBalance: 5n }).fee, 2_000n);
    assert.equal(sc.psmRedeemQuote(1_000_000n, 2_000n, { balance: 1_000_003n, minBalance: 5n }).fee, 2_003n);
  });
});

describe('farming helpers (lib/farming.js)', async () => {
  const fm = await import('../lib/farming.js');
  const n = (v) => ({ toString: () => String(v) });
  const native = { isNative: true };
  const withId = (id) => ({ isNative: false, asWithId: { toNumber: () => id } });

  it('computes rewards with the accumulator\'s two roundings down', () => {
    // The only farmer with 1,414,213,562,373 shares: a unit below the rate per block.
    const s = 1_414_213_562_373n;
    assert.equal(fm.expectedReward(fm.FARM_RATE, 1, s, s), fm.FARM_RATE - 1n);
    assert.equal(fm.expectedReward(fm.FARM_RATE, 4, s, s), 4n * fm.FARM_RATE - 1n);
    // Shares dividing the emission: exact.
    assert.equal(fm.expectedReward(fm.FARM_RATE, 3, 10n ** 12n, 10n ** 12n), 3n * fm.FARM_RATE);
    // A third of 10 units: the accumulator 3.333…·10^18 rounds down, then the share.
    assert.equal(fm.expectedReward(10n, 1, 1n, 3n), 3n);
    assert.equal(fm.proRata(10n, 1, 1n, 3n), 3n);
    assert.equal(fm.expectedReward(10n, 1, 2n, 3n), 6n);
    assert.equal(fm.proRata(10n, 1, 2n, 3n), 6n);
    for (const [shares, total] of [[7n, 13n], [123_456_789n, 987_654_321_987n], [1n, 10n ** 15n]]) {
      const e = fm.expectedReward(fm.FARM_RATE, 5, shares, total);
      const p = fm.proRata(fm.FARM_RATE, 5, shares, total);
      assert.ok(e <= p && p - e <= 1n, `${shares}/${total}: ${e} vs ${p}`);
    }
    assert.equal(fm.expectedReward(fm.FARM_RATE, 5, 0n, 0n), 0n);
    assert.equal(fm.expectedReward(fm.FARM_RATE, 5, 0n, 10n), 0n);
  });

  it('parses programs, farmer views and claims from codec-like values', () => {
    assert.deepEqual(fm.parseProgram({ isDeposit: true, asDeposit: { isLp: true, asLp: n(3) } }), { kind: 'lp', pool: 3 });
    assert.deepEqual(fm.parseProgram({ isDeposit: true, asDeposit: { isLp: false, asToken: native } }), { kind: 'token', asset: 'Native' });
    assert.deepEqual(fm.parseProgram({ isLending: true, asLending: { isSupply: false, asBorrow: withId(1) } }), { kind: 'borrow', asset: { WithId: 1 } });
    assert.deepEqual(fm.parseProgram({ isStaking: true, asStaking: n(2) }), { kind: 'staking', product: 2 });
    assert.deepEqual(fm.parseProgram({ isTrading: true, asTrading: { pool: n(0), measured: withId(1) } }), { kind: 'trading', pool: 0, measured: { WithId: 1 } });
    assert.throws(() => fm.parseProgram({ toString: () => 'Other' }), /unknown farm program/);
    assert.deepEqual(fm.GENESIS_PROGRAMS.map((p) => p.kind), ['lp', 'lp', 'lp', 'lp', 'lp', 'supply', 'borrow', 'supply', 'staking', 'trading']);

    const view = fm.parseFarmer({ farm: n(5), shares: n(42), pending: [[native, n(10), n(9)]] });
    assert.deepEqual(view, { farm: 5, shares: 42n, pending: [{ asset: 'Native', accrued: 10n, payable: 9n }] });
    assert.equal(fm.pendingNative(view), 10n);
    assert.equal(fm.pendingNative(null), 0n);

    const claimed = (who, farm, rewards) => ({ event: { section: 'farming', method: 'Claimed', data: { who: n(who), farm: n(farm), rewards } } });
    const events = [claimed('bob', 1, [[native, n(7)]]), claimed('bob', 0, [[withId(1), n(5)], [native, n(11)]])];
    assert.equal(fm.claimedNative(events, 'bob', 0), 11n);
    assert.equal(fm.claimedNative(events, 'bob', 1), 7n);
    assert.equal(fm.claimedNative(events, 'eve', 0), null);
  });
});

describe('block benchmark parser', () => {
  const output = [
    '2026-12-03 13:18:01 Block 11 with  3755 tx used  56.55% of its weight (   850,331,190 of  1,503,702,110 ns)',
    `${ESC}[33m2026-12-03 13:18:02 Block 12 with     2 tx used 101.20% of its weight (     1,012,000 of      1,000,000 ns) - OVER WEIGHT!${ESC}[0m`,
    '2026-12-03 13:18:02 an unrelated line',
  ].join('\n');

  it('reads every block line, with thousands separators and colour codes', () => {
    assert.deepEqual(parseBlockBenchmark(output), [
      { number: 11, extrinsics: 3755, tookNs: 850_331_190, weightNs: 1_503_702_110 },
      { number: 12, extrinsics: 2, tookNs: 1_012_000, weightNs: 1_000_000 },
    ]);
  });

  it('flags only the blocks that took longer than their weight', () => {
    const blocks = parseBlockBenchmark(output);
    assert.deepEqual(overWeightBlocks(blocks), [12]);
    assert.deepEqual(overWeightBlocks([{ number: 3, tookNs: 5, weightNs: 5 }]), [], 'equal to the weight is within it');
  });
});

describe('auraSlot / devNamesByPublicKey', () => {
  const registry = new TypeRegistry();
  const header = (logs) => registry.createType('Header', { number: 7, digest: { logs } });
  // Slot 295_123_456_789 as a SCALE u64 (little endian).
  const slotBytes = '0x' + Buffer.from(new BigUint64Array([295_123_456_789n]).buffer).toString('hex');

  it('reads the slot from the aura pre-runtime digest, skipping other digests', () => {
    const h = header([
      { PreRuntime: ['BABE', '0x0102'] },
      { Seal: ['aura', '0x' + '00'.repeat(64)] },
      { PreRuntime: ['aura', slotBytes] },
    ]);
    assert.equal(auraSlot(h), 295_123_456_789);
  });

  it('is null for a header without an aura pre-runtime digest (genesis)', () => {
    assert.equal(auraSlot(header([])), null);
    assert.equal(auraSlot(header([{ Seal: ['aura', slotBytes] }])), null);
  });

  it('names the dev accounts by public key', () => {
    const names = devNamesByPublicKey();
    const { alice, dave } = devAccounts();
    assert.equal(names.get(u8aToHex(alice.publicKey)), 'alice');
    assert.equal(names.get(u8aToHex(dave.publicKey)), 'dave');
    assert.equal(names.size, 6);
  });
});
