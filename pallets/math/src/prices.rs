//! USD prices: the median of feeds, deviation between two prices, conversion between token
//! amounts and USD values, and between per-base-unit and per-whole-token prices.
//!
//! Prices are USD per whole token as [`FixedU128`]; values are USD with 18 decimals (the inner
//! units of a `FixedU128`), as `u128`. A token with `decimals` has `10^decimals` base units per
//! whole token.

use crate::{MathError, MathResult};
use alloc::vec::Vec;
use primitive_types::U256;
use sp_arithmetic::{FixedU128, Permill};

/// Largest `decimals` accepted (`10^38` still fits a `u128`).
pub const MAX_DECIMALS: u8 = 38;

fn pow10(decimals: u8) -> MathResult<U256> {
	if decimals > MAX_DECIMALS {
		return Err(MathError::InvalidInput);
	}
	Ok(U256::exp10(decimals as usize))
}

fn fit(x: U256) -> MathResult<u128> {
	if x > U256::from(u128::MAX) {
		Err(MathError::Overflow)
	} else {
		Ok(x.low_u128())
	}
}

fn div(n: U256, d: U256, round_up: bool) -> MathResult<U256> {
	if d.is_zero() {
		return Err(MathError::InvalidInput);
	}
	let q = n / d;
	Ok(if round_up && q * d != n { q + U256::one() } else { q })
}

/// The median of `values`: the middle one, or the mean of the two middle ones (rounded down);
/// `None` for no values.
pub fn median(mut values: Vec<FixedU128>) -> Option<FixedU128> {
	values.sort_unstable();
	let n = values.len();
	if n == 0 {
		return None;
	}
	if n % 2 == 1 {
		return values.get(n / 2).copied();
	}
	let (low, high) = (values.get(n / 2 - 1)?.into_inner(), values.get(n / 2)?.into_inner());
	// low + (high - low) / 2 cannot overflow.
	Some(FixedU128::from_inner(low + (high - low) / 2))
}

/// `|price − reference| / reference`, rounded up (a borderline deviation counts as larger),
/// saturating at 100 %. Errors: `InvalidInput` for a zero reference.
pub fn deviation(price: FixedU128, reference: FixedU128) -> MathResult<Permill> {
	let (p, r) = (price.into_inner(), reference.into_inner());
	let diff = p.abs_diff(r);
	let ppm = div(U256::from(diff) * U256::from(1_000_000u32), U256::from(r), true)?;
	Ok(Permill::from_parts(fit(ppm)?.min(1_000_000) as u32))
}

/// USD value (18 decimals) of `amount` base units at `usd_per_token`, rounded down or up.
pub fn usd_value(
	amount: u128,
	usd_per_token: FixedU128,
	decimals: u8,
	round_up: bool,
) -> MathResult<u128> {
	let product = U256::from(amount) * U256::from(usd_per_token.into_inner());
	fit(div(product, pow10(decimals)?, round_up)?)
}

/// Base units worth `value` USD (18 decimals) at `usd_per_token`, rounded down or up.
/// Errors: `InvalidInput` for a zero price.
pub fn amount_for_value(
	value: u128,
	usd_per_token: FixedU128,
	decimals: u8,
	round_up: bool,
) -> MathResult<u128> {
	let product = U256::from(value) * pow10(decimals)?;
	fit(div(product, U256::from(usd_per_token.into_inner()), round_up)?)
}

/// A price in base units of `quote` per base unit of `base` (a DEX price) as whole `quote`
/// tokens per whole `base` token: `price · 10^base_decimals / 10^quote_decimals`, rounded down.
pub fn whole_token_price(
	unit_price: FixedU128,
	base_decimals: u8,
	quote_decimals: u8,
) -> MathResult<FixedU128> {
	let scaled = U256::from(unit_price.into_inner()) * pow10(base_decimals)?;
	Ok(FixedU128::from_inner(fit(div(scaled, pow10(quote_decimals)?, false)?)?))
}

/// `value · (1 + bonus)`, rounded down.
pub fn with_bonus(value: u128, bonus: Permill) -> MathResult<u128> {
	value.checked_add(bonus.mul_floor(value)).ok_or(MathError::Overflow)
}

#[cfg(test)]
mod tests;
