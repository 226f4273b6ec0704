//! # Term staking pallet
//!
//! Fixed-term products: lock an asset for a term and get it back with a reward at maturity,
//! the reward guaranteed from the moment of staking.
//!
//! * **Products** ([`Config::AdminOrigin`]): a staked asset, a reward asset, a term in blocks,
//!   an APR (simple interest over the term), minimum and maximum stake, a capacity of principal
//!   staked at once, open or closed, and optionally an early exit with a penalty.
//! * **Pot**: anyone [`Pallet::fund`]s a product's reward pot; the reward asset sits in the
//!   pallet's account, booked per product as *available* or *reserved*. The admin may take
//!   back only what is available.
//! * **Stake**: the principal stays in the staker's account under a hold (balances still show
//!   it), and the full reward ([`defi_math::rewards::term_reward`], rounded down) moves from
//!   available to reserved at once: a stake the pot cannot cover is rejected with
//!   [`Error::PotInsufficient`], so every accepted stake is paid in full at maturity.
//! * **Redeem** after maturity: the hold is released and the reserved reward paid. Before
//!   maturity [`Error::NotMatured`]; only the owner, once.
//! * **Early exit** (off unless the product sets a penalty; staked and reward asset must then
//!   be the same): the reward is released back to the pot, the penalty (rounded up) goes to the
//!   pot, the rest of the principal is released.
//!
//! Each account holds at most [`Config::MaxPositionsPerAccount`] positions; every change of an
//! account's total stake in a product is reported through [`Config::OnStakeChanged`] (farming's
//! staking programs).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod positions;
mod products;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
mod views;
pub mod weights;

pub use defi_primitives::{Balance, PositionId, ProductId};
pub use types::*;
pub use weights::WeightInfo;

use defi_primitives::OnSharesChanged;
use frame_support::{pallet_prelude::*, traits::fungibles, PalletId};
use frame_system::pallet_prelude::*;
use sp_arithmetic::FixedU128;
use sp_runtime::traits::AccountIdConversion;

