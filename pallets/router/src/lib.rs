//! # Router pallet
//!
//! The best price for a trade across every pool of every venue the runtime wires in (the DEX's
//! constant-product and stable pools and `pallet-asset-conversion`'s pools in this chain),
//! found on chain for the amount traded and executed in one atomic call.
//!
//! * **Search** (module `search`): the venues' pools form a graph of assets. The best route of
//!   up to [`Config::MaxHops`] hops is found by an amount-aware layered search: hop by hop,
//!   each asset keeps the route that delivers the most of it (exact-in) or needs the least
//!   input to reach the output from it (exact-out), quoting each hop for the amount the route
//!   actually carries there. Up to [`Config::MaxSplits`] pool-disjoint routes are found the
//!   same way, each excluding the pools of those before it, and the amount is handed out over
//!   them in [`Config::SplitChunks`] chunks, each to the route that gains most from it
//!   (`defi_math::routing`); the split is taken only when it beats the best single route.
//!   Work is bounded by [`Config::MaxPoolsPerVenue`] (the graph) and [`Config::MaxHopQuotes`]
//!   (venue quotes per trade, answers cached across its searches); the weight
//!   charged up front covers those bounds and the unused part is refunded from the pools
//!   actually read.
//! * **Execution** (module `execute`): the input is withdrawn from the trader as a credit,
//!   split over the routes, swapped through each venue's credit interface, and the output is
//!   resolved to the recipient. The router never holds funds: it has no account, and a failure
//!   anywhere rolls everything back.
//! * **Given routes**: a caller who quoted through the runtime API may pass the routes and
//!   their amounts; the router validates and executes exactly them (no search is charged).
//! * **Standard traits** (module `traits`): polkadot-sdk's `Swap`, `SwapCredit` and
//!   `QuotePrice`, so fee payment in any asset (later the stablecoin's liquidations) gets the
//!   aggregated price. A path names the two ends only (`max_path_len` is 2): the router picks
//!   the hops and the split.
//!
//! Security: quotes come from the venues' own quote functions, which apply each venue's limits
//! (a route through a pool that would breach the DEX's trade-size or price-move limit is never
//! found); `min_out` / `max_in` are checked against the executed amounts; a route's pools are
//! disjoint from every other route's, so the routes' quotes add up exactly.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod execute;
#[cfg(test)]
mod mock;
mod search;
#[cfg(test)]
mod tests;
mod traits;
pub mod venues;
mod views;
pub mod weights;

pub use defi_primitives::{Balance, PoolId, RouteHop, RouteQuote, TradeQuote};
pub use venues::Venues;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use defi_primitives::PauseCheck;
use frame_support::{
	pallet_prelude::*,
	traits::{fungibles, tokens::Preservation, PalletInfoAccess},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::*;

/// A credit of any asset the venues trade.
pub type CreditOf<T> =
	fungibles::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Assets>;

/// One route a caller asks for: its hops and the part of the trade it carries (exact-in: the
/// input it takes; exact-out: the output it delivers).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct RoutePlan<T: Config> {
	pub hops: BoundedVec<RouteHop<T::AssetKind>, T::MaxHops>,
	pub amount: Balance,
}

/// The routes of a trade a caller asks for.
pub type RoutePlansOf<T> = BoundedVec<RoutePlan<T>, <T as Config>::MaxSplits>;

