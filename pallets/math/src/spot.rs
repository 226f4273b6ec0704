//! Marginal (spot) price of a stableswap pool.
//!
//! Differentiating the invariant `F = Ann*S + D - Ann*D - D^(n+1) / (n^n * prod(x))` gives
//! `dF/dx_k = Ann + c / x_k` with `c = D^(n+1) / (n^n * prod(x))`, so the price of asset `i` in
//! units of asset `j` (how much `j` one marginal unit of `i` buys) is
//!
//! ```text
//! p_ij = (dF/dx_i) / (dF/dx_j) = x_j * (Ann * x_i + c) / (x_i * (Ann * x_j + c))
//! ```
//!
//! `c` is built as Curve builds `D_P`: `c = D; for x in balances { c = c * D / (n * x) }`, which
//! keeps every intermediate within 512 bits. At balance the price is exactly 1.

use super::{
	add512, div512_floor, mul512, stableswap::calculate_d, u512, u512_to_u128, MathError,
	MathResult,
};
use primitive_types::U512;
use sp_arithmetic::{FixedPointNumber, FixedU128};

/// `Ann = amp * n^n` and `c = D^(n+1) / (n^n * prod(x))` of normalised `balances`, after the
/// checks every spot-price function makes (2..=4 assets, `amp > 0`, no zero balance).
fn ann_and_c(balances: &[u128], amp: u128) -> MathResult<(U512, U512)> {
	let n = balances.len();
	if !(super::stableswap::MIN_ASSETS..=super::stableswap::MAX_ASSETS).contains(&n) || amp == 0 {
		return Err(MathError::InvalidInput);
	}
	if balances.iter().any(|x| *x == 0) {
		return Err(MathError::ZeroReserve);
	}
	let d = calculate_d(balances, amp)?;
	let n_pow_n = (n as u128).pow(n as u32);
	let ann = u512(amp.checked_mul(n_pow_n).ok_or(MathError::Overflow)?);
	let mut c = u512(d);
	for x in balances {
		c = div512_floor(mul512(c, u512(d))?, mul512(u512(*x), u512(n as u128))?)?;
	}
	Ok((ann, c))
}

/// Spot price of asset `i` in units of asset `j` for a stable pool with (normalised) `balances`
/// and amplification `amp` (`Ann = amp * n^n`). Rounded down.
pub fn stable_spot_price(
	balances: &[u128],
	amp: u128,
	i: usize,
	j: usize,
) -> MathResult<FixedU128> {
	let n = balances.len();
	if i == j || i >= n || j >= n {
		return Err(MathError::InvalidInput);
	}
	let (ann, c) = ann_and_c(balances, amp)?;
	let (xi, xj) = (u512(balances[i]), u512(balances[j]));
	let numerator = mul512(xj, add512(mul512(ann, xi)?, c)?)?;
	let denominator = mul512(xi, add512(mul512(ann, xj)?, c)?)?;
	let scaled = div512_floor(mul512(numerator, u512(FixedU128::DIV))?, denominator)?;
	Ok(FixedU128::from_inner(u512_to_u128(scaled)?))
}

/// Marginal value of every asset of a stable pool, `dF/dx_k = Ann + c / x_k` as a
/// [`FixedU128`] inner value (rounded down): the price of asset `i` in asset `j` is
/// `values[i] / values[j]`, the same as [`stable_spot_price`] up to rounding, from one
/// evaluation of `D` for all pairs.
pub fn stable_marginal_values(balances: &[u128], amp: u128) -> MathResult<alloc::vec::Vec<u128>> {
	let (ann, c) = ann_and_c(balances, amp)?;
	balances
		.iter()
		.map(|x| {
			let numerator = mul512(add512(mul512(ann, u512(*x))?, c)?, u512(FixedU128::DIV))?;
			u512_to_u128(div512_floor(numerator, u512(*x))?)
		})
		.collect()
}

/// Marginal values of a constant-product pool with reserves `(r0, r1)`: `[r1, r0]`, so that
/// the price of asset 0 in asset 1 is `values[0] / values[1] = r1 / r0`, exactly.
pub fn constant_product_marginal_values(r0: u128, r1: u128) -> MathResult<alloc::vec::Vec<u128>> {
	if r0 == 0 || r1 == 0 {
		return Err(MathError::ZeroReserve);
	}
	Ok(alloc::vec![r1, r0])
}

#[cfg(test)]
mod tests;
