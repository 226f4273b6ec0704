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
//!   pool's price by more than [`Config::MaxPriceMovePerBlock`] from the block's opening price,
//!   is rejected.
//! * Each pool carries a price oracle: a Uniswap-v2 style cumulative price sampled at most once
//!   per block (for [`Pallet::twap`]) and an exponential moving average.
//! * A share of every swap fee (per pool; new pools take [`ProtocolFeeShare`]) accrues to the
//!   protocol in the pool account, outside the reserves; anyone may pay it out to
//!   [`Config::TreasuryAccount`] with [`Pallet::collect_protocol_fees`]. A swap therefore
//!   touches only the trader's and the pools' accounts.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod math;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::{vec, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{self, Balanced as _, Inspect as _, Mutate as _},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_arithmetic::{FixedPointNumber, FixedU128, Permill, Perquintill};
use sp_runtime::{
	traits::{AccountIdConversion, SaturatedConversion, Saturating, Zero},
	ArithmeticError, TokenError,
};

/// Balances of every token, native and assets.
pub type Balance = u128;
/// Pool id; a pool's LP token has the same id.
pub type PoolId = u32;
/// At most four assets in a pool.
pub type MaxPoolAssets = ConstU32<4>;
/// Cumulative-price samples kept per pool.
pub const OBSERVATIONS: u32 = 16;
/// Highest protocol share of a swap fee.
pub const MAX_PROTOCOL_FEE_SHARE: Permill = Permill::from_percent(50);
/// Stable-pool balances are scaled to this many decimals before the invariant is evaluated.
pub const STABLE_PRECISION_DECIMALS: u8 = 18;

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
impl BenchmarkHelper<frame_support::traits::fungible::NativeOrWithId<u32>> for NativeOrWithIdHelper {
	fn asset(seed: u32) -> frame_support::traits::fungible::NativeOrWithId<u32> {
		use frame_support::traits::fungible::NativeOrWithId;
		if seed == 0 {
			NativeOrWithId::Native
		} else {
			NativeOrWithId::WithId(1_000u32.saturating_add(seed))
		}
	}
}