/// How benchmarks build a graph of pools on the runtime's venues.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// A distinct asset for each `seed`, existing (created if need be).
	fn asset(seed: u32) -> AssetKind;
	/// Gives `who` `amount` of `asset`.
	fn fund(who: &AccountId, asset: &AssetKind, amount: Balance);
	/// Creates a pool on `venue` trading `a` against `b` funded with `amount` of each by
	/// `provider`; `false` when the venue cannot (it has no pool kind left for the pair).
	fn create_pool(
		venue: u8,
		provider: &AccountId,
		a: &AssetKind,
		b: &AssetKind,
		amount: Balance,
	) -> bool;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// A token: the native token or an asset id (`NativeOrWithId<u32>` in the runtime).
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// Every token the venues trade, behind one `fungibles` interface with credits.
		type Assets: fungibles::Balanced<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
		>;

		/// The venues, by index.
		type Venues: Venues<Self::AccountId, AssetKind = Self::AssetKind, Credit = CreditOf<Self>>;

		/// Longest route, in hops.
		#[pallet::constant]
		type MaxHops: Get<u32>;

		/// Most routes one trade is split across.
		#[pallet::constant]
		type MaxSplits: Get<u32>;

		/// Chunks a split hands the amount out in: more is finer and costs more quotes.
		#[pallet::constant]
		type SplitChunks: Get<u32>;

		/// Most pools read from each venue when searching: bounds the graph's size.
		#[pallet::constant]
		type MaxPoolsPerVenue: Get<u32>;

		/// Most single-hop quotes the searches of one trade ask the venues for (answers are
		/// cached across them): bounds the search's work in dense graphs.
		#[pallet::constant]
		type MaxHopQuotes: Get<u32>;

		/// Emergency pauses of the trait entry points (dispatched calls are filtered by
		/// `pallet-tx-pause` itself).
		type PauseCheck: PauseCheck;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind>;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` traded `amount_in` of `asset_in` for `amount_out` of `asset_out`, paid to
		/// `recipient`, along `routes`.
		Swapped {
			who: T::AccountId,
			recipient: T::AccountId,
			asset_in: T::AssetKind,
			asset_out: T::AssetKind,
			amount_in: Balance,
			amount_out: Balance,
			routes: Vec<RouteQuote<T::AssetKind>>,
		},
		/// A credit another pallet handed in was swapped (fee payment, liquidations).
		CreditSwapped {
			asset_in: T::AssetKind,
			asset_out: T::AssetKind,
			amount_in: Balance,
			amount_out: Balance,
			routes: Vec<RouteQuote<T::AssetKind>>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The input and output asset are the same.
		SameAsset,
		/// The amount traded is zero.
		ZeroAmount,
		/// The deadline block has passed.
		DeadlineExpired,
		/// No route of any venue can carry the trade now.
		NoRoute,
		/// The trade pays out less than `min_out`.
		InsufficientOutput,
		/// The trade needs more than `max_in`.
		ExcessiveInput,
		/// A given route is empty, does not lead from the input to the output asset hop by
		/// hop, or visits an asset twice.
		InvalidRoute,
		/// A given route names a venue the runtime does not have.
		UnknownVenue,
		/// Two hops of the given routes use the same pool.
		PoolReused,
		/// The given routes' amounts do not add up to the amount traded, or one is zero.
		RouteAmountMismatch,
		/// A given route cannot carry its amount now (a pool is missing, too shallow, or would
		/// breach its venue's limits).
		RouteUnavailable,
		/// A `Swap`/`SwapCredit` path has fewer than two assets, or its first asset is not the
		/// credit's.
		InvalidPath,
		/// The emergency origin paused this entry point.
		Paused,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Trade exactly `amount_in` of `asset_in` for at least `min_out` of `asset_out`, paid
		/// to `recipient`, by block `deadline`. Without `route` the router searches for the
		/// best routes; with it, it executes exactly those routes (each with the input part it
		/// names).
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::declared_weight(route.as_ref()))]
		pub fn swap_exact_in(
			origin: OriginFor<T>,
			asset_in: T::AssetKind,
			asset_out: T::AssetKind,
			amount_in: Balance,
			min_out: Balance,
			recipient: T::AccountId,
			deadline: BlockNumberFor<T>,
			route: Option<RoutePlansOf<T>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			let plan =
				Self::plan_for(&asset_in, &asset_out, amount_in, search::Goal::ExactIn, route)?;
			let actual = Self::plan_weight(&plan);
			Self::execute_for_account(
				&who,
				&recipient,
				plan,
				min_out,
				Balance::MAX,
				Preservation::Preserve,
			)?;
			Ok(Some(actual).into())
		}

		/// Trade at most `max_in` of `asset_in` for exactly `amount_out` of `asset_out`, paid to
		/// `recipient`, by block `deadline`. `route`, if given, names the output part each
		/// route delivers.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::declared_weight(route.as_ref()))]
		pub fn swap_exact_out(
			origin: OriginFor<T>,
			asset_in: T::AssetKind,
			asset_out: T::AssetKind,
			amount_out: Balance,
			max_in: Balance,
			recipient: T::AccountId,
			deadline: BlockNumberFor<T>,
			route: Option<RoutePlansOf<T>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			let plan =
				Self::plan_for(&asset_in, &asset_out, amount_out, search::Goal::ExactOut, route)?;
			let actual = Self::plan_weight(&plan);
			Self::execute_for_account(&who, &recipient, plan, 0, max_in, Preservation::Preserve)?;
			Ok(Some(actual).into())
		}
	}
}

impl<T: Config> Pallet<T> {
	fn ensure_deadline(deadline: BlockNumberFor<T>) -> DispatchResult {
		ensure!(frame_system::Pallet::<T>::block_number() <= deadline, Error::<T>::DeadlineExpired);
		Ok(())
	}

	/// Fails with [`Error::Paused`] when the emergency origin paused `call` of this pallet.
	pub(crate) fn ensure_not_paused(call: &str) -> DispatchResult {
		ensure!(
			!T::PauseCheck::is_paused(Self::name().as_bytes(), call.as_bytes()),
			Error::<T>::Paused
		);
		Ok(())
	}

	/// The weight a swap call is charged before it runs: with routes given, their execution;
	/// without, the search over every venue's pool bound plus the execution of the longest
	/// routes the search may return.
	pub fn declared_weight(route: Option<&RoutePlansOf<T>>) -> Weight {
		match route {
			Some(plans) => Self::execution_weight(plans.iter().map(|p| p.hops.as_slice())),
			None => Self::search_weight(Self::max_pools_searched())
				.saturating_add(Self::worst_execution_weight()),
		}
	}

	/// Pools the search may read across all venues.
	pub fn max_pools_searched() -> u32 {
		T::MaxPoolsPerVenue::get().saturating_mul(u32::from(T::Venues::count()))
	}
}
