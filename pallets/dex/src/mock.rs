//! Test runtime: balances, two `pallet-assets` instances (tokens and LP tokens) and the DEX.

use crate as pallet_dex;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, NeverEnsureOrigin,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_arithmetic::{Permill, Perquintill};
use sp_runtime::{traits::IdentityLookup, BuildStorage};

pub type AccountId = u128;
pub type Balance = u128;
pub type Asset = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		PoolAssets: pallet_assets::<Instance2>,
		Dex: pallet_dex,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type MaxConsumers = ConstU32<32>;
}

pub const EXISTENTIAL_DEPOSIT: Balance = 100;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config<pallet_assets::Instance1> for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type Freezer = ();
	type Holder = ();
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config<pallet_assets::Instance2> for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type Freezer = ();
	type Holder = ();
}

pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, Asset, AccountId>;

pub const TREASURY: AccountId = 999;
/// Held from the creator of each constant-product pool.
pub const POOL_DEPOSIT: Balance = 1_000;

parameter_types! {
	pub const DexPalletId: PalletId = PalletId(*b"defi/dex");
	pub const Treasury: AccountId = TREASURY;
	pub const MaxFee: Permill = Permill::from_percent(5);
	/// Tests change these to exercise one protection at a time.
	pub static MaxSwapReserveShare: Permill = Permill::from_percent(50);
	pub static MaxPriceMovePerBlock: Permill = Permill::from_percent(200);
	pub const EmaAlpha: Perquintill = Perquintill::from_percent(10);
	/// Calls paused by "the emergency origin", as (pallet, call) names.
	pub static PausedCalls: Vec<(Vec<u8>, Vec<u8>)> = vec![];
	/// Every trade the DEX reported: (trader, pool, amount in, amount out).
	pub static Trades: Vec<(Option<AccountId>, u32, Balance, Balance)> = vec![];
}

/// Pauses what [`PausedCalls`] lists.
pub struct MockPause;
impl defi_primitives::PauseCheck for MockPause {
	fn is_paused(pallet: &[u8], function: &[u8]) -> bool {
		PausedCalls::get().iter().any(|(p, f)| p == pallet && f == function)
	}
}

/// Records trades in [`Trades`].
pub struct RecordTrades;
impl defi_primitives::OnTrade<AccountId, Asset> for RecordTrades {
	fn on_trade(
		who: Option<&AccountId>,
		pool_id: u32,
		_: &Asset,
		amount_in: Balance,
		_: &Asset,
		amount_out: Balance,
	) -> frame_support::weights::Weight {
		Trades::mutate(|t| t.push((who.copied(), pool_id, amount_in, amount_out)));
		frame_support::weights::Weight::zero()
	}
}

impl pallet_dex::Config for Test {
	type AssetKind = Asset;
	type Assets = NativeAndAssets;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PoolCreationDeposit = ConstU128<POOL_DEPOSIT>;
	type PoolAssets = PoolAssets;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = DexPalletId;
	type TreasuryAccount = Treasury;
	type MinimumLiquidity = ConstU128<1_000>;
	type MaxHops = ConstU32<4>;
	type MaxFeeTiers = ConstU32<8>;
	type MaxFee = MaxFee;
	type MaxSwapReserveShare = MaxSwapReserveShare;
	type MaxPriceMovePerBlock = MaxPriceMovePerBlock;
	type MaxAmplification = ConstU128<1_000_000>;
	type MinRampBlocks = ConstU64<10>;
	type MaxAmplificationChange = ConstU128<10>;
	type EmaAlpha = EmaAlpha;
	type ObservationInterval = ConstU64<5>;
	type MaxPoolsPerPair = ConstU32<12>;
	type PauseCheck = MockPause;
	type OnTrade = RecordTrades;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_dex::NativeOrWithIdHelper;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const EVE: AccountId = 5;

pub const NATIVE: Asset = NativeOrWithId::Native;
pub const USDT: Asset = NativeOrWithId::WithId(1);
pub const USDC: Asset = NativeOrWithId::WithId(2);
pub const DAI: Asset = NativeOrWithId::WithId(3);
pub const WBTC: Asset = NativeOrWithId::WithId(4);
/// Not created at genesis.
pub const MISSING: Asset = NativeOrWithId::WithId(77);

/// Each test account's balance of every token.
pub const INITIAL: Balance = 1_000_000_000_000_000_000;
/// Minimum balance of every genesis asset.
pub const ASSET_MIN_BALANCE: Balance = 10;

/// 0.05 %, 0.3 %, 1 %.
pub fn fee_tiers() -> Vec<Permill> {
	vec![Permill::from_parts(500), Permill::from_parts(3_000), Permill::from_percent(1)]
}

pub const FEE_030: Permill = Permill::from_parts(3_000);

pub fn new_test_ext() -> sp_io::TestExternalities {
	let accounts = [ALICE, BOB, CHARLIE, 4, EVE];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts
			.iter()
			.map(|a| (*a, INITIAL))
			.chain([(TREASURY, EXISTENTIAL_DEPOSIT)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		assets: (1..=4).map(|id| (id, ALICE, true, ASSET_MIN_BALANCE)).collect(),
		metadata: vec![],
		accounts: (1..=4u32)
			.flat_map(|id| accounts.iter().map(move |who| (id, *who, INITIAL)))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_dex::GenesisConfig::<Test> {
		fee_tiers: fee_tiers(),
		protocol_fee_share: Permill::zero(),
		pools: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
