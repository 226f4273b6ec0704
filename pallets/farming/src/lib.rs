//! # Farming pallet
//!
//! Liquidity mining: farms pay reward tokens per block to the holders of a program's shares.
//!
//! * **Programs** ([`FarmProgram`]): a deposit of any token or DEX LP token (held in the
//!   farmer's account under [`HoldReason::Farming`]), or an activity whose shares other pallets
//!   report through hooks with no call of the farmer: lending supply or borrow
//!   ([`defi_primitives::LendingActivity`]), term-staking principal, and DEX trading volume.
//! * **Streams**: up to [`Config::MaxRewards`] reward assets per farm, each with a rate per
//!   block, accruing over `[start, end)` into a reward-per-share accumulator at 10^18
//!   ([`defi_math::rewards`]); every call is O(1) in the number of farmers.
//! * **Pots**: anyone funds a stream. Accrual moves reward from the pot to *claimable*; what
//!   the pot cannot cover is recorded as *owed* and the farm is [`FarmStatus::Underfunded`]
//!   (with [`Event::Underfunded`]): farmers keep accruing, a claim pays what is claimable, and
//!   the next funding pays the owed amount first. Nothing halts silently.
//! * **Stop/resume**: a stopped farm accrues nothing; resuming starts from the resume block,
//!   so the stopped period is never paid.
//! * **Trading** programs count volume per epoch of `epoch_length` blocks: a trader's share of
//!   an epoch's emission is its share of the epoch's volume, paid once the epoch closes, and at
//!   most `cap_per_volume` reward per unit of volume (the rest stays in the pot). The cap is set
//!   below what a unit of volume pays in pool fees, so wash trading costs more than it earns
//!   (see `docs/FARMING.md`).
//! * Implements frame-support's [`frame_support::traits::RewardsPool`] for deposit farms.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod accrual;
mod admin;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod farmers;
mod hooks;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
mod views;
pub mod weights;

pub use defi_primitives::{Balance, FarmId, FarmProgram, FarmStatus};
pub use types::*;
pub use weights::WeightInfo;

use defi_primitives::{PriceProvider, ShareValue};
use frame_support::{pallet_prelude::*, traits::fungibles, PalletId};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::AccountIdConversion;

/// The farmer count `claim` is charged at. A claim reads and writes the same keys whatever
/// the count, and its time does not depend on it either (`scripts/bench-farming-claim.sh`), but
/// the benchmark's regression picks up a small slope from machine drift across its steps, so the
/// call is charged the model at the benchmark's highest count.
pub const CLAIM_WEIGHT_FARMERS: u32 = 10_000;

/// How benchmarks obtain assets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind, Deposit, AccountId> {
	/// An existing reward asset for `seed`, with `who` funded generously.
	fn reward_asset(seed: u32, who: &AccountId) -> AssetKind;
	/// An existing deposit token, with `who` funded generously.
	fn deposit_asset(who: &AccountId) -> Deposit;
}

/// A farm as stored.
pub type FarmOf<T> = Farm<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	<T as Config>::DepositAsset,
	BlockNumberFor<T>,
	<T as Config>::MaxRewards,