/// How benchmarks obtain assets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind, AccountId> {
	/// An existing asset for `seed`, with `who` funded generously.
	fn asset(seed: u32, who: &AccountId) -> AssetKind;
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

		/// Every token behind one `fungibles` interface (pots move through it).
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
		>;

		/// Holds on the same tokens: principal stays in its owner's account (in the runtime,
		/// `UnionOf<Balances, AssetsHolder>`).
		type Holds: fungibles::MutateHold<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Creates and changes products, takes back unreserved pot.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account holding every product's pot.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Blocks in a year, for the APR (5,256,000 at 6-second blocks).
		#[pallet::constant]
		type BlocksPerYear: Get<u32>;

		/// Highest APR a product may promise.
		#[pallet::constant]
		type MaxApr: Get<FixedU128>;

		/// Most products (bounds the runtime API's listing).
		#[pallet::constant]
		type MaxProducts: Get<u32>;

		/// Most open positions of one account.
		#[pallet::constant]
		type MaxPositionsPerAccount: Get<u32>;

		/// Told of an account's new total principal in a product.
		type OnStakeChanged: OnSharesChanged<Self::AccountId, ProductId>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind, Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Principal of a term position.
		Staked,
	}

	/// Every product.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Twox64Concat, ProductId, Product<T::AssetKind>>;

	/// Products created so far (the next product's id).
	#[pallet::storage]
	pub type ProductCount<T: Config> = StorageValue<_, ProductId, ValueQuery>;

	/// Open positions by id.
	#[pallet::storage]
	pub type Positions<T: Config> =
		StorageMap<_, Twox64Concat, PositionId, Position<T::AccountId, BlockNumberFor<T>>>;

	/// The id the next position gets.
	#[pallet::storage]
	pub type NextPositionId<T: Config> = StorageValue<_, PositionId, ValueQuery>;

	/// Each account's open positions.
	#[pallet::storage]
	pub type AccountPositions<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PositionId, T::MaxPositionsPerAccount>,
		ValueQuery,
	>;

	/// Each account's total principal in a product (what [`Config::OnStakeChanged`] reports).
	#[pallet::storage]
	pub type Stakes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProductId,
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Products in id order: (staked asset, reward asset, terms).
		pub products: alloc::vec::Vec<(T::AssetKind, T::AssetKind, ProductTerms)>,
		/// Pots funded at genesis from a funder's balance: (product, funder, amount).
		pub pots: alloc::vec::Vec<(ProductId, T::AccountId, Balance)>,
		/// Positions open at genesis: (product, owner, principal); they mature a term after
		/// block 0.
		pub positions: alloc::vec::Vec<(ProductId, T::AccountId, Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (staked, reward, terms) in &self.products {
				Pallet::<T>::do_create_product(staked.clone(), reward.clone(), terms.clone())
					.expect("genesis product is valid");
			}
			for (product, funder, amount) in &self.pots {
				Pallet::<T>::do_fund(funder, *product, *amount).expect("genesis pot is funded");
			}
			for (product, owner, amount) in &self.positions {
				Pallet::<T>::do_stake(owner, *product, *amount).expect("genesis stake is valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		ProductCreated {
			product: ProductId,
			staked_asset: T::AssetKind,
			reward_asset: T::AssetKind,
			terms: ProductTerms,
		},
		ProductUpdated {
			product: ProductId,
			terms: ProductTerms,
		},
		PotFunded {
			product: ProductId,
			funder: T::AccountId,
			amount: Balance,
		},
		PotWithdrawn {
			product: ProductId,
			to: T::AccountId,
			amount: Balance,
		},
		Staked {
			who: T::AccountId,
			product: ProductId,
			position: PositionId,
			principal: Balance,
			reward: Balance,
			matures_at: BlockNumberFor<T>,
		},
		Redeemed {
			who: T::AccountId,
			product: ProductId,
			position: PositionId,
			principal: Balance,
			reward: Balance,
		},
		/// A position left before maturity: `penalty` of its principal went to the pot, the
		/// rest was released; its reward went back to the pot.
		ExitedEarly {
			who: T::AccountId,
			product: ProductId,
			position: PositionId,
			returned: Balance,
			penalty: Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No product with this id.
		ProductNotFound,
		/// The product takes no new stakes.
		ProductClosed,
		/// Terms that cannot work: a zero term, a minimum stake of 0 or above the maximum, a
		/// maximum above the capacity, an APR above [`Config::MaxApr`], a 100 % penalty.
		InvalidTerms,
		/// An early exit penalty on a product whose staked and reward assets differ (the
		/// penalty goes to the pot, so it must be in the reward asset).
		EarlyExitNeedsSameAsset,
		/// [`Config::MaxProducts`] products exist.
		TooManyProducts,
		/// An amount of zero.
		ZeroAmount,
		/// The stake is below the product's minimum.
		BelowMinimumStake,
		/// The stake is above the product's maximum.
		AboveMaximumStake,
		/// The stake would take the product above its capacity.
		CapacityExceeded,
		/// The pot's available reward cannot cover the stake's reward (or the withdrawal).
		PotInsufficient,
		/// The stake is too small to earn any reward.
		ZeroReward,
		/// The account holds [`Config::MaxPositionsPerAccount`] positions.
		TooManyPositions,
		/// No open position with this id.
		PositionNotFound,
		/// The position belongs to another account.
		NotOwner,
		/// The position matures later.
		NotMatured,
		/// The position has matured: redeem it.
		AlreadyMatured,
		/// The product has no early exit.
		EarlyExitDisabled,
		/// An amount does not fit.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a product (closed or open, as `terms` says) with an empty pot.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_product())]
		pub fn create_product(
			origin: OriginFor<T>,
			staked_asset: T::AssetKind,
			reward_asset: T::AssetKind,
			terms: ProductTerms,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_product(staked_asset, reward_asset, terms).map(|_| ())
		}

		/// Changes a product's terms for new stakes; open positions keep theirs.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_product())]
		pub fn update_product(
			origin: OriginFor<T>,
			product: ProductId,
			terms: ProductTerms,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_update_product(product, terms)
		}

		/// Adds `amount` of the reward asset to the product's pot.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::fund())]
		pub fn fund(origin: OriginFor<T>, product: ProductId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund(&who, product, amount)
		}

		/// Takes `amount` of the pot's available (unreserved) reward to `to`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_pot())]
		pub fn withdraw_pot(
			origin: OriginFor<T>,
			product: ProductId,
			amount: Balance,
			to: T::AccountId,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_withdraw_pot(product, amount, &to)
		}

		/// Stakes `amount` for the product's term, holding it in place and reserving the whole
		/// reward from the pot.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::stake().saturating_add(T::OnStakeChanged::on_shares_changed_weight()))]
		pub fn stake(origin: OriginFor<T>, product: ProductId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_stake(&who, product, amount).map(|_| ())
		}

		/// Pays a matured position's principal and reward.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::redeem().saturating_add(T::OnStakeChanged::on_shares_changed_weight()))]
		pub fn redeem(origin: OriginFor<T>, position: PositionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(&who, position)
		}

		/// Leaves a position before maturity, where the product allows it: forfeits the reward
		/// and the penalty.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::exit_early().saturating_add(T::OnStakeChanged::on_shares_changed_weight()))]
		pub fn exit_early(origin: OriginFor<T>, position: PositionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_exit_early(&who, position)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding every pot.
	pub fn account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}
}
