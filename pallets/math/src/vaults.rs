//! Collateral-vault math (the stablecoin): the stability-fee accumulator, debts from normalized
//! debt, collateral ratios, how much a vault may mint, its liquidation price, the liquidation
//! penalty and oracle-bounded swap limits, and pro-rata shares after a shutdown.
//!
//! A collateral type carries an accumulated rate `R` (1 at creation) that grows by a
//! per-second factor `(1 + f)` (MakerDAO's `duty`, Acala's per-second stability fee): over `s`
//! seconds `R ← R · (1 + f)^s`. A vault records its *normalized* debt `n`; what it owes is
//! `n · R`. Compounding is per second of block time, so accruing a year in one step or once a
//! block gives the same rate up to rounding, and nobody gains by touching a vault more or less
//! often.
//!
//! Every rounding favours the protocol: debts, normalized debts, penalties, liquidation prices
//! and the collateral a swap may spend round up; ratios, mintable amounts, the least a swap must
//! return and pro-rata shares round down.

use crate::{lending::SECONDS_PER_YEAR, MathError, MathResult};
use primitive_types::U256;
use sp_arithmetic::{
	traits::{One, Saturating, Zero},
	FixedPointNumber, FixedU128, Permill,
};

const DIV: u128 = <FixedU128 as FixedPointNumber>::DIV;

/// `(1 + per_second)^seconds`, every product rounded up.
///
/// `per_second` is the fee per second (`0.000000001547125957` for 5 % a year). Errors:
/// `Overflow` if the factor does not fit a [`FixedU128`].
pub fn fee_factor(per_second: FixedU128, seconds: u64) -> MathResult<FixedU128> {
	let base = per_second.into_inner().checked_add(DIV).ok_or(MathError::Overflow)?;
	Ok(FixedU128::from_inner(crate::pow_ceil(base, seconds)?))
}

/// The accumulated rate after `seconds` more: `rate · (1 + per_second)^seconds`, rounded up.
pub fn accrue_rate(rate: FixedU128, per_second: FixedU128, seconds: u64) -> MathResult<FixedU128> {
	let factor = fee_factor(per_second, seconds)?;
	Ok(FixedU128::from_inner(crate::fixed_mul_ceil(rate.into_inner(), factor.into_inner())?))
}

/// The yearly fee of a per-second fee, compounded every second: `(1 + f)^YEAR − 1` (what a UI
/// shows as the stability fee).
pub fn yearly_fee(per_second: FixedU128) -> MathResult<FixedU128> {
	Ok(fee_factor(per_second, SECONDS_PER_YEAR)?.saturating_sub(FixedU128::one()))
}

/// The per-second fee for a yearly fee: the largest `f` (in steps of `10^-18`) with
/// `(1 + f)^YEAR ≤ 1 + yearly`, so the fee charged never exceeds the one announced.
///
/// Errors: `Overflow` for a yearly fee whose per-second factor cannot be computed (above
/// thousands of percent).
pub fn per_second_fee(yearly: FixedU128) -> MathResult<FixedU128> {
	let target = yearly.into_inner().checked_add(DIV).ok_or(MathError::Overflow)?;
	// (1 + f)^Y ≥ 1 + f·Y, so f ≤ yearly / Y bounds the search.
	let (mut low, mut high) = (0u128, yearly.into_inner() / u128::from(SECONDS_PER_YEAR) + 1);
	while low < high {
		let mid = low + (high - low).div_ceil(2);
		let factor = crate::pow_ceil(DIV + mid, SECONDS_PER_YEAR)?;
		if factor <= target {
			low = mid;
		} else {
			high = mid - 1;
		}
	}
	Ok(FixedU128::from_inner(low))
}

/// What a normalized debt owes at `rate`: `normalized · rate`, rounded up.
pub fn debt_of(normalized: u128, rate: FixedU128) -> MathResult<u128> {
	crate::fixed_mul_ceil(normalized, rate.into_inner())
}

