//! # Prices pallet
//!
//! USD prices for the chain's consuming pallets (lending, stablecoin, farming), through
//! `defi_primitives`' [`PriceProvider`]. Feeders report through `pallet-oracle`, which keeps
//! every member's last report forever; this pallet decides which reports count and what price,
//! if any, they make.
//!
//! Every block ([`Hooks::on_initialize`]) each tracked asset is evaluated ([`Pallet::evaluate`]):
//!
//! 1. Feeds younger than [`PriceParams::max_age`] are fresh; a report dated in the future by more
//!    than [`FUTURE_TOLERANCE_MS`] is ignored, one within it counts as made now.
//! 2. With fewer than [`PriceParams::min_feeders`] fresh feeds there is **no price**
//!    ([`PriceStatus::Unavailable`]). Otherwise the price is their median, valid until the
//!    moment fewer than `min_feeders` of them would still be fresh.
//! 3. The median is cross-checked against the DEX TWAP of the asset in [`Config::UsdReference`]
//!    over [`Config::TwapWindow`]: beyond [`PriceParams::max_deviation`] the price is
//!    [`PriceStatus::Disputed`], otherwise (or with no TWAP to compare) [`PriceStatus::Live`].
//! 4. An unexpired admin [`Pin`] overrides all of it ([`PriceStatus::Pinned`]).
//!
//! Security reasoning:
//! * **A stale price is never used silently.** The price provider compares the stored
//!   `valid_until` with the clock *at read time*: `on_initialize` runs before the block's
//!   timestamp inherent, so a price evaluated there could otherwise outlive its feeds by a
//!   block. Once the feeds behind a price age out, consumers receive `None`, not the last value.
//!   The same holds for a pin past its end.
//! * **Minimum feeders.** A price needs `min_feeders` fresh reports: when feeders stop
//!   reporting (or are removed) until fewer remain, the price disappears instead of resting on
//!   a single, possibly malicious, feeder. The median makes a minority of feeders unable to move
//!   the price.
//! * **Disputed prices block only risk-increasing actions.** A disputed price (feeds and DEX
//!   disagree: a compromised feed, or a manipulated pool) is still returned, flagged
//!   [`PriceQuote::disputed`]; consumers must refuse borrowing, withdrawing collateral or minting
//!   on it, but can still let users repay or add collateral, so a dispute never traps users.
//!   Neither source alone decides: the DEX only vetoes, it never sets the price.
//! * **Undefined prices are `None`, never 0.** A zero median is unavailable; pins must be
//!   non-zero.
//! * Pins are bounded by [`Config::MaxPinDuration`] and expire on their own.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod evaluate;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
mod views;
pub mod weights;

pub use evaluate::{summarize_feeds, FeedSummary};
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use defi_primitives::{
	AssetDecimals, OracleFeeds, PriceProvider, PriceQuote, PriceSource, PriceStatus, PriceView,
};
use frame_support::{pallet_prelude::*, traits::UnixTime};
use frame_system::pallet_prelude::*;
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::traits::Zero;

/// How far in the future (ms) a feed may be dated and still count (as made now): one or two
/// blocks of clock drift between a feeder's block and the evaluation.
pub const FUTURE_TOLERANCE_MS: u64 = 12_000;

