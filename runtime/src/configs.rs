//! Configuration of every pallet in the runtime.

use crate::*;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		tokens::imbalance::ResolveAssetTo,
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8,
		NeverEnsureOrigin, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, IdentityFee, Weight},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{
	traits::{AccountIdConversion, One},
	Perbill, Permill, Perquintill,
};

/// The node's default database (ParityDB), measured on a populated dev chain.
use crate::weights::paritydb_weights::constants::ParityDbWeight as DefaultDbWeight;

/// Share of a block's weight and length available to normal (non-operational) extrinsics.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute in a six-second slot, so blocks import well within their slot.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights = block_weights();
	pub RuntimeBlockLength: frame_system::limits::BlockLength = block_length();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// polkadot-sdk's sensible defaults (10 % of a block for initialisation, operational calls may
/// use the whole block and have the rest reserved), but with an empty block and an extrinsic's
/// base cost as measured on this machine (`weights::block_weights`, `weights::extrinsic_weights`)
/// rather than the reference hardware's: the base cost here is higher, and the database weights
/// no longer pad it.
fn block_weights() -> frame_system::limits::BlockWeights {
	let normal = NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT;
	frame_system::limits::BlockWeights::builder()
		.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| class.max_total = Some(normal))
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			class.reserved = Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic()
}

/// 5 MiB blocks, 75 % of it for normal extrinsics.
// The suggested replacement builder has no per-class ratio in this release.
#[allow(deprecated)]
fn block_length() -> frame_system::limits::BlockLength {
	frame_system::limits::BlockLength::max_with_normal_ratio(5 * 1024 * 1024, NORMAL_DISPATCH_RATIO)
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// Measured on a populated dev chain in the node's default database (`weights/`).
	type DbWeight = DefaultDbWeight;
	/// The transaction extensions' weights with this runtime's `DbWeight`; the default (`()`)
	/// charges polkadot-sdk's reference `RocksDbWeight` for their 4 reads and 2 writes: 300 µs
	/// of the 327 µs it added to every transaction (101 µs with the measured ParityDB costs).
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	/// Every non-sufficient token account (LP tokens, lending shares, …) takes a consumer
	/// reference: 256 lets one account hold positions in hundreds of pools and markets, as
	/// Kusama's Asset Hub allows.
	type MaxConsumers = ConstU32<256>;
	/// The emergency pause: a paused call is filtered out before dispatch.
	type BaseCallFilter = TxPause;
}

/// Calls the emergency pause can never stop: the chain's own machinery and the root key.
pub struct UnpausableCalls;
impl frame_support::traits::Contains<pallet_tx_pause::RuntimeCallNameOf<Runtime>>
	for UnpausableCalls
{
	fn contains((pallet, _call): &pallet_tx_pause::RuntimeCallNameOf<Runtime>) -> bool {
		matches!(pallet.as_slice(), b"System" | b"Timestamp" | b"Sudo" | b"TxPause")
	}
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// The emergency origin (root on the dev chain): pausing only makes things safer.
	type PauseOrigin = EnsureRoot<AccountId>;
	type UnpauseOrigin = EnsureRoot<AccountId>;
	type WhitelistedCalls = UnpausableCalls;
	type MaxNameLen = ConstU32<256>;
	type WeightInfo = pallet_tx_pause::weights::SubstrateWeight<Runtime>;
}

/// What the DeFi pallets ask before an action another pallet requests through a trait (which
/// `BaseCallFilter` never sees): paused if the call of the same name is paused in `TxPause`.
pub struct TxPauseCheck;
impl defi_primitives::PauseCheck for TxPauseCheck {
	fn is_paused(pallet: &[u8], function: &[u8]) -> bool {
		TxPause::is_paused_unbound(pallet.to_vec(), function.to_vec())
	}
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = sp_consensus_aura::sr25519::AuthorityId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// One micro-DFI per byte of extrinsic.
	pub const TransactionByteFee: Balance = MICRO_UNIT;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned: no account profits from the fee market on a dev chain.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Protocol treasury: receives pool-setup fees and the protocol share of trading fees.
	pub const TreasuryPalletId: PalletId = PalletId(*b"defi/trs");
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = MILLI_UNIT;
	pub const MetadataDepositBase: Balance = UNIT;
	pub const MetadataDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const ApprovalDeposit: Balance = MILLI_UNIT;
}

/// Every non-native token. Anyone may create one against a deposit; root may force changes.
impl pallet_assets::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = AssetsFreezer;
	type Holder = AssetsHolder;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Liquidity-pool tokens of the chain's DEX. Only the DEX creates them, so no deposits.
impl pallet_assets::Config<pallet_assets::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = PoolAssetId;
	type AssetIdParameter = PoolAssetId;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type StringLimit = ConstU32<50>;
	type Freezer = PoolAssetsFreezer;
	type Holder = PoolAssetsHolder;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Freezes and holds on `Assets` and `PoolAssets` tokens, so staking, collateral and farm