/// What one hop of a swap does once executed.
#[derive(Clone, Debug)]
pub struct HopExecution<T: Config> {
	pub pool_id: PoolId,
	/// The pool after the hop: new reserves and oracle.
	pub pool: PoolInfoOf<T>,
	pub asset_in: T::AssetKind,
	pub asset_out: T::AssetKind,
	pub amount_in: Balance,
	pub amount_out: Balance,
	/// Total swap fee, in `asset_in` (constant product) or `asset_out` (stable).
	pub fee: Balance,
	/// Part of the fee accrued for the treasury, in the same asset as `fee`.
	pub protocol_fee: Balance,
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

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
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
			ProtocolFeeShare::<T>::put(self.protocol_fee_share);
			for pool in &self.pools {
				assert_eq!(pool.assets.len(), pool.amounts.len(), "genesis: one amount per pool asset");
				// Pools store assets sorted; take the amounts (and decimals) along.
				let decimals = pool.stable.as_ref().map(|(_, d)| d.clone()).unwrap_or_default();
				let mut entries: Vec<(T::AssetKind, Balance, u8)> = pool
					.assets
					.iter()
					.zip(&pool.amounts)
					.enumerate()
					.map(|(k, (a, amount))| (a.clone(), *amount, decimals.get(k).copied().unwrap_or_default()))
					.collect();
				entries.sort_by(|x, y| x.0.cmp(&y.0));
				let assets: Vec<T::AssetKind> = entries.iter().map(|e| e.0.clone()).collect();
				let amounts: Vec<Balance> = entries.iter().map(|e| e.1).collect();
				let pool_id = match &pool.stable {
					None => match assets.as_slice() {
						[a, b] => Pallet::<T>::do_create_pool(&pool.provider, a.clone(), b.clone(), pool.fee),
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
			assets: Vec<T::AssetKind>,
			fee: Permill,
			stable: bool,
			amplification: u128,
		},
		/// Liquidity was added and LP tokens minted.
		LiquidityAdded { who: T::AccountId, pool_id: PoolId, amounts: Vec<Balance>, shares: Balance },
		/// LP tokens were burned and liquidity paid out.
		LiquidityRemoved { who: T::AccountId, pool_id: PoolId, shares: Balance, amounts: Vec<Balance> },
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
		/// The allowed constant-product fee tiers changed.
		FeeTiersSet { tiers: Vec<Permill> },
		/// The protocol's share of swap fees for pools created from now on changed.
		ProtocolFeeShareSet { share: Permill },
		/// The protocol's share of one pool's swap fees changed.
		PoolProtocolFeeShareSet { pool_id: PoolId, share: Permill },
		/// Accrued protocol fees of a pool were paid to the treasury (per pool asset; an amount
		/// below the asset's minimum balance stays accrued and shows as 0).
		ProtocolFeesCollected { pool_id: PoolId, amounts: Vec<Balance> },
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
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinimumLiquidity::get() >= 1_000, "MinimumLiquidity must be at least 1000");
			assert!(T::MaxHops::get() >= 1, "MaxHops must be at least 1");
			assert!(T::MaxAmplification::get() >= 1, "MaxAmplification must be at least 1");
			assert!(T::MaxAmplificationChange::get() >= 1, "MaxAmplificationChange must be at least 1");
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
			Self::do_create_stable_pool(assets.into_inner(), decimals.into_inner(), amplification, fee)?;
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
			let hops = Self::quote_exact_in(&path, amount_in)?;
			let out = hops.last().map(|h| h.amount_out).unwrap_or_default();
			ensure!(out >= min_out, Error::<T>::InsufficientOutput);
			let actual = Self::executed_swap_weight(&hops, &who, &recipient, false);
			Self::execute_swap(&who, &recipient, &path, hops)?;
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
			let hops = Self::quote_exact_out(&path, amount_out)?;
			let paid = hops.first().map(|h| h.amount_in).unwrap_or_default();
			ensure!(paid <= max_in, Error::<T>::ExcessiveInput);
			let actual = Self::executed_swap_weight(&hops, &who, &recipient, true);
			Self::execute_swap(&who, &recipient, &path, hops)?;
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
					target <= current.saturating_mul(factor) && current <= target.saturating_mul(factor),
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
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding a pool's tokens.
	pub fn pool_account(pool_id: PoolId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(pool_id)
	}

	/// Weight of a swap of `hops` hops of which `stable_hops` are stable: a stable hop costs more
	/// than a constant-product one by the difference of their benchmarks.
	pub fn swap_weight(hops: u32, stable_hops: u32, exact_out: bool) -> Weight {
		let base = if exact_out {
			T::WeightInfo::swap_exact_out(hops)
		} else {
			T::WeightInfo::swap_exact_in(hops)
		};
		let stable_extra =
			T::WeightInfo::swap_stable_hop().saturating_sub(T::WeightInfo::swap_exact_in(1));
		base.saturating_add(stable_extra.saturating_mul(stable_hops.min(hops).into()))
	}

	/// Paid on top of the benchmarked swap (where the caller is the recipient) when the output
	/// goes to another account: its `System::Account` entry is read and written when the
	/// output gives it a new balance.
	pub fn other_recipient_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// The weight a swap declares before dispatch: every hop stable, another recipient.
	pub fn declared_swap_weight(hops: u32, exact_out: bool) -> Weight {
		Self::swap_weight(hops, hops, exact_out).saturating_add(Self::other_recipient_weight())
	}

	/// The weight of a priced swap: what the path's actual pool kinds and recipient cost,
	/// refunded after dispatch against [`Pallet::declared_swap_weight`].
	fn executed_swap_weight(
		hops: &[HopExecution<T>],
		who: &T::AccountId,
		recipient: &T::AccountId,
		exact_out: bool,
	) -> Weight {
		let stable = hops.iter().filter(|h| h.pool.is_stable()).count() as u32;
		let weight = Self::swap_weight(hops.len() as u32, stable, exact_out);
		if who == recipient {
			weight
		} else {
			weight.saturating_add(Self::other_recipient_weight())
		}
	}

	fn ensure_deadline(deadline: BlockNumberFor<T>) -> DispatchResult {
		ensure!(frame_system::Pallet::<T>::block_number() <= deadline, Error::<T>::DeadlineExpired);
		Ok(())
	}

	fn ensure_valid_fee_tiers(tiers: &[Permill]) -> DispatchResult {
		let max = T::MaxFee::get();
		for (k, tier) in tiers.iter().enumerate() {
			ensure!(*tier <= max, Error::<T>::InvalidFeeTiers);
			ensure!(!tiers[..k].contains(tier), Error::<T>::InvalidFeeTiers);
		}
		Ok(())
	}

	fn next_pool_id() -> Result<PoolId, DispatchError> {
		let id = NextPoolId::<T>::get();
		NextPoolId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		Ok(id)
	}

	/// Registers a pool: storage, LP token, an account that exists without native balance.
	fn register_pool(
		kind: PoolKind<BlockNumberFor<T>>,
		assets: Vec<T::AssetKind>,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		let pool_id = Self::next_pool_id()?;
		let account = Self::pool_account(pool_id);
		// The pool account must exist to hold any token; it is never reaped.
		frame_system::Pallet::<T>::inc_providers(&account);
		<T::PoolAssets as fungibles::Create<T::AccountId>>::create(pool_id, account, false, 1)?;
		let assets_len = assets.len();
		let reserves = vec![0; assets_len];
		let pool = PoolInfo {
			kind,
			assets: assets.try_into().map_err(|_| Error::<T>::InvalidAssetCount)?,
			reserves: reserves.try_into().map_err(|_| Error::<T>::InvalidAssetCount)?,
			fee,
			protocol_fee_share: ProtocolFeeShare::<T>::get(),
			protocol_fees: BoundedVec::truncate_from(vec![0; assets_len]),
			oracle: Oracle {
				last_block: frame_system::Pallet::<T>::block_number(),
				..Default::default()
			},
		};
		Pools::<T>::insert(pool_id, pool);
		Ok(pool_id)
	}

	/// Creates a constant-product pool; see [`Pallet::create_pool`].
	pub fn do_create_pool(
		creator: &T::AccountId,
		asset_a: T::AssetKind,
		asset_b: T::AssetKind,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		ensure!(asset_a != asset_b, Error::<T>::IdenticalAssets);
		ensure!(FeeTiers::<T>::get().contains(&fee), Error::<T>::FeeTierNotAllowed);
		let (a, b) = if asset_a < asset_b { (asset_a, asset_b) } else { (asset_b, asset_a) };
		ensure!(
			T::Assets::asset_exists(a.clone()) && T::Assets::asset_exists(b.clone()),
			Error::<T>::AssetNotFound
		);
		ensure!(!PairPools::<T>::contains_key((a.clone(), b.clone(), fee)), Error::<T>::PoolExists);
		let pool_id = Self::register_pool(PoolKind::ConstantProduct, vec![a.clone(), b.clone()], fee)?;
		PairPools::<T>::insert((a.clone(), b.clone(), fee), pool_id);
		Self::deposit_event(Event::PoolCreated {
			pool_id,
			creator: Some(creator.clone()),
			assets: vec![a, b],
			fee,
			stable: false,
			amplification: 0,
		});
		Ok(pool_id)
	}

	/// Creates a stable pool; see [`Pallet::create_stable_pool`].
	pub fn do_create_stable_pool(
		assets: Vec<T::AssetKind>,
		decimals: Vec<u8>,
		amplification: u128,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		ensure!(
			(math::MIN_ASSETS..=math::MAX_ASSETS).contains(&assets.len()),
			Error::<T>::InvalidAssetCount
		);
		ensure!(decimals.len() == assets.len(), Error::<T>::WrongAmountsLength);
		ensure!(fee <= T::MaxFee::get(), Error::<T>::InvalidFee);
		ensure!(
			amplification >= 1 && amplification <= T::MaxAmplification::get(),
			Error::<T>::InvalidAmplification
		);
		// Sort assets (with their decimals) so a pool's asset order is canonical.
		let mut pairs: Vec<(T::AssetKind, u8)> = assets.into_iter().zip(decimals).collect();
		pairs.sort_by(|x, y| x.0.cmp(&y.0));
		for k in 1..pairs.len() {
			ensure!(pairs[k - 1].0 != pairs[k].0, Error::<T>::IdenticalAssets);
		}
		let mut multipliers = Vec::with_capacity(pairs.len());
		for (asset, dec) in &pairs {
			ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::AssetNotFound);
			ensure!(*dec <= STABLE_PRECISION_DECIMALS, Error::<T>::InvalidDecimals);
			multipliers.push(10u128.pow((STABLE_PRECISION_DECIMALS - dec) as u32));
		}
		let assets: Vec<T::AssetKind> = pairs.into_iter().map(|(a, _)| a).collect();
		let now = frame_system::Pallet::<T>::block_number();
		let kind = PoolKind::Stable {
			amplification: AmplificationRamp {
				initial: amplification,
				target: amplification,
				start_block: now,
				end_block: now,
			},
			precision_multipliers: multipliers.try_into().map_err(|_| Error::<T>::InvalidAssetCount)?,
		};
		let pool_id = Self::register_pool(kind, assets.clone(), fee)?;
		Self::deposit_event(Event::PoolCreated {
			pool_id,
			creator: None,
			assets,
			fee,
			stable: true,
			amplification,
		});
		Ok(pool_id)
	}

