//! Runtime of the DeFi chain.
//!
//! FRAME's system pallets (system, timestamp, Aura, GRANDPA, balances, transaction payment, sudo,
//! utility), `pallet-assets` for every non-native token, a second `pallet-assets` instance for
//! liquidity-pool tokens, `pallet-asset-conversion` as the reference AMM, polkadot-sdk's peg
//! stability module (`pallet-psm`), and the chain's own DeFi pallets.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros need a generous recursion limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
pub mod assets;
pub mod configs;
pub mod farming;
#[cfg(test)]
mod farming_tests;
pub mod genesis_config_presets;
#[cfg(test)]
mod instruction_counts;
#[cfg(test)]
mod money_market_tests;
pub mod money_markets;
pub mod stablecoin;
#[cfg(test)]
mod stablecoin_tests;
pub mod term_staking;
#[cfg(test)]
mod term_staking_tests;
#[cfg(test)]
mod tests;
pub mod trading;
#[cfg(test)]
mod trading_tests;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

/// For clients that build DEX swaps (the node's `benchmark extrinsic` builder).
pub use frame_support::traits::fungible::NativeOrWithId;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_dex::{Call as DexCall, Hop as DexHop};
pub use pallet_router::Call as RouterCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// Account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of the native token and of every `pallet-assets` token.
pub type Balance = u128;
/// Transaction index of an account.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// Id of a token in `pallet-assets` (the `Assets` instance).
pub type AssetId = u32;
/// Id of a liquidity-pool token (the `PoolAssets` instance).
pub type PoolAssetId = u32;

/// The native token has 12 decimals.
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = UNIT / 1_000;
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The smallest native balance an account may hold (0.001 DFI).
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Native token symbol and decimals, exposed as chain properties for wallets.
pub const TOKEN_SYMBOL: &str = "DFI";
pub const TOKEN_DECIMALS: u8 = 12;
/// Generic Substrate SS58 prefix.
pub const SS58_PREFIX: u16 = 42;

/// Target block time. Aura slots are this long; GRANDPA finalizes behind them.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Opaque types for the node: it does not need to know the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("defi-runtime"),
	impl_name: Cow::Borrowed("defi-runtime"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
	/// The emergency pause of single calls or whole pallets.
	#[runtime::pallet_index(8)]
	pub type TxPause = pallet_tx_pause;
	/// Transaction fees in any asset, swapped to DFI by the router.
	#[runtime::pallet_index(9)]
	pub type AssetTxPayment = pallet_asset_conversion_tx_payment;

	/// Every non-native token: stablecoins, fiat-backed and wrapped tokens.
	#[runtime::pallet_index(10)]
	pub type Assets = pallet_assets<Instance1>;
	/// Liquidity-pool share tokens of the chain's DEX.
	#[runtime::pallet_index(11)]
	pub type PoolAssets = pallet_assets<Instance2>;
	/// polkadot-sdk's reference constant-product AMM: a second venue and a yardstick.
	#[runtime::pallet_index(12)]
	pub type AssetConversion = pallet_asset_conversion;
	/// Liquidity-pool share tokens of `AssetConversion`, kept apart so ids never collide.
	#[runtime::pallet_index(13)]
	pub type AssetConversionPoolAssets = pallet_assets<Instance3>;
	/// Freezes and holds on `Assets` tokens.
	#[runtime::pallet_index(14)]
	pub type AssetsFreezer = pallet_assets_freezer<Instance1>;
	#[runtime::pallet_index(15)]
	pub type AssetsHolder = pallet_assets_holder<Instance1>;
	/// Freezes and holds on `PoolAssets` (LP) tokens.
	#[runtime::pallet_index(16)]
	pub type PoolAssetsFreezer = pallet_assets_freezer<Instance2>;
	#[runtime::pallet_index(17)]
	pub type PoolAssetsHolder = pallet_assets_holder<Instance2>;
	/// polkadot-sdk's peg stability module: dUSD 1:1 against USDT and USDC.
	#[runtime::pallet_index(18)]
	pub type Psm = pallet_psm;
	/// Seeds `Psm` at genesis (it has no genesis config); no calls, no storage. Before the DEX
	/// and the money markets, whose genesis pools and supply hold the dUSD it mints.
	#[runtime::pallet_index(19)]
	pub type PsmGenesis = defi_psm_adapter::genesis;

	/// The chain's DEX: constant-product and stable pools, LP tokens in `PoolAssets`.
	#[runtime::pallet_index(20)]
	pub type Dex = pallet_dex;
	/// The best price across every pool of the DEX and asset-conversion: multi-hop and split.
	#[runtime::pallet_index(21)]
	pub type Router = pallet_router;
	/// Liquidity mining: LP deposits and lending, staking and trading activity. Declared
	/// before lending and staking so their genesis positions reach its genesis farms.
	#[runtime::pallet_index(22)]
	pub type Farming = pallet_farming;

	/// The price feeders (members may call `Oracle::feed_values`).
	#[runtime::pallet_index(30)]
	pub type OracleMembership = pallet_membership<Instance1>;
	/// Raw price reports of the feeders.
	#[runtime::pallet_index(31)]
	pub type Oracle = pallet_oracle;
	/// What counts as a price: fresh feeds, enough feeders, consistent with the DEX.
	#[runtime::pallet_index(32)]
	pub type Prices = pallet_prices;
	/// Money markets.
	#[runtime::pallet_index(33)]
	pub type Lending = pallet_lending;
	/// dUSD: collateral vaults, liquidation through the router, one debt ceiling with `Psm`.
	#[runtime::pallet_index(34)]
	pub type Stablecoin = pallet_stablecoin;
	/// Fixed-term staking with the reward reserved at stake time.
	#[runtime::pallet_index(35)]
	pub type TermStaking = pallet_term_staking;
}

/// The address format: an account id or an index.
pub type Address = MultiAddress<AccountId, ()>;
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
pub type SignedBlock = generic::SignedBlock<Block>;
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed extrinsic carries, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Pays the fee in DFI, or with `asset_id: Some(asset)` in that asset via the router.
	pallet_asset_conversion_tx_payment::ChargeAssetTxPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on runtime upgrade, besides the pallets' own.
type Migrations = ();

pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[cfg(feature = "runtime-benchmarks")]
mod benches {
	frame_benchmarking::define_benchmarks!(
		[frame_benchmarking, BaselineBench::<Runtime>]
		[frame_system, SystemBench::<Runtime>]
		[pallet_balances, Balances]
		[pallet_timestamp, Timestamp]
		[pallet_sudo, Sudo]
		[pallet_utility, Utility]
		[pallet_tx_pause, TxPause]
		[pallet_assets, Assets]
		[pallet_asset_conversion, AssetConversion]
		[pallet_dex, Dex]
		[pallet_router, Router]
		[pallet_prices, Prices]
		[pallet_lending, Lending]
		[pallet_stablecoin, Stablecoin]
		[pallet_term_staking, TermStaking]
		[pallet_farming, Farming]
		[pallet_psm, Psm]
	);
}
