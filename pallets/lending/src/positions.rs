//! Supplying, withdrawing, collateral, borrowing and repaying.

use super::*;
use defi_math::{lending as math, MathError};
use frame_support::traits::{
	fungibles::{Inspect, Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_supply(
		who: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut market = Self::accrued_market(&asset)?;
		ensure!(market.state == MarketState::Active, Error::<T>::MarketPaused);
		let funds = Self::supplier_funds(&market);
		let funds_after = funds.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(funds_after <= market.params.supply_cap, Error::<T>::SupplyCapExceeded);
		let share = market.share_asset;
		let total = T::Shares::total_issuance(share);
		let minted = math::shares_for_deposit(amount, funds, total, INITIAL_EXCHANGE_RATE)
			.map_err(|e| match e {
				MathError::Overflow => Error::<T>::Overflow,
				// Nothing, or shares that no funds back (all lent out and written off).
				_ => Error::<T>::ZeroShares,
			})?;
		let locked = if total.is_zero() { T::MinimumShares::get() } else { 0 };
		ensure!(minted > locked, Error::<T>::FirstSupplyTooSmall);
		let pallet = Self::account_id();
		T::Assets::transfer(asset.clone(), who, &pallet, amount, Preservation::Preserve)?;
		market.cash = market.cash.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		if !locked.is_zero() {
			T::Shares::mint_into(share, &pallet, locked)?;
		}
		let shares = minted - locked;
		T::Shares::mint_into(share, who, shares)?;
		if Self::is_collateral(who, &asset) {
			T::SharesHold::hold(share, &Self::collateral_reason(), who, shares)?;
		}
		Markets::<T>::insert(&asset, market);
		Self::report_supply(&asset, share, who);
		Self::deposit_event(Event::Supplied { who: who.clone(), asset, amount, shares });
		Ok(())
	}

	/// Returns the number of markets the health check read (0 when none was needed).
	pub(crate) fn do_withdraw(
		who: &T::AccountId,
		asset: T::AssetKind,
		amount: AmountOrAll,
	) -> Result<u32, DispatchError> {
		let mut market = Self::accrued_market(&asset)?;
		ensure!(market.state != MarketState::Frozen, Error::<T>::MarketFrozen);
		let share = market.share_asset;
		let free = T::Shares::balance(share, who);
		let held = Self::held_shares(share, who);
		let owned = free.saturating_add(held);
		ensure!(!owned.is_zero(), Error::<T>::NothingSupplied);
		let (total, funds) = (T::Shares::total_issuance(share), Self::supplier_funds(&market));
		let (shares, paid) = match amount {
			AmountOrAll::All => (owned, Self::underlying_of(&market, owned)),
			AmountOrAll::Exact(wanted) => {
				ensure!(!wanted.is_zero(), Error::<T>::ZeroAmount);
				let shares = math::shares_for_withdrawal(wanted, funds, total)
					.map_err(|_| Error::<T>::InsufficientShares)?;
				ensure!(shares <= owned, Error::<T>::InsufficientShares);
				(shares, wanted)
			},
		};
		ensure!(!paid.is_zero(), Error::<T>::ZeroShares);
		ensure!(paid <= market.cash, Error::<T>::InsufficientCash);
		// Free shares go first; while any stay held, one free base unit must remain (the share
		// asset's minimum balance next to a hold).
		let from_free = if shares == owned {
			free
		} else {
			shares.min(free.saturating_sub(if held.is_zero() { 0 } else { 1 }))
		};
		let from_held = shares - from_free;
		let reason = Self::collateral_reason();
		if !from_held.is_zero() {
			T::SharesHold::burn_held(
				share,
				&reason,
				who,
				from_held,
				Precision::Exact,
				Fortitude::Polite,
			)?;
		}
		if !from_free.is_zero() {
			T::Shares::burn_from(
				share,
				who,
				from_free,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Polite,
			)?;
		}
		market.cash -= paid;
		Markets::<T>::insert(&asset, market);
		T::Assets::transfer(
			asset.clone(),
			&Self::account_id(),
			who,
			paid,
			Preservation::Expendable,
		)?;
		let markets = if from_held.is_zero() { 0 } else { Self::ensure_within_borrow_limit(who)? };
		Self::report_supply(&asset, share, who);
		Self::deposit_event(Event::Withdrawn { who: who.clone(), asset, amount: paid, shares });
		Ok(markets)
	}

	pub(crate) fn do_enable_collateral(who: &T::AccountId, asset: T::AssetKind) -> DispatchResult {
		let market = Markets::<T>::get(&asset).ok_or(Error::<T>::MarketNotFound)?;
		ensure!(market.state != MarketState::Frozen, Error::<T>::MarketFrozen);
		ensure!(!Self::is_collateral(who, &asset), Error::<T>::AlreadyCollateral);
		Self::enter_market(who, &asset, true)?;
		let share = market.share_asset;
		let holdable =
			T::Shares::reducible_balance(share, who, Preservation::Preserve, Fortitude::Polite);
		if !holdable.is_zero() {
			T::SharesHold::hold(share, &Self::collateral_reason(), who, holdable)?;
		}
		Self::deposit_event(Event::CollateralEnabled { who: who.clone(), asset, shares: holdable });
		Ok(())
	}

	pub(crate) fn do_disable_collateral(
		who: &T::AccountId,
		asset: T::AssetKind,
	) -> Result<u32, DispatchError> {
		let market = Markets::<T>::get(&asset).ok_or(Error::<T>::MarketNotFound)?;
		ensure!(market.state != MarketState::Frozen, Error::<T>::MarketFrozen);
		ensure!(Self::is_collateral(who, &asset), Error::<T>::NotCollateral);
		let share = market.share_asset;
		let held = Self::held_shares(share, who);
		if !held.is_zero() {
			T::SharesHold::release(share, &Self::collateral_reason(), who, held, Precision::Exact)?;
		}
		Self::update_market_entry(who, &asset, false);
		let markets = Self::ensure_within_borrow_limit(who)?;
		Self::deposit_event(Event::CollateralDisabled { who: who.clone(), asset, shares: held });
		Ok(markets)
	}

	/// Returns the number of markets the health check read.
	pub(crate) fn do_borrow(
		who: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		Self::do_borrow_unchecked(who, asset.clone(), amount)?;
		let markets = Self::ensure_within_borrow_limit(who)?;
		Ok(markets)
	}

	/// A borrow with every check but the account's health (genesis positions; `do_borrow`
	/// checks health after it).
	pub(crate) fn do_borrow_unchecked(
		who: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut market = Self::accrued_market(&asset)?;
		ensure!(market.state == MarketState::Active, Error::<T>::MarketPaused);
		ensure!(amount <= market.cash, Error::<T>::InsufficientCash);
		let borrows = market.borrows.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(borrows <= market.params.borrow_cap, Error::<T>::BorrowCapExceeded);
		let cash = market.cash - amount;
		let utilization =
			math::utilization(cash, borrows, market.reserves).unwrap_or_else(|_| FixedU128::one());
		ensure!(
			utilization <= permill_fixed(market.params.max_utilization),
			Error::<T>::MaxUtilizationExceeded
		);
		let debt = Self::debt_in(&asset, &market, who)
			.checked_add(amount)
			.ok_or(Error::<T>::Overflow)?;
		Self::enter_market(who, &asset, Self::is_collateral(who, &asset))?;
		Borrows::<T>::insert(
			&asset,
			who,
			BorrowSnapshot { principal: debt, index: market.borrow_index },
		);
		market.cash = cash;
		market.borrows = borrows;
		let principal = Self::principal_at_one(debt, &market);
		Markets::<T>::insert(&asset, market);
		T::Assets::transfer(
			asset.clone(),
			&Self::account_id(),
			who,
			amount,
			Preservation::Expendable,
		)?;
		Self::report_borrow(&asset, who, principal);
		Self::deposit_event(Event::Borrowed { who: who.clone(), asset, amount, debt });
		Ok(())
	}

	/// Returns the amount repaid.
	pub(crate) fn do_repay(
		payer: &T::AccountId,
		borrower: &T::AccountId,
		asset: T::AssetKind,
		amount: AmountOrAll,
	) -> Result<Balance, DispatchError> {
		let mut market = Self::accrued_market(&asset)?;
		let snapshot = Borrows::<T>::get(&asset, borrower).ok_or(Error::<T>::NoDebt)?;
		let debt = Self::debt_of(&snapshot, &market);
		let paid = match amount {
			AmountOrAll::All => debt,
			AmountOrAll::Exact(a) => {
				ensure!(!a.is_zero(), Error::<T>::ZeroAmount);
				a.min(debt)
			},
		};
		T::Assets::transfer(
			asset.clone(),
			payer,
			&Self::account_id(),
			paid,
			Preservation::Preserve,
		)?;
		market.cash = market.cash.checked_add(paid).ok_or(Error::<T>::Overflow)?;
		market.borrows = market.borrows.saturating_sub(paid);
		let left = debt - paid;
		Self::set_debt(&asset, borrower, left, &market);
		Markets::<T>::insert(&asset, market);
		Self::deposit_event(Event::Repaid {
			payer: payer.clone(),
			borrower: borrower.clone(),
			asset,
			amount: paid,
			debt: left,
		});
		Ok(paid)
	}

	/// Records `who`'s debt in `asset` as `debt` at the market's index, or removes it.
	pub(crate) fn set_debt(
		asset: &T::AssetKind,
		who: &T::AccountId,
		debt: Balance,
		market: &Market,
	) {
		if debt.is_zero() {
			Borrows::<T>::remove(asset, who);
			Self::update_market_entry(who, asset, Self::is_collateral(who, asset));
		} else {
			Borrows::<T>::insert(
				asset,
				who,
				BorrowSnapshot { principal: debt, index: market.borrow_index },
			);
		}
		Self::report_borrow(asset, who, Self::principal_at_one(debt, market));
	}
}
