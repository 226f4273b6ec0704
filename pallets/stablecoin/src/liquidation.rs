//! Liquidation: oracle-bounded sales through the swap venue, the deferred discounted purchase,
//! and bad debt against the surplus.

use super::*;
use crate::vaults::Loaded;
use defi_math::{prices, vaults as math};
use defi_primitives::PriceQuote;
use frame_support::{
	storage::with_storage_layer,
	traits::{
		fungibles::{Balanced, Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use sp_runtime::traits::{Saturating, Zero};

/// A deferred liquidation can be bought for this many purchase delays after its delay.
pub const PURCHASE_WINDOW_DELAYS: u32 = 10;

/// How a liquidation's sale is bounded by the oracle price.
#[derive(Clone, Copy)]
pub(crate) enum Plan {
	/// The collateral covers the debt and penalty with slippage to spare: buy exactly
	/// `target` stablecoin spending at most `max_in` collateral.
	ExactOut { target: Balance, max_in: Balance },
	/// It does not: sell all of it for at least `min_out`.
	SellAll { collateral: Balance, min_out: Balance },
}

/// A vault found liquidatable, with what its liquidation must raise.
pub(crate) struct Liquidation {
	pub loaded: Loaded,
	pub quote: PriceQuote,
	pub debt: Balance,
	pub penalty: Balance,
	pub plan: Plan,
}

impl<T: Config> Pallet<T> {
	/// Loads `owner`'s vault and checks it is below the liquidation ratio at a fresh,
	/// undisputed price.
	pub(crate) fn liquidatable(
		owner: &T::AccountId,
		asset: &T::AssetKind,
	) -> Result<Liquidation, DispatchError> {
		Self::ensure_running()?;
		ensure!(Vaults::<T>::contains_key(asset, owner), Error::<T>::NoVault);
		let loaded = Self::load(owner, asset)?;
		let quote = Self::risk_price(asset)?;
		let ratio = Self::ratio(&loaded.vault, &quote)?.ok_or(Error::<T>::VaultSafe)?;
		ensure!(ratio < loaded.ct.params.liquidation_ratio, Error::<T>::VaultSafe);
		let params = loaded.ct.params;
		let debt = loaded.vault.debt;
		let penalty = math::penalty(debt, params.liquidation_penalty);
		let target = debt.checked_add(penalty).ok_or(Error::<T>::Overflow)?;
		let collateral = loaded.vault.collateral;
		let needed =
			Self::collateral_for_stablecoin(target, quote.usd_per_token, quote.decimals, true)?;
		let max_in = math::with_slippage_above(needed, params.max_slippage)
			.map_err(|_| Error::<T>::Overflow)?;
		let plan = if max_in <= collateral {
			Plan::ExactOut { target, max_in }
		} else {
			let fair =
				Self::stablecoin_for_value(Self::collateral_value(collateral, &quote)?, false)?;
			Plan::SellAll {
				collateral,
				min_out: math::with_slippage_below(fair, params.max_slippage),
			}
		};
		Ok(Liquidation { loaded, quote, debt, penalty, plan })
	}

	pub(crate) fn do_liquidate(
		liquidator: &T::AccountId,
		owner: &T::AccountId,
		asset: T::AssetKind,
	) -> DispatchResult {
		let liquidation = Self::liquidatable(owner, &asset)?;
		let collateral = liquidation.loaded.vault.collateral;
		let plan = liquidation.plan;
		// The sale runs in its own storage layer: if the market cannot fill within the bounds,
		// it leaves no trace and the liquidation is deferred instead.
		let sale = with_storage_layer(|| -> Result<(Balance, CreditOf<T>), DispatchError> {
			Self::release(owner, &asset, collateral)?;
			Self::sell(owner, &asset, plan)
		});
		match sale {
			Ok((sold, proceeds)) => {
				Self::conclude(liquidator, owner, &asset, liquidation, Sale::Market, sold, proceeds)
			},
			Err(_) => {
				// The fees `load` booked stay booked.
				Self::store(owner, &asset, liquidation.loaded);
				let now = frame_system::Pallet::<T>::block_number();
				// A deferral past its purchase window starts over: an old one must not let a
				// later one-block manipulation buy at once.
				let deferred_at = DeferredLiquidations::<T>::get(&asset, owner)
					.filter(|at| now <= Self::purchase_window_end(*at))
					.unwrap_or_else(|| {
						DeferredLiquidations::<T>::insert(&asset, owner, now);
						now
					});
				Self::deposit_event(Event::LiquidationDeferred {
					owner: owner.clone(),
					asset,
					purchasable_at: deferred_at.saturating_add(T::PurchaseDelay::get()),
				});
				Ok(())
			},
		}
	}

	/// Sells the released collateral of `owner` within `plan`'s bounds. Returns the collateral
	/// sold and the stablecoin bought; change goes back to the owner.
	fn sell(
		owner: &T::AccountId,
		asset: &T::AssetKind,
		plan: Plan,
	) -> Result<(Balance, CreditOf<T>), DispatchError> {
		let path = alloc::vec![asset.clone(), T::Stablecoin::get()];
		let withdraw = |amount| {
			T::Assets::withdraw(
				asset.clone(),
				owner,
				amount,
				Precision::Exact,
				Preservation::Expendable,
				Fortitude::Polite,
			)
		};
		match plan {
			Plan::ExactOut { target, max_in } => {
				let credit = withdraw(max_in)?;
				let (out, change) = T::Swap::swap_tokens_for_exact_tokens(path, credit, target)
					.map_err(|(_, e)| e)?;
				let sold = max_in.saturating_sub(change.peek());
				if !change.peek().is_zero() {
					T::Assets::resolve(owner, change).map_err(|_| Error::<T>::Overflow)?;
				}
				Ok((sold, out))
			},
			Plan::SellAll { collateral, min_out } => {
				let credit = withdraw(collateral)?;
				let out = T::Swap::swap_exact_tokens_for_tokens(path, credit, Some(min_out))
					.map_err(|(_, e)| e)?;
				Ok((collateral, out))
			},
		}
	}

	/// Last block a liquidation deferred at `at` may be bought in: the delay, then a window of
	/// [`PURCHASE_WINDOW_DELAYS`] delays.
	pub(crate) fn purchase_window_end(at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let delay = T::PurchaseDelay::get();
		at.saturating_add(delay.saturating_mul((PURCHASE_WINDOW_DELAYS + 1).into()))
	}

	/// Whether the swap venue quotes the plan within its bounds now.
	pub(crate) fn market_can_fill(asset: &T::AssetKind, plan: Plan) -> bool {
		let stable = T::Stablecoin::get();
		match plan {
			Plan::ExactOut { target, max_in } => {
				T::Swap::quote_price_tokens_for_exact_tokens(asset.clone(), stable, target, true)
					.is_some_and(|input| input <= max_in)
			},
			Plan::SellAll { collateral, min_out } => T::Swap::quote_price_exact_tokens_for_tokens(
				asset.clone(),
				stable,
				collateral,
				true,
			)
			.is_some_and(|out| out >= min_out),
		}
	}

	pub(crate) fn do_buy_collateral(
		liquidator: &T::AccountId,
		owner: &T::AccountId,
		asset: T::AssetKind,
		max_payment: Balance,
	) -> DispatchResult {
		let deferred_at =
			DeferredLiquidations::<T>::get(&asset, owner).ok_or(Error::<T>::PurchaseNotOpen)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= deferred_at.saturating_add(T::PurchaseDelay::get())
				&& now <= Self::purchase_window_end(deferred_at),
			Error::<T>::PurchaseNotOpen
		);
		let liquidation = Self::liquidatable(owner, &asset)?;
		ensure!(!Self::market_can_fill(&asset, liquidation.plan), Error::<T>::MarketCanFill);
		let params = liquidation.loaded.ct.params;
		let collateral = liquidation.loaded.vault.collateral;
		let quote = liquidation.quote;
		let price = math::discounted(quote.usd_per_token, params.purchase_discount);
		ensure!(!price.is_zero(), Error::<T>::PriceUnavailable);
		let target = liquidation.debt.saturating_add(liquidation.penalty);
		// The liquidator pays at least the discounted value (rounded up) and receives at most
		// the collateral it buys (rounded down).
		let cost_of_all = Self::stablecoin_for_value(
			prices::usd_value(collateral, price, quote.decimals, true)
				.map_err(|_| Error::<T>::Overflow)?,
			true,
		)?;
		let (payment, bought) = if cost_of_all > target {
			let bought = Self::collateral_for_stablecoin(target, price, quote.decimals, false)?;
			(target, bought.min(collateral))
		} else {
			(cost_of_all, collateral)
		};
		ensure!(payment <= max_payment, Error::<T>::PaymentAboveMax);
		let proceeds = T::Assets::withdraw(
			T::Stablecoin::get(),
			liquidator,
			payment,
			Precision::Exact,
			Preservation::Expendable,
			Fortitude::Polite,
		)?;
		Self::release(owner, &asset, collateral)?;
		T::Assets::transfer(asset.clone(), owner, liquidator, bought, Preservation::Expendable)?;
		Self::conclude(liquidator, owner, &asset, liquidation, Sale::Purchase, bought, proceeds)
	}

	/// Books a liquidation's proceeds: the debt part is burned, the penalty goes to the
	/// surplus, anything above both to the owner; a shortfall becomes bad debt after the
	/// surplus. The vault is removed (its unsold collateral is already free in the owner's
	/// account).
	fn conclude(
		liquidator: &T::AccountId,
		owner: &T::AccountId,
		asset: &T::AssetKind,
		liquidation: Liquidation,
		sale: Sale,
		sold: Balance,
		proceeds: CreditOf<T>,
	) -> DispatchResult {
		let Liquidation { mut loaded, debt, penalty, .. } = liquidation;
		let raised = proceeds.peek();
		let to_debt = raised.min(debt);
		let (burn, rest) = proceeds.split(to_debt);
		// Dropping a credit burns it.
		drop(burn);
		Self::count_burned(to_debt)?;
		let to_penalty = rest.peek().min(penalty);
		let (penalty_credit, refund) = rest.split(to_penalty);
		let refunded = refund.peek();
		Self::deposit_credit(&Self::surplus_account(), penalty_credit)?;
		Self::deposit_credit(owner, refund)?;

		let collateral = loaded.vault.collateral;
		Self::clear_debt(&mut loaded.ct, &mut loaded.vault)?;
		loaded.ct.collateral = loaded.ct.collateral.saturating_sub(collateral);
		loaded.vault.collateral = 0;
		Self::store(owner, asset, loaded);

		let shortfall = debt - to_debt;
		if !shortfall.is_zero() {
			Self::cover_shortfall(owner, asset, shortfall)?;
		}
		Self::sync_psm_ceiling()?;
		Self::deposit_event(Event::Liquidated {
			owner: owner.clone(),
			asset: asset.clone(),
			liquidator: liquidator.clone(),
			sale,
			collateral_sold: sold,
			proceeds: raised,
			debt: to_debt,
			penalty: to_penalty,
			refund: refunded,
			collateral_returned: collateral.saturating_sub(sold),
			shortfall,
		});
		Ok(())
	}

	/// Deposits a stablecoin credit into `who`; what cannot be deposited (below the minimum
	/// balance) is burned and counted.
	fn deposit_credit(who: &T::AccountId, credit: CreditOf<T>) -> DispatchResult {
		if credit.peek().is_zero() {
			return Ok(());
		}
		if let Err(left) = T::Assets::resolve(who, credit) {
			Self::count_burned(left.peek())?;
		}
		Ok(())
	}

	/// Burns what the surplus can pay of `shortfall`; books the rest as bad debt.
	fn cover_shortfall(
		owner: &T::AccountId,
		asset: &T::AssetKind,
		shortfall: Balance,
	) -> DispatchResult {
		let from_surplus = Self::burn_surplus(shortfall)?;
		let bad_debt = Books::<T>::try_mutate(|books| -> Result<Balance, DispatchError> {
			books.bad_debt = books
				.bad_debt
				.checked_add(shortfall - from_surplus)
				.ok_or(Error::<T>::Overflow)?;
			Ok(books.bad_debt)
		})?;
		Self::deposit_event(Event::BadDebt {
			owner: owner.clone(),
			asset: asset.clone(),
			shortfall,
			from_surplus,
			bad_debt,
		});
		Ok(())
	}

	/// Burns up to `at_most` of the surplus; returns what was burned.
	pub(crate) fn burn_surplus(at_most: Balance) -> Result<Balance, DispatchError> {
		let stable = T::Stablecoin::get();
		let available = T::Assets::reducible_balance(
			stable.clone(),
			&Self::surplus_account(),
			Preservation::Expendable,
			Fortitude::Polite,
		);
		let amount = available.min(at_most);
		if amount.is_zero() {
			return Ok(0);
		}
		T::Assets::burn_from(
			stable,
			&Self::surplus_account(),
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::count_burned(amount)?;
		Ok(amount)
	}

	pub(crate) fn do_heal() -> DispatchResult {
		Self::ensure_running()?;
		let bad_debt = Books::<T>::get().bad_debt;
		ensure!(!bad_debt.is_zero(), Error::<T>::NothingToHeal);
		let amount = Self::burn_surplus(bad_debt)?;
		ensure!(!amount.is_zero(), Error::<T>::NothingToHeal);
		let bad_debt = Books::<T>::mutate(|books| {
			books.bad_debt = books.bad_debt.saturating_sub(amount);
			books.bad_debt
		});
		Self::sync_psm_ceiling()?;
		Self::deposit_event(Event::Healed { amount, bad_debt });
		Ok(())
	}
}
