//! # Stablecoin pallet
//!
//! Collateral vaults minting the chain's dollar (MakerDAO's vaults, Acala's Honzon): an owner
//! deposits collateral, which stays in the owner's account under a hold, and mints stablecoin
//! against it up to a minimum ratio. The 1:1 peg module (polkadot-sdk's `pallet-psm` in the
//! runtime) is the second minter; the vault pallet reads its debt through
//! [`Config::Psm`] and keeps one debt ceiling over both.
//!
//! * **Stability fee**: each collateral type carries a rate that compounds per second
//!   ([`defi_math::vaults`]); a vault owes its normalized debt times the rate. When a vault is
//!   touched, the fees since its last touch are booked on it and minted to the surplus account
//!   in the same step: no stablecoin is minted without a debt entry behind it (the Aug-2022
//!   aUSD mint bug was issuance without debt).
//! * **Ratios**: minting and withdrawing need a fresh, undisputed price and leave the vault at
//!   or above [`CollateralParams::minimum_ratio`]; depositing and repaying need no price.
//! * **Liquidation** (permissionless, below [`CollateralParams::liquidation_ratio`] at a fresh,
//!   undisputed price): the collateral is sold through [`Config::Swap`] (the router) for the
//!   debt plus the penalty, spending at most the oracle value plus
//!   [`CollateralParams::max_slippage`] (or, when the collateral is short, selling all of it for
//!   at least the oracle value less the slippage). The debt is burned, the penalty goes to the
//!   surplus, the rest returns to the owner. When the market cannot fill within those bounds
//!   the liquidation is deferred, and [`Config::PurchaseDelay`] blocks later any liquidator may
//!   buy the collateral at [`CollateralParams::purchase_discount`] by paying stablecoin (the
//!   delay keeps a one-block DEX manipulation from opening the discount).
//! * **Bad debt**: a shortfall is offset by the surplus at once; what remains is booked as bad
//!   debt, with [`Event::BadDebt`], and [`Pallet::heal`] burns later surplus against it.
//! * **Emergency shutdown** ([`Config::EmergencyOrigin`], which can only make things safer):
//!   freezes minting, fees and each collateral's price, and stops the peg module's minting.
//!   Each vault's debt then settles against its collateral at the frozen price
//!   ([`Pallet::settle`], also part of withdrawing); owners withdraw what is left. Once every
//!   vault has settled, the surplus is burned and the redemption rate is fixed: each
//!   stablecoin redeems for the same share of the settled collateral of every type. The peg
//!   module keeps redeeming 1:1 while its reserves last; see `docs/STABLECOIN.md` for the
//!   order and what a late holder gets.
//!
//! The books ([`Ledger`]) satisfy, exactly, `issuance = Σ vault debt + peg-module debt + bad
//! debt + shutdown claims` and `issuance = minted + peg-module debt − burned`; `try_state`
//! checks both.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod liquidation;
#[cfg(test)]
mod mock;
mod shutdown;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
mod vaults;
mod views;
pub mod weights;

pub use defi_primitives::{AmountOrAll, Balance};
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use defi_primitives::{PegStabilityModule, PriceProvider};
use frame_support::{
	pallet_prelude::*,
	traits::{fungibles, UnixTime},
	PalletId,
};
use frame_system::pallet_prelude::*;
use pallet_asset_conversion::{QuotePrice, SwapCredit};
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::traits::{AccountIdConversion, Saturating};

/// A `fungibles` credit of any token.
pub type CreditOf<T> =
	fungibles::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Assets>;

/// Highest stability fee: 100 % a year, per second (keeps the rate far from overflow).
pub const MAX_STABILITY_FEE: FixedU128 = FixedU128::from_inner(21_979_553_151);

