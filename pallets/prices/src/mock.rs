//! Test runtime: the prices pallet with a settable clock, feeds, decimals and DEX TWAP.

use crate as pallet_prices;
use alloc::collections::BTreeMap;
use core::time::Duration;
use defi_primitives::{AssetDecimals, OracleFeeds, PriceSource, TimestampedPrice, WindowPrice};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, UnixTime},
};
use frame_system::EnsureRoot;
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::BuildStorage;

pub type AccountId = u64;
pub type Asset = u32;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Prices: pallet_prices,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The USD reference, 6 decimals.
pub const USDT: Asset = 1;
/// 8 decimals.
pub const BTC: Asset = 2;
/// 10 decimals.
pub const DOT: Asset = 3;
/// 18 decimals; not tracked at genesis.
pub const ETH: Asset = 4;
/// Decimals unknown.
pub const UNKNOWN: Asset = 99;
/// More decimals than conversions support.
pub const HUGE_DECIMALS: Asset = 98;

/// Clock at genesis, Unix ms.
pub const START: u64 = 1_000_000_000;
/// Genesis `max_age`: one minute.
pub const MAX_AGE: u64 = 60_000;
/// Genesis `min_feeders`.
pub const MIN_FEEDERS: u32 = 2;
/// Genesis `max_deviation`.
pub const MAX_DEVIATION: Permill = Permill::from_percent(5);
/// Longest pin: one day.
pub const MAX_PIN: u64 = 86_400_000;
/// Blocks of the cross-check's TWAP.
pub const TWAP_WINDOW: u64 = 300;
pub const MAX_ASSETS: u32 = 8;

parameter_types! {
	/// The clock, Unix ms.
	pub static Now: u64 = START;
	/// Every feeder's last report per asset.
	pub static FeedMap: BTreeMap<Asset, Vec<TimestampedPrice>> = BTreeMap::new();
	/// Most feeders there can be.
	pub static MaxFeeders: u32 = 9;
	/// DEX TWAP per (base, quote), in base units of quote per base unit of base.
	pub static Twaps: BTreeMap<(Asset, Asset), FixedU128> = BTreeMap::new();
	/// Windows the DEX was asked for.
	pub static AskedWindows: Vec<u64> = vec![];
	pub const UsdReference: Asset = USDT;
}

/// The settable clock.
pub struct MockTime;
impl UnixTime for MockTime {
	fn now() -> Duration {
		Duration::from_millis(Now::get())
	}
}

/// Feeds from [`FeedMap`].
pub struct MockFeeds;
impl OracleFeeds<Asset> for MockFeeds {
	fn feeds(asset: &Asset) -> Vec<TimestampedPrice> {
		FeedMap::get().get(asset).cloned().unwrap_or_default()
	}
	fn max_feeders() -> u32 {
		MaxFeeders::get()
	}
}

/// Decimals per asset: see the asset constants; benchmark assets (100 up) have 12.
pub struct MockDecimals;
impl AssetDecimals<Asset> for MockDecimals {
	fn decimals(asset: &Asset) -> Option<u8> {
		match *asset {
			USDT => Some(6),
			BTC => Some(8),
			DOT => Some(10),
			ETH => Some(18),
			UNKNOWN => None,
			HUGE_DECIMALS => Some(40),
			_ => Some(12),
		}
	}
}

/// A DEX answering the TWAPs in [`Twaps`].
pub struct MockDex;
impl PriceSource<Asset, u64> for MockDex {
	fn window_price(base: &Asset, quote: &Asset, window: u64) -> Option<WindowPrice<u64>> {
		AskedWindows::mutate(|w| w.push(window));
		let price = *Twaps::get().get(&(*base, *quote))?;
		Some(WindowPrice { price, covered: window, age: 0, quote_liquidity: 1_000_000_000_000 })
	}
}

/// Benchmark assets are 100 + seed; feeds and TWAPs go to the static maps.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Asset> for MockHelper {
	fn asset(seed: u32) -> Asset {
		100 + seed
	}
	fn set_feeds(asset: &Asset, feeds: Vec<TimestampedPrice>) {
		FeedMap::mutate(|m| m.insert(*asset, feeds));
	}
	fn set_twap(asset: &Asset, quote: &Asset, unit_price: FixedU128) {
		Twaps::mutate(|m| m.insert((*asset, *quote), unit_price));
	}
}

impl pallet_prices::Config for Test {
	type AssetKind = Asset;
	type Feeds = MockFeeds;
	type Decimals = MockDecimals;
	type Dex = MockDex;
	type UsdReference = UsdReference;
	type TwapWindow = ConstU64<TWAP_WINDOW>;
	type UnixTime = MockTime;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxAssets = ConstU32<MAX_ASSETS>;
	type MaxPinDuration = ConstU64<MAX_PIN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// The genesis parameters.
pub fn genesis_params() -> crate::PriceParams {
	crate::PriceParams { max_age: MAX_AGE, min_feeders: MIN_FEEDERS, max_deviation: MAX_DEVIATION }
}

/// Genesis: USDT, BTC and DOT tracked, no feeds, the clock at [`START`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	Now::set(START);
	FeedMap::take();
	Twaps::take();
	AskedWindows::take();
	MaxFeeders::set(9);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_prices::GenesisConfig::<Test> { params: genesis_params(), assets: vec![USDT, BTC, DOT] }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh [`new_test_ext`], then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Prices::do_try_state().expect("try_state holds");
	});
}
