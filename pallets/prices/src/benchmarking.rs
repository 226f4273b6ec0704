//! Benchmarks of pallet-prices (frame-benchmarking v2). Each measures the worst case of its
//! call: as many assets tracked as allowed, each with as many fresh feeds as there can be
//! feeders and (where the runtime's helper can arrange it) a DEX TWAP that disputes the feeds,
//! so every evaluation reads everything and changes the stored price and its status.

use super::*;
use defi_primitives::TimestampedPrice;
use frame_benchmarking::v2::*;
use sp_arithmetic::FixedPointNumber;

fn asset<T: Config>(seed: u32) -> T::AssetKind {
	T::BenchmarkHelper::asset(seed)
}

/// Parameters under which one fresh feed makes a price.
fn lenient_params() -> PriceParams {
	PriceParams { max_age: 3_600_000, min_feeders: 1, max_deviation: Permill::from_percent(1) }
}

/// Gives `asset` `feeds` fresh feeds (distinct values) and a TWAP far from them.
fn feed<T: Config>(asset: &T::AssetKind, feeds: u32) {
	let now = Pallet::<T>::now_ms();
	let reports = (0..feeds)
		.map(|k| TimestampedPrice {
			value: FixedU128::saturating_from_integer(100u32.saturating_add(k)),
			timestamp: now,
		})
		.collect();
	T::BenchmarkHelper::set_feeds(asset, reports);
	T::BenchmarkHelper::set_twap(asset, &T::UsdReference::get(), FixedU128::from_inner(1));
}

/// Tracks assets of seeds `1..=count`, each with `feeds` feeds, through storage (as genesis
/// does), and returns them.
fn track<T: Config>(count: u32, feeds: u32) -> Vec<T::AssetKind> {
	Params::<T>::put(lenient_params());
	let assets: Vec<T::AssetKind> = (1..=count).map(asset::<T>).collect();
	for a in &assets {
		feed::<T>(a, feeds);
		let decimals = Pallet::<T>::known_decimals(a).unwrap_or_default();
		Current::<T>::insert(a, PriceState::unavailable(decimals));
	}
	Tracked::<T>::put(BoundedVec::truncate_from(assets.clone()));
	assets
}

fn admin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Every asset priced, then a minimum of feeders none reaches: every price becomes
	/// unavailable (a write and an event each).
	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let feeders = T::Feeds::max_feeders();
		let assets = track::<T>(T::MaxAssets::get(), feeders);
		Pallet::<T>::refresh_all();
		let origin = admin::<T>()?;
		let params = PriceParams { min_feeders: feeders.saturating_add(1), ..lenient_params() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Params::<T>::get(), params);
		for a in &assets {
			assert_eq!(Current::<T>::get(a).map(|s| s.status), Some(PriceStatus::Unavailable));
		}
		Ok(())
	}

	/// The last free slot, for an asset with the most feeds.
	#[benchmark]
	fn track_asset() -> Result<(), BenchmarkError> {
		let max = T::MaxAssets::get();
		track::<T>(max.saturating_sub(1), 0);
		let new = asset::<T>(max);
		feed::<T>(&new, T::Feeds::max_feeders());
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());
		assert!(Tracked::<T>::get().contains(&new));
		assert!(Current::<T>::contains_key(&new));
		Ok(())
	}

	/// The first of the most assets, pinned (all others shift).
	#[benchmark]
	fn untrack_asset() -> Result<(), BenchmarkError> {
		let assets = track::<T>(T::MaxAssets::get(), 0);
		let first = assets.first().cloned().ok_or(BenchmarkError::Weightless)?;
		let until = Pallet::<T>::now_ms().saturating_add(1_000);
		Pins::<T>::insert(&first, Pin { price: FixedU128::one(), until });
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, first.clone());
		assert!(!Tracked::<T>::get().contains(&first));
		assert!(!Pins::<T>::contains_key(&first));
		Ok(())
	}

	/// The last of the most assets, with the most feeds.
	#[benchmark]
	fn pin_price() -> Result<(), BenchmarkError> {
		let max = T::MaxAssets::get();
		let assets = track::<T>(max, 0);
		let target = assets.last().cloned().ok_or(BenchmarkError::Weightless)?;
		feed::<T>(&target, T::Feeds::max_feeders());
		let origin = admin::<T>()?;
		let price = FixedU128::saturating_from_integer(2u32);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, target.clone(), price, T::MaxPinDuration::get());
		assert_eq!(Current::<T>::get(&target).map(|s| s.status), Some(PriceStatus::Pinned));
		Ok(())
	}

	/// A pinned asset with the most feeds goes back to them.
	#[benchmark]
	fn unpin_price() -> Result<(), BenchmarkError> {
		let max = T::MaxAssets::get();
		let assets = track::<T>(max, 0);
		let target = assets.last().cloned().ok_or(BenchmarkError::Weightless)?;
		feed::<T>(&target, T::Feeds::max_feeders());
		let until = Pallet::<T>::now_ms().saturating_add(1_000);
		let price = FixedU128::saturating_from_integer(2u32);
		Pins::<T>::insert(&target, Pin { price, until });
		Pallet::<T>::refresh_all();
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, target.clone());
		assert!(!Pins::<T>::contains_key(&target));
		assert_ne!(Current::<T>::get(&target).map(|s| s.status), Some(PriceStatus::Pinned));
		Ok(())
	}

	/// `a` tracked assets with `f` feeds each, every one with a pin that has just expired:
	/// each evaluation removes a pin, reads every feed and the DEX, and writes a new state.
	#[benchmark]
	fn on_initialize(
		a: Linear<0, { T::MaxAssets::get() }>,
		f: Linear<0, { T::Feeds::max_feeders() }>,
	) {
		let assets = track::<T>(a, f);
		let now = Pallet::<T>::now_ms();
		let price = FixedU128::saturating_from_integer(2u32);
		for asset in &assets {
			Pins::<T>::insert(asset, Pin { price, until: now });
			Current::<T>::mutate(asset, |state| {
				if let Some(state) = state {
					state.status = PriceStatus::Pinned;
					state.price = Some(price);
					state.valid_until = now;
				}
			});
		}
		let block = frame_system::Pallet::<T>::block_number();
		#[block]
		{
			Pallet::<T>::on_initialize(block);
		}
		for asset in &assets {
			assert!(!Pins::<T>::contains_key(asset));
			assert_ne!(Current::<T>::get(asset).map(|s| s.status), Some(PriceStatus::Pinned));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