/// How benchmarks obtain assets and make feeds and the DEX answer for them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// A distinct asset for every seed, other than [`Config::UsdReference`], whose decimals
	/// [`Config::Decimals`] knows (the helper creates it or sets its metadata if needed).
	fn asset(seed: u32) -> AssetKind;
	/// Makes [`Config::Feeds`] report `feeds` for `asset` (the runtime writes `pallet-oracle`'s
	/// raw values of as many members).
	fn set_feeds(asset: &AssetKind, feeds: Vec<defi_primitives::TimestampedPrice>);
	/// Makes [`Config::Dex`] answer a TWAP of `unit_price` (base units of `quote` per base
	/// unit of `asset`) if the runtime can arrange it; by default nothing (no TWAP).
	fn set_twap(_asset: &AssetKind, _quote: &AssetKind, _unit_price: FixedU128) {}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// A token: the native token or an asset id (`NativeOrWithId<u32>` in the runtime).
		type AssetKind: Parameter + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

		/// Every current feeder's last report of an asset, fresh or not.
		type Feeds: OracleFeeds<Self::AssetKind>;

		/// Decimals of the tokens, to turn DEX prices into prices per whole token.
		type Decimals: AssetDecimals<Self::AssetKind>;

		/// The DEX, whose TWAP the feeds are cross-checked against.
		type Dex: PriceSource<Self::AssetKind, BlockNumberFor<Self>>;

		/// A USD stablecoin, assumed worth 1 USD for the cross-check; it is not cross-checked
		/// itself.
		#[pallet::constant]
		type UsdReference: Get<Self::AssetKind>;

		/// Blocks the DEX TWAP of the cross-check covers at least.
		#[pallet::constant]
		type TwapWindow: Get<BlockNumberFor<Self>>;

		/// The clock, in Unix time; feeds are dated in milliseconds of it.
		type UnixTime: UnixTime;

		/// May set the parameters, choose the tracked assets and pin prices.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most assets tracked at once.
		#[pallet::constant]
		type MaxAssets: Get<u32>;

		/// Longest pin, in milliseconds.
		#[pallet::constant]
		type MaxPinDuration: Get<u64>;

		/// Weights of the calls and of `on_initialize`.
		type WeightInfo: WeightInfo;

		/// Obtains assets, feeds and TWAPs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
	}

	/// What counts as a usable price.
	#[pallet::storage]
	pub type Params<T> = StorageValue<_, PriceParams, ValueQuery>;

	/// The assets priced, in the order they were tracked.
	#[pallet::storage]
	pub type Tracked<T: Config> =
		StorageValue<_, BoundedVec<T::AssetKind, T::MaxAssets>, ValueQuery>;

	/// The evaluated price of every tracked asset.
	#[pallet::storage]
	pub type Current<T: Config> = StorageMap<_, Blake2_128Concat, T::AssetKind, PriceState>;

	/// Emergency prices the admin pinned, until they expire.
	#[pallet::storage]
	pub type Pins<T: Config> = StorageMap<_, Blake2_128Concat, T::AssetKind, Pin>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial parameters; must be valid.
		pub params: PriceParams,
		/// Assets tracked from genesis; their decimals must be known.
		pub assets: Vec<T::AssetKind>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.params.is_valid(), "genesis: invalid price parameters");
			Params::<T>::put(self.params);
			let mut tracked = BoundedVec::<T::AssetKind, T::MaxAssets>::default();
			for asset in &self.assets {
				assert!(!tracked.contains(asset), "genesis: asset tracked twice");
				let decimals = Pallet::<T>::known_decimals(asset)
					.expect("genesis: decimals of a tracked asset unknown or too many");
				tracked.try_push(asset.clone()).expect("genesis: too many tracked assets");
				// No feeds exist yet: every asset starts without a price.
				Current::<T>::insert(asset, PriceState::unavailable(decimals));
			}
			Tracked::<T>::put(tracked);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The parameters changed; every price was re-evaluated with them.
		ParamsSet { params: PriceParams },
		/// An asset is priced from now on.
		AssetTracked { asset: T::AssetKind, decimals: u8 },
		/// An asset is no longer priced; its price and pin are gone.
		AssetUntracked { asset: T::AssetKind },
		/// The admin pinned the price of an asset until `until` (Unix ms).
		PricePinned { asset: T::AssetKind, price: FixedU128, until: u64 },
		/// The admin removed a pin.
		PriceUnpinned { asset: T::AssetKind },
		/// A pin reached its end and was removed.
		PinExpired { asset: T::AssetKind },
		/// An asset lost its price (too few fresh feeds, or a zero median).
		PriceUnavailable { asset: T::AssetKind },
		/// An asset without a price has a live one again.
		PriceAvailable { asset: T::AssetKind, price: FixedU128 },
		/// The feeds' median `feed` deviates from the DEX TWAP `twap` by `deviation`, beyond the
		/// bound: the price only serves actions that reduce risk.
		PriceDisputed { asset: T::AssetKind, feed: FixedU128, twap: FixedU128, deviation: Permill },
		/// A disputed price agrees with the DEX again.
		DisputeResolved { asset: T::AssetKind, price: FixedU128 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// `min_feeders` must be at least 1.
		ZeroMinFeeders,
		/// `max_age` must be at least 1 ms.
		ZeroMaxAge,
		/// The asset is tracked already.
		AlreadyTracked,
		/// The asset is not tracked.
		NotTracked,
		/// As many assets are tracked as allowed.
		TooManyAssets,
		/// The decimals of the asset are unknown.
		UnknownDecimals,
		/// The asset has more decimals than prices can be converted with.
		TooManyDecimals,
		/// A pinned price must not be zero.
		ZeroPrice,
		/// A pin must last at least 1 ms.
		ZeroPinDuration,
		/// A pin must not last longer than `MaxPinDuration`.
		PinTooLong,
		/// The asset has no pin.
		NotPinned,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Expires pins and re-evaluates every tracked asset, writing only what changed.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let assets = Self::refresh_all();
			T::WeightInfo::on_initialize(assets, T::Feeds::max_feeders())
		}

		fn integrity_test() {
			assert!(T::MaxAssets::get() >= 1, "MaxAssets must be at least 1");
			assert!(T::MaxPinDuration::get() >= 1, "MaxPinDuration must be at least 1 ms");
			assert!(!T::TwapWindow::get().is_zero(), "TwapWindow must be at least 1 block");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the parameters. Every tracked asset is re-evaluated with them at once, so a
		/// stricter setting applies in this block already.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: PriceParams) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(params.min_feeders > 0, Error::<T>::ZeroMinFeeders);
			ensure!(params.max_age > 0, Error::<T>::ZeroMaxAge);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Self::refresh_all();
			Ok(())
		}

		/// Price `asset` from now on; it is evaluated at once.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::track_asset())]
		pub fn track_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let decimals = T::Decimals::decimals(&asset).ok_or(Error::<T>::UnknownDecimals)?;
			ensure!(decimals <= defi_math::prices::MAX_DECIMALS, Error::<T>::TooManyDecimals);
			Tracked::<T>::try_mutate(|tracked| -> DispatchResult {
				ensure!(!tracked.contains(&asset), Error::<T>::AlreadyTracked);
				tracked.try_push(asset.clone()).map_err(|_| Error::<T>::TooManyAssets)?;
				Ok(())
			})?;
			Self::deposit_event(Event::AssetTracked { asset: asset.clone(), decimals });
			let ctx = Context::<T>::load();
			let state = Self::evaluate_with(&ctx, &asset, decimals, None);
			Self::apply(&asset, None, state);
			Ok(())
		}

		/// Stop pricing `asset`: its price and any pin are removed.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::untrack_asset())]
		pub fn untrack_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Tracked::<T>::try_mutate(|tracked| -> DispatchResult {
				let index =
					tracked.iter().position(|a| *a == asset).ok_or(Error::<T>::NotTracked)?;
				tracked.remove(index);
				Ok(())
			})?;
			Current::<T>::remove(&asset);
			Pins::<T>::remove(&asset);
			Self::deposit_event(Event::AssetUntracked { asset });
			Ok(())
		}

		/// Pin the price of `asset` to `price` (USD per whole token) for `duration_ms`
		/// milliseconds, overriding the feeds, disputes and staleness. It applies at once.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::pin_price())]
		pub fn pin_price(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			price: FixedU128,
			duration_ms: u64,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
			ensure!(duration_ms > 0, Error::<T>::ZeroPinDuration);
			ensure!(duration_ms <= T::MaxPinDuration::get(), Error::<T>::PinTooLong);
			ensure!(Tracked::<T>::get().contains(&asset), Error::<T>::NotTracked);
			let old = Current::<T>::get(&asset);
			let ctx = Context::<T>::load();
			let until = ctx.now.saturating_add(duration_ms);
			let pin = Pin { price, until };
			Pins::<T>::insert(&asset, pin);
			Self::deposit_event(Event::PricePinned { asset: asset.clone(), price, until });
			let decimals = Self::decimals_of(&asset, old.as_ref());
			let state = Self::evaluate_with(&ctx, &asset, decimals, Some(&pin));
			Self::apply(&asset, old, state);
			Ok(())
		}

		/// Remove the pin of `asset`; its price is re-evaluated from the feeds at once.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::unpin_price())]
		pub fn unpin_price(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Pins::<T>::take(&asset).ok_or(Error::<T>::NotPinned)?;
			Self::deposit_event(Event::PriceUnpinned { asset: asset.clone() });
			let old = Current::<T>::get(&asset);
			let ctx = Context::<T>::load();
			let decimals = Self::decimals_of(&asset, old.as_ref());
			let state = Self::evaluate_with(&ctx, &asset, decimals, None);
			Self::apply(&asset, old, state);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The clock, in Unix milliseconds.
	pub fn now_ms() -> u64 {
		// No clock at genesis.
		if frame_system::Pallet::<T>::block_number().is_zero() {
			return 0;
		}
		u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
	}

	/// Decimals of `asset` if known and usable for conversions.
	fn known_decimals(asset: &T::AssetKind) -> Option<u8> {
		T::Decimals::decimals(asset).filter(|d| *d <= defi_math::prices::MAX_DECIMALS)
	}

	/// Decimals of a tracked asset: those stored with its price, else [`Config::Decimals`].
	fn decimals_of(asset: &T::AssetKind, state: Option<&PriceState>) -> u8 {
		state
			.map(|s| s.decimals)
			.or_else(|| Self::known_decimals(asset))
			.unwrap_or_default()
	}

	/// Expires pins and re-evaluates every tracked asset; returns how many assets there are.
	pub fn refresh_all() -> u32 {
		let ctx = Context::<T>::load();
		let tracked = Tracked::<T>::get();
		for asset in tracked.iter() {
			let old = Current::<T>::get(asset);
			let mut pin = Pins::<T>::get(asset);
			if pin.is_some_and(|p| ctx.now >= p.until) {
				Pins::<T>::remove(asset);
				Self::deposit_event(Event::PinExpired { asset: asset.clone() });
				pin = None;
			}
			let decimals = Self::decimals_of(asset, old.as_ref());
			let state = Self::evaluate_with(&ctx, asset, decimals, pin.as_ref());
			Self::apply(asset, old, state);
		}
		tracked.len() as u32
	}

	/// Stores `new` as the price of `asset` if it differs from `old`, and reports a change of
	/// status (no entry counts as unavailable). Entering or leaving a pin is reported by the
	/// pin's own events.
	pub(crate) fn apply(asset: &T::AssetKind, old: Option<PriceState>, new: PriceState) {
		if old == Some(new) {
			return;
		}
		Current::<T>::insert(asset, new);
		let before = old.map_or(PriceStatus::Unavailable, |s| s.status);
		if before == new.status {
			return;
		}
		let asset = asset.clone();
		match (new.status, new.price) {
			(PriceStatus::Unavailable, _) => {
				Self::deposit_event(Event::PriceUnavailable { asset });
			},
			(PriceStatus::Disputed, Some(feed)) => {
				let twap = new.twap.unwrap_or_default();
				let deviation = evaluate::deviation_or_max(feed, twap);
				Self::deposit_event(Event::PriceDisputed { asset, feed, twap, deviation });
			},
			(PriceStatus::Live, Some(price)) => match before {
				PriceStatus::Disputed => {
					Self::deposit_event(Event::DisputeResolved { asset, price })
				},
				PriceStatus::Unavailable => {
					Self::deposit_event(Event::PriceAvailable { asset, price })
				},
				// Leaving a pin was reported by `PinExpired` or `PriceUnpinned`.
				_ => {},
			},
			// Entering a pin was reported by `PricePinned`.
			_ => {},
		}
	}

	/// The usable price of `asset` now, as [`PriceProvider::price`] returns it.
	pub fn quote(asset: &T::AssetKind) -> Option<PriceQuote> {
		let state = Current::<T>::get(asset)?;
		if !state.is_usable(Self::now_ms()) {
			return None;
		}
		let usd_per_token = state.price.filter(|p| !p.is_zero())?;
		Some(PriceQuote {
			usd_per_token,
			decimals: state.decimals,
			updated: state.updated,
			disputed: state.status == PriceStatus::Disputed,
		})
	}
}

/// Consumers' prices: only a price whose feeds (or pin) are still valid by the clock at the
/// time of reading, flagged when disputed.
impl<T: Config> PriceProvider<T::AssetKind> for Pallet<T> {
	fn price(asset: &T::AssetKind) -> Option<PriceQuote> {
		Self::quote(asset)
	}
}

/// What every evaluation of one block (or call) shares, read once.
pub(crate) struct Context<T: Config> {
	/// The clock, Unix ms.
	pub now: u64,
	/// The parameters in force.
	pub params: PriceParams,
	/// [`Config::UsdReference`].
	pub usd: T::AssetKind,
	/// Decimals of the USD reference; without them there is no cross-check.
	pub usd_decimals: Option<u8>,
}

impl<T: Config> Context<T> {
	/// Reads the clock, the parameters and the USD reference's decimals.
	pub fn load() -> Self {
		let usd = T::UsdReference::get();
		Self {
			now: Pallet::<T>::now_ms(),
			params: Params::<T>::get(),
			usd_decimals: Pallet::<T>::known_decimals(&usd),
			usd,
		}
	}
}

/// The price views of the runtime API, re-exported for its implementation.
pub type PriceViewOf<T> = PriceView<<T as Config>::AssetKind>;
