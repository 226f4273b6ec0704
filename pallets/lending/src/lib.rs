//! # Lending pallet
//!
//! Money markets in the style of Compound v2: suppliers pool an asset and receive transferable
//! share tokens; borrowers take the asset against collateral (their shares of other markets)
//! and pay interest set by how much of the pool is lent out.
//!
//! * **Interest** accrues lazily, per second of block time, through a borrow index that
//!   compounds every second (see [`defi_math::lending`]): utilization
//!   `u = borrows / (cash + borrows − reserves)`, the borrow rate from a jump-rate model, the
//!   supply rate `borrow rate · u · (1 − reserve factor)`.
//! * **Shares** are `pallet-assets` tokens (one asset id per market), so farming and the DEX can
//!   use them. They are worth `(cash + borrows − reserves) / shares` of the underlying. `cash` is
//!   tracked in storage, never read from the pallet account, so a donation moves no exchange
//!   rate (the empty-market donation attack that drained Hundred Finance); the first supply
//!   locks [`Config::MinimumShares`] forever, and every conversion rounds for the market.
//! * **Collateral**: enabling it holds the account's shares of that market in place (a hold of
//!   [`HoldReason::Collateral`]); held shares cannot move until released.
//! * **Health** = Σ collateral · price · liquidation threshold / Σ debt · price. `borrow`,
//!   `withdraw` of collateral and `disable_collateral` need fresh, undisputed prices for every
//!   market of the account and must leave the account within its collateral factor; `supply`
//!   and `repay` never need a price.
//! * **Liquidation** only below health 1, repaying at most the close factor of one debt (all
//!   of it when the collateral is worth less than the debt plus the incentive: there, a partial
//!   liquidation would lower the borrower's health), seizing collateral worth
//!   `repay · (1 + incentive)`, of which [`MarketParams::liquidation_fee`] of the incentive
//!   goes to reserves. A liquidation that would lower the borrower's health without closing
//!   the collateral or the debt position it touches is rejected.
//! * **Bad debt**: when a borrower owes something and has no collateral left, the debt is
//!   written off against the market's reserves first and the rest is spread over its
//!   suppliers through the exchange rate, with [`Event::BadDebtWrittenOff`].
//!
//! Every supply and borrow change is reported through [`Config::OnPositionChanged`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod interest;
mod liquidation;
#[cfg(test)]
mod mock;
mod positions;
mod risk;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
mod views;
pub mod weights;

pub use defi_primitives::{AmountOrAll, Balance, LendingActivity};
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use defi_primitives::{OnSharesChanged, PriceProvider};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{self, Create as _, Inspect as _, InspectHold as _},
		UnixTime,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_arithmetic::{FixedPointNumber, FixedU128, Permill};
use sp_runtime::traits::One;
use sp_runtime::traits::{AccountIdConversion, Saturating, Zero};

/// Highest borrow rate (at full utilization) a rate model may set: 1,000 % per year. It keeps
/// the borrow index far from overflow for decades.
pub const MAX_BORROW_RATE: FixedU128 = FixedU128::from_u32(10);

/// Underlying per share before the first supply.
pub const INITIAL_EXCHANGE_RATE: FixedU128 = FixedU128::from_u32(1);

