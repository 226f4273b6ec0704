//! Test runtime: balances, one `pallet-assets` instance with holds (underlying tokens and the
//! share tokens), a settable price feed and clock, and the lending pallet.

use crate as pallet_lending;
use defi_primitives::{LendingActivity, OnSharesChanged, PriceProvider, PriceQuote};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, UnixTime,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned, EnsureSignedBy};
use sp_arithmetic::{FixedU128, Permill};
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
		AssetsHolder: pallet_assets_holder::<Instance1>,
		Lending: pallet_lending,
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

parameter_types! {
	pub const LendingPalletId: PalletId = PalletId(*b"defi/lnd");
	/// Unix time in milliseconds.
	pub static Now: u64 = START_MS;
	/// Prices the feed reports: (asset, USD per whole token, decimals, disputed).
	pub static Prices: Vec<(Asset, FixedU128, u8, bool)> = vec![];
	/// Every position change reported: (activity, account, shares).
	pub static Reported: Vec<(LendingActivity<Asset>, AccountId, Balance)> = vec![];
}

pub const START_MS: u64 = 1_700_000_000_000;

/// The emergency origin's only member.
pub struct GuardianMembers;
impl frame_support::traits::SortedMembers<AccountId> for GuardianMembers {
	fn sorted_members() -> Vec<AccountId> {
		vec![GUARDIAN]
	}
}

pub struct MockClock;
impl UnixTime for MockClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(Now::get())
	}
}

pub struct MockPrices;
impl PriceProvider<Asset> for MockPrices {
	fn price(asset: &Asset) -> Option<PriceQuote> {
		Prices::get().iter().find(|p| &p.0 == asset).map(|p| PriceQuote {
			usd_per_token: p.1,
			decimals: p.2,
			updated: Now::get(),
			disputed: p.3,
		})
	}
}

pub struct RecordPositions;
impl OnSharesChanged<AccountId, LendingActivity<Asset>> for RecordPositions {
	fn on_shares_changed(program: &LendingActivity<Asset>, who: &AccountId, shares: Balance) {
		Reported::mutate(|r| r.push((program.clone(), *who, shares)));
	}
}

impl pallet_lending::Config for Test {
	type AssetKind = Asset;
	type Assets = NativeAndAssets;
	type Shares = Assets;
	type SharesHold = AssetsHolder;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Prices = MockPrices;
	type UnixTime = MockClock;
	type OnPositionChanged = RecordPositions;
	type AdminOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureSignedBy<GuardianMembers, AccountId>;
	type PalletId = LendingPalletId;
	type MinimumShares = ConstU128<MINIMUM_SHARES>;
	type MaxAccountMarkets = ConstU32<MAX_ACCOUNT_MARKETS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_lending::BenchmarkHelper<Asset, AccountId> for MockBenchmarkHelper {
	fn market_asset(seed: u32, who: &AccountId) -> Asset {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		let id = 100 + seed;
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			<Assets as Create<AccountId>>::create(id, ALICE, true, 1).unwrap();
		}
		<Assets as Mutate<AccountId>>::mint_into(id, who, INITIAL).unwrap();
		NativeOrWithId::WithId(id)
	}
	fn share_asset(seed: u32) -> u32 {
		20_000 + seed
	}
	fn set_price(asset: &Asset, usd_per_token: FixedU128) {
		set_price(asset.clone(), usd_per_token, 12);
	}
}

pub const MINIMUM_SHARES: Balance = 1_000;
pub const MAX_ACCOUNT_MARKETS: u32 = 4;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const GUARDIAN: AccountId = 9;
/// Holds the genesis position.
pub const FERDIE: AccountId = 6;

pub const NATIVE: Asset = NativeOrWithId::Native;
/// 6 decimals, 1 USD.
pub const USDT: Asset = NativeOrWithId::WithId(1);
/// 8 decimals, 60,000 USD.
pub const WBTC: Asset = NativeOrWithId::WithId(2);
/// 18 decimals, 3,000 USD.
pub const WETH: Asset = NativeOrWithId::WithId(3);
/// 6 decimals, no market at genesis.
pub const USDC: Asset = NativeOrWithId::WithId(4);

