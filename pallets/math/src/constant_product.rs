//! Constant-product (`x * y = k`) pool math, fee taken on the input.
//!
//! With `g = 1_000_000 - fee_ppm`:
//!
//! * `amount_out = floor(in * g * R_out / (R_in * 1e6 + in * g))`
//! * `amount_in  = ceil(R_in * out * 1e6 / ((R_out - out) * g))`
//!
//! Both are exact integer formulas evaluated in `U512`, so they hold for any `u128` inputs.
//! `amount_in` is the *smallest* input for which `get_amount_out(amount_in) >= amount_out`
//! (proof: `in * g * (R_out - out) >= out * R_in * 1e6` is exactly the condition
//! `in * g * R_out / (R_in * 1e6 + in * g) >= out`), i.e. it is rounded up, and the pool's
//! `k` never decreases across either kind of swap, even if the protocol share of the fee
//! (see [`protocol_fee_part`]) is taken out of the input before it reaches the reserves.

use super::{
	add512, div512_ceil, div512_floor, fee_ppm, mul512, mul_div_floor, sub512, u512, u512_to_u128,
	MathError, MathResult, PPM,
};
use primitive_types::U256;
use sp_arithmetic::Permill;

/// Amount of `reserve_out` the pool pays for `amount_in` (rounded down).
///
/// Errors: `ZeroReserve` if a reserve is zero, `ZeroAmount` if `amount_in == 0`,
/// `ZeroOutput` if the output rounds down to zero (including a 100% fee),
/// `InsufficientLiquidity` if `out >= reserve_out` (cannot happen mathematically, kept as a
/// guard).
pub fn get_amount_out(
	amount_in: u128,
	reserve_in: u128,
	reserve_out: u128,
	fee: Permill,
) -> MathResult<u128> {
	if reserve_in == 0 || reserve_out == 0 {
		return Err(MathError::ZeroReserve);
	}
	if amount_in == 0 {
		return Err(MathError::ZeroAmount);
	}
	let g = PPM.saturating_sub(fee_ppm(fee));
	let in_with_fee = mul512(u512(amount_in), u512(g))?;
	let numerator = mul512(in_with_fee, u512(reserve_out))?;
	let denominator = add512(mul512(u512(reserve_in), u512(PPM))?, in_with_fee)?;
	let out = u512_to_u128(div512_floor(numerator, denominator)?)?;
	if out == 0 {
		return Err(MathError::ZeroOutput);
	}
	if out >= reserve_out {
		return Err(MathError::InsufficientLiquidity);
	}
	Ok(out)
}

/// Smallest amount of `reserve_in` the caller must pay to receive `amount_out` (rounded up).
///
/// Errors: `ZeroReserve`, `ZeroAmount` (`amount_out == 0`), `InsufficientLiquidity` if
/// `amount_out >= reserve_out`, `InvalidInput` for a 100% fee (no input suffices),
/// `Overflow` if the required input does not fit into `u128`.
pub fn get_amount_in(
	amount_out: u128,
	reserve_in: u128,
	reserve_out: u128,
	fee: Permill,
) -> MathResult<u128> {
	if reserve_in == 0 || reserve_out == 0 {
		return Err(MathError::ZeroReserve);
	}
	if amount_out == 0 {
		return Err(MathError::ZeroAmount);
	}
	if amount_out >= reserve_out {
		return Err(MathError::InsufficientLiquidity);
	}
	let g = PPM.saturating_sub(fee_ppm(fee));
	if g == 0 {
		return Err(MathError::InvalidInput);
	}
	let numerator = mul512(mul512(u512(reserve_in), u512(amount_out))?, u512(PPM))?;
	let denominator = mul512(sub512(u512(reserve_out), u512(amount_out))?, u512(g))?;
	u512_to_u128(div512_ceil(numerator, denominator)?)
}

