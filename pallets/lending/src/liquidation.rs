//! Liquidating unhealthy positions and writing off debt no collateral backs.

use super::*;
use crate::risk::PriceUse;
use defi_math::prices::{amount_for_value, usd_value, with_bonus};
use frame_support::traits::{
	fungibles::{Inspect, Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation, Restriction},
};

const PPM: u128 = 1_000_000;

impl<T: Config> Pallet<T> {
	/// Returns the number of markets the borrower uses.
	pub(crate) fn do_liquidate(
		liquidator: &T::AccountId,
		borrower: &T::AccountId,
		debt_asset: T::AssetKind,
		repay_amount: Balance,
		collateral_asset: T::AssetKind,
	) -> Result<u32, DispatchError> {
		ensure!(liquidator != borrower, Error::<T>::SelfLiquidation);
		ensure!(!repay_amount.is_zero(), Error::<T>::ZeroAmount);
		// Both markets accrue first, so health and debts below are as of now.
		let debt_market = Self::accrued_market(&debt_asset)?;
		Markets::<T>::insert(&debt_asset, &debt_market);
		let coll_market = Self::accrued_market(&collateral_asset)?;
		Markets::<T>::insert(&collateral_asset, &coll_market);
		let debt_market =
			if debt_asset == collateral_asset { coll_market.clone() } else { debt_market };
		ensure!(
			debt_market.state != MarketState::Frozen && coll_market.state != MarketState::Frozen,
			Error::<T>::MarketFrozen
		);

		let (before, markets) = Self::liquidity(borrower, PriceUse::Undisputed)?;
		let health_before = before.health().ok_or(Error::<T>::NoDebt)?;
		ensure!(health_before < FixedU128::one(), Error::<T>::NotLiquidatable);
		let debt = Self::debt_in(&debt_asset, &debt_market, borrower);
		ensure!(!debt.is_zero(), Error::<T>::NoDebt);
		ensure!(Self::is_collateral(borrower, &collateral_asset), Error::<T>::NoCollateral);
		let share = coll_market.share_asset;
		let held = Self::held_shares(share, borrower);
		ensure!(!held.is_zero(), Error::<T>::NoCollateral);
		let debt_price = Self::price_for(&debt_asset, PriceUse::Undisputed)?;
		let coll_price = Self::price_for(&collateral_asset, PriceUse::Undisputed)?;
		let params = coll_market.params;
		let incentive = params.liquidation_incentive;

		// Seizing `(1 + i)` of the repaid value at threshold `t` lowers health exactly when
		// health < t · (1 + i): then the close factor does not apply, so the liquidator can close
		// the collateral position instead of leaving a worse one.
		let bonus_threshold = params
			.liquidation_threshold
			.saturating_add(incentive * params.liquidation_threshold);
		let underwater = permill_fixed(bonus_threshold) > health_before;
		let max_repay =
			if underwater { debt } else { params.close_factor.mul_ceil(debt).clamp(1, debt) };
		let mut repay = repay_amount.min(max_repay);

		let overflow = |_| Error::<T>::Overflow;
		let total_shares = T::Shares::total_issuance(share);
		let funds = Self::supplier_funds(&coll_market);
		ensure!(!funds.is_zero(), Error::<T>::LiquidationTooSmall);
		let repay_value = usd_value(repay, debt_price.usd_per_token, debt_price.decimals, false)
			.map_err(overflow)?;
		let seize_value = with_bonus(repay_value, incentive).map_err(overflow)?;
		let seize_underlying =
			amount_for_value(seize_value, coll_price.usd_per_token, coll_price.decimals, false)
				.map_err(overflow)?;
		let mut seized =
			defi_math::mul_div_floor(seize_underlying, total_shares, funds).map_err(overflow)?;
		if seized > held {
			// Not enough collateral: take all of it and repay only what it is worth, rounded up
			// (the liquidator pays for the rounding).
			seized = held;
			let value = usd_value(
				Self::underlying_of(&coll_market, held),
				coll_price.usd_per_token,
				coll_price.decimals,
				false,
			)
			.map_err(overflow)?;
			let without_bonus =
				defi_math::mul_div_ceil(value, PPM, PPM + u128::from(incentive.deconstruct()))
					.map_err(overflow)?;
			let needed = amount_for_value(
				without_bonus,
				debt_price.usd_per_token,
				debt_price.decimals,
				true,
			)
			.map_err(overflow)?;
			repay = repay.min(needed);
		}
		ensure!(!seized.is_zero() && !repay.is_zero(), Error::<T>::LiquidationTooSmall);
		// The protocol's part of the incentive: seized · i · fee / (1 + i).
		let fee_ppm = u128::from((params.liquidation_fee * incentive).deconstruct());
		let protocol_shares =
			defi_math::mul_div_floor(seized, fee_ppm, PPM + u128::from(incentive.deconstruct()))
				.map_err(overflow)?;
		let to_liquidator = seized - protocol_shares;

		// The liquidator repays.
		let pallet = Self::account_id();
		T::Assets::transfer(
			debt_asset.clone(),
			liquidator,
			&pallet,
			repay,
			Preservation::Preserve,
		)?;
		let mut market = Markets::<T>::get(&debt_asset).ok_or(Error::<T>::MarketNotFound)?;
		market.cash = market.cash.checked_add(repay).ok_or(Error::<T>::Overflow)?;
		market.borrows = market.borrows.saturating_sub(repay);
		Self::set_debt(&debt_asset, borrower, debt - repay, &market);
		Markets::<T>::insert(&debt_asset, &market);

		// The liquidator receives shares; the protocol's part is burned into reserves, which
		// keeps the exchange rate (the burned shares' underlying, rounded down, stays as cash).
		let reason = Self::collateral_reason();
		if !to_liquidator.is_zero() {
			T::SharesHold::transfer_on_hold(
				share,
				&reason,
				borrower,
				liquidator,
				to_liquidator,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
		}
		let mut to_reserves = 0;
		if !protocol_shares.is_zero() {
			let mut market =
				Markets::<T>::get(&collateral_asset).ok_or(Error::<T>::MarketNotFound)?;
			to_reserves = Self::underlying_of(&market, protocol_shares);
			T::SharesHold::burn_held(
				share,
				&reason,
				borrower,
				protocol_shares,
				Precision::Exact,
				Fortitude::Polite,
			)?;
			market.reserves = market.reserves.saturating_add(to_reserves);
			Markets::<T>::insert(&collateral_asset, market);
		}

		let closed = repay == debt || seized == held;
		if !closed {
			let (after, _) = Self::liquidity(borrower, PriceUse::Undisputed)?;
			if let Some(health_after) = after.health() {
				ensure!(health_after >= health_before, Error::<T>::LiquidationLowersHealth);
			}
		}
		Self::report_supply(&collateral_asset, share, borrower);
		Self::report_supply(&collateral_asset, share, liquidator);
		Self::deposit_event(Event::Liquidated {
			liquidator: liquidator.clone(),
			borrower: borrower.clone(),
			debt_asset,
			repaid: repay,
			collateral_asset,
			seized_shares: seized,
			to_reserves,
		});
		if !Self::has_collateral(borrower) {
			Self::do_write_off(borrower)?;
		}
		Ok(markets)
	}

	/// Writes off every debt of `borrower` (who has no collateral left): reserves absorb it
	/// first, the market's suppliers the rest. Returns how many debts were written off.
	pub(crate) fn do_write_off(borrower: &T::AccountId) -> Result<u32, DispatchError> {
		let mut count = 0;
		for (asset, _) in AccountMarkets::<T>::get(borrower).into_iter() {
			let Some(snapshot) = Borrows::<T>::get(&asset, borrower) else { continue };
			let mut market = Self::accrued_market(&asset)?;
			let amount = Self::debt_of(&snapshot, &market);
			let from_reserves = amount.min(market.reserves);
			market.reserves -= from_reserves;
			market.borrows = market.borrows.saturating_sub(amount);
			Self::set_debt(&asset, borrower, 0, &market);
			Markets::<T>::insert(&asset, market);
			Self::deposit_event(Event::BadDebtWrittenOff {
				borrower: borrower.clone(),
				asset,
				amount,
				from_reserves,
				socialized: amount - from_reserves,
			});
			count += 1;
		}
		Ok(count)
	}
}