/// How benchmarks obtain collateral and prices.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind, AccountId> {
	/// A distinct collateral asset for `seed` with 12 decimals, existing, with `who` funded
	/// generously (the stablecoin exists too).
	fn collateral(seed: u32, who: &AccountId) -> AssetKind;
	/// Sets a fresh, undisputed price for `asset` in USD per whole token.
	fn set_price(asset: &AssetKind, usd_per_token: FixedU128);
	/// Makes the swap venue able to sell `asset` for the stablecoin (deep liquidity at the
	/// given price), or unable to (`None`).
	fn set_market(asset: &AssetKind, usd_per_token: Option<FixedU128>);
	/// Gives `who` `amount` of the stablecoin (through the peg module or a mint the venue
	/// backs); the books must stay true.
	fn fund_stablecoin(who: &AccountId, amount: Balance);
	/// Moves the clock [`Config::UnixTime`] reads forward.
	fn advance_time(millis: u64);
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

		/// Every token (collateral and the stablecoin) behind one `fungibles` interface.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = Self::AssetKind, Balance = Balance>
			+ fungibles::Balanced<Self::AccountId, AssetId = Self::AssetKind, Balance = Balance>;

		/// Holds on the same tokens: collateral stays in its owner's account (in the runtime,
		/// `UnionOf<Balances, AssetsHolder>`).
		type Holds: fungibles::MutateHold<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = Balance,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The stablecoin: a token whose only minters are this pallet and the peg module.
		#[pallet::constant]
		type Stablecoin: Get<Self::AssetKind>;

		/// Decimals of the stablecoin; one whole stablecoin counts as one USD.
		#[pallet::constant]
		type StablecoinDecimals: Get<u8>;

		/// Fresh USD prices; a disputed one blocks minting, withdrawing and liquidating.
		type Prices: PriceProvider<Self::AssetKind>;

		/// Block time, for the stability fee.
		type UnixTime: UnixTime;

		/// Where liquidations sell collateral for the stablecoin (the router): two-asset paths.
		type Swap: SwapCredit<
				Self::AccountId,
				Balance = Balance,
				AssetKind = Self::AssetKind,
				Credit = CreditOf<Self>,
			> + QuotePrice<Balance = Balance, AssetKind = Self::AssetKind>;

		/// Worst-case weight of one [`Config::Swap`] swap, and of one quote.
		type SwapWeight: Get<Weight>;
		type QuoteWeight: Get<Weight>;

		/// The 1:1 peg module: its debt counts under the one debt ceiling.
		type Psm: PegStabilityModule<Self::AssetKind>;

		/// Sets collateral types and the debt ceiling.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May shut the system down; nothing else.
		type EmergencyOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account holding settled collateral after a shutdown, and the surplus
		/// account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Blocks between a liquidation the market could not fill and the discounted purchase.
		#[pallet::constant]
		type PurchaseDelay: Get<BlockNumberFor<Self>>;

		/// Most collateral types (bounds a shutdown's and a redemption's work).
		#[pallet::constant]
		type MaxCollateralTypes: Get<u32>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind, Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Collateral of a vault.
		VaultCollateral,
	}

	/// Every collateral type, by asset.
	#[pallet::storage]
	pub type CollateralTypes<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, CollateralType>;

	/// The collateral assets in creation order (what a shutdown and a redemption iterate).
	#[pallet::storage]
	pub type CollateralAssets<T: Config> =
		StorageValue<_, BoundedVec<T::AssetKind, T::MaxCollateralTypes>, ValueQuery>;

	/// Vaults, per collateral asset and owner.
	#[pallet::storage]
	pub type Vaults<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AssetKind, Blake2_128Concat, T::AccountId, Vault>;

	/// Liquidations the market could not fill, with the block they were deferred at.
	#[pallet::storage]
	pub type DeferredLiquidations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AssetKind,
		Blake2_128Concat,
		T::AccountId,
		BlockNumberFor<T>,
	>;

	/// The one ceiling over all vault debt and the peg module's debt.
	#[pallet::storage]
	pub type DebtCeiling<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// The books.
	#[pallet::storage]
	pub type Books<T: Config> = StorageValue<_, Ledger, ValueQuery>;

	/// Set by an emergency shutdown.
	#[pallet::storage]
	pub type Shutdown<T: Config> = StorageValue<_, ShutdownState>;

	/// Each collateral type's frozen price and settled collateral after a shutdown.
	#[pallet::storage]
	pub type ShutdownCollaterals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, ShutdownCollateral>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub collateral_types: Vec<(T::AssetKind, CollateralParams)>,
		pub debt_ceiling: Balance,
		pub vaults: Vec<GenesisVault<T::AccountId, T::AssetKind>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			DebtCeiling::<T>::put(self.debt_ceiling);
			for (asset, params) in &self.collateral_types {
				Pallet::<T>::do_set_collateral_type(asset.clone(), *params)
					.expect("genesis: collateral type");
			}
			for v in &self.vaults {
				Pallet::<T>::do_deposit(&v.owner, v.asset.clone(), v.collateral)
					.expect("genesis: vault collateral");
				Pallet::<T>::do_mint_unchecked(&v.owner, v.asset.clone(), v.debt)
					.expect("genesis: vault debt");
			}
			Pallet::<T>::sync_psm_ceiling().expect("genesis: peg-module ceiling");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A collateral type was created or its parameters changed.
		CollateralTypeSet {
			asset: T::AssetKind,
			params: CollateralParams,
		},
		/// The one debt ceiling changed; the peg module may mint up to `psm_ceiling`.
		DebtCeilingSet {
			ceiling: Balance,
			psm_ceiling: Balance,
		},
		/// Fees since the vault's last touch were booked on it and minted to the surplus.
		FeesBooked {
			owner: T::AccountId,
			asset: T::AssetKind,
			fees: Balance,
		},
		CollateralDeposited {
			owner: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
		},
		CollateralWithdrawn {
			owner: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
		},
		/// `debt` is the vault's whole debt afterwards.
		Minted {
			owner: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			debt: Balance,
		},
		Repaid {
			owner: T::AccountId,
			asset: T::AssetKind,
			amount: Balance,
			debt: Balance,
		},
		VaultClosed {
			owner: T::AccountId,
			asset: T::AssetKind,
		},
		/// A vault was liquidated: `collateral_sold` bought `proceeds` of stablecoin, of which
		/// `debt` was burned, `penalty` went to the surplus and `refund` to the owner;
		/// `collateral_returned` stayed with the owner; `shortfall` of the debt was not covered.
		Liquidated {
			owner: T::AccountId,
			asset: T::AssetKind,
			liquidator: T::AccountId,
			sale: Sale,
			collateral_sold: Balance,
			proceeds: Balance,
			debt: Balance,
			penalty: Balance,
			refund: Balance,
			collateral_returned: Balance,
			shortfall: Balance,
		},
		/// The market could not fill a liquidation within the oracle bounds; from `purchasable_at`
		/// a liquidator may buy the collateral at the discount.
		LiquidationDeferred {
			owner: T::AccountId,
			asset: T::AssetKind,
			purchasable_at: BlockNumberFor<T>,
		},
		/// A liquidation fell short by `shortfall`: `from_surplus` was burned from the surplus,
		/// the rest is bad debt (`bad_debt` in total now).
		BadDebt {
			owner: T::AccountId,
			asset: T::AssetKind,
			shortfall: Balance,
			from_surplus: Balance,
			bad_debt: Balance,
		},
		/// `amount` of surplus was burned against bad debt.
		Healed {
			amount: Balance,
			bad_debt: Balance,
		},
		/// Emergency shutdown: minting, fees and prices are frozen.
		ShutDown {
			at: u64,
			unsettled_vaults: u32,
		},
		/// A vault's debt settled against `collateral` at the frozen price after a shutdown.
		VaultSettled {
			owner: T::AccountId,
			asset: T::AssetKind,
			debt: Balance,
			collateral: Balance,
		},
		/// Every vault settled: `burned_surplus` was burned and `claims` of stablecoin now redeem
		/// for the settled collateral pro rata.
		RedemptionFixed {
			claims: Balance,
			burned_surplus: Balance,
		},
		/// A holder burned `amount` of stablecoin for `paid` collateral.
		Redeemed {
			who: T::AccountId,
			amount: Balance,
			paid: Vec<(T::AssetKind, Balance)>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No collateral type for this asset.
		UnknownCollateral,
		/// Parameters out of range: the minimum ratio must exceed the liquidation ratio, which
		/// must exceed 1 by more than the penalty; the fee may not exceed the maximum.
		InvalidParams,
		/// The stablecoin cannot be its own collateral.
		StablecoinAsCollateral,
		/// As many collateral types exist as may.
		TooManyCollateralTypes,
		/// A zero amount.
		ZeroAmount,
		/// No such vault.
		NoVault,
		/// Withdrawing more collateral than the vault holds.
		InsufficientCollateral,
		/// The vault would fall below the minimum ratio.
		BelowMinimumRatio,
		/// A vault's debt must be zero or at least the type's minimum.
		BelowMinimumDebt,
		/// Repaying more than the vault owes.
		RepayExceedsDebt,
		/// The collateral type's debt ceiling would be exceeded.
		CollateralCeilingExceeded,
		/// The system debt ceiling (vaults and peg module together) would be exceeded.
		DebtCeilingExceeded,
		/// No fresh price for the collateral.
		PriceUnavailable,
		/// The collateral's price is disputed: no risk may be added or liquidated on it.
		PriceDisputed,
		/// The vault is at or above the liquidation ratio (or owes nothing).
		VaultSafe,
		/// The liquidation was not deferred, or the purchase delay has not passed.
		PurchaseNotOpen,
		/// The market can fill the liquidation within the oracle bounds: liquidate instead.
		MarketCanFill,
		/// The purchase costs more than the liquidator's maximum.
		PaymentAboveMax,
		/// No bad debt, or no surplus to burn against it.
		NothingToHeal,
		/// The system is shut down.
		IsShutdown,
		/// Only after a shutdown.
		NotShutdown,
		/// Vaults are still unsettled: the redemption rate is not fixed yet.
		RedemptionNotReady,
		/// More than the redeemable claims left (redeem the rest through the peg module).
		ExceedsClaims,
		/// The vault has no debt to settle.
		NothingToSettle,
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
		/// Adds `amount` of `asset` to the caller's vault (opening it), held in the caller's
		/// account. Needs no price.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deposit_collateral())]
		pub fn deposit_collateral(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, asset, amount)
		}

		/// Releases `amount` of collateral; with debt, the vault must stay at the minimum ratio
		/// at a fresh, undisputed price. After a shutdown the vault settles first and only what
		/// its debt did not take can be withdrawn.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_collateral())]
		pub fn withdraw_collateral(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, asset, amount)
		}

		/// Mints `amount` of stablecoin against the caller's vault, which must stay at the
		/// minimum ratio, owe at least the minimum debt, and fit both debt ceilings.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::mint().saturating_add(T::Psm::set_debt_ceiling_weight()))]
		pub fn mint(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mint(&who, asset, amount)
		}

		/// Burns stablecoin from the caller to repay the vault's debt (all of it with
		/// `AmountOrAll::All`). What remains must be zero or at least the minimum debt.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::repay().saturating_add(T::Psm::set_debt_ceiling_weight()))]
		pub fn repay(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			amount: AmountOrAll,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(&who, asset, amount)
		}

		/// Repays all debt, releases all collateral and removes the vault (after a shutdown:
		/// settles it and releases what is left).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close().saturating_add(T::Psm::set_debt_ceiling_weight()))]
		pub fn close(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close(&who, asset)
		}

		/// Liquidates `owner`'s vault below the liquidation ratio (permissionless): sells its
		/// collateral through the swap venue within the oracle bounds, or defers the
		/// liquidation for a discounted purchase when the market cannot fill.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::liquidate()
				.saturating_add(T::SwapWeight::get())
				.saturating_add(T::Psm::set_debt_ceiling_weight())
		)]
		pub fn liquidate(
			origin: OriginFor<T>,
			owner: T::AccountId,
			asset: T::AssetKind,
		) -> DispatchResult {
			let liquidator = ensure_signed(origin)?;
			Self::do_liquidate(&liquidator, &owner, asset)
		}

		/// Buys a deferred liquidation's collateral at the discount, paying at most
		/// `max_payment` of stablecoin, once the purchase delay has passed and while the market
		/// still cannot fill.
		#[pallet::call_index(6)]
		#[pallet::weight(
			T::WeightInfo::buy_collateral()
				.saturating_add(T::QuoteWeight::get())
				.saturating_add(T::Psm::set_debt_ceiling_weight())
		)]
		pub fn buy_collateral(
			origin: OriginFor<T>,
			owner: T::AccountId,
			asset: T::AssetKind,
			#[pallet::compact] max_payment: Balance,
		) -> DispatchResult {
			let liquidator = ensure_signed(origin)?;
			Self::do_buy_collateral(&liquidator, &owner, asset, max_payment)
		}

		/// Burns surplus against bad debt (permissionless).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::heal())]
		pub fn heal(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_heal()
		}

		/// After a shutdown, settles `owner`'s vault: its debt takes collateral at the frozen
		/// price (permissionless; redemption waits for every vault).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::settle(T::MaxCollateralTypes::get()))]
		pub fn settle(
			origin: OriginFor<T>,
			owner: T::AccountId,
			asset: T::AssetKind,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle(&owner, asset).map(|_| ())
		}

		/// After a shutdown and once every vault has settled, burns `amount` of the caller's
		/// stablecoin for its pro-rata share of every type's settled collateral.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::redeem(T::MaxCollateralTypes::get()))]
		pub fn redeem(origin: OriginFor<T>, #[pallet::compact] amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(&who, amount)
		}

		/// Creates a collateral type or changes its parameters (fees accrue to now first).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_collateral_type())]
		pub fn set_collateral_type(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			params: CollateralParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_collateral_type(asset, params)
		}

		/// Sets the one ceiling over vault and peg-module debt.
		#[pallet::call_index(11)]
		#[pallet::weight(
			T::WeightInfo::set_debt_ceiling().saturating_add(T::Psm::set_debt_ceiling_weight())
		)]
		pub fn set_debt_ceiling(
			origin: OriginFor<T>,
			#[pallet::compact] ceiling: Balance,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			DebtCeiling::<T>::put(ceiling);
			let psm_ceiling = Self::sync_psm_ceiling()?;
			Self::deposit_event(Event::DebtCeilingSet { ceiling, psm_ceiling });
			Ok(())
		}

		/// Emergency shutdown: freezes minting, fees and prices, and stops the peg module's
		/// minting. Irreversible.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::shutdown(T::MaxCollateralTypes::get())
				.saturating_add(T::Psm::stop_minting_weight())
		)]
		pub fn shutdown(origin: OriginFor<T>) -> DispatchResult {
			T::EmergencyOrigin::ensure_origin(origin)?;
			Self::do_shutdown()
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding settled collateral after a shutdown.
	pub fn account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The account receiving fees and penalties.
	pub fn surplus_account() -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(*b"surplus")
	}

	fn do_set_collateral_type(asset: T::AssetKind, params: CollateralParams) -> DispatchResult {
		ensure!(asset != T::Stablecoin::get(), Error::<T>::StablecoinAsCollateral);
		ensure!(Shutdown::<T>::get().is_none(), Error::<T>::IsShutdown);
		let one = FixedU128::from_u32(1);
		let penalty =
			FixedU128::from_rational(params.liquidation_penalty.deconstruct().into(), 1_000_000);
		ensure!(
			params.minimum_ratio > params.liquidation_ratio
				&& params.liquidation_ratio > one.saturating_add(penalty)
				&& params.stability_fee <= MAX_STABILITY_FEE
				&& params.max_slippage < Permill::one()
				&& params.purchase_discount < Permill::one(),
			Error::<T>::InvalidParams
		);
		let now = Self::fee_clock();
		match CollateralTypes::<T>::get(&asset) {
			Some(mut existing) => {
				Self::accrue(&mut existing, now)?;
				existing.params = params;
				CollateralTypes::<T>::insert(&asset, existing);
			},
			None => {
				// The pallet and surplus accounts hold tokens that need no existential deposit
				// of their own.
				for account in [Self::account(), Self::surplus_account()] {
					if !frame_system::Pallet::<T>::account_exists(&account) {
						frame_system::Pallet::<T>::inc_providers(&account);
					}
				}
				CollateralAssets::<T>::try_mutate(|assets| assets.try_push(asset.clone()))
					.map_err(|_| Error::<T>::TooManyCollateralTypes)?;
				CollateralTypes::<T>::insert(
					&asset,
					CollateralType {
						params,
						rate: one,
						accrued_to: now,
						normalized: 0,
						debt: 0,
						collateral: 0,
						vaults: 0,
						indebted: 0,
					},
				);
			},
		}
		Self::deposit_event(Event::CollateralTypeSet { asset, params });
		Ok(())
	}
}