	/// Amplification of a ramp at block `now`.
	pub fn amplification_now(ramp: &AmplificationRamp<BlockNumberFor<T>>, now: BlockNumberFor<T>) -> u128 {
		math::amplification_at(
			ramp.initial,
			ramp.target,
			ramp.start_block.saturated_into::<u64>(),
			ramp.end_block.saturated_into::<u64>(),
			now.saturated_into::<u64>(),
		)
	}

	/// Reserves scaled to the stable precision.
	fn normalized(reserves: &[Balance], multipliers: &[u128]) -> Result<Vec<u128>, Error<T>> {
		reserves
			.iter()
			.zip(multipliers)
			.map(|(r, m)| u128::checked_mul(*r, *m).ok_or(Error::<T>::Overflow))
			.collect()
	}

	/// Spot price of `assets[0]` in `assets[1]`, in base units; `None` for an empty pool.
	pub fn spot_price(pool: &PoolInfoOf<T>, now: BlockNumberFor<T>) -> Option<FixedU128> {
		let (r0, r1) = (*pool.reserves.first()?, *pool.reserves.get(1)?);
		match &pool.kind {
			PoolKind::ConstantProduct => math::price_fraction(r0, r1).ok(),
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers).ok()?;
				let amp = Self::amplification_now(amplification, now);
				let normalized_price = math::stable_spot_price(&balances, amp, 0, 1).ok()?;
				// Back to base units: price_base = price_normalized * m0 / m1.
				let (m0, m1) = (*precision_multipliers.first()?, *precision_multipliers.get(1)?);
				normalized_price.checked_mul(&FixedU128::checked_from_rational(m0, m1)?)
			},
		}
	}

	/// Brings the oracle to block `now` before the pool's first change in that block: extends
	/// the cumulative price by the price that held since the last change, records a sample,
	/// advances the EMA and fixes the block's opening price.
	fn refresh_oracle(pool: &mut PoolInfoOf<T>, now: BlockNumberFor<T>) {
		let oracle = &mut pool.oracle;
		if oracle.last_block >= now && !oracle.block_start_price.is_zero() {
			return;
		}
		let price = Self::spot_price(pool, now).unwrap_or_default();
		let oracle = &mut pool.oracle;
		let elapsed: u64 = now.saturating_sub(oracle.last_block).saturated_into();
		if elapsed > 0 {
			oracle.price_cumulative = oracle
				.price_cumulative
				.wrapping_add(price.into_inner().wrapping_mul(elapsed as u128));
			let sample = Observation { block: now, price_cumulative: oracle.price_cumulative };
			if oracle.observations.is_full() {
				oracle.observations.remove(0);
			}
			// Cannot fail: a slot was freed above.
			let _ = oracle.observations.try_push(sample);
			oracle.ema_price = if oracle.ema_price.is_zero() {
				price
			} else {
				// `elapsed` blocks at `price`: alpha_eff = 1 - (1 - alpha)^elapsed.
				let keep = (Perquintill::one().saturating_sub(T::EmaAlpha::get()))
					.saturating_pow(elapsed.min(u32::MAX as u64) as usize);
				math::ema(oracle.ema_price, price, Perquintill::one().saturating_sub(keep))
			};
		}
		oracle.last_block = now;
		oracle.block_start_price = price;
	}

	/// Checks the per-block price-move limit after a change of `pool` in block `now`.
	fn ensure_price_within_limit(pool: &PoolInfoOf<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let start = pool.oracle.block_start_price;
		if start.is_zero() {
			// No price yet (first deposit): nothing to compare against.
			return Ok(());
		}
		let after = Self::spot_price(pool, now).ok_or(Error::<T>::InsufficientLiquidity)?;
		ensure!(
			math::price_move_within(start, after, T::MaxPriceMovePerBlock::get()),
			Error::<T>::PriceMoveTooLarge
		);
		Ok(())
	}

	fn ensure_trade_size(amount: Balance, reserve: Balance) -> DispatchResult {
		ensure!(amount <= T::MaxSwapReserveShare::get().mul_floor(reserve), Error::<T>::TradeTooLarge);
		Ok(())
	}

	fn validate_path(path: &[Hop<T::AssetKind>]) -> DispatchResult {
		let (first, last) = match (path.first(), path.last()) {
			(Some(f), Some(l)) => (f, l),
			_ => return Err(Error::<T>::EmptyPath.into()),
		};
		ensure!(first.asset_in != last.asset_out, Error::<T>::IdenticalAssets);
		for (k, hop) in path.iter().enumerate() {
			ensure!(hop.asset_in != hop.asset_out, Error::<T>::IdenticalAssets);
			if k > 0 {
				ensure!(path[k - 1].asset_out == hop.asset_in, Error::<T>::InvalidPath);
				ensure!(
					!path[..k].iter().any(|h| h.pool_id == hop.pool_id),
					Error::<T>::RepeatedPool
				);
			}
		}
		Ok(())
	}

	/// Loads a hop's pool with its oracle brought to `now`, and the hop's asset indices.
	fn load_hop(
		hop: &Hop<T::AssetKind>,
		now: BlockNumberFor<T>,
	) -> Result<(PoolInfoOf<T>, usize, usize), DispatchError> {
		let mut pool = Pools::<T>::get(hop.pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let i = pool.index_of(&hop.asset_in).ok_or(Error::<T>::AssetNotInPool)?;
		let j = pool.index_of(&hop.asset_out).ok_or(Error::<T>::AssetNotInPool)?;
		ensure!(
			pool.reserves.get(i).map_or(false, |r| *r > 0) &&
				pool.reserves.get(j).map_or(false, |r| *r > 0),
			Error::<T>::InsufficientLiquidity
		);
		Self::refresh_oracle(&mut pool, now);
		Ok((pool, i, j))
	}

	/// Applies a priced hop to the pool's reserves and checks the protections.
	#[allow(clippy::too_many_arguments)]
	fn apply_hop(
		hop: &Hop<T::AssetKind>,
		mut pool: PoolInfoOf<T>,
		i: usize,
		j: usize,
		amount_in: Balance,
		amount_out: Balance,
		fee: Balance,
		now: BlockNumberFor<T>,
	) -> Result<HopExecution<T>, DispatchError> {
		let (reserve_in, reserve_out) = (pool.reserves[i], pool.reserves[j]);
		Self::ensure_trade_size(amount_in, reserve_in)?;
		Self::ensure_trade_size(amount_out, reserve_out)?;
		// Rounded down: the rest of the fee stays with the liquidity providers.
		let protocol_fee = pool.protocol_fee_share.mul_floor(fee);
		// Constant product: the protocol's part of the fee (in the input) never enters the
		// reserves. Stable: it (in the output) leaves the reserves beside the trader's output.
		// Either way it stays in the pool account, accrued for the treasury.
		let (added_in, removed_out, fee_index) = if pool.is_stable() {
			(amount_in, amount_out.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?, j)
		} else {
			(amount_in.saturating_sub(protocol_fee), amount_out, i)
		};
		let accrued = pool.protocol_fees.get_mut(fee_index).ok_or(Error::<T>::InvalidInput)?;
		*accrued = accrued.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?;
		pool.reserves[i] = reserve_in.checked_add(added_in).ok_or(Error::<T>::Overflow)?;
		pool.reserves[j] =
			reserve_out.checked_sub(removed_out).ok_or(Error::<T>::InsufficientLiquidity)?;
		Self::ensure_price_within_limit(&pool, now)?;
		Ok(HopExecution {
			pool_id: hop.pool_id,
			pool,
			asset_in: hop.asset_in.clone(),
			asset_out: hop.asset_out.clone(),
			amount_in,
			amount_out,
			fee,
			protocol_fee,
		})
	}

	/// Output and fee of one exact-in hop.
	fn price_hop_in(pool: &PoolInfoOf<T>, i: usize, j: usize, amount_in: Balance, now: BlockNumberFor<T>)
		-> Result<(Balance, Balance), DispatchError> {
		match &pool.kind {
			PoolKind::ConstantProduct => {
				let out = math::get_amount_out(amount_in, pool.reserves[i], pool.reserves[j], pool.fee)
					.map_err(Self::math_error)?;
				Ok((out, Self::input_fee(amount_in, pool.fee)))
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers)?;
				let (mi, mj) = (precision_multipliers[i], precision_multipliers[j]);
				let amp = Self::amplification_now(amplification, now);
				let in_normalized = amount_in.checked_mul(mi).ok_or(Error::<T>::Overflow)?;
				let (out_normalized, fee_normalized) =
					math::stable_swap_out(&balances, amp, i, j, in_normalized, pool.fee)
						.map_err(Self::math_error)?;
				// Scaling down rounds against the trader.
				let out = out_normalized / mj;
				ensure!(out > 0, Error::<T>::ZeroOutput);
				Ok((out, fee_normalized / mj))
			},
		}
	}

	/// Input and fee of one exact-out hop.
	fn price_hop_out(pool: &PoolInfoOf<T>, i: usize, j: usize, amount_out: Balance, now: BlockNumberFor<T>)
		-> Result<(Balance, Balance), DispatchError> {
		match &pool.kind {
			PoolKind::ConstantProduct => {
				let amount_in = math::get_amount_in(amount_out, pool.reserves[i], pool.reserves[j], pool.fee)
					.map_err(Self::math_error)?;
				Ok((amount_in, Self::input_fee(amount_in, pool.fee)))
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers)?;
				let (mi, mj) = (precision_multipliers[i], precision_multipliers[j]);
				let amp = Self::amplification_now(amplification, now);
				let out_normalized = amount_out.checked_mul(mj).ok_or(Error::<T>::Overflow)?;
				let (in_normalized, fee_normalized) =
					math::stable_swap_in(&balances, amp, i, j, out_normalized, pool.fee)
						.map_err(Self::math_error)?;
				// Scaling up rounds against the trader.
				let amount_in = in_normalized.div_ceil(mi);
				Ok((amount_in, fee_normalized / mj))
			},
		}
	}

	/// The fee part of a constant-product input, rounded up (the pool keeps the dust).
	fn input_fee(amount_in: Balance, fee: Permill) -> Balance {
		fee.mul_ceil(amount_in)
	}

	/// Prices an exact-in swap along `path` in the current state without changing it.
	pub fn quote_exact_in(
		path: &[Hop<T::AssetKind>],
		amount_in: Balance,
	) -> Result<Vec<HopExecution<T>>, DispatchError> {
		ensure!(amount_in > 0, Error::<T>::ZeroAmount);
		ensure!(path.len() as u32 <= T::MaxHops::get(), Error::<T>::InvalidPath);
		Self::validate_path(path)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut hops = Vec::with_capacity(path.len());
		let mut amount = amount_in;
		for hop in path {
			let (pool, i, j) = Self::load_hop(hop, now)?;
			let (out, fee) = Self::price_hop_in(&pool, i, j, amount, now)?;
			let executed = Self::apply_hop(hop, pool, i, j, amount, out, fee, now)?;
			amount = out;
			hops.push(executed);
		}
		Ok(hops)
	}

	/// Prices an exact-out swap along `path` in the current state without changing it.
	pub fn quote_exact_out(
		path: &[Hop<T::AssetKind>],
		amount_out: Balance,
	) -> Result<Vec<HopExecution<T>>, DispatchError> {
		ensure!(amount_out > 0, Error::<T>::ZeroAmount);
		ensure!(path.len() as u32 <= T::MaxHops::get(), Error::<T>::InvalidPath);
		Self::validate_path(path)?;
		let now = frame_system::Pallet::<T>::block_number();
		// Backwards: the input each hop needs for the output the next hop needs.
		let mut priced = Vec::with_capacity(path.len());
		let mut amount = amount_out;
		for hop in path.iter().rev() {
			let (pool, i, j) = Self::load_hop(hop, now)?;
			let (amount_in, fee) = Self::price_hop_out(&pool, i, j, amount, now)?;
			priced.push((pool, i, j, amount_in, amount, fee));
			amount = amount_in;
		}
		priced.reverse();
		path.iter()
			.zip(priced)
			.map(|(hop, (pool, i, j, amount_in, out, fee))| {
				Self::apply_hop(hop, pool, i, j, amount_in, out, fee, now)
			})
			.collect()
	}

	/// Moves the tokens of a priced swap and stores the pools' new state. The tokens travel as
	/// a credit: withdrawn from the trader, resolved into the first pool, withdrawn from each
	/// pool as its output and resolved into the next pool or the recipient. Neither the
	/// trader's nor a pool's account may be reaped.
	fn execute_swap(
		who: &T::AccountId,
		recipient: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		hops: Vec<HopExecution<T>>,
	) -> DispatchResult {
		let first = hops.first().ok_or(Error::<T>::EmptyPath)?;
		let mut credit = Self::withdraw_kept_alive(first.asset_in.clone(), who, first.amount_in)?;
		for hop in hops.iter() {
			let pool_account = Self::pool_account(hop.pool_id);
			T::Assets::resolve(&pool_account, credit).map_err(|_| TokenError::BelowMinimum)?;
			// A pool always holds its minimum balance beside the reserves and `withdraw` with
			// `Preserve` keeps it, so the trader-side pre-check is not needed here.
			credit = T::Assets::withdraw(
				hop.asset_out.clone(),
				&pool_account,
				hop.amount_out,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			Pools::<T>::insert(hop.pool_id, &hop.pool);
		}
		T::Assets::resolve(recipient, credit).map_err(|_| TokenError::BelowMinimum)?;
		Self::deposit_event(Event::Swapped {
			who: who.clone(),
			recipient: recipient.clone(),
			path: path.to_vec(),
			amounts: core::iter::once(hops.first().map_or(0, |h| h.amount_in))
				.chain(hops.iter().map(|h| h.amount_out))
				.collect(),
			fees: hops.iter().map(|h| h.fee).collect(),
			protocol_fees: hops.iter().map(|h| h.protocol_fee).collect(),
		});
		Ok(())
	}

	/// Takes exactly `amount` of `asset` from the trader `who` as a credit, leaving `who`'s
	/// account alive; a shortfall is `TokenError::FundsUnavailable` for every kind of token.
	fn withdraw_kept_alive(
		asset: T::AssetKind,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<fungibles::Credit<T::AccountId, T::Assets>, DispatchError> {
		// Checked first, as asset-conversion does (polkadot-sdk#1698): `withdraw` with
		// `Preserve` is not relied on alone to keep the account alive.
		let spendable =
			T::Assets::reducible_balance(asset.clone(), who, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= amount, TokenError::FundsUnavailable);
		T::Assets::withdraw(asset, who, amount, Precision::Exact, Preservation::Preserve, Fortitude::Polite)
	}

	fn lp_supply(pool_id: PoolId) -> Balance {
		T::PoolAssets::total_issuance(pool_id)
	}

	/// Adds liquidity; see [`Pallet::add_liquidity`]. Returns the LP tokens minted.
	pub fn do_add_liquidity(
		who: &T::AccountId,
		pool_id: PoolId,
		amounts: Vec<Balance>,
		min_shares: Balance,
	) -> Result<Balance, DispatchError> {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(amounts.len() == pool.assets.len(), Error::<T>::WrongAmountsLength);
		ensure!(amounts.iter().any(|a| *a > 0), Error::<T>::ZeroAmount);
		let now = frame_system::Pallet::<T>::block_number();
		Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		let first_deposit = supply.is_zero();

		let (deposits, minted) = match &pool.kind {
			PoolKind::ConstantProduct => {
				let (a, b) = (amounts[0], amounts[1]);
				ensure!(a > 0 && b > 0, Error::<T>::ZeroAmount);
				if first_deposit {
					let shares = math::initial_lp_shares(a, b).map_err(Self::math_error)?;
					(vec![a, b], shares)
				} else {
					let (ra, rb) = (pool.reserves[0], pool.reserves[1]);
					let b_optimal = math::quote(a, ra, rb).map_err(Self::math_error)?;
					let (a, b) = if b_optimal <= b {
						(a, b_optimal)
					} else {
						(math::quote(b, rb, ra).map_err(Self::math_error)?, b)
					};
					let shares = math::lp_shares_for_deposit(a, b, ra, rb, supply)
						.map_err(Self::math_error)?;
					(vec![a, b], shares)
				}
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				if first_deposit {
					ensure!(amounts.iter().all(|a| *a > 0), Error::<T>::ZeroAmount);
				}
				let before = Self::normalized(&pool.reserves, precision_multipliers)?;
				let deposits = Self::normalized(&amounts, precision_multipliers)?;
				let amp = Self::amplification_now(amplification, now);
				let shares = math::stable_shares_for_deposit(&before, &deposits, amp, supply, pool.fee)
					.map_err(Self::math_error)?;
				(amounts.clone(), shares)
			},
		};

		// The first deposit locks `MinimumLiquidity` LP tokens in the pool account forever.
		let locked = if first_deposit { T::MinimumLiquidity::get() } else { 0 };
		ensure!(minted > locked, Error::<T>::InsufficientLiquidity);
		let shares = minted - locked;
		ensure!(shares >= min_shares, Error::<T>::InsufficientShares);

		let pool_account = Self::pool_account(pool_id);
		for (k, asset) in pool.assets.iter().enumerate() {
			let mut amount = deposits[k];
			if first_deposit {
				// The pool account's existence deposit in every asset: held, never a reserve,
				// so paying out a whole reserve never reaps the account.
				amount = amount
					.checked_add(T::Assets::minimum_balance(asset.clone()))
					.ok_or(Error::<T>::Overflow)?;
			}
			if amount > 0 {
				T::Assets::transfer(asset.clone(), who, &pool_account, amount, Preservation::Preserve)?;
			}
			pool.reserves[k] = pool.reserves[k].checked_add(deposits[k]).ok_or(Error::<T>::Overflow)?;
		}
		if locked > 0 {
			T::PoolAssets::mint_into(pool_id, &pool_account, locked)?;
		}
		T::PoolAssets::mint_into(pool_id, who, shares)?;
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::LiquidityAdded { who: who.clone(), pool_id, amounts: deposits, shares });
		Ok(shares)
	}

	/// Removes liquidity proportionally; see [`Pallet::remove_liquidity`].
	pub fn do_remove_liquidity(
		who: &T::AccountId,
		pool_id: PoolId,
		shares: Balance,
		min_amounts: Vec<Balance>,
	) -> Result<Vec<Balance>, DispatchError> {
		ensure!(shares > 0, Error::<T>::ZeroAmount);
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(min_amounts.len() == pool.assets.len(), Error::<T>::WrongAmountsLength);
		let now = frame_system::Pallet::<T>::block_number();
		Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		ensure!(shares <= supply, Error::<T>::InsufficientLiquidity);
		let amounts = math::stable_amounts_for_shares_proportional(&pool.reserves, shares, supply)
			.map_err(Self::math_error)?;
		for (amount, min) in amounts.iter().zip(&min_amounts) {
			ensure!(amount >= min, Error::<T>::InsufficientOutput);
		}
		ensure!(amounts.iter().any(|a| *a > 0), Error::<T>::ZeroOutput);
		T::PoolAssets::burn_from(
			pool_id,
			who,
			shares,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		let pool_account = Self::pool_account(pool_id);
		for (k, asset) in pool.assets.iter().enumerate() {
			let amount = amounts[k];
			pool.reserves[k] = pool.reserves[k].checked_sub(amount).ok_or(Error::<T>::InsufficientLiquidity)?;
			if amount > 0 {
				T::Assets::transfer(asset.clone(), &pool_account, who, amount, Preservation::Preserve)?;
			}
		}
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::LiquidityRemoved {
			who: who.clone(),
			pool_id,
			shares,
			amounts: amounts.clone(),
		});
		Ok(amounts)
	}

	/// Removes liquidity in one asset of a stable pool; see
	/// [`Pallet::remove_liquidity_one_asset`].
	pub fn do_remove_liquidity_one_asset(
		who: &T::AccountId,
		pool_id: PoolId,
		shares: Balance,
		asset: T::AssetKind,
		min_amount: Balance,
	) -> Result<Balance, DispatchError> {
		ensure!(shares > 0, Error::<T>::ZeroAmount);
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let PoolKind::Stable { amplification, precision_multipliers } = pool.kind.clone() else {
			return Err(Error::<T>::NotStablePool.into());
		};
		let index = pool.index_of(&asset).ok_or(Error::<T>::AssetNotInPool)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		ensure!(shares < supply, Error::<T>::InsufficientLiquidity);
		let balances = Self::normalized(&pool.reserves, &precision_multipliers)?;
		let amp = Self::amplification_now(&amplification, now);
		let (amount_normalized, _fee) =
			math::stable_single_asset_withdraw(&balances, amp, index, shares, supply, pool.fee)
				.map_err(Self::math_error)?;
		let amount = amount_normalized / precision_multipliers[index];
		ensure!(amount > 0, Error::<T>::ZeroOutput);
		ensure!(amount >= min_amount, Error::<T>::InsufficientOutput);
		pool.reserves[index] =
			pool.reserves[index].checked_sub(amount).ok_or(Error::<T>::InsufficientLiquidity)?;
		T::PoolAssets::burn_from(
			pool_id,
			who,
			shares,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		T::Assets::transfer(asset, &Self::pool_account(pool_id), who, amount, Preservation::Preserve)?;
		let mut amounts = vec![0; pool.assets.len()];
		amounts[index] = amount;
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::LiquidityRemoved { who: who.clone(), pool_id, shares, amounts });
		Ok(amount)
	}

	/// Pays a pool's accrued protocol fees to the treasury; see
	/// [`Pallet::collect_protocol_fees`]. Returns what was paid, per pool asset.
	pub fn do_collect_protocol_fees(pool_id: PoolId) -> Result<Vec<Balance>, DispatchError> {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let treasury = T::TreasuryAccount::get();
		let pool_account = Self::pool_account(pool_id);
		let mut paid = vec![0; pool.assets.len()];
		for (k, asset) in pool.assets.iter().enumerate() {
			let owed = pool.protocol_fees.get(k).copied().unwrap_or_default();
			if owed.is_zero() ||
				T::Assets::can_deposit(asset.clone(), &treasury, owed, Provenance::Extant) !=
					DepositConsequence::Success
			{
				continue;
			}
			T::Assets::transfer(asset.clone(), &pool_account, &treasury, owed, Preservation::Preserve)?;
			paid[k] = owed;
			if let Some(accrued) = pool.protocol_fees.get_mut(k) {
				*accrued = 0;
			}
		}
		ensure!(paid.iter().any(|p| *p > 0), Error::<T>::NoProtocolFees);
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::ProtocolFeesCollected { pool_id, amounts: paid.clone() });
		Ok(paid)
	}

	fn math_error(e: math::MathError) -> DispatchError {
		use math::MathError as M;
		match e {
			M::Overflow => Error::<T>::Overflow,
			M::ZeroReserve | M::InsufficientLiquidity => Error::<T>::InsufficientLiquidity,
			M::ZeroAmount => Error::<T>::ZeroAmount,
			M::InvalidInput => Error::<T>::InvalidInput,
			M::NotConverged => Error::<T>::InvariantNotConverged,
			M::ZeroOutput => Error::<T>::ZeroOutput,
		}
		.into()
	}

	// ---- Read-only views for other pallets and the runtime API ----

	/// Time-weighted average price of `assets[0]` in `assets[1]` over at least the last
	/// `window` blocks, from the newest sample that old. `None` if the pool's history is
	/// shorter than `window` or the pool does not exist.
	pub fn twap(pool_id: PoolId, window: BlockNumberFor<T>) -> Option<FixedU128> {
		let pool = Pools::<T>::get(pool_id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let oracle = &pool.oracle;
		// The cumulative price extended to now at the current spot price.
		let spot = Self::spot_price(&pool, now).unwrap_or_default();
		let since_last: u128 = now.saturating_sub(oracle.last_block).saturated_into();
		let cumulative_now =
			oracle.price_cumulative.wrapping_add(spot.into_inner().wrapping_mul(since_last));
		let horizon = now.saturating_sub(window);
		let sample = oracle.observations.iter().rev().find(|o| o.block <= horizon)?;
		let elapsed: u128 = now.saturating_sub(sample.block).saturated_into();
		if elapsed == 0 {
			return None;
		}
		Some(FixedU128::from_inner(cumulative_now.wrapping_sub(sample.price_cumulative) / elapsed))
	}

	/// The EMA price of a pool.
	pub fn ema_price(pool_id: PoolId) -> Option<FixedU128> {
		Pools::<T>::get(pool_id).map(|p| p.oracle.ema_price)
	}

	/// Every pool with reserves, fee, amplification, LP supply and prices.
	pub fn pool_views() -> Vec<PoolView<T::AssetKind>> {
		let now = frame_system::Pallet::<T>::block_number();
		Pools::<T>::iter()
			.map(|(pool_id, pool)| PoolView {
				pool_id,
				stable: pool.is_stable(),
				assets: pool.assets.to_vec(),
				reserves: pool.reserves.to_vec(),
				fee: pool.fee,
				protocol_fee_share: pool.protocol_fee_share,
				protocol_fees: pool.protocol_fees.to_vec(),
				amplification: match &pool.kind {
					PoolKind::ConstantProduct => 0,
					PoolKind::Stable { amplification, .. } => Self::amplification_now(amplification, now),
				},
				lp_token: pool_id,
				lp_supply: Self::lp_supply(pool_id),
				spot_price: Self::spot_price(&pool, now),
				ema_price: pool.oracle.ema_price,
			})
			.collect()
	}

	/// What `shares` LP tokens of a pool would withdraw proportionally now.
	pub fn lp_share_value(pool_id: PoolId, shares: Balance) -> Option<Vec<Balance>> {
		let pool = Pools::<T>::get(pool_id)?;
		let supply = Self::lp_supply(pool_id);
		if shares > supply {
			return None;
		}
		math::stable_amounts_for_shares_proportional(&pool.reserves, shares, supply).ok()
	}

	/// Amounts along `path` for an exact-in swap: `[amount_in, out of hop 1, …]`.
	pub fn quote_amounts_exact_in(path: Vec<Hop<T::AssetKind>>, amount_in: Balance) -> Option<Vec<Balance>> {
		let hops = Self::quote_exact_in(&path, amount_in).ok()?;
		Some(core::iter::once(amount_in).chain(hops.iter().map(|h| h.amount_out)).collect())
	}

	/// Amounts along `path` for an exact-out swap: `[amount_in, out of hop 1, …, amount_out]`.
	pub fn quote_amounts_exact_out(path: Vec<Hop<T::AssetKind>>, amount_out: Balance) -> Option<Vec<Balance>> {
		let hops = Self::quote_exact_out(&path, amount_out).ok()?;
		let first = hops.first()?.amount_in;
		Some(core::iter::once(first).chain(hops.iter().map(|h| h.amount_out)).collect())
	}

	/// Checks the pallet's invariants: every pool is well formed, its account holds at least
	/// its reserves plus its accrued protocol fees, its LP supply and reserves are empty together, and the pair index agrees.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextPoolId::<T>::get();
		for (pool_id, pool) in Pools::<T>::iter() {
			ensure!(pool_id < next, "pool id at or above NextPoolId");
			let n = pool.assets.len();
			ensure!(pool.reserves.len() == n, "reserves and assets differ in length");
			ensure!(pool.protocol_fees.len() == n, "protocol fees and assets differ in length");
			ensure!(pool.protocol_fee_share <= MAX_PROTOCOL_FEE_SHARE, "protocol fee share above the maximum");
			ensure!(n >= 2 && n <= math::MAX_ASSETS, "pool asset count out of range");
			for k in 1..n {
				ensure!(pool.assets[k - 1] < pool.assets[k], "pool assets not sorted and distinct");
			}
			let account = Self::pool_account(pool_id);
			for ((asset, reserve), accrued) in
				pool.assets.iter().zip(pool.reserves.iter()).zip(pool.protocol_fees.iter())
			{
				ensure!(
					T::Assets::balance(asset.clone(), &account) >= reserve.saturating_add(*accrued),
					"pool account holds less than its reserve plus accrued protocol fees"
				);
			}
			let supply = Self::lp_supply(pool_id);
			let empty = pool.reserves.iter().all(|r| r.is_zero());
			ensure!(supply.is_zero() == empty, "LP supply and reserves disagree on emptiness");
			if !supply.is_zero() {
				ensure!(
					T::PoolAssets::balance(pool_id, &account) >= T::MinimumLiquidity::get(),
					"locked minimum liquidity missing"
				);
			}
			match &pool.kind {
				PoolKind::ConstantProduct => {
					ensure!(n == 2, "constant-product pool with more than two assets");
					ensure!(
						PairPools::<T>::get((pool.assets[0].clone(), pool.assets[1].clone(), pool.fee)) == Some(pool_id),
						"pair index does not point at the pool"
					);
				},
				PoolKind::Stable { precision_multipliers, .. } => {
					ensure!(precision_multipliers.len() == n, "multipliers and assets differ in length");
				},
			}
		}
		for ((a, b, fee), pool_id) in PairPools::<T>::iter() {
			let pool = Pools::<T>::get(pool_id).ok_or("pair index points at no pool")?;
			ensure!(pool.assets.to_vec() == vec![a, b] && pool.fee == fee, "pair index mismatch");
		}
		Ok(())
	}
}

