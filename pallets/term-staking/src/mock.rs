//! Test runtime: balances, `pallet-assets` with holds, and the term-staking pallet; a recorder
//! of the stake hook.

use crate as pallet_term_staking;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, Hooks,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_arithmetic::{FixedU128, Permill};
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
		TermStaking: pallet_term_staking,
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
	pub const TermStakingPalletId: PalletId = PalletId(*b"defi/stk");
	pub const MaxApr: FixedU128 = FixedU128::from_u32(10);
	/// Every report of the stake hook: (product, account, new total).
	pub static StakeReports: Vec<(u32, AccountId, Balance)> = vec![];
}

pub struct RecordStakes;
impl defi_primitives::OnSharesChanged<AccountId, u32> for RecordStakes {
	fn on_shares_changed(product: &u32, who: &AccountId, shares: Balance) {
		StakeReports::mutate(|r| r.push((*product, who.clone(), shares)));
	}
}

/// 6-second blocks.
pub const BLOCKS_PER_YEAR: u32 = 5_256_000;
pub const MAX_POSITIONS: u32 = 4;

impl pallet_term_staking::Config for Test {
	type AssetKind = Asset;
	type Assets = NativeAndAssets;
	type Holds = NativeAndAssetHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = TermStakingPalletId;
	type BlocksPerYear = ConstU32<BLOCKS_PER_YEAR>;
	type MaxApr = MaxApr;
	type MaxProducts = ConstU32<8>;
	type MaxPositionsPerAccount = ConstU32<MAX_POSITIONS>;
	type OnStakeChanged = RecordStakes;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarks;
}

/// Benchmark assets: `BENCH_ASSETS + seed`, created on first use, `who` funded.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarks;
pub const BENCH_ASSETS: u32 = 200;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Asset, AccountId> for MockBenchmarks {
	fn asset(seed: u32, who: &AccountId) -> Asset {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		let id = BENCH_ASSETS + seed;
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			<Assets as Create<AccountId>>::create(id, ALICE, true, 1).expect("create");
		}
		<Assets as Mutate<AccountId>>::mint_into(id, who, 10u128.pow(30)).expect("mint");
		NativeOrWithId::WithId(id)
	}
}

pub const ALICE: AccountId = AccountId::new([1; 32]);
pub const BOB: AccountId = AccountId::new([2; 32]);
pub const CHARLIE: AccountId = AccountId::new([3; 32]);

pub const NATIVE: Asset = NativeOrWithId::Native;
pub const USDT_ID: u32 = 1;
pub const USDT: Asset = NativeOrWithId::WithId(USDT_ID);
pub const REWARD_ID: u32 = 2;
pub const REWARD: Asset = NativeOrWithId::WithId(REWARD_ID);

/// One whole token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
pub const INITIAL: Balance = 1_000_000 * UNIT;

/// Native staked for native reward: 10 blocks at 100 % a year (so rewards are visible), early
/// exit at 5 %.
pub fn native_terms() -> crate::ProductTerms {
	crate::ProductTerms {
		term: 10,
		apr: FixedU128::from_u32(1),
		min_stake: UNIT,
		max_stake: 100_000 * UNIT,
		capacity: 200_000 * UNIT,
		open: true,
		early_exit_penalty: Some(Permill::from_percent(5)),
	}
}

/// USDT staked for the reward asset: 30 days at 12 %, no early exit.
pub fn usdt_terms() -> crate::ProductTerms {
	crate::ProductTerms {
		term: 432_000,
		apr: FixedU128::from_rational(12, 100),
		min_stake: 10 * UNIT,
		max_stake: 50_000 * UNIT,
		capacity: 100_000 * UNIT,
		open: true,
		early_exit_penalty: None,
	}
}

/// Product 0 is [`native_terms`], product 1 [`usdt_terms`], neither funded.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let accounts = [ALICE, BOB, CHARLIE];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts.iter().map(|a| (a.clone(), INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		assets: vec![(USDT_ID, ALICE, true, 1), (REWARD_ID, ALICE, true, 1)],
		metadata: vec![],
		accounts: [USDT_ID, REWARD_ID]
			.into_iter()
			.flat_map(|id| accounts.clone().into_iter().map(move |who| (id, who, INITIAL)))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_term_staking::GenesisConfig::<Test> {
		products: vec![(NATIVE, NATIVE, native_terms()), (USDT, REWARD, usdt_terms())],
		pots: vec![],
		positions: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		StakeReports::take();
	});
	ext
}

/// Runs to block `n`, checking the invariants on the way.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		TermStaking::on_initialize(next);
		check_state();
	}
}

pub fn check_state() {
	TermStaking::do_try_state().expect("invariants hold");
}

pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::TermStaking(e) => Some(e),
			_ => None,
		})
		.collect()
}
