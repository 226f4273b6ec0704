//! # DEX pallet
//!
//! Automated market maker with two pool formulas:
//!
//! * **Constant product** (`x·y = k`): anyone creates a pool for a pair at one of the fee tiers
//!   the admin allows; one pool per pair and tier. The fee is taken from the input.
//! * **Stable** (Curve's stableswap invariant, 2–4 assets, amplification `A`): created by the
//!   admin, who may ramp `A` linearly at a bounded rate. The fee is taken from the output.
//!
//! Liquidity providers receive LP tokens (a `fungibles` instance, transferable); the first
//! deposit of a pool locks [`Config::MinimumLiquidity`] LP tokens forever, which makes
//! first-depositor share inflation unprofitable.
//!
//! Swaps follow a path of up to [`Config::MaxHops`] hops that may mix both pool kinds, exact-in
//! or exact-out, with a deadline, slippage bounds and a separate recipient.
//!
//! Security properties:
//! * Reserves live in storage; the pool account's balances are never read for pricing, so a
//!   donation to a pool account changes nothing.
//! * Rounding is always in favour of the pool (see [`math`]).
//! * A trade larger than [`Config::MaxSwapReserveShare`] of a reserve, or one that moves the
//!   price of any pair of a pool's assets by more than [`Config::MaxPriceMovePerBlock`] from
//!   the block's reference, is rejected; imbalanced deposits and single-asset withdrawals meet
//!   the same limits. An undefined price fails closed, never reads as 0.
//! * Each pool carries a price oracle: a Uniswap-v2 style cumulative price with samples in
//!   [`Observations`] at most once per [`Config::ObservationInterval`] (for
//!   [`Pallet::window_price`]) and an exponential moving average.
//! * A share of every swap fee (per pool; new pools take [`ProtocolFeeShare`]) accrues to the
//!   protocol in the pool account, outside the reserves; anyone may pay it out to
//!   [`Config::TreasuryAccount`] with [`Pallet::collect_protocol_fees`]. A swap therefore
//!   touches only the trader's and the pools' accounts.
//! * Creating a constant-product pool holds [`Config::PoolCreationDeposit`] from the creator.
//!
//! Other pallets use the DEX through traits (module `traits`): `defi_primitives`'
//! `LiquiditySource` and `PriceSource`, and polkadot-sdk's `pallet_asset_conversion::{Swap,
//! SwapCredit, QuotePrice}`; each asks [`Config::PauseCheck`] first.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod liquidity;
#[cfg(test)]
mod mock;
mod oracle;
mod pool;
mod swap;
#[cfg(test)]
mod tests;
mod traits;
mod try_state;
pub mod types;
mod views;
pub mod weights;

/// The pure math behind the pools lives in its own crate, shared with the other pallets.
pub use defi_math as math;
pub use defi_primitives::{Balance, Hop, MaxPoolAssets, PoolId, PoolView, WindowPrice};
pub use types::*;
pub use weights::WeightInfo;

use alloc::{vec, vec::Vec};
use defi_primitives::{OnTrade, PauseCheck};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{self, MutateHold as _},
		fungibles::{self, Balanced as _, Inspect as _, Mutate as _},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_arithmetic::{FixedPointNumber, FixedU128, Permill, Perquintill};
use sp_runtime::{
	traits::{AccountIdConversion, CheckedSub, One, SaturatedConversion, Saturating, Zero},
	ArithmeticError, TokenError,
};

/// Cumulative-price samples kept per pool, one per [`Config::ObservationInterval`] at most.
pub const OBSERVATIONS: u32 = 32;
/// Highest protocol share of a swap fee.
pub const MAX_PROTOCOL_FEE_SHARE: Permill = Permill::from_percent(50);
/// Stable-pool balances are scaled to this many decimals before the invariant is evaluated.
pub const STABLE_PRECISION_DECIMALS: u8 = 18;

/// A credit of any token of the DEX.
pub type CreditOf<T> =
	fungibles::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Assets>;
pub type PoolInfoOf<T> = PoolInfo<<T as Config>::AssetKind, BlockNumberFor<T>>;
pub type PathOf<T> = BoundedVec<Hop<<T as Config>::AssetKind>, <T as Config>::MaxHops>;

/// How benchmarks obtain distinct assets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// Seed 0: the native token (exists, mintable). Other seeds: distinct assets that
	/// benchmarks create.
	fn asset(seed: u32) -> AssetKind;
}

