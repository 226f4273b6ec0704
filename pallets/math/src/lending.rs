//! Money-market math: utilization, the jump-rate model, per-second compounding of the borrow
//! index, and the exchange rate between a market's supplier shares and its underlying asset.
//!
//! Rates are per year as [`FixedU128`] (`0.05` = 5 % APR). Interest compounds every second of
//! block time: an index grows by `(1 + r / SECONDS_PER_YEAR)^seconds`, so accruing a year in one
//! step or in ten thousand steps gives the same index up to rounding, and nobody gains by poking
//! a market more or less often. Every rounding favours the protocol: debt indexes and debts round
//! up, what a supplier receives rounds down.

use crate::{MathError, MathResult};
use primitive_types::U256;
use sp_arithmetic::{
	traits::{CheckedAdd, CheckedMul, One, Saturating, Zero},
	FixedPointNumber, FixedU128, Permill,
};

/// 365 days.
pub const SECONDS_PER_YEAR: u64 = 31_536_000;

const DIV: u128 = <FixedU128 as FixedPointNumber>::DIV;

/// A jump-rate interest model (Compound's `JumpRateModelV2`): the borrow rate rises with
/// utilization along `slope_low` up to `kink`, and along the steeper `slope_high` above it.
/// All figures per year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JumpRate {
	/// Borrow rate at zero utilization.
	pub base: FixedU128,
	/// Rate added per unit of utilization below the kink.
	pub slope_low: FixedU128,
	/// Utilization (0..=1) where the slope changes.
	pub kink: FixedU128,
	/// Rate added per unit of utilization above the kink.
	pub slope_high: FixedU128,
}

/// `borrows / (cash + borrows − reserves)`, rounded up; zero when nothing is borrowed.
///
/// Errors: `InvalidInput` if the reserves exceed `cash + borrows` (no supplier funds left),
/// `Overflow` if the sum does not fit.
pub fn utilization(cash: u128, borrows: u128, reserves: u128) -> MathResult<FixedU128> {
	if borrows == 0 {
		return Ok(FixedU128::zero());
	}
	let supplied = cash
		.checked_add(borrows)
		.ok_or(MathError::Overflow)?
		.checked_sub(reserves)
		.ok_or(MathError::InvalidInput)?;
	if supplied == 0 {
		return Err(MathError::InvalidInput);
	}
	ratio_ceil(borrows, supplied)
}

/// The borrow rate per year at utilization `u` (above 1 counts as 1).
pub fn borrow_rate(model: &JumpRate, u: FixedU128) -> MathResult<FixedU128> {
	let u = u.min(FixedU128::one());
	let below = u.min(model.kink);
	let above = u.saturating_sub(model.kink);
	let low = model.slope_low.checked_mul(&below).ok_or(MathError::Overflow)?;
	let high = model.slope_high.checked_mul(&above).ok_or(MathError::Overflow)?;
	model
		.base
		.checked_add(&low)
		.and_then(|r| r.checked_add(&high))
		.ok_or(MathError::Overflow)
}

/// What suppliers earn per year: `borrow_rate · u · (1 − reserve_factor)`, rounded down.
pub fn supply_rate(
	borrow_rate: FixedU128,
	u: FixedU128,
	reserve_factor: Permill,
) -> MathResult<FixedU128> {
	// 1 − reserve factor, exactly: one part per million is 10^12 in FixedU128's inner units.
	let kept_ppm = u128::from(1_000_000u32.saturating_sub(reserve_factor.deconstruct()));
	let kept = kept_ppm * (DIV / 1_000_000);
	let earned = mul_floor(borrow_rate.into_inner(), u.min(FixedU128::one()).into_inner())?;
	Ok(FixedU128::from_inner(mul_floor(earned, kept)?))
}

/// How much an index grows over `seconds` at `rate_per_year`: `(1 + r / SECONDS_PER_YEAR)^s`,
/// with the per-second rate and every product rounded up.
///
/// Errors: `Overflow` if the factor does not fit a [`FixedU128`] (thousands of percent over
/// many years).
pub fn compound_factor(rate_per_year: FixedU128, seconds: u64) -> MathResult<FixedU128> {
	let per_second = div_ceil(U256::from(rate_per_year.into_inner()), U256::from(SECONDS_PER_YEAR));
	let base = to_u128(per_second)?.checked_add(DIV).ok_or(MathError::Overflow)?;
	Ok(FixedU128::from_inner(crate::pow_ceil(base, seconds)?))
}

/// The yearly yield of `rate_per_year` compounded every second: `(1 + r/Y)^Y − 1`.
pub fn apy(rate_per_year: FixedU128) -> MathResult<FixedU128> {
	Ok(compound_factor(rate_per_year, SECONDS_PER_YEAR)?.saturating_sub(FixedU128::one()))
}

/// The borrow index after `seconds` at `rate_per_year`, rounded up.
pub fn accrue_index(
	index: FixedU128,
	rate_per_year: FixedU128,
	seconds: u64,
) -> MathResult<FixedU128> {
	let factor = compound_factor(rate_per_year, seconds)?;
	Ok(FixedU128::from_inner(mul_ceil(index.into_inner(), factor.into_inner())?))
}

