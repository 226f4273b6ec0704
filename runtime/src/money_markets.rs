//! Price feeds (`pallet-oracle` with `pallet-membership` as its feeder set), what counts as a
//! price (`pallet-prices`), and the money markets (`pallet-lending`), with the adapters that
//! connect them through `defi-primitives`' traits.

use crate::*;
use defi_primitives::{AssetDecimals, OracleFeeds, TimestampedPrice};
use frame_support::{
	parameter_types,
	traits::{
		fungible::NativeOrWithId, fungibles::Inspect as _, ConstU128, ConstU32, ConstU64,
		SortedMembers,
	},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::FixedU128;

/// Decimals of the native token.
pub const NATIVE_DECIMALS: u8 = 12;

/// The most feeders the oracle may have.
pub const MAX_FEEDERS: u32 = 16;

parameter_types! {
	pub const OracleMaxMembers: u32 = MAX_FEEDERS;
	pub const OraclePalletId: PalletId = PalletId(*b"defi/orc");
	/// The USD stable the DEX cross-check prices against.
	pub const UsdReference: NativeOrWithId<AssetId> = NativeOrWithId::WithId(crate::assets::USDT);
	pub const LendingPalletId: PalletId = PalletId(*b"defi/lnd");
}

/// The oracle's feeders. Adding and removing them is root's; a removed feeder's reports are
/// cleared by the oracle (`MembershipChanged`).
impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	type SwapOrigin = EnsureRoot<AccountId>;
	type ResetOrigin = EnsureRoot<AccountId>;
	type PrimeOrigin = EnsureRoot<AccountId>;
	type MembershipInitialized = ();
	type MembershipChanged = Oracle;
	type MaxMembers = OracleMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

/// `pallet-oracle` combines values its own way and keeps the last one forever; nothing here
/// reads its combined value: `pallet-prices` reads each member's raw report.
impl pallet_oracle::Config for Runtime {
	type OnNewData = ();
	type CombineData = pallet_oracle::DefaultCombineData<Runtime, ConstU32<1>, ConstU64<600_000>>;
	type Time = Timestamp;
	type OracleKey = NativeOrWithId<AssetId>;
	type OracleValue = FixedU128;
	type PalletId = OraclePalletId;
	type Members = OracleMembership;
	type WeightInfo = pallet_oracle::weights::SubstrateWeight<Runtime>;
	type MaxHasDispatchedSize = OracleMaxMembers;
	type MaxFeedValues = ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The current members' last reports, from `pallet-oracle`'s raw values (root's own feeds are
/// not counted: an emergency price is a pin of `pallet-prices`).
pub struct MemberFeeds;
impl OracleFeeds<NativeOrWithId<AssetId>> for MemberFeeds {
	fn feeds(asset: &NativeOrWithId<AssetId>) -> Vec<TimestampedPrice> {
		OracleMembership::sorted_members()
			.iter()
			.filter_map(|member| pallet_oracle::RawValues::<Runtime>::get(member, asset))
			.map(|v| TimestampedPrice { value: v.value, timestamp: v.timestamp })
			.collect()
	}
	fn max_feeders() -> u32 {
		MAX_FEEDERS
	}
}

/// Native decimals, and `pallet-assets` metadata for the rest.
pub struct TokenDecimals;
impl AssetDecimals<NativeOrWithId<AssetId>> for TokenDecimals {
	fn decimals(asset: &NativeOrWithId<AssetId>) -> Option<u8> {
		match asset {
			NativeOrWithId::Native => Some(NATIVE_DECIMALS),
			NativeOrWithId::WithId(id) => {
				Assets::asset_exists(*id).then(|| {
					<Assets as frame_support::traits::fungibles::metadata::Inspect<AccountId>>::decimals(*id)
				})
			},
		}
	}
}

impl pallet_prices::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Feeds = MemberFeeds;
	type Decimals = TokenDecimals;
	type Dex = Dex;
	type UsdReference = UsdReference;
	/// 300 blocks: 30 minutes.
	type TwapWindow = ConstU32<{ 30 * MINUTES }>;
	type UnixTime = Timestamp;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxAssets = ConstU32<16>;
	/// One day.
	type MaxPinDuration = ConstU64<86_400_000>;
	type WeightInfo = pallet_prices::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Prices;
}

impl pallet_lending::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = crate::configs::NativeAndAssets;
	type Shares = Assets;
	type SharesHold = AssetsHolder;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Prices = Prices;
	type UnixTime = Timestamp;
	type OnPositionChanged = Farming;
	type AdminOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureRoot<AccountId>;
	type PalletId = LendingPalletId;
	type MinimumShares = ConstU128<1_000>;
	type MaxAccountMarkets = ConstU32<8>;
	type WeightInfo = pallet_lending::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Lending;
}

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use alloc::vec;
	use frame_support::{
		traits::fungibles::{Create, Mutate},
		BoundedVec,
	};

	pub(crate) fn ensure_asset(id: AssetId) {
		if !Assets::asset_exists(id) {
			let owner: AccountId = frame_benchmarking::account("asset-owner", 0, 0);
			let _ = <Assets as Create<AccountId>>::create(id, owner.clone(), true, 1);
			let _ = pallet_assets::Pallet::<Runtime, pallet_assets::Instance1>::force_set_metadata(
				RuntimeOrigin::root(),
				id.into(),
				b"Bench".to_vec(),
				b"BNC".to_vec(),
				12,
				false,
			);
		}
	}

	/// Writes `feeds` as the raw reports of as many oracle members.
	pub fn set_feeds(asset: &NativeOrWithId<AssetId>, feeds: Vec<TimestampedPrice>) {
		let mut members: Vec<AccountId> = (0..feeds.len() as u32)
			.map(|i| frame_benchmarking::account("feeder", i, 0))
			.collect();
		members.sort();
		let bounded: BoundedVec<AccountId, OracleMaxMembers> =
			members.clone().try_into().unwrap_or_default();
		pallet_membership::Members::<Runtime, pallet_membership::Instance1>::put(bounded);
		for (member, feed) in members.iter().zip(feeds) {
			pallet_oracle::RawValues::<Runtime>::insert(
				member,
				asset,
				pallet_oracle::TimestampedValue { value: feed.value, timestamp: feed.timestamp },
			);
		}
	}

	/// A fresh price of `asset` from one feeder, tracked and evaluated now.
	pub fn set_price(asset: &NativeOrWithId<AssetId>, usd_per_token: FixedU128) {
		let now = pallet_timestamp::Now::<Runtime>::get();
		set_feeds(asset, vec![TimestampedPrice { value: usd_per_token, timestamp: now }]);
		pallet_prices::Params::<Runtime>::mutate(|p| p.min_feeders = 1);
		let _ = pallet_prices::Pallet::<Runtime>::track_asset(RuntimeOrigin::root(), asset.clone());
		pallet_prices::Pallet::<Runtime>::refresh_all();
	}

	pub struct Prices;
	impl pallet_prices::BenchmarkHelper<NativeOrWithId<AssetId>> for Prices {
		fn asset(seed: u32) -> NativeOrWithId<AssetId> {
			let id = 5_000 + seed;
			ensure_asset(id);
			NativeOrWithId::WithId(id)
		}
		fn set_feeds(asset: &NativeOrWithId<AssetId>, feeds: Vec<TimestampedPrice>) {
			set_feeds(asset, feeds)
		}
	}

	pub struct Lending;
	impl pallet_lending::BenchmarkHelper<NativeOrWithId<AssetId>, AccountId> for Lending {
		fn market_asset(seed: u32, who: &AccountId) -> NativeOrWithId<AssetId> {
			let id = 6_000 + seed;
			ensure_asset(id);
			let _ =
				<Assets as Mutate<AccountId>>::mint_into(id, who, 1_000_000_000_000_000_000_000);
			NativeOrWithId::WithId(id)
		}
		fn share_asset(seed: u32) -> u32 {
			7_000 + seed
		}
		fn set_price(asset: &NativeOrWithId<AssetId>, usd_per_token: FixedU128) {
			set_price(asset, usd_per_token)
		}
	}
}