/// deposits can stay in their owners' accounts.
impl pallet_assets_freezer::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RuntimeEvent = RuntimeEvent;
}
impl pallet_assets_holder::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}
impl pallet_assets_freezer::Config<pallet_assets::Instance2> for Runtime {
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RuntimeEvent = RuntimeEvent;
}
impl pallet_assets_holder::Config<pallet_assets::Instance2> for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

/// Liquidity-pool tokens of `pallet-asset-conversion`.
impl pallet_assets::Config<pallet_assets::Instance3> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = PoolAssetId;
	type AssetIdParameter = PoolAssetId;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The native token and every `Assets` token behind one `fungibles` interface.
pub type NativeAndAssets =
	UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

parameter_types! {
	pub const AssetConversionPalletId: PalletId = PalletId(*b"py/ascon");
	pub const NativeAsset: NativeOrWithId<AssetId> = NativeOrWithId::Native;
	pub const AssetConversionLpFee: Permill = Permill::from_parts(3_000); // 0.3 %
	pub const AssetConversionMaxSwapFee: Permill = Permill::from_percent(10);
	pub const AssetConversionWithdrawalFee: Permill = Permill::zero();
}

pub type AssetConversionPoolIdToAccount = pallet_asset_conversion::AccountIdConverter<
	AssetConversionPalletId,
	(NativeOrWithId<AssetId>, NativeOrWithId<AssetId>),
>;

impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = NativeAndAssets;
	type PoolId = (Self::AssetKind, Self::AssetKind);
	type PoolLocator = pallet_asset_conversion::Chain<
		pallet_asset_conversion::WithFirstAsset<
			NativeAsset,
			AccountId,
			NativeOrWithId<AssetId>,
			AssetConversionPoolIdToAccount,
		>,
		pallet_asset_conversion::Ascending<
			AccountId,
			NativeOrWithId<AssetId>,
			AssetConversionPoolIdToAccount,
		>,
	>;
	type PoolAssetId = PoolAssetId;
	type PoolAssets = AssetConversionPoolAssets;
	type LPFee = AssetConversionLpFee;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxSwapFee = AssetConversionMaxSwapFee;
	type PoolSetupFee = ConstU128<0>;
	type PoolSetupFeeAsset = NativeAsset;
	type PoolSetupFeeTarget = ResolveAssetTo<TreasuryAccount, NativeAndAssets>;
	type LiquidityWithdrawalFee = AssetConversionWithdrawalFee;
	type MintMinLiquidity = ConstU128<1_000>;
	type MaxSwapPathLength = ConstU32<4>;
	type PalletId = AssetConversionPalletId;
	type WeightInfo = pallet_asset_conversion::weights::SubstrateWeight<Runtime>;
	/// Pairs an asset with the native token, as `pallet_dex`'s swap benchmark does, so the two
	/// swaps are measured in the same conditions.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_asset_conversion::NativeOrWithIdFactory<AssetId>;
}

parameter_types! {
	pub const DexPalletId: PalletId = PalletId(*b"defi/dex");
	pub const DexMaxFee: Permill = Permill::from_percent(5);
	/// One hop may take in or pay out at most 30 % of a reserve.
	pub const DexMaxSwapReserveShare: Permill = Permill::from_percent(30);
	/// A pool's price may move at most 20 % within one block.
	pub const DexMaxPriceMovePerBlock: Permill = Permill::from_percent(20);
	/// EMA weight of each new block: a half-life of about 14 blocks (84 s).
	pub const DexEmaAlpha: Perquintill = Perquintill::from_percent(5);
}

impl pallet_dex::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = NativeAndAssets;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// 10 DFI held per constant-product pool, like an asset's creation deposit.
	type PoolCreationDeposit = ConstU128<{ 10 * UNIT }>;
	type PoolAssets = PoolAssets;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = DexPalletId;
	type TreasuryAccount = TreasuryAccount;
	type MinimumLiquidity = ConstU128<1_000>;
	type MaxHops = ConstU32<4>;
	type MaxFeeTiers = ConstU32<8>;
	type MaxFee = DexMaxFee;
	type MaxSwapReserveShare = DexMaxSwapReserveShare;
	type MaxPriceMovePerBlock = DexMaxPriceMovePerBlock;
	type MaxAmplification = ConstU128<10_000>;
	type MinRampBlocks = ConstU32<HOURS>;
	type MaxAmplificationChange = ConstU128<10>;
	type EmaAlpha = DexEmaAlpha;
	/// A sample every 30 blocks (3 min): 32 samples reach back 960 blocks (96 min).
	type ObservationInterval = ConstU32<30>;
	type MaxPoolsPerPair = ConstU32<16>;
	type PauseCheck = TxPauseCheck;
	type OnTrade = Farming;
	type WeightInfo = pallet_dex::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_dex::NativeOrWithIdHelper;
}

#[cfg(feature = "runtime-benchmarks")]
impl frame_system_benchmarking::Config for Runtime {}
#[cfg(feature = "runtime-benchmarks")]
impl frame_benchmarking::baseline::Config for Runtime {}