/// Benchmark assets for runtimes whose `AssetKind` is `NativeOrWithId<u32>`: seed 0 is the
/// native token, other seeds are asset ids from 1000 up.
#[cfg(feature = "runtime-benchmarks")]
pub struct NativeOrWithIdHelper;

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<frame_support::traits::fungible::NativeOrWithId<u32>>
	for NativeOrWithIdHelper
{
	fn asset(seed: u32) -> frame_support::traits::fungible::NativeOrWithId<u32> {
		use frame_support::traits::fungible::NativeOrWithId;
		if seed == 0 {
			NativeOrWithId::Native
		} else {
			NativeOrWithId::WithId(1_000u32.saturating_add(seed))
		}
	}
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

		/// Every tradable token behind one `fungibles` interface. Swaps move tokens as credits
		/// (`Balanced::withdraw` / `resolve`), the cheapest way through both pallets.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = Self::AssetKind, Balance = Balance>
			+ fungibles::Balanced<Self::AccountId>;

		/// The native token, for the deposit held from whoever creates a pool.
		type Currency: fungible::MutateHold<
			Self::AccountId,
			Reason = Self::RuntimeHoldReason,
			Balance = Balance,
		>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Held (in the native token) from the creator of a constant-product pool for as long as
		/// the pool exists: pool spam is paid for. Stable pools are created by the admin.
		#[pallet::constant]
		type PoolCreationDeposit: Get<Balance>;

		/// LP tokens: created, minted and burned only by this pallet.
		type PoolAssets: fungibles::Mutate<Self::AccountId, AssetId = PoolId, Balance = Balance>
			+ fungibles::Create<Self::AccountId>;

		/// May set fee tiers and the protocol fee, create stable pools and ramp amplification.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the pool accounts.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the protocol share of swap fees.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// LP tokens locked forever at a pool's first deposit.
		#[pallet::constant]
		type MinimumLiquidity: Get<Balance>;

		/// Longest swap path.
		#[pallet::constant]
		type MaxHops: Get<u32>;

		/// Most fee tiers the admin may allow at once.
		#[pallet::constant]
		type MaxFeeTiers: Get<u32>;

		/// Highest fee of any pool.
		#[pallet::constant]
		type MaxFee: Get<Permill>;

		/// Largest share of a reserve one hop may take in or pay out.
		#[pallet::constant]
		type MaxSwapReserveShare: Get<Permill>;

		/// Largest move of a pool's price within one block, relative to its opening price.
		#[pallet::constant]
		type MaxPriceMovePerBlock: Get<Permill>;

		/// Highest amplification of a stable pool.
		#[pallet::constant]
		type MaxAmplification: Get<u128>;

		/// Shortest amplification ramp, in blocks.
		#[pallet::constant]
		type MinRampBlocks: Get<BlockNumberFor<Self>>;

		/// Largest factor by which one ramp may multiply or divide the amplification.
		#[pallet::constant]
		type MaxAmplificationChange: Get<u128>;

		/// Weight of the newest block price in the EMA oracle.
		#[pallet::constant]
		type EmaAlpha: Get<Perquintill>;

		/// Fewest blocks between two oracle samples: with [`OBSERVATIONS`] samples the TWAP
		/// reaches back `OBSERVATIONS × ObservationInterval` blocks.
		#[pallet::constant]
		type ObservationInterval: Get<BlockNumberFor<Self>>;

		/// Most pools (of both kinds, all fee tiers) that may trade one pair of assets.
		#[pallet::constant]
		type MaxPoolsPerPair: Get<u32>;

		/// Asked before a swap requested through a trait (by another pallet): the emergency
		/// pause of the matching call applies there too.
		type PauseCheck: PauseCheck;

		/// Told of every hop of every swap.
		type OnTrade: OnTrade<Self::AccountId, Self::AssetKind>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a pool's creator.
		PoolCreation,
	}

	/// Id of the next pool (and of its LP token).
	#[pallet::storage]
	pub type NextPoolId<T> = StorageValue<_, PoolId, ValueQuery>;

	/// Every pool.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Twox64Concat, PoolId, PoolInfoOf<T>>;

	/// Constant-product pool of a sorted pair at a fee tier.
	#[pallet::storage]
	pub type PairPools<T: Config> =
		StorageMap<_, Blake2_128Concat, (T::AssetKind, T::AssetKind, Permill), PoolId>;

	/// Fees a constant-product pool may charge.
	#[pallet::storage]
	pub type FeeTiers<T: Config> = StorageValue<_, BoundedVec<Permill, T::MaxFeeTiers>, ValueQuery>;

	/// Protocol share of the swap fee given to pools created from now on (each pool keeps its
	/// own, see [`PoolInfo::protocol_fee_share`], so a swap reads no global setting).
	#[pallet::storage]
	pub type ProtocolFeeShare<T> = StorageValue<_, Permill, ValueQuery>;

	/// Every pool (of either kind) that trades a sorted pair of assets: the index behind
	/// [`Pallet::pools_for_pair`].
	#[pallet::storage]
	pub type PoolsByPair<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		(T::AssetKind, T::AssetKind),
		BoundedVec<PoolId, T::MaxPoolsPerPair>,
		ValueQuery,
	>;

	/// Liquidity a provider withdrew but the pool could not pay out yet (an asset frozen or
	/// blocked by its owner), per pool asset; [`Pallet::claim_unclaimed`] pays it once possible.
	#[pallet::storage]
	pub type Unclaimed<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PoolId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<Balance, MaxPoolAssets>,
		OptionQuery,
	>;

	/// Cumulative-price samples of each pool, oldest first, at most one per
	/// [`Config::ObservationInterval`]; kept apart from [`Pools`] so a swap does not rewrite them.
	#[pallet::storage]
	pub type Observations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		PoolId,
		BoundedVec<Observation<BlockNumberFor<T>>, ConstU32<OBSERVATIONS>>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub fee_tiers: Vec<Permill>,
		pub protocol_fee_share: Permill,
		pub pools: Vec<GenesisPool<T::AccountId, T::AssetKind>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let tiers: BoundedVec<Permill, T::MaxFeeTiers> =
				self.fee_tiers.clone().try_into().expect("genesis: too many fee tiers");
			Pallet::<T>::ensure_valid_fee_tiers(&tiers).expect("genesis: invalid fee tiers");
			FeeTiers::<T>::put(tiers);
			assert!(
				self.protocol_fee_share <= MAX_PROTOCOL_FEE_SHARE,
				"genesis: protocol fee share above the maximum"
			);
			ProtocolFeeShare::<T>::put(self.protocol_fee_share);
			for pool in &self.pools {
				assert_eq!(
					pool.assets.len(),
					pool.amounts.len(),
					"genesis: one amount per pool asset"
				);
				// Pools store assets sorted; take the amounts (and decimals) along.
				let decimals = pool.stable.as_ref().map(|(_, d)| d.clone()).unwrap_or_default();
				let mut entries: Vec<(T::AssetKind, Balance, u8)> = pool
					.assets
					.iter()
					.zip(&pool.amounts)
					.enumerate()
					.map(|(k, (a, amount))| {
						(a.clone(), *amount, decimals.get(k).copied().unwrap_or_default())
					})
					.collect();
				entries.sort_by(|x, y| x.0.cmp(&y.0));
				let assets: Vec<T::AssetKind> = entries.iter().map(|e| e.0.clone()).collect();
				let amounts: Vec<Balance> = entries.iter().map(|e| e.1).collect();
				let pool_id = match &pool.stable {
					None => match assets.as_slice() {
						[a, b] => Pallet::<T>::do_create_pool(
							&pool.provider,
							a.clone(),
							b.clone(),
							pool.fee,
						),
						_ => panic!("genesis: a constant-product pool has two assets"),
					},
					Some((amplification, _)) => Pallet::<T>::do_create_stable_pool(
						assets,
						entries.iter().map(|e| e.2).collect(),
						*amplification,
						pool.fee,
					),
				}
				.expect("genesis: pool creation");
				Pallet::<T>::do_add_liquidity(&pool.provider, pool_id, amounts, 1)
					.expect("genesis: seeding liquidity");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A pool was created. Its LP token id is `pool_id`.
		PoolCreated {
			pool_id: PoolId,
			creator: Option<T::AccountId>,
			/// Held from the creator while the pool exists.
			deposit: Balance,
			assets: Vec<T::AssetKind>,
			fee: Permill,
			stable: bool,
			amplification: u128,
		},
		/// Liquidity was added and LP tokens minted.
		LiquidityAdded {
			who: T::AccountId,
			pool_id: PoolId,
			amounts: Vec<Balance>,
			shares: Balance,
		},
		/// LP tokens were burned and liquidity paid out.
		LiquidityRemoved {
			who: T::AccountId,
			pool_id: PoolId,
			shares: Balance,
			amounts: Vec<Balance>,
		},
		/// A swap along `path` was executed. `amounts[0]` was paid, `amounts[k+1]` came out of hop
		/// `k`; `fees[k]` is hop `k`'s fee, of which `protocol_fees[k]` accrued for the treasury.
		Swapped {
			who: T::AccountId,
			recipient: T::AccountId,
			path: Vec<Hop<T::AssetKind>>,
			amounts: Vec<Balance>,
			fees: Vec<Balance>,
			protocol_fees: Vec<Balance>,
		},
		/// A swap requested by another pallet with a credit (no account) was executed; the
		/// fields are those of [`Event::Swapped`].
		CreditSwapped {
			path: Vec<Hop<T::AssetKind>>,
			amounts: Vec<Balance>,
			fees: Vec<Balance>,
			protocol_fees: Vec<Balance>,
		},
		/// The allowed constant-product fee tiers changed.
		FeeTiersSet { tiers: Vec<Permill> },
		/// The protocol's share of swap fees for pools created from now on changed.
		ProtocolFeeShareSet { share: Permill },
		/// The protocol's share of one pool's swap fees changed.
		PoolProtocolFeeShareSet { pool_id: PoolId, share: Permill },
		/// Accrued protocol fees of a pool were paid to the treasury (per pool asset; an amount
		/// below the asset's minimum balance stays accrued and shows as 0).
		ProtocolFeesCollected { pool_id: PoolId, amounts: Vec<Balance> },
		/// Part of a withdrawal could not be paid out now (the asset is frozen or blocked for
		/// the pool or for `who`): it left the reserves and waits in [`Unclaimed`].
		PayoutDeferred { who: T::AccountId, pool_id: PoolId, asset: T::AssetKind, amount: Balance },
		/// Deferred payouts were paid (per pool asset; 0 where still not payable).
		UnclaimedPaid { who: T::AccountId, pool_id: PoolId, amounts: Vec<Balance> },
		/// A stable pool's amplification starts moving to `target` by `end_block`.
		AmplificationRampStarted {
			pool_id: PoolId,
			initial: u128,
			target: u128,
			start_block: BlockNumberFor<T>,
			end_block: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A pool or a hop names the same asset twice, or a path ends where it starts.
		IdenticalAssets,
		/// The asset does not exist.
		AssetNotFound,
		/// The fee is not one of the allowed tiers.
		FeeTierNotAllowed,
		/// A pool for this pair and fee tier exists already.
		PoolExists,
		/// No pool with this id.
		PoolNotFound,
		/// The asset is not in the pool.
		AssetNotInPool,
		/// A stable pool needs 2 to 4 assets.
		InvalidAssetCount,
		/// The fee exceeds the maximum.
		InvalidFee,
		/// The fee tier list has duplicates, too many entries or a fee above the maximum.
		InvalidFeeTiers,
		/// Amplification must be between 1 and the maximum.
		InvalidAmplification,
		/// A stable pool asset has more decimals than the pool's precision.
		InvalidDecimals,
		/// The ramp ends too soon or changes the amplification too much.
		InvalidRamp,
		/// The operation needs a stable pool.
		NotStablePool,
		/// One amount per pool asset is required.
		WrongAmountsLength,
		/// Zero amount.
		ZeroAmount,
		/// Fewer LP tokens would be minted than the caller's minimum.
		InsufficientShares,
		/// Less would be paid out than the caller's minimum.
		InsufficientOutput,
		/// More would be taken than the caller's maximum.
		ExcessiveInput,
		/// The pool cannot serve this: it is empty, or the first deposit is too small.
		InsufficientLiquidity,
		/// The result rounds to nothing.
		ZeroOutput,
		/// The swap path is empty.
		EmptyPath,
		/// Consecutive hops do not connect.
		InvalidPath,
		/// A pool appears twice in the path.
		RepeatedPool,
		/// The deadline block has passed.
		DeadlineExpired,
		/// The hop takes in or pays out more than the allowed share of a reserve.
		TradeTooLarge,
		/// The trade would move the pool's price beyond the per-block limit.
		PriceMoveTooLarge,
		/// An amount or an intermediate value overflows.
		Overflow,
		/// The stableswap invariant has no solution for these balances.
		InvariantNotConverged,
		/// The input is malformed for the pool math.
		InvalidInput,
		/// The pool has no accrued protocol fee the treasury can receive.
		NoProtocolFees,
		/// The pool's price cannot be computed, so its price limit cannot be checked: trading
		/// fails closed.
		PriceUndefined,
		/// The emergency origin paused this action.
		Paused,
		/// The pair of assets has as many pools as allowed.
		TooManyPools,
		/// Nothing is owed to the caller in this pool that can be paid now.
		NothingToClaim,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinimumLiquidity::get() >= 1_000, "MinimumLiquidity must be at least 1000");
			assert!(T::MaxHops::get() >= 1, "MaxHops must be at least 1");
			assert!(T::MaxAmplification::get() >= 1, "MaxAmplification must be at least 1");
			assert!(
				T::MaxAmplificationChange::get() >= 1,
				"MaxAmplificationChange must be at least 1"
			);
			assert!(
				!T::ObservationInterval::get().is_zero(),
				"ObservationInterval must be at least 1"
			);
			assert!(
				T::MaxPoolsPerPair::get() > T::MaxFeeTiers::get(),
				"MaxPoolsPerPair must leave room for stable pools beside one pool per fee tier"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a constant-product pool for `asset_a`/`asset_b` charging `fee`, which must be
		/// one of the allowed tiers.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_pool())]
		pub fn create_pool(
			origin: OriginFor<T>,
			asset_a: T::AssetKind,
			asset_b: T::AssetKind,
			fee: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_pool(&who, asset_a, asset_b, fee)?;
			Ok(())
		}

		/// Create a stable pool of 2–4 `assets` with their `decimals`, amplification and fee.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::create_stable_pool(assets.len() as u32))]
		pub fn create_stable_pool(
			origin: OriginFor<T>,
			assets: BoundedVec<T::AssetKind, MaxPoolAssets>,
			decimals: BoundedVec<u8, MaxPoolAssets>,
			amplification: u128,
			fee: Permill,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_stable_pool(
				assets.into_inner(),
				decimals.into_inner(),
				amplification,
				fee,
			)?;
			Ok(())
		}

		/// Add liquidity. A constant-product pool takes the largest deposit at the current price
		/// that fits in `amounts`; a stable pool takes `amounts` as given (an imbalanced deposit
		/// pays a fee). Fails unless at least `min_shares` LP tokens are minted.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_liquidity(amounts.len() as u32))]
		pub fn add_liquidity(
			origin: OriginFor<T>,
			pool_id: PoolId,
			amounts: BoundedVec<Balance, MaxPoolAssets>,
			min_shares: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_liquidity(&who, pool_id, amounts.into_inner(), min_shares)?;
			Ok(())
		}

		/// Burn `shares` LP tokens for a proportional part of every reserve; each amount must
		/// reach its `min_amounts` entry.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_liquidity(min_amounts.len() as u32))]
		pub fn remove_liquidity(
			origin: OriginFor<T>,
			pool_id: PoolId,
			shares: Balance,
			min_amounts: BoundedVec<Balance, MaxPoolAssets>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_liquidity(&who, pool_id, shares, min_amounts.into_inner())?;
			Ok(())
		}

		/// Burn `shares` LP tokens of a stable pool for `asset` alone (pays the imbalance fee).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_liquidity_one_asset())]
		pub fn remove_liquidity_one_asset(
			origin: OriginFor<T>,
			pool_id: PoolId,
			shares: Balance,
			asset: T::AssetKind,
			min_amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_liquidity_one_asset(&who, pool_id, shares, asset, min_amount)?;
			Ok(())
		}

		/// Swap exactly `amount_in` along `path`; `recipient` receives at least `min_out`.
		/// Fails after block `deadline`.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::declared_swap_weight(path.len() as u32, false))]
		pub fn swap_exact_in(
			origin: OriginFor<T>,
			path: PathOf<T>,
			amount_in: Balance,
			min_out: Balance,
			recipient: T::AccountId,
			deadline: BlockNumberFor<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			let (_, actual) =
				Self::do_swap_exact_in(&who, &path, amount_in, min_out, &recipient, true)?;
			Ok(Some(actual).into())
		}

		/// Swap for exactly `amount_out` along `path`, paying at most `max_in`. Fails after block
		/// `deadline`.
		#[pallet::call_index(6)]
		#[pallet::weight(Pallet::<T>::declared_swap_weight(path.len() as u32, true))]
		pub fn swap_exact_out(
			origin: OriginFor<T>,
			path: PathOf<T>,
			amount_out: Balance,
			max_in: Balance,
			recipient: T::AccountId,
			deadline: BlockNumberFor<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			let (_, actual) =
				Self::do_swap_exact_out(&who, &path, amount_out, max_in, &recipient, true)?;
			Ok(Some(actual).into())
		}

		/// Set the fees a new constant-product pool may charge. Existing pools keep theirs.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_fee_tiers(tiers.len() as u32))]
		pub fn set_fee_tiers(
			origin: OriginFor<T>,
			tiers: BoundedVec<Permill, T::MaxFeeTiers>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::ensure_valid_fee_tiers(&tiers)?;
			FeeTiers::<T>::put(&tiers);
			Self::deposit_event(Event::FeeTiersSet { tiers: tiers.into_inner() });
			Ok(())
		}

		/// Set the protocol share of the swap fee (at most 50 %) that pools created from now on
		/// start with. Existing pools keep theirs; see [`Pallet::set_pool_protocol_fee_share`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_protocol_fee_share())]
		pub fn set_protocol_fee_share(origin: OriginFor<T>, share: Permill) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(share <= MAX_PROTOCOL_FEE_SHARE, Error::<T>::InvalidFee);
			ProtocolFeeShare::<T>::put(share);
			Self::deposit_event(Event::ProtocolFeeShareSet { share });
			Ok(())
		}

		/// Move a stable pool's amplification linearly from its current value to `target`,
		/// reached at `end_block`. The ramp lasts at least `MinRampBlocks` and changes the
		/// amplification by at most a factor of `MaxAmplificationChange`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::ramp_amplification())]
		pub fn ramp_amplification(
			origin: OriginFor<T>,
			pool_id: PoolId,
			target: u128,
			end_block: BlockNumberFor<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				target >= 1 && target <= T::MaxAmplification::get(),
				Error::<T>::InvalidAmplification
			);
			let now = frame_system::Pallet::<T>::block_number();
			Pools::<T>::try_mutate(pool_id, |maybe_pool| -> DispatchResult {
				let pool = maybe_pool.as_mut().ok_or(Error::<T>::PoolNotFound)?;
				let PoolKind::Stable { amplification, .. } = &mut pool.kind else {
					return Err(Error::<T>::NotStablePool.into());
				};
				ensure!(
					end_block >= now.saturating_add(T::MinRampBlocks::get()),
					Error::<T>::InvalidRamp
				);
				let current = Self::amplification_now(amplification, now);
				let factor = T::MaxAmplificationChange::get();
				ensure!(
					target <= current.saturating_mul(factor)
						&& current <= target.saturating_mul(factor),
					Error::<T>::InvalidRamp
				);
				*amplification =
					AmplificationRamp { initial: current, target, start_block: now, end_block };
				Self::deposit_event(Event::AmplificationRampStarted {
					pool_id,
					initial: current,
					target,
					start_block: now,
					end_block,
				});
				Ok(())
			})
		}

		/// Set the protocol share (at most 50 %) of one pool's swap fees, from its next swap on.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_pool_protocol_fee_share())]
		pub fn set_pool_protocol_fee_share(
			origin: OriginFor<T>,
			pool_id: PoolId,
			share: Permill,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(share <= MAX_PROTOCOL_FEE_SHARE, Error::<T>::InvalidFee);
			Pools::<T>::try_mutate(pool_id, |maybe_pool| -> DispatchResult {
				let pool = maybe_pool.as_mut().ok_or(Error::<T>::PoolNotFound)?;
				pool.protocol_fee_share = share;
				Ok(())
			})?;
			Self::deposit_event(Event::PoolProtocolFeeShareSet { pool_id, share });
			Ok(())
		}

		/// Pay a pool's accrued protocol fees to the treasury. Anyone may call it: the
		/// destination is fixed. An asset whose accrued amount the treasury cannot receive yet
		/// (below the asset's minimum balance) keeps accruing.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::collect_protocol_fees())]
		pub fn collect_protocol_fees(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_collect_protocol_fees(pool_id)?;
			Ok(())
		}

		/// Pay out what an earlier withdrawal from `pool_id` could not (an asset that was frozen
		/// or blocked by its owner), as far as it can be paid now; the rest stays owed.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::claim_unclaimed())]
		pub fn claim_unclaimed(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_unclaimed(&who, pool_id)?;
			Ok(())
		}
	}
}