/// A debt of `principal` taken at `index_then`, at `index_now`: `principal · now / then`,
/// rounded up.
///
/// Errors: `InvalidInput` for a zero or falling index, `Overflow` if the debt does not fit.
pub fn debt_at(principal: u128, index_then: FixedU128, index_now: FixedU128) -> MathResult<u128> {
	if index_then.is_zero() || index_now < index_then {
		return Err(MathError::InvalidInput);
	}
	let product = U256::from(principal) * U256::from(index_now.into_inner());
	to_u128(div_ceil(product, U256::from(index_then.into_inner())))
}

/// The part of `interest` that goes to the market's reserves, rounded down (suppliers keep the
/// rest).
pub fn reserve_part(interest: u128, reserve_factor: Permill) -> u128 {
	reserve_factor.mul_floor(interest)
}

/// Underlying value behind the suppliers' shares: `cash + borrows − reserves`.
pub fn supplier_funds(cash: u128, borrows: u128, reserves: u128) -> MathResult<u128> {
	cash.checked_add(borrows)
		.ok_or(MathError::Overflow)?
		.checked_sub(reserves)
		.ok_or(MathError::InvalidInput)
}

/// Underlying per share: `funds / shares` rounded down, or `initial` while no share exists.
pub fn exchange_rate(funds: u128, shares: u128, initial: FixedU128) -> MathResult<FixedU128> {
	if shares == 0 {
		return Ok(initial);
	}
	let inner = U256::from(funds) * U256::from(DIV) / U256::from(shares);
	Ok(FixedU128::from_inner(to_u128(inner)?))
}

/// Shares minted for depositing `amount`: `amount · shares / funds` (or `amount / initial` for
/// the first deposit), rounded down.
///
/// Errors: `ZeroOutput` if that rounds to nothing, `InvalidInput` if shares exist but back no
/// funds (the market must not take deposits then), `Overflow`.
pub fn shares_for_deposit(
	amount: u128,
	funds: u128,
	shares: u128,
	initial: FixedU128,
) -> MathResult<u128> {
	let minted = if shares == 0 {
		if initial.is_zero() {
			return Err(MathError::InvalidInput);
		}
		U256::from(amount) * U256::from(DIV) / U256::from(initial.into_inner())
	} else {
		if funds == 0 {
			return Err(MathError::InvalidInput);
		}
		U256::from(amount) * U256::from(shares) / U256::from(funds)
	};
	match to_u128(minted)? {
		0 => Err(MathError::ZeroOutput),
		n => Ok(n),
	}
}

/// Underlying paid for redeeming `redeemed` of `shares`: `redeemed · funds / shares`, rounded
/// down.
pub fn underlying_for_shares(redeemed: u128, funds: u128, shares: u128) -> MathResult<u128> {
	if redeemed > shares || shares == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	to_u128(U256::from(redeemed) * U256::from(funds) / U256::from(shares))
}

/// Shares to burn for withdrawing exactly `amount`: `amount · shares / funds`, rounded up.
pub fn shares_for_withdrawal(amount: u128, funds: u128, shares: u128) -> MathResult<u128> {
	if funds == 0 || amount > funds {
		return Err(MathError::InsufficientLiquidity);
	}
	to_u128(div_ceil(U256::from(amount) * U256::from(shares), U256::from(funds)))
}

/// Health of a position: `Σ collateral value · liquidation threshold / Σ debt value`; `None`
/// without debt (nothing can be liquidated). Rounded down (a borderline position counts as less
/// healthy).
pub fn health(weighted_collateral: u128, debt: u128) -> Option<FixedU128> {
	if debt == 0 {
		return None;
	}
	let inner = U256::from(weighted_collateral) * U256::from(DIV) / U256::from(debt);
	Some(FixedU128::from_inner(to_u128(inner).unwrap_or(u128::MAX)))
}

fn ratio_ceil(numerator: u128, denominator: u128) -> MathResult<FixedU128> {
	let inner = div_ceil(U256::from(numerator) * U256::from(DIV), U256::from(denominator));
	Ok(FixedU128::from_inner(to_u128(inner)?))
}

fn mul_ceil(a: u128, b: u128) -> MathResult<u128> {
	to_u128(div_ceil(U256::from(a) * U256::from(b), U256::from(DIV)))
}

fn mul_floor(a: u128, b: u128) -> MathResult<u128> {
	to_u128(U256::from(a) * U256::from(b) / U256::from(DIV))
}

/// `ceil(n / d)` for `d > 0` (callers never pass zero).
fn div_ceil(n: U256, d: U256) -> U256 {
	if d.is_zero() {
		return U256::MAX;
	}
	let q = n / d;
	if q * d == n {
		q
	} else {
		q + U256::one()
	}
}

fn to_u128(x: U256) -> MathResult<u128> {
	if x > U256::from(u128::MAX) {
		Err(MathError::Overflow)
	} else {
		Ok(x.low_u128())
	}
}

#[cfg(test)]
mod tests;