pub const USDT_SHARES: u32 = 1_001;
pub const WBTC_SHARES: u32 = 1_002;
pub const WETH_SHARES: u32 = 1_003;
pub const NATIVE_SHARES: u32 = 1_000;
pub const USDC_SHARES: u32 = 1_004;

/// Each test account's balance of every token.
pub const INITIAL: Balance = 1_000_000_000_000_000_000_000_000;

pub const fn usdt(n: u128) -> Balance {
	n * 1_000_000
}
pub const fn wbtc(n: u128) -> Balance {
	n * 100_000_000
}
pub const fn weth(n: u128) -> Balance {
	n * 1_000_000_000_000_000_000
}

pub fn set_price(asset: Asset, price: FixedU128, decimals: u8) {
	Prices::mutate(|p| {
		p.retain(|e| e.0 != asset);
		p.push((asset, price, decimals, false));
	});
}

pub fn set_usd_price(asset: Asset, usd: u128) {
	let decimals = match asset {
		NativeOrWithId::Native => 12,
		NativeOrWithId::WithId(2) => 8,
		NativeOrWithId::WithId(3) => 18,
		_ => 6,
	};
	set_price(asset, FixedU128::from_u32(usd as u32), decimals);
}

pub fn dispute(asset: Asset, disputed: bool) {
	Prices::mutate(|p| p.iter_mut().filter(|e| e.0 == asset).for_each(|e| e.3 = disputed));
}

pub fn remove_price(asset: Asset) {
	Prices::mutate(|p| p.retain(|e| e.0 != asset));
}

/// Moves the clock (and the block number by one).
pub fn advance_seconds(seconds: u64) {
	Now::mutate(|n| *n += seconds * 1_000);
	System::set_block_number(System::block_number() + 1);
}

/// 5 % base, 20 % per utilization below an 80 % kink, 300 % above it.
pub fn rate_model() -> crate::RateModel {
	crate::RateModel {
		base: FixedU128::from_rational(2, 100),
		slope_low: FixedU128::from_rational(20, 100),
		kink: Permill::from_percent(80),
		slope_high: FixedU128::from_rational(300, 100),
	}
}

/// Collateral factor 75 %, liquidation threshold 80 %, incentive 8 % (a tenth of it to
/// reserves), close factor 50 %, reserve factor 10 %, no caps, 95 % utilization.
pub fn params() -> crate::MarketParams {
	crate::MarketParams {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_incentive: Permill::from_percent(8),
		liquidation_fee: Permill::from_percent(10),
		close_factor: Permill::from_percent(50),
		reserve_factor: Permill::from_percent(10),
		supply_cap: Balance::MAX,
		borrow_cap: Balance::MAX,
		max_utilization: Permill::from_percent(95),
		rate_model: rate_model(),
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let accounts = [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE, GUARDIAN];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts.iter().map(|a| (*a, INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		assets: (1..=4).map(|id| (id, ALICE, true, 1)).collect(),
		metadata: vec![],
		accounts: (1..=4u32)
			.flat_map(|id| accounts.iter().map(move |who| (id, *who, INITIAL)))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_lending::GenesisConfig::<Test> {
		markets: [
			(NATIVE, NATIVE_SHARES),
			(USDT, USDT_SHARES),
			(WBTC, WBTC_SHARES),
			(WETH, WETH_SHARES),
		]
		.into_iter()
		.map(|(asset, share_asset)| crate::GenesisMarket { asset, share_asset, params: params() })
		.collect(),
		// One open position from genesis, so the genesis path is exercised.
		positions: vec![crate::GenesisPosition {
			who: FERDIE,
			supply: vec![(NATIVE, 10_000_000)],
			collateral: vec![NATIVE],
			borrow: vec![(NATIVE, 1_000_000)],
		}],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Now::set(START_MS);
		Prices::set(vec![]);
		Reported::set(vec![]);
		set_usd_price(NATIVE, 2);
		set_usd_price(USDT, 1);
		set_usd_price(WBTC, 60_000);
		set_usd_price(WETH, 3_000);
	});
	ext
}

/// Runs `test` and then the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Lending::do_try_state().expect("try_state");
	});
}
