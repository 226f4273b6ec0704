//! Test runtime: balances, `pallet-assets` with holds, and the farming pallet; mock prices and
//! share values for APRs.

use crate as pallet_farming;
use defi_primitives::{FarmProgram, PriceQuote};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_arithmetic::{FixedPointNumber, FixedU128};
use sp_runtime::{traits::IdentityLookup, BuildStorage};

pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;
pub type Asset = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		AssetsHolder: pallet_assets_holder::<Instance1>,
		Farming: pallet_farming,
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
	type Holder = AssetsHolder;
	type BenchmarkHelper = ();
}

impl pallet_assets_holder::Config<pallet_assets::Instance1> for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, Asset, AccountId>;
pub type NativeAndAssetHolds = UnionOf<Balances, AssetsHolder, NativeFromLeft, Asset, AccountId>;

parameter_types! {
	pub const FarmingPalletId: PalletId = PalletId(*b"defi/frm");
	/// USD per whole token by asset id (native is id `u32::MAX`).
	pub static Prices: Vec<(u32, FixedU128)> = vec![];
	/// USD per share of any program.
	pub static ShareUsd: Option<FixedU128> = None;
}

pub struct MockPrices;
impl defi_primitives::PriceProvider<Asset> for MockPrices {
	fn price(asset: &Asset) -> Option<PriceQuote> {
		let id = match asset {
			NativeOrWithId::Native => u32::MAX,
			NativeOrWithId::WithId(id) => *id,
		};
		Prices::get()
			.into_iter()
			.find(|(a, _)| *a == id)
			.map(|(_, usd_per_token)| PriceQuote {
				usd_per_token,
				decimals: 12,
				updated: 0,
				disputed: false,
			})
	}
}

pub struct MockShareValue;
impl defi_primitives::ShareValue<FarmProgram<Asset, Asset>> for MockShareValue {
	fn value_of(_: &FarmProgram<Asset, Asset>, shares: Balance) -> Option<FixedU128> {
		ShareUsd::get()?
			.checked_mul_int(shares)
			.map(|v| FixedU128::from_rational(v, UNIT))
	}
}

pub const BLOCKS_PER_YEAR: u32 = 5_256_000;
pub const MAX_REWARDS: u32 = 3;
pub const MAX_FARMS: u32 = 16;
pub const MAX_PROGRAM_FARMS: u32 = 3;
pub const MAX_EPOCHS: u32 = 100;

impl pallet_farming::Config for Test {
	type AssetKind = Asset;
	type DepositAsset = Asset;
	type Assets = NativeAndAssets;
	type DepositHolds = NativeAndAssetHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = FarmingPalletId;
	type MaxFarms = ConstU32<MAX_FARMS>;
	type MaxRewards = ConstU32<MAX_REWARDS>;
	type MaxFarmsPerProgram = ConstU32<MAX_PROGRAM_FARMS>;
	type MaxEpochs = ConstU32<MAX_EPOCHS>;
	type BlocksPerYear = ConstU32<BLOCKS_PER_YEAR>;
	type Prices = MockPrices;
	type ShareValue = MockShareValue;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarks;
}

/// Benchmark assets: `BENCH_ASSETS + seed`, created on first use, `who` funded.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
pub const BENCH_ASSETS: u32 = 200;
#[cfg(feature = "runtime-benchmarks")]
impl MockBenchmarks {
	fn asset(id: u32, who: &AccountId) -> Asset {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			<Assets as Create<AccountId>>::create(id, ALICE, true, 1).expect("create");
		}
		<Assets as Mutate<AccountId>>::mint_into(id, who, 10u128.pow(30)).expect("mint");
		NativeOrWithId::WithId(id)
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Asset, Asset, AccountId> for MockBenchmarks {
	fn reward_asset(seed: u32, who: &AccountId) -> Asset {
		Self::asset(BENCH_ASSETS + 1 + seed, who)
	}
	fn deposit_asset(who: &AccountId) -> Asset {
		Self::asset(BENCH_ASSETS, who)
	}
}

pub const ALICE: AccountId = AccountId::new([1; 32]);
pub const BOB: AccountId = AccountId::new([2; 32]);
pub const CHARLIE: AccountId = AccountId::new([3; 32]);
/// Funds pots.
pub const FUNDER: AccountId = AccountId::new([9; 32]);

pub const NATIVE: Asset = NativeOrWithId::Native;
/// The deposit token (an LP token stand-in).
pub const LP_ID: u32 = 1;
pub const LP: Asset = NativeOrWithId::WithId(LP_ID);
pub const REWARD_ID: u32 = 2;
pub const REWARD: Asset = NativeOrWithId::WithId(REWARD_ID);
pub const REWARD2_ID: u32 = 3;
pub const REWARD2: Asset = NativeOrWithId::WithId(REWARD2_ID);
/// The asset trading farms measure volume in.
pub const USDT_ID: u32 = 4;
pub const USDT: Asset = NativeOrWithId::WithId(USDT_ID);

/// One whole token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
pub const INITIAL: Balance = 1_000_000 * UNIT;

pub fn reward(asset: Asset, rate: Balance) -> crate::RewardConfig<Asset> {
	crate::RewardConfig { asset, rate, cap_per_volume: None }
}

pub fn rewards(
	configs: Vec<crate::RewardConfig<Asset>>,
) -> frame_support::BoundedVec<crate::RewardConfig<Asset>, ConstU32<MAX_REWARDS>> {
	frame_support::BoundedVec::truncate_from(configs)
}

/// Farm 0: LP deposits, blocks [1, 1001), paying `UNIT` of REWARD per block, funded with
/// 10,000 · UNIT.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let accounts = [ALICE, BOB, CHARLIE, FUNDER];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts.iter().map(|a| (a.clone(), INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let ids = [LP_ID, REWARD_ID, REWARD2_ID, USDT_ID];
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		assets: ids.iter().map(|id| (*id, ALICE, true, 1)).collect(),
		metadata: vec![],
		accounts: ids
			.into_iter()
			.flat_map(|id| accounts.clone().into_iter().map(move |who| (id, who, INITIAL)))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_farming::GenesisConfig::<Test> {
		farms: vec![(FarmProgram::Deposit(LP), 1, 1001, 0, vec![reward(REWARD, UNIT)])],
		pots: vec![(0, 0, FUNDER, 10_000 * UNIT)],
		deposits: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Prices::take();
		ShareUsd::take();
	});
	ext
}

/// Runs to block `n`, checking the invariants on the way.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		System::set_block_number(System::block_number() + 1);
		check_state();
	}
}

pub fn check_state() {
	Farming::do_try_state().expect("invariants hold");
}

pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Farming(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Free balance of `asset`.
pub fn balance(asset: Asset, who: &AccountId) -> Balance {
	<NativeAndAssets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(asset, who)
}

/// No farms: benchmarks make their own.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
