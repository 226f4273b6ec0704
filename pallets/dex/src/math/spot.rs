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

use super::{add512, div512_floor, mul512, stableswap::calculate_d, u512, u512_to_u128, MathError, MathResult};
use sp_arithmetic::{FixedPointNumber, FixedU128};

/// Spot price of asset `i` in units of asset `j` for a stable pool with (normalised) `balances`
/// and amplification `amp` (`Ann = amp * n^n`). Rounded down.
pub fn stable_spot_price(balances: &[u128], amp: u128, i: usize, j: usize) -> MathResult<FixedU128> {
	let n = balances.len();
	if !(super::stableswap::MIN_ASSETS..=super::stableswap::MAX_ASSETS).contains(&n) ||
		i == j || i >= n || j >= n || amp == 0
	{
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
	let (xi, xj) = (u512(balances[i]), u512(balances[j]));
	let numerator = mul512(xj, add512(mul512(ann, xi)?, c)?)?;
	let denominator = mul512(xi, add512(mul512(ann, xj)?, c)?)?;
	let scaled = div512_floor(mul512(numerator, u512(FixedU128::DIV))?, denominator)?;
	Ok(FixedU128::from_inner(u512_to_u128(scaled)?))
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_arithmetic::traits::{One, Saturating};

	#[test]
	fn balanced_pool_prices_at_exactly_one() {
		for n in 2..=4 {
			let balances = vec![1_000_000_000_000_000_000_000u128; n];
			for amp in [1u128, 10, 100, 10_000] {
				assert_eq!(stable_spot_price(&balances, amp, 0, 1), Ok(FixedU128::one()), "n={n} amp={amp}");
			}
		}
	}

	#[test]
	fn scarcer_asset_is_dearer_and_prices_are_reciprocal() {
		// Asset 0 is scarce: one unit of it buys more than one unit of asset 1.
		let balances = [500_000_000_000_000_000_000u128, 1_500_000_000_000_000_000_000];
		let p01 = stable_spot_price(&balances, 100, 0, 1).unwrap();
		let p10 = stable_spot_price(&balances, 100, 1, 0).unwrap();
		assert!(p01 > FixedU128::one() && p10 < FixedU128::one());
		let product = p01.saturating_mul(p10);
		let error = product.into_inner().abs_diff(FixedU128::DIV);
		assert!(error < 1_000, "p01 * p10 = {product:?}");
	}

	#[test]
	fn high_amplification_stays_near_one_low_amplification_follows_constant_product() {
		let balances = [1_000_000u128 * 10u128.pow(18), 2_000_000u128 * 10u128.pow(18)];
		let flat = stable_spot_price(&balances, 10_000, 0, 1).unwrap();
		let curved = stable_spot_price(&balances, 1, 0, 1).unwrap();
		// Constant product would price asset 0 at x1/x0 = 2; A = 1 lies between 1 and 2, A = 10000
		// within 0.1 % of 1.
		assert!(flat > FixedU128::one() && flat < FixedU128::from_rational(1_001, 1_000));
		assert!(curved > flat && curved < FixedU128::from_u32(2));
	}

	#[test]
	fn malformed_input_is_an_error() {
		assert_eq!(stable_spot_price(&[1, 2], 10, 0, 0), Err(MathError::InvalidInput));
		assert_eq!(stable_spot_price(&[1], 10, 0, 1), Err(MathError::InvalidInput));
		assert_eq!(stable_spot_price(&[1, 2], 10, 0, 2), Err(MathError::InvalidInput));
		assert_eq!(stable_spot_price(&[1, 2], 0, 0, 1), Err(MathError::InvalidInput));
		assert_eq!(stable_spot_price(&[0, 2], 10, 0, 1), Err(MathError::ZeroReserve));
	}
}