/// `floor(amount_a * reserve_b / reserve_a)`: the amount of asset B matching `amount_a` of
/// asset A at the current pool ratio (used when adding liquidity). May be `0` for dust.
pub fn quote(amount_a: u128, reserve_a: u128, reserve_b: u128) -> MathResult<u128> {
	if reserve_a == 0 || reserve_b == 0 {
		return Err(MathError::ZeroReserve);
	}
	if amount_a == 0 {
		return Err(MathError::ZeroAmount);
	}
	mul_div_floor(amount_a, reserve_b, reserve_a)
}

/// LP shares for the first deposit: `floor(sqrt(a * b))`.
///
/// The pallet may additionally lock a minimum liquidity (Uniswap locks 1000) out of this.
pub fn initial_lp_shares(amount_a: u128, amount_b: u128) -> MathResult<u128> {
	if amount_a == 0 || amount_b == 0 {
		return Err(MathError::ZeroAmount);
	}
	// a * b < 2^256, so the product always fits U256.
	let product = U256::from(amount_a)
		.checked_mul(U256::from(amount_b))
		.ok_or(MathError::Overflow)?;
	let root = super::u256_to_u128(product.integer_sqrt())?;
	if root == 0 {
		return Err(MathError::ZeroOutput);
	}
	Ok(root)
}

/// LP shares for a deposit into an existing pool:
/// `min(floor(a * S / R_a), floor(b * S / R_b))`. Any excess of one side is donated to the pool.
pub fn lp_shares_for_deposit(
	amount_a: u128,
	amount_b: u128,
	reserve_a: u128,
	reserve_b: u128,
	total_lp: u128,
) -> MathResult<u128> {
	if total_lp == 0 {
		// Use `initial_lp_shares` for the first deposit.
		return Err(MathError::InvalidInput);
	}
	if reserve_a == 0 || reserve_b == 0 {
		return Err(MathError::ZeroReserve);
	}
	if amount_a == 0 || amount_b == 0 {
		return Err(MathError::ZeroAmount);
	}
	let by_a = div512_floor(mul512(u512(amount_a), u512(total_lp))?, u512(reserve_a))?;
	let by_b = div512_floor(mul512(u512(amount_b), u512(total_lp))?, u512(reserve_b))?;
	let shares = u512_to_u128(by_a.min(by_b))?;
	if shares == 0 {
		return Err(MathError::ZeroOutput);
	}
	Ok(shares)
}

/// Amounts returned for burning `lp` shares: `(floor(lp * R_a / S), floor(lp * R_b / S))`.
pub fn amounts_for_lp_burn(
	lp: u128,
	reserve_a: u128,
	reserve_b: u128,
	total_lp: u128,
) -> MathResult<(u128, u128)> {
	if total_lp == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	if lp == 0 {
		return Err(MathError::ZeroAmount);
	}
	if lp > total_lp {
		return Err(MathError::InsufficientLiquidity);
	}
	let a = mul_div_floor(lp, reserve_a, total_lp)?;
	let b = mul_div_floor(lp, reserve_b, total_lp)?;
	if a == 0 && b == 0 {
		return Err(MathError::ZeroOutput);
	}
	Ok((a, b))
}

/// Part of the swap fee on `amount_in` that goes to the protocol/treasury:
/// `floor(amount_in * fee * protocol_share)` (LPs keep the rounding dust).
///
/// Never exceeds `amount_in * fee` (the total fee), so taking it out of the input before it is
/// added to the reserves keeps `k` non-decreasing.
pub fn protocol_fee_part(amount_in: u128, fee: Permill, protocol_share: Permill) -> u128 {
	// amount_in * 1e6 * 1e6 < 2^168: cannot overflow U256.
	let numerator = U256::from(amount_in)
		.saturating_mul(U256::from(fee_ppm(fee)))
		.saturating_mul(U256::from(fee_ppm(protocol_share)));
	let part = numerator / U256::from(PPM * PPM);
	// part <= amount_in, so it always fits.
	u128::try_from(part).unwrap_or(amount_in)
}

#[cfg(test)]
mod tests;
