//! What the runtime API returns: markets, account positions with limits, unhealthy accounts.

use super::*;
use crate::risk::PriceUse;
use defi_math::{lending as math, prices::amount_for_value};
use defi_primitives::{AccountView, MarketView, PositionView};
use frame_support::traits::fungibles::Inspect;

impl<T: Config> Pallet<T> {
	/// Every market as of now.
	pub fn market_views() -> Vec<MarketView<T::AssetKind>> {
		Markets::<T>::iter_keys()
			.filter_map(|asset| Self::market_view(&asset))
			.collect()
	}

	pub fn market_view(asset: &T::AssetKind) -> Option<MarketView<T::AssetKind>> {
		let market = Self::current_market(asset)?;
		let rates = Self::rates(&market);
		let funds = Self::supplier_funds(&market);
		let price = T::Prices::price(asset);
		Some(MarketView {
			asset: asset.clone(),
			share_asset: market.share_asset,
			state: market.state.code(),
			cash: market.cash,
			borrows: market.borrows,
			reserves: market.reserves,
			total_shares: T::Shares::total_issuance(market.share_asset),
			exchange_rate: Self::exchange_rate(&market),
			utilization: rates.utilization,
			borrow_apr: rates.borrow_rate,
			supply_apr: rates.supply_rate,
			borrow_apy: math::apy(rates.borrow_rate).unwrap_or_default(),
			supply_apy: math::apy(rates.supply_rate).unwrap_or_default(),
			collateral_factor: market.params.collateral_factor,
			liquidation_threshold: market.params.liquidation_threshold,
			supply_cap_left: market.params.supply_cap.saturating_sub(funds),
			borrow_cap_left: Self::borrowable(&market),
			price: price.map(|p| p.usd_per_token),
			decimals: price.map(|p| p.decimals).unwrap_or_default(),
		})
	}

	/// What the caps, the maximum utilization and the cash let anyone borrow now. Moving cash
	/// to borrows leaves the suppliers' funds unchanged, so the utilization cap allows borrows
	/// up to `max_utilization · funds`.
	pub(crate) fn borrowable(market: &Market) -> Balance {
		let funds = Self::supplier_funds(market);
		let by_utilization =
			market.params.max_utilization.mul_floor(funds).saturating_sub(market.borrows);
		market
			.params
			.borrow_cap
			.saturating_sub(market.borrows)
			.min(by_utilization)
			.min(market.cash)
	}

	/// An account's position in every market (zeros where it has none), with what it may
	/// borrow and withdraw now.
	pub fn account_view(who: &T::AccountId) -> AccountView<T::AssetKind> {
		let display = Self::liquidity(who, PriceUse::Fresh).map(|(l, _)| l).unwrap_or_default();
		let strict = Self::liquidity(who, PriceUse::Undisputed).ok().map(|(l, _)| l);
		let headroom = strict.map(|l| l.borrow_limit.saturating_sub(l.debt)).unwrap_or_default();
		let has_debt = display.debt > 0;
		let mut positions = Vec::new();
		for (asset, market) in
			Markets::<T>::iter_keys().filter_map(|a| Self::current_market(&a).map(|m| (a, m)))
		{
			let share = market.share_asset;
			let shares = T::Shares::total_balance(share, who);
			let debt = Self::debt_in(&asset, &market, who);
			let collateral = Self::is_collateral(who, &asset);
			let quote = Self::price_for(&asset, PriceUse::Undisputed).ok();
			let max_borrow = match (quote, strict) {
				(Some(q), Some(_)) if market.state == MarketState::Active => {
					amount_for_value(headroom, q.usd_per_token, q.decimals, false)
						.unwrap_or_default()
						.min(Self::borrowable(&market))
				},
				_ => 0,
			};
			let held = Self::held_shares(share, who);
			let free_value = Self::underlying_of(&market, shares.saturating_sub(held));
			let held_value = Self::underlying_of(&market, held);
			let withdrawable_held = if !has_debt {
				held_value
			} else {
				match (quote, strict) {
					(Some(q), Some(_)) => {
						// The collateral value that may leave is headroom / cf; in base units,
						// rounded down and less what a withdrawal's share conversions round away.
						let cf_ppm = u128::from(market.params.collateral_factor.deconstruct());
						let margin = Self::exchange_rate(&market).saturating_mul_int(2u128) + 2;
						if cf_ppm == 0 {
							held_value
						} else {
							defi_math::mul_div_floor(headroom, 1_000_000, cf_ppm)
								.and_then(|value| {
									amount_for_value(value, q.usd_per_token, q.decimals, false)
								})
								.unwrap_or(Balance::MAX)
								.saturating_sub(margin)
								.min(held_value)
						}
					},
					_ => 0,
				}
			};
			let max_withdraw = if market.state == MarketState::Frozen {
				0
			} else {
				free_value.saturating_add(withdrawable_held).min(market.cash)
			};
			positions.push(PositionView {
				asset,
				shares,
				supplied: Self::underlying_of(&market, shares),
				collateral,
				debt,
				max_borrow,
				max_withdraw,
			});
		}
		AccountView {
			positions,
			health: display.health(),
			borrow_limit: display.borrow_limit,
			liquidation_limit: display.liquidation_limit,
			debt_value: display.debt,
			collateral_value: display.collateral,
		}
	}

	/// Accounts whose health (at fresh prices) is below `threshold`, with their health: what a
	/// liquidation keeper watches.
	pub fn accounts_below(threshold: FixedU128) -> Vec<(T::AccountId, FixedU128)> {
		AccountMarkets::<T>::iter_keys()
			.filter_map(|who| {
				let (totals, _) = Self::liquidity(&who, PriceUse::Fresh).ok()?;
				let health = totals.health()?;
				(health < threshold).then_some((who, health))
			})
			.collect()
	}
}