/// How benchmarks obtain market assets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind, AccountId> {
	/// A distinct underlying asset for `seed`, existing, with `who` funded generously.
	fn market_asset(seed: u32, who: &AccountId) -> AssetKind;
	/// A share asset id for `seed` that does not exist yet.
	fn share_asset(seed: u32) -> u32;
	/// Sets a fresh, undisputed price for `asset` in USD per whole token.
	fn set_price(asset: &AssetKind, usd_per_token: FixedU128);
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

		/// Every underlying token behind one `fungibles` interface.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
		>;

		/// The supplier share tokens: created, minted and burned by this pallet.
		type Shares: fungibles::Mutate<Self::AccountId, AssetId = u32, Balance = Balance>
			+ fungibles::Create<Self::AccountId>;

		/// Holds on share tokens: collateral stays in its owner's account.
		type SharesHold: fungibles::MutateHold<
			Self::AccountId,
			AssetId = u32,
			Balance = Balance,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Fresh USD prices; a disputed one blocks actions that add risk.
		type Prices: PriceProvider<Self::AssetKind>;

		/// Block time, for interest.
		type UnixTime: UnixTime;

		/// Told of every change of an account's supply shares or borrow principal.
		type OnPositionChanged: OnSharesChanged<Self::AccountId, LendingActivity<Self::AssetKind>>;

		/// Creates markets and sets their parameters and states.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May pause or freeze a market, never make it less strict.
		type EmergencyOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account that holds every market's cash.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Shares minted to the pallet account at a market's first supply and locked forever.
		#[pallet::constant]
		type MinimumShares: Get<Balance>;

		/// Most markets an account may use as collateral or borrow from; bounds the cost of a
		/// health check.
		#[pallet::constant]
		type MaxAccountMarkets: Get<u32>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind, Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Supplier shares an account uses as collateral.
		Collateral,
	}

	/// Every market, by underlying asset.
	#[pallet::storage]
	pub type Markets<T: Config> = StorageMap<_, Blake2_128Concat, T::AssetKind, Market>;

	/// The market of each share asset.
	#[pallet::storage]
	pub type ShareMarkets<T: Config> = StorageMap<_, Twox64Concat, u32, T::AssetKind>;

	/// Debts, per market and borrower.
	#[pallet::storage]
	pub type Borrows<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AssetKind,
		Blake2_128Concat,
		T::AccountId,
		BorrowSnapshot,
	>;

	/// Markets an account uses: collateral enabled (`true`) or debt only (`false`). A health
	/// check reads exactly these.
	#[pallet::storage]
	pub type AccountMarkets<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(T::AssetKind, bool), T::MaxAccountMarkets>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub markets: Vec<GenesisMarket<T::AssetKind>>,
		/// Open positions, built in order. Borrows skip the health check (no price exists at
		/// genesis): whoever writes the genesis keeps them within the collateral factor at the
		/// prices the feeders will report.
		pub positions: Vec<GenesisPosition<T::AccountId, T::AssetKind>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for m in &self.markets {
				Pallet::<T>::do_create_market(m.asset.clone(), m.share_asset, m.params)
					.expect("genesis: market creation");
			}
			for p in &self.positions {
				for (asset, amount) in &p.supply {
					Pallet::<T>::do_supply(&p.who, asset.clone(), *amount)
						.expect("genesis: supply");
				}
				for asset in &p.collateral {
					Pallet::<T>::do_enable_collateral(&p.who, asset.clone())
						.expect("genesis: collateral");
				}
				for (asset, amount) in &p.borrow {
					Pallet::<T>::do_borrow_unchecked(&p.who, asset.clone(), *amount)
						.expect("genesis: borrow");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A market opened; its shares are asset `share_asset`.
		MarketCreated {
			asset: T::AssetKind,
			share_asset: u32,
			params: MarketParams,
		},
		MarketParamsSet {
			asset: T::AssetKind,
			params: MarketParams,
		},
		MarketStateSet {
			asset: T::AssetKind,
			state: MarketState,
		},
		/// Interest accrued: the borrow index and the totals after it.
		InterestAccrued {
			asset: T::AssetKind,
			interest: Balance,
			to_reserves: Balance,
			borrow_index: FixedU128,
		},
		Supplied {
			who: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			shares: Balance,
		},
		Withdrawn {
			who: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			shares: Balance,
		},
		CollateralEnabled {
			who: T::AccountId,
			asset: T::AssetKind,
			shares: Balance,
		},
		CollateralDisabled {
			who: T::AccountId,
			asset: T::AssetKind,
			shares: Balance,
		},
		/// `debt` is the borrower's whole debt in the market afterwards.
		Borrowed {
			who: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			debt: Balance,
		},
		/// `payer` repaid `amount` of `borrower`'s debt; `debt` is what is left.
		Repaid {
			payer: T::AccountId,
			borrower: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			debt: Balance,
		},
		/// `liquidator` repaid `repaid` of `borrower`'s `debt_asset` debt and received
		/// `seized_shares` of its `collateral_asset` shares; `to_reserves` of the underlying
		/// went to reserves.
		Liquidated {
			liquidator: T::AccountId,
			borrower: T::AccountId,
			debt_asset: T::AssetKind,
			repaid: Balance,
			collateral_asset: T::AssetKind,
			seized_shares: Balance,
			to_reserves: Balance,
		},
		/// A debt without collateral behind it was removed: `from_reserves` came out of the
		/// reserves, `socialized` lowered the suppliers' exchange rate.
		BadDebtWrittenOff {
			borrower: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			from_reserves: Balance,
			socialized: Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No market for this asset.
		MarketNotFound,
		/// A market for this asset exists already.
		MarketExists,
		/// The share asset id is taken.
		ShareAssetExists,
		/// Parameters out of range: the liquidation threshold must exceed the collateral factor
		/// and, with the incentive, stay within 100 %; the close factor and the maximum
		/// utilization must be above 0; the rate model may not exceed the maximum rate.
		InvalidParams,
		/// The market is paused for new risk (or frozen).
		MarketPaused,
		/// The market is frozen.
		MarketFrozen,
		/// The emergency origin may only make a market stricter.
		NotStricter,
		/// Zero amount.
		ZeroAmount,
		/// The supply would exceed the market's supply cap.
		SupplyCapExceeded,
		/// The borrow would exceed the market's borrow cap.
		BorrowCapExceeded,
		/// The borrow would lift utilization above the market's maximum.
		MaxUtilizationExceeded,
		/// The market holds less cash than asked for.
		InsufficientCash,
		/// The first supply must exceed the shares locked at a market's start.
		FirstSupplyTooSmall,
		/// The amount buys no share, or redeems for nothing.
		ZeroShares,
		/// More shares would be burned than the account has.
		InsufficientShares,
		/// The account has no shares in this market.
		NothingSupplied,
		/// Collateral is enabled already.
		AlreadyCollateral,
		/// Collateral is not enabled.
		NotCollateral,
		/// The account uses as many markets as allowed.
		TooManyMarkets,
		/// The account has no debt in this market.
		NoDebt,
		/// The action would leave the account's debt above its borrow limit.
		InsufficientCollateral,
		/// A price the action needs is missing or stale.
		PriceUnavailable,
		/// A price the action needs deviates from the DEX beyond the bound.
		PriceDisputed,
		/// The borrower's health is not below 1.
		NotLiquidatable,
		/// Nobody liquidates their own position.
		SelfLiquidation,
		/// The borrower has no collateral in this market.
		NoCollateral,
		/// The liquidation seizes nothing.
		LiquidationTooSmall,
		/// The liquidation would lower the borrower's health without closing a position.
		LiquidationLowersHealth,
		/// The borrower still has collateral: liquidate it, do not write the debt off.
		NotBadDebt,
		/// An amount or an intermediate value overflows.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinimumShares::get() >= 1, "MinimumShares must be at least 1");
			assert!(T::MaxAccountMarkets::get() >= 1, "MaxAccountMarkets must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Open a market for `asset` whose shares are the new asset `share_asset`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_market())]
		pub fn create_market(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			share_asset: u32,
			params: MarketParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_market(asset, share_asset, params)
		}

		/// Change a market's parameters; interest up to now accrues at the old ones.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_market_params())]
		pub fn set_market_params(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			params: MarketParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::ensure_valid_params(&params)?;
			let mut market = Self::accrued_market(&asset)?;
			market.params = params;
			Markets::<T>::insert(&asset, market);
			Self::deposit_event(Event::MarketParamsSet { asset, params });
			Ok(())
		}

		/// Set a market's state. The admin may set any state; the emergency origin only a
		/// stricter one.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_market_state())]
		pub fn set_market_state(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			state: MarketState,
		) -> DispatchResult {
			let admin = T::AdminOrigin::ensure_origin(origin.clone()).is_ok();
			if !admin {
				T::EmergencyOrigin::ensure_origin(origin)?;
			}
			let mut market = Markets::<T>::get(&asset).ok_or(Error::<T>::MarketNotFound)?;
			ensure!(admin || state > market.state, Error::<T>::NotStricter);
			market.state = state;
			Markets::<T>::insert(&asset, market);
			Self::deposit_event(Event::MarketStateSet { asset, state });
			Ok(())
		}

		/// Supply `amount` of `asset` for shares; held as collateral if the account enabled it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::supply().saturating_add(Pallet::<T>::hook_weight(1)))]
		pub fn supply(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_supply(&who, asset, amount)
		}

		/// Redeem shares for `amount` of the underlying (shares rounded up), or all shares.
		///
		/// Charged at the most markets, without a refund: withdrawing everything can end the
		/// account's share and hold entries and open its underlying account, more writes than
		/// the benchmark's case (the fuzzer found it), which the unused health-check part covers.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxAccountMarkets::get()).saturating_add(Pallet::<T>::hook_weight(1)))]
		pub fn withdraw(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			amount: AmountOrAll,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, asset, amount).map(|_| ())
		}

		/// Use the account's shares of `asset` (now and later) as collateral.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::enable_collateral())]
		pub fn enable_collateral(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_enable_collateral(&who, asset)
		}

		/// Stop using `asset` as collateral; the account must stay within its borrow limit.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::disable_collateral(T::MaxAccountMarkets::get()))]
		pub fn disable_collateral(
			origin: OriginFor<T>,
			asset: T::AssetKind,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let markets = Self::do_disable_collateral(&who, asset)?;
			Ok(Some(T::WeightInfo::disable_collateral(markets)).into())
		}

		/// Borrow `amount` of `asset` against the account's collateral.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::borrow(T::MaxAccountMarkets::get()).saturating_add(Pallet::<T>::hook_weight(1)))]
		pub fn borrow(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let markets = Self::do_borrow(&who, asset, amount)?;
			Ok(Some(T::WeightInfo::borrow(markets)).into())
		}

		/// Repay the caller's own debt in `asset`: `amount` (at most the debt) or all of it.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::repay().saturating_add(Pallet::<T>::hook_weight(1)))]
		pub fn repay(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			amount: AmountOrAll,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(&who, &who, asset, amount).map(|_| ())
		}

		/// Repay `borrower`'s debt in `asset` from the caller's funds.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::repay().saturating_add(Pallet::<T>::hook_weight(1)))]
		pub fn repay_on_behalf(
			origin: OriginFor<T>,
			borrower: T::AccountId,
			asset: T::AssetKind,
			amount: AmountOrAll,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(&who, &borrower, asset, amount).map(|_| ())
		}

		/// Repay up to `repay_amount` of `borrower`'s `debt_asset` debt (health below 1) and
		/// seize their `collateral_asset` shares worth `repay · (1 + incentive)`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::liquidate(T::MaxAccountMarkets::get()).saturating_add(Pallet::<T>::hook_weight(3)))]
		pub fn liquidate(
			origin: OriginFor<T>,
			borrower: T::AccountId,
			debt_asset: T::AssetKind,
			repay_amount: Balance,
			collateral_asset: T::AssetKind,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let markets =
				Self::do_liquidate(&who, &borrower, debt_asset, repay_amount, collateral_asset)?;
			Ok(Some(T::WeightInfo::liquidate(markets).saturating_add(Self::hook_weight(3))).into())
		}

		/// Write off the debts of `borrower`, who has no collateral left (anyone may call).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::write_off_bad_debt(T::MaxAccountMarkets::get()).saturating_add(Pallet::<T>::hook_weight(T::MaxAccountMarkets::get())))]
		pub fn write_off_bad_debt(
			origin: OriginFor<T>,
			borrower: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(!Self::has_collateral(&borrower), Error::<T>::NotBadDebt);
			let markets = Self::do_write_off(&borrower)?;
			ensure!(markets > 0, Error::<T>::NoDebt);
			Ok(Some(
				T::WeightInfo::write_off_bad_debt(markets)
					.saturating_add(Self::hook_weight(markets)),
			)
			.into())
		}

		/// Accrue a market's interest up to now (keepers; every other call accrues too).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::accrue_interest())]
		pub fn accrue_interest(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			ensure_signed(origin)?;
			let market = Self::accrued_market(&asset)?;
			Markets::<T>::insert(&asset, market);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding every market's cash and the locked shares.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn collateral_reason() -> T::RuntimeHoldReason {
		HoldReason::Collateral.into()
	}

	/// Shares of `share_asset` `who` holds as collateral.
	pub(crate) fn held_shares(share_asset: u32, who: &T::AccountId) -> Balance {
		T::SharesHold::balance_on_hold(share_asset, &Self::collateral_reason(), who)
	}

	/// Free and held shares of `who`.
	pub(crate) fn total_shares_of(share_asset: u32, who: &T::AccountId) -> Balance {
		T::Shares::total_balance(share_asset, who)
	}

	pub(crate) fn ensure_valid_params(p: &MarketParams) -> DispatchResult {
		let lt_with_bonus = p
			.liquidation_threshold
			.saturating_add(p.liquidation_incentive * p.liquidation_threshold);
		let valid = p.collateral_factor < p.liquidation_threshold
			&& lt_with_bonus < Permill::one()
			&& !p.close_factor.is_zero()
			&& !p.max_utilization.is_zero()
			&& p.rate_model.max_rate().is_some_and(|r| r <= MAX_BORROW_RATE);
		ensure!(valid, Error::<T>::InvalidParams);
		Ok(())
	}

	pub(crate) fn do_create_market(
		asset: T::AssetKind,
		share_asset: u32,
		params: MarketParams,
	) -> DispatchResult {
		ensure!(!Markets::<T>::contains_key(&asset), Error::<T>::MarketExists);
		ensure!(!T::Shares::asset_exists(share_asset), Error::<T>::ShareAssetExists);
		Self::ensure_valid_params(&params)?;
		// Sufficient, with a minimum balance of one share: an account may hold only shares, and
		// no dust of them is ever lost.
		T::Shares::create(share_asset, Self::account_id(), true, 1)?;
		let market = Market {
			share_asset,
			state: MarketState::Active,
			params,
			cash: 0,
			borrows: 0,
			reserves: 0,
			borrow_index: FixedU128::one(),
			last_accrued: Self::now_seconds(),
		};
		Markets::<T>::insert(&asset, market);
		ShareMarkets::<T>::insert(share_asset, asset.clone());
		Self::deposit_event(Event::MarketCreated { asset, share_asset, params });
		Ok(())
	}

	/// Unix time in seconds; 0 at genesis, where no clock exists yet.
	pub(crate) fn now_seconds() -> u64 {
		if frame_system::Pallet::<T>::block_number().is_zero() {
			return 0;
		}
		T::UnixTime::now().as_secs()
	}

	/// Whether `who` has collateral shares in any market.
	pub(crate) fn has_collateral(who: &T::AccountId) -> bool {
		AccountMarkets::<T>::get(who).iter().filter(|(_, c)| *c).any(|(asset, _)| {
			Markets::<T>::get(asset)
				.is_some_and(|m| !Self::held_shares(m.share_asset, who).is_zero())
		})
	}

	/// Weight of `n` reports to [`Config::OnPositionChanged`], on top of a benchmarked call.
	pub fn hook_weight(n: u32) -> Weight {
		T::OnPositionChanged::on_shares_changed_weight().saturating_mul(n.into())
	}

	pub(crate) fn report_supply(asset: &T::AssetKind, share_asset: u32, who: &T::AccountId) {
		T::OnPositionChanged::on_shares_changed(
			&LendingActivity::Supply(asset.clone()),
			who,
			Self::total_shares_of(share_asset, who),
		);
	}

	pub(crate) fn report_borrow(
		asset: &T::AssetKind,
		who: &T::AccountId,
		principal_at_one: Balance,
	) {
		T::OnPositionChanged::on_shares_changed(
			&LendingActivity::Borrow(asset.clone()),
			who,
			principal_at_one,
		);
	}
}
