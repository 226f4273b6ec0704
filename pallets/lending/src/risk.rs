//! Account health: collateral and debt values across the markets an account uses.

use super::*;
use defi_math::prices::usd_value;

/// How much a price must be trusted for a computation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PriceUse {
	/// Risk-increasing actions (borrow, withdraw collateral) and liquidation: fresh and
	/// undisputed.
	Undisputed,
	/// Display: any fresh price.
	Fresh,
}

impl<T: Config> Pallet<T> {
	/// A usable price of `asset` for `use_`.
	pub(crate) fn price_for(
		asset: &T::AssetKind,
		use_: PriceUse,
	) -> Result<defi_primitives::PriceQuote, Error<T>> {
		let quote = T::Prices::price(asset).ok_or(Error::<T>::PriceUnavailable)?;
		if quote.usd_per_token.is_zero() {
			return Err(Error::<T>::PriceUnavailable);
		}
		if use_ == PriceUse::Undisputed && quote.disputed {
			return Err(Error::<T>::PriceDisputed);
		}
		Ok(quote)
	}

	/// Totals of `who` across its markets as of now, and how many markets it uses. Markets in
	/// which the account holds nothing need no price; an account without debt needs none at
	/// all (its totals then leave out collateral whose price is missing).
	pub(crate) fn liquidity(
		who: &T::AccountId,
		use_: PriceUse,
	) -> Result<(Liquidity, u32), DispatchError> {
		let entries = AccountMarkets::<T>::get(who);
		let count = entries.len() as u32;
		let mut positions = Vec::with_capacity(entries.len());
		let mut any_debt = false;
		for (asset, collateral) in entries.iter() {
			let Some(market) = Self::current_market(asset) else { continue };
			let held = if *collateral { Self::held_shares(market.share_asset, who) } else { 0 };
			let debt = Self::debt_in(asset, &market, who);
			any_debt |= !debt.is_zero();
			if !held.is_zero() || !debt.is_zero() {
				positions.push((asset, market, held, debt));
			}
		}
		let mut totals = Liquidity::default();
		for (asset, market, held, debt) in positions {
			let quote = match Self::price_for(asset, use_) {
				Ok(q) => q,
				Err(e) if any_debt => return Err(e.into()),
				Err(_) => continue,
			};
			let underlying = Self::underlying_of(&market, held);
			let value = usd_value(underlying, quote.usd_per_token, quote.decimals, false)
				.map_err(|_| Error::<T>::Overflow)?;
			let debt_value = usd_value(debt, quote.usd_per_token, quote.decimals, true)
				.map_err(|_| Error::<T>::Overflow)?;
			totals.collateral = totals.collateral.saturating_add(value);
			totals.borrow_limit = totals
				.borrow_limit
				.saturating_add(market.params.collateral_factor.mul_floor(value));
			totals.liquidation_limit = totals
				.liquidation_limit
				.saturating_add(market.params.liquidation_threshold.mul_floor(value));
			totals.debt = totals.debt.saturating_add(debt_value);
		}
		Ok((totals, count))
	}

	/// Fails unless `who`'s debt is within its borrow limit at fresh, undisputed prices (trivially
	/// true without debt). Returns the number of markets the account uses.
	pub(crate) fn ensure_within_borrow_limit(who: &T::AccountId) -> Result<u32, DispatchError> {
		let (totals, count) = Self::liquidity(who, PriceUse::Undisputed)?;
		ensure!(totals.debt <= totals.borrow_limit, Error::<T>::InsufficientCollateral);
		Ok(count)
	}

	/// Adds `asset` to the markets `who` uses, or updates its collateral flag.
	pub(crate) fn enter_market(
		who: &T::AccountId,
		asset: &T::AssetKind,
		collateral: bool,
	) -> DispatchResult {
		AccountMarkets::<T>::try_mutate(who, |entries| {
			if let Some(entry) = entries.iter_mut().find(|(a, _)| a == asset) {
				entry.1 = collateral;
				return Ok(());
			}
			entries
				.try_push((asset.clone(), collateral))
				.map_err(|_| Error::<T>::TooManyMarkets)?;
			Ok(())
		})
	}

	/// Drops `asset` from the markets of `who` when it is neither collateral nor owed; sets the
	/// collateral flag to `collateral` otherwise.
	pub(crate) fn update_market_entry(who: &T::AccountId, asset: &T::AssetKind, collateral: bool) {
		let owes = Borrows::<T>::contains_key(asset, who);
		AccountMarkets::<T>::mutate_exists(who, |maybe| {
			let Some(entries) = maybe else { return };
			if collateral || owes {
				if let Some(entry) = entries.iter_mut().find(|(a, _)| a == asset) {
					entry.1 = collateral;
				}
			} else {
				entries.retain(|(a, _)| a != asset);
			}
			if entries.is_empty() {
				*maybe = None;
			}
		});
	}

	/// Whether `who` uses `asset` as collateral.
	pub(crate) fn is_collateral(who: &T::AccountId, asset: &T::AssetKind) -> bool {
		AccountMarkets::<T>::get(who).iter().any(|(a, c)| a == asset && *c)
	}
}