/// The normalized debt that owes at least `debt` at `rate`: `debt / rate`, rounded up.
///
/// Errors: `InvalidInput` for a zero rate.
pub fn normalized_for(debt: u128, rate: FixedU128) -> MathResult<u128> {
	if rate.is_zero() {
		return Err(MathError::InvalidInput);
	}
	crate::mul_div_ceil(debt, DIV, rate.into_inner())
}

/// `collateral_value / debt_value` (both in the same unit), rounded down; `None` without debt
/// (a vault without debt has no ratio and cannot be liquidated).
pub fn collateral_ratio(collateral_value: u128, debt_value: u128) -> Option<FixedU128> {
	if debt_value == 0 {
		return None;
	}
	let inner = U256::from(collateral_value) * U256::from(DIV) / U256::from(debt_value);
	Some(FixedU128::from_inner(u128::try_from(inner).unwrap_or(u128::MAX)))
}

/// The most debt `collateral_value` supports at `ratio`: `collateral_value / ratio`, rounded
/// down. Errors: `InvalidInput` for a zero ratio.
pub fn max_debt(collateral_value: u128, ratio: FixedU128) -> MathResult<u128> {
	if ratio.is_zero() {
		return Err(MathError::InvalidInput);
	}
	crate::mul_div_floor(collateral_value, DIV, ratio.into_inner())
}

/// The price (USD per whole collateral token) at which a vault's ratio falls to
/// `liquidation_ratio`: `liquidation_ratio · debt_value / (collateral / 10^decimals)`, with
/// `debt_value` in USD of 18 decimals; rounded up (the vault is liquidatable below it). `None`
/// without collateral or without debt.
pub fn liquidation_price(
	collateral: u128,
	decimals: u8,
	debt_value: u128,
	liquidation_ratio: FixedU128,
) -> Option<FixedU128> {
	if collateral == 0 || debt_value == 0 || decimals > crate::prices::MAX_DECIMALS {
		return None;
	}
	// price_inner = LR_inner · debt_value · 10^decimals / (collateral · DIV).
	let numerator = U256::from(liquidation_ratio.into_inner())
		.checked_mul(U256::from(debt_value))?
		.checked_mul(U256::exp10(decimals as usize))?;
	let denominator = U256::from(collateral) * U256::from(DIV);
	let quotient = numerator / denominator;
	let inner = if quotient * denominator == numerator { quotient } else { quotient + 1 };
	u128::try_from(inner).ok().map(FixedU128::from_inner)
}

/// The liquidation penalty on `debt`, rounded up.
pub fn penalty(debt: u128, rate: Permill) -> u128 {
	rate.mul_ceil(debt)
}

/// The most a swap may spend: `amount · (1 + slippage)`, rounded up.
pub fn with_slippage_above(amount: u128, slippage: Permill) -> MathResult<u128> {
	amount.checked_add(slippage.mul_ceil(amount)).ok_or(MathError::Overflow)
}

/// The least a swap must return: `amount · (1 − slippage)`, rounded down.
pub fn with_slippage_below(amount: u128, slippage: Permill) -> u128 {
	amount.saturating_sub(slippage.mul_ceil(amount))
}

/// A price lowered by `discount`: `price · (1 − discount)`, rounded down (what a liquidator
/// pays per collateral token when the market cannot fill).
pub fn discounted(price: FixedU128, discount: Permill) -> FixedU128 {
	FixedU128::from_inner(price.into_inner().saturating_sub(discount.mul_ceil(price.into_inner())))
}

/// `amount`'s share of `pool` when `supply` claims it all: `amount · pool / supply`, rounded
/// down. Errors: `InvalidInput` for a zero supply or an amount above it.
pub fn pro_rata(amount: u128, pool: u128, supply: u128) -> MathResult<u128> {
	if supply == 0 || amount > supply {
		return Err(MathError::InvalidInput);
	}
	crate::mul_div_floor(amount, pool, supply)
}

#[cfg(test)]
mod tests;
