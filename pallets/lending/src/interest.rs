//! Lazy interest: a market's state as of now, computed on read and written by whichever call
//! touches the market.

use super::*;
use defi_math::lending as math;

/// A market's figures derived from its state.
pub(crate) struct Rates {
	pub utilization: FixedU128,
	pub borrow_rate: FixedU128,
	pub supply_rate: FixedU128,
}

impl<T: Config> Pallet<T> {
	/// Utilization and rates of `market` as it stands. Utilization that cannot be computed
	/// (reserves above all funds) counts as full.
	pub(crate) fn rates(market: &Market) -> Rates {
		let model = market.params.rate_model.jump_rate();
		let utilization = math::utilization(market.cash, market.borrows, market.reserves)
			.unwrap_or_else(|_| FixedU128::one());
		let borrow_rate = math::borrow_rate(&model, utilization).unwrap_or(MAX_BORROW_RATE);
		let supply_rate = math::supply_rate(borrow_rate, utilization, market.params.reserve_factor)
			.unwrap_or_default();
		Rates { utilization, borrow_rate, supply_rate }
	}

	/// `market` with interest accrued up to `now` (seconds), and the interest and its reserve
	/// part. If the growth cannot be represented (centuries at the maximum rate) the market stays
	/// as it is: repaying must keep working.
	pub(crate) fn accrue(mut market: Market, now: u64) -> (Market, Balance, Balance) {
		let seconds = now.saturating_sub(market.last_accrued);
		if seconds == 0 {
			return (market, 0, 0);
		}
		// A market opened at genesis (time 0) starts accruing at the first block with a clock.
		if market.borrows.is_zero() || market.last_accrued == 0 {
			market.last_accrued = now;
			return (market, 0, 0);
		}
		let rate = Self::rates(&market).borrow_rate;
		// Total borrows grow rounded down, each debt rounded up: the total never exceeds the sum
		// of the debts, so it reaches exactly 0 when the last borrower is gone.
		let accrued = math::accrue_index(market.borrow_index, rate, seconds).and_then(|index| {
			let borrows = defi_math::mul_div_floor(
				market.borrows,
				index.into_inner(),
				market.borrow_index.into_inner(),
			)?;
			Ok((index, borrows))
		});
		let Ok((index, borrows)) = accrued else {
			log::warn!(target: "runtime::lending", "interest accrual overflows; market left as is");
			return (market, 0, 0);
		};
		let interest = borrows.saturating_sub(market.borrows);
		let to_reserves = math::reserve_part(interest, market.params.reserve_factor);
		market.borrow_index = index;
		market.borrows = borrows;
		market.reserves = market.reserves.saturating_add(to_reserves);
		market.last_accrued = now;
		(market, interest, to_reserves)
	}

	/// The market of `asset` with interest accrued to now, not yet written; emits
	/// [`Event::InterestAccrued`] when interest accrued (callers write the market).
	pub(crate) fn accrued_market(asset: &T::AssetKind) -> Result<Market, DispatchError> {
		let market = Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?;
		let (market, interest, to_reserves) = Self::accrue(market, Self::now_seconds());
		if !interest.is_zero() {
			Self::deposit_event(Event::InterestAccrued {
				asset: asset.clone(),
				interest,
				to_reserves,
				borrow_index: market.borrow_index,
			});
		}
		Ok(market)
	}

	/// The market of `asset` as of now without writing anything (views, health checks of
	/// markets a call does not change).
	pub(crate) fn current_market(asset: &T::AssetKind) -> Option<Market> {
		Markets::<T>::get(asset).map(|m| Self::accrue(m, Self::now_seconds()).0)
	}

	/// Debt of `snapshot` at the market's current index, rounded up.
	pub(crate) fn debt_of(snapshot: &BorrowSnapshot, market: &Market) -> Balance {
		math::debt_at(snapshot.principal, snapshot.index, market.borrow_index)
			.unwrap_or(Balance::MAX)
	}

	/// Debt of `who` in the market of `asset` (given as of now).
	pub(crate) fn debt_in(asset: &T::AssetKind, market: &Market, who: &T::AccountId) -> Balance {
		Borrows::<T>::get(asset, who)
			.map(|s| Self::debt_of(&s, market))
			.unwrap_or_default()
	}

	/// Funds behind the shares: `cash + borrows − reserves` (0 if the reserves exceed them).
	pub(crate) fn supplier_funds(market: &Market) -> Balance {
		math::supplier_funds(market.cash, market.borrows, market.reserves).unwrap_or_default()
	}

	/// Underlying per share.
	pub(crate) fn exchange_rate(market: &Market) -> FixedU128 {
		let shares = T::Shares::total_issuance(market.share_asset);
		math::exchange_rate(Self::supplier_funds(market), shares, INITIAL_EXCHANGE_RATE)
			.unwrap_or_default()
	}

	/// What `shares` redeem for now, rounded down.
	pub(crate) fn underlying_of(market: &Market, shares: Balance) -> Balance {
		let total = T::Shares::total_issuance(market.share_asset);
		math::underlying_for_shares(shares, Self::supplier_funds(market), total).unwrap_or_default()
	}

	/// The debt principal at index 1 (what [`Config::OnPositionChanged`] receives for borrows).
	pub(crate) fn principal_at_one(debt: Balance, market: &Market) -> Balance {
		if market.borrow_index.is_zero() {
			return debt;
		}
		FixedU128::from_inner(debt)
			.checked_div(&market.borrow_index)
			.map_or(0, |v| v.into_inner())
	}
}
