//! Pure price-oracle helpers on [`FixedU128`].

use super::{MathError, MathResult};
use primitive_types::{U256, U512};
use sp_arithmetic::{FixedPointNumber, FixedU128, Permill, Perquintill};

/// Spot price of a pool as `reserve_out / reserve_in` (units of the out-asset per unit of the
/// in-asset), via `FixedU128::checked_from_rational` (rounded down).
///
/// Errors: `ZeroReserve` if either reserve is zero, `Overflow` if the ratio exceeds
/// `FixedU128`'s range (~3.4e20).
pub fn price_fraction(reserve_in: u128, reserve_out: u128) -> MathResult<FixedU128> {
	if reserve_in == 0 || reserve_out == 0 {
		return Err(MathError::ZeroReserve);
	}
	FixedU128::checked_from_rational(reserve_out, reserve_in).ok_or(MathError::Overflow)
}

/// Exponential moving average `prev + alpha * (sample - prev)`, computed on the inner
/// representation in both directions without underflow; the step is rounded down (towards
/// `prev`). The result always lies between `prev` and `sample` (inclusive), so it cannot
/// overflow.
pub fn ema(prev: FixedU128, sample: FixedU128, alpha: Perquintill) -> FixedU128 {
	let p = prev.into_inner();
	let s = sample.into_inner();
	if s >= p {
		let step = alpha.mul_floor(s.saturating_sub(p));
		FixedU128::from_inner(p.saturating_add(step))
	} else {
		let step = alpha.mul_floor(p.saturating_sub(s));
		FixedU128::from_inner(p.saturating_sub(step))
	}
}

/// `true` iff `|new - old| <= limit * old` (exact, no rounding). With `old == 0` only
/// `new == 0` is within the limit.
pub fn price_move_within(old: FixedU128, new: FixedU128, limit: Permill) -> bool {
	let o = old.into_inner();
	let n = new.into_inner();
	if o == 0 {
		return n == 0;
	}
	let diff = if n >= o { n.saturating_sub(o) } else { o.saturating_sub(n) };
	// diff * 1e6 <= limit_ppm * old, in U256 (both sides < 2^148).
	let lhs = U256::from(diff).saturating_mul(U256::from(super::PPM));
	let rhs = U256::from(limit.deconstruct()).saturating_mul(U256::from(o));
	lhs <= rhs
}

/// `true` iff no pair's price moved by more than `limit`: for every `i < j`, the price of asset
/// `i` in asset `j`, `values[i] / values[j]`, is within `limit` of its value `before`
/// (`|new - old| <= limit * old`), checked exactly by cross-multiplication. Any zero value or a
/// length mismatch is outside the limit: an undefined price never passes.
pub fn values_move_within(before: &[u128], after: &[u128], limit: Permill) -> bool {
	if before.len() != after.len()
		|| before.len() < 2
		|| before.iter().chain(after).any(|v| *v == 0)
	{
		return false;
	}
	let ppm = U512::from(super::PPM);
	let limit = U512::from(limit.deconstruct());
	for i in 0..before.len() {
		for j in (i + 1)..before.len() {
			// old = b_i / b_j, new = a_i / a_j:
			// |new - old| <= l * old  <=>  |a_i b_j - b_i a_j| * 1e6 <= l_ppm * b_i * a_j.
			let (bi, bj, ai, aj) = (
				U512::from(before[i]),
				U512::from(before[j]),
				U512::from(after[i]),
				U512::from(after[j]),
			);
			// Each factor is below 2^128, so no product here can overflow 512 bits.
			let (x, y) = (ai * bj, bi * aj);
			let diff = if x >= y { x - y } else { y - x };
			if diff * ppm > limit * y {
				return false;
			}
		}
	}
	true
}

/// `amount` of asset `i` valued in asset `j` at a pool's marginal values: `amount · (v_i · m_i) /
/// (v_j · m_j)`, exactly (512-bit intermediates), rounded down or, with `round_up`, up. `m` are
/// the precision multipliers that brought each asset to the values' scale (1 for constant
/// product). With `amount = FixedU128::DIV` this is the spot price's inner value.
///
/// Errors: `ZeroReserve` for a zero value or multiplier, `Overflow` for a result beyond `u128`.
pub fn convert_at_values(
	amount: u128,
	(v_i, m_i): (u128, u128),
	(v_j, m_j): (u128, u128),
	round_up: bool,
) -> MathResult<u128> {
	if v_i == 0 || m_i == 0 || v_j == 0 || m_j == 0 {
		return Err(MathError::ZeroReserve);
	}
	let numerator =
		super::mul512(super::mul512(super::u512(amount), super::u512(v_i))?, super::u512(m_i))?;
	let denominator = super::mul512(super::u512(v_j), super::u512(m_j))?;
	let quotient = if round_up {
		super::div512_ceil(numerator, denominator)?
	} else {
		super::div512_floor(numerator, denominator)?
	};
	super::u512_to_u128(quotient)
}

/// Extends a wrapping cumulative price by `price` held for `blocks` blocks.
pub fn extend_cumulative(cumulative: u128, price: FixedU128, blocks: u128) -> u128 {
	cumulative.wrapping_add(price.into_inner().wrapping_mul(blocks))
}

/// Average price between two samples of a wrapping cumulative price `elapsed` blocks apart;
/// `None` for no elapsed time or an average that rounds to zero (an undefined price is never 0).
/// Exact while the true difference stays below `2^128`, i.e. `average * elapsed < 2^128 / 1e18
/// ≈ 3.4e20` (a price of 1e9 base units over 3.4e11 blocks).
pub fn average_price(older: u128, newer: u128, elapsed: u128) -> Option<FixedU128> {
	if elapsed == 0 {
		return None;
	}
	let average = newer.wrapping_sub(older) / elapsed;
	(average > 0).then(|| FixedU128::from_inner(average))
}

#[cfg(test)]
mod tests;