>;
/// A farm's program.
pub type ProgramOf<T> = FarmProgram<<T as Config>::AssetKind, <T as Config>::DepositAsset>;
/// The reward streams of a new farm.
pub type RewardConfigsOf<T> =
	BoundedVec<RewardConfig<<T as Config>::AssetKind>, <T as Config>::MaxRewards>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// A reward token (`NativeOrWithId<u32>` in the runtime); also the asset lending and
		/// trading programs name.
		type AssetKind: Parameter + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

		/// A token deposit farms take (any token or an LP token in the runtime).
		type DepositAsset: Parameter
			+ MaxEncodedLen
			+ Ord
			+ MaybeSerializeDeserialize
			+ From<Self::AssetKind>;

		/// Reward tokens: pots and claims move through it.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
		>;

		/// Holds on deposit tokens: deposits stay in their owner's account.
		type DepositHolds: fungibles::MutateHold<
			Self::AccountId,
			AssetId = Self::DepositAsset,
			Balance = Balance,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Creates farms and manages any of them.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account holding every farm's reward funds.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most farms ever created (bounds `claim_all` and the runtime API).
		#[pallet::constant]
		type MaxFarms: Get<u32>;

		/// Most reward streams of one farm.
		#[pallet::constant]
		type MaxRewards: Get<u32>;

		/// Most farms of one program (bounds the work of each activity hook).
		#[pallet::constant]
		type MaxFarmsPerProgram: Get<u32>;

		/// Most epochs of a trading farm (bounds its per-epoch reward records).
		#[pallet::constant]
		type MaxEpochs: Get<u32>;

		/// Blocks in a year, for APRs.
		#[pallet::constant]
		type BlocksPerYear: Get<u32>;

		/// USD prices of reward tokens (APRs only; rewards never depend on prices).
		type Prices: PriceProvider<Self::AssetKind>;
		/// USD value of a program's shares (APRs only).
		type ShareValue: ShareValue<ProgramOf<Self>>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind, Self::DepositAsset, Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A deposit in a farm.
		Farming,
	}

	/// Every farm.
	#[pallet::storage]
	pub type Farms<T: Config> = StorageMap<_, Twox64Concat, FarmId, FarmOf<T>>;

	/// Farms created so far (the next farm's id).
	#[pallet::storage]
	pub type FarmCount<T: Config> = StorageValue<_, FarmId, ValueQuery>;

	/// The farms of each program (what an activity hook updates).
	#[pallet::storage]
	pub type ProgramFarms<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ProgramOf<T>,
		BoundedVec<FarmId, T::MaxFarmsPerProgram>,
		ValueQuery,
	>;

	/// Each account's shares and rewards in a farm.
	#[pallet::storage]
	pub type Farmers<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FarmId,
		Blake2_128Concat,
		T::AccountId,
		Farmer<T::MaxRewards>,
		OptionQuery,
	>;

	/// Trading farms: reward per unit of volume of each closed epoch that had volume, per
	/// stream (scaled by 10^18).
	#[pallet::storage]
	pub type EpochRewards<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FarmId,
		Twox64Concat,
		u32,
		BoundedVec<primitive_types::U256, T::MaxRewards>,
		OptionQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Farms in id order: (program, start, end, epoch length, reward streams).
		pub farms: alloc::vec::Vec<(
			ProgramOf<T>,
			BlockNumberFor<T>,
			BlockNumberFor<T>,
			BlockNumberFor<T>,
			alloc::vec::Vec<RewardConfig<T::AssetKind>>,
		)>,
		/// Streams funded at genesis from a funder's balance: (farm, stream, funder, amount).
		pub pots: alloc::vec::Vec<(FarmId, u32, T::AccountId, Balance)>,
		/// Deposits at genesis: (farm, owner, amount).
		pub deposits: alloc::vec::Vec<(FarmId, T::AccountId, Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (program, start, end, epoch_length, rewards) in &self.farms {
				let rewards = BoundedVec::try_from(rewards.clone()).expect("genesis farm streams");
				Pallet::<T>::do_create_farm(
					program.clone(),
					*start,
					*end,
					*epoch_length,
					rewards,
					None,
				)
				.expect("genesis farm is valid");
			}
			for (farm, stream, funder, amount) in &self.pots {
				Pallet::<T>::do_fund(funder, *farm, *stream, *amount).expect("genesis pot funded");
			}
			for (farm, owner, amount) in &self.deposits {
				Pallet::<T>::do_deposit(owner, *farm, *amount).expect("genesis deposit is valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		FarmCreated {
			farm: FarmId,
			program: ProgramOf<T>,
			start: BlockNumberFor<T>,
			end: BlockNumberFor<T>,
			admin: Option<T::AccountId>,
		},
		/// `amount` went to the stream: `to_owed` of it paid what had accrued unbacked.
		Funded {
			farm: FarmId,
			stream: u32,
			funder: T::AccountId,
			amount: Balance,
			to_owed: Balance,
		},
		/// A stream's pot ran dry: `owed` accrued without backing so far.
		Underfunded {
			farm: FarmId,
			stream: u32,
			owed: Balance,
		},
		/// A funding paid everything owed: the farm is backed again.
		Refunded {
			farm: FarmId,
			stream: u32,
		},
		PotWithdrawn {
			farm: FarmId,
			stream: u32,
			to: T::AccountId,
			amount: Balance,
		},
		RateChanged {
			farm: FarmId,
			stream: u32,
			rate: Balance,
		},
		EndChanged {
			farm: FarmId,
			end: BlockNumberFor<T>,
		},
		AdminChanged {
			farm: FarmId,
			admin: Option<T::AccountId>,
		},
		Stopped {
			farm: FarmId,
		},
		Resumed {
			farm: FarmId,
		},
		Deposited {
			who: T::AccountId,
			farm: FarmId,
			amount: Balance,
		},
		Withdrawn {
			who: T::AccountId,
			farm: FarmId,
			amount: Balance,
		},
		/// An activity program's shares of `who` changed (no call of `who`).
		SharesUpdated {
			who: T::AccountId,
			farm: FarmId,
			shares: Balance,
		},
		/// A trading epoch closed: `rewarded` per stream was split over `volume`.
		EpochClosed {
			farm: FarmId,
			epoch: u32,
			volume: Balance,
			rewarded: alloc::vec::Vec<Balance>,
		},
		/// Rewards paid, per reward asset.
		Claimed {
			who: T::AccountId,
			farm: FarmId,
			rewards: alloc::vec::Vec<(T::AssetKind, Balance)>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No farm with this id.
		FarmNotFound,
		/// No stream with this index in the farm.
		StreamNotFound,
		/// [`Config::MaxFarms`] farms exist.
		TooManyFarms,
		/// The program has [`Config::MaxFarmsPerProgram`] farms.
		TooManyProgramFarms,
		/// A farm that cannot work: no reward stream, an end not after its start and now, an
		/// epoch length on a non-trading farm (or none, or one not dividing the farm's length,
		/// or too many epochs, on a trading farm), a volume cap on a non-trading farm.
		InvalidFarm,
		/// Neither the admin origin nor the farm's admin account.
		NotFarmAdmin,
		/// A farm admin account may only raise a rate.
		RateDecrease,
		/// The end may only move later.
		EndNotExtended,
		/// An amount of zero.
		ZeroAmount,
		/// The amount exceeds the stream's unaccrued pot.
		PotInsufficient,
		/// The farm takes no deposits: its program is an activity.
		NotDepositFarm,
		/// The farm has ended.
		FarmEnded,
		/// The farm is already stopped.
		AlreadyStopped,
		/// The farm is not stopped.
		NotStopped,
		/// The account has fewer shares than the withdrawal.
		InsufficientShares,
		/// Nothing can be paid now.
		NothingToClaim,
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
		/// Creates a farm (managed by the admin origin) with unfunded streams.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_farm(rewards.len() as u32))]
		pub fn create_farm(
			origin: OriginFor<T>,
			program: ProgramOf<T>,
			start: BlockNumberFor<T>,
			end: BlockNumberFor<T>,
			epoch_length: BlockNumberFor<T>,
			rewards: RewardConfigsOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_farm(program, start, end, epoch_length, rewards, None).map(|_| ())
		}

		/// Adds `amount` to a stream: first to what is owed, the rest to the pot.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::fund())]
		pub fn fund(
			origin: OriginFor<T>,
			farm: FarmId,
			stream: u32,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund(&who, farm, stream, amount)
		}

		/// Takes back unaccrued reward of a stream (never what farmers have accrued).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_pot())]
		pub fn withdraw_pot(
			origin: OriginFor<T>,
			farm: FarmId,
			stream: u32,
			amount: Balance,
			to: T::AccountId,
		) -> DispatchResult {
			Self::ensure_farm_admin(origin, farm)?;
			Self::do_withdraw_pot(farm, stream, amount, &to)
		}

		/// Sets a stream's rate from now on (a farm admin account may only raise it).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_rate())]
		pub fn set_rate(
			origin: OriginFor<T>,
			farm: FarmId,
			stream: u32,
			rate: Balance,
		) -> DispatchResult {
			let full = Self::ensure_farm_admin(origin, farm)?;
			Self::do_set_rate(farm, stream, rate, full)
		}

		/// Moves the farm's end later.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_end())]
		pub fn set_end(
			origin: OriginFor<T>,
			farm: FarmId,
			end: BlockNumberFor<T>,
		) -> DispatchResult {
			Self::ensure_farm_admin(origin, farm)?;
			Self::do_set_end(farm, end)
		}

		/// Stops accrual until [`Pallet::resume_farm`]; what accrued so far stays claimable.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::stop_farm())]
		pub fn stop_farm(origin: OriginFor<T>, farm: FarmId) -> DispatchResult {
			Self::ensure_farm_admin(origin, farm)?;
			Self::do_set_stopped(farm, true)
		}

		/// Resumes accrual from this block (the stopped period earns nothing).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::resume_farm())]
		pub fn resume_farm(origin: OriginFor<T>, farm: FarmId) -> DispatchResult {
			Self::ensure_farm_admin(origin, farm)?;
			Self::do_set_stopped(farm, false)
		}

		/// Deposits `amount` of a deposit farm's token, held in place, as shares.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(origin: OriginFor<T>, farm: FarmId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, farm, amount)
		}

		/// Releases `amount` of the caller's deposit (settling its rewards first).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, farm: FarmId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, farm, amount)
		}

		/// Pays the caller's rewards in a farm (while a stream is underfunded, what is
		/// claimable; the rest stays recorded).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim(CLAIM_WEIGHT_FARMERS))]
		pub fn claim(origin: OriginFor<T>, farm: FarmId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(&who, farm)
		}

		/// Claims in every farm the caller is in.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::claim_all(T::MaxFarms::get()))]
		pub fn claim_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let farms = Self::do_claim_all(&who)?;
			Ok(Some(T::WeightInfo::claim_all(farms)).into())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding every farm's reward funds.
	pub fn account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}
}
