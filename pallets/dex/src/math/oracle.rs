//! Pure price-oracle helpers on [`FixedU128`].

use super::{MathError, MathResult};
use primitive_types::U256;
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

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;
	use sp_arithmetic::traits::{One, Zero};

	#[test]
	fn price_fraction_known_answers() {
		// 2e18 / 1e18 = 2
		assert_eq!(price_fraction(10u128.pow(18), 2 * 10u128.pow(18)), Ok(FixedU128::from_u32(2)));
		// 1/3 = 0.333333333333333333 (inner 333333333333333333, rounded down)
		assert_eq!(price_fraction(3, 1), Ok(FixedU128::from_inner(333_333_333_333_333_333)));
		// 2/3 = 0.666666666666666666|6 -> rounded down to 666666666666666666
		assert_eq!(price_fraction(3, 2), Ok(FixedU128::from_inner(666_666_666_666_666_666)));
		assert_eq!(price_fraction(0, 1), Err(MathError::ZeroReserve));
		assert_eq!(price_fraction(1, 0), Err(MathError::ZeroReserve));
		// u128::MAX / 1 does not fit FixedU128 (max ~3.4e20)
		assert_eq!(price_fraction(1, u128::MAX), Err(MathError::Overflow));
		// u128::MAX / u128::MAX = 1
		assert_eq!(price_fraction(u128::MAX, u128::MAX), Ok(FixedU128::one()));
	}

	#[test]
	fn ema_known_answers() {
		let half = Perquintill::from_percent(50);
		// 1 + 0.5 * (3 - 1) = 2 ; 3 + 0.5 * (1 - 3) = 2
		assert_eq!(ema(FixedU128::from_u32(1), FixedU128::from_u32(3), half), FixedU128::from_u32(2));
		assert_eq!(ema(FixedU128::from_u32(3), FixedU128::from_u32(1), half), FixedU128::from_u32(2));
		// alpha = 0 keeps prev, alpha = 1 jumps to sample
		let a = FixedU128::from_u32(7);
		let b = FixedU128::from_rational(1, 3);
		assert_eq!(ema(a, b, Perquintill::zero()), a);
		assert_eq!(ema(a, b, Perquintill::one()), b);
		// extremes do not overflow/underflow
		let max = FixedU128::from_inner(u128::MAX);
		assert_eq!(ema(max, max, half), max);
		assert_eq!(ema(FixedU128::zero(), max, Perquintill::one()), max);
		assert_eq!(ema(max, FixedU128::zero(), Perquintill::one()), FixedU128::zero());
		// 0 + 0.1 * 1e-18 rounds down to 0 (towards prev)
		assert_eq!(
			ema(FixedU128::zero(), FixedU128::from_inner(1), Perquintill::from_percent(10)),
			FixedU128::zero()
		);
	}

	#[test]
	fn price_move_known_answers() {
		let one = FixedU128::one();
		let limit = Permill::from_percent(10);
		assert!(price_move_within(one, FixedU128::from_rational(11, 10), limit));
		assert!(price_move_within(one, FixedU128::from_rational(9, 10), limit));
		// 1.1 + 1e-18 is just outside
		assert!(!price_move_within(one, FixedU128::from_inner(1_100_000_000_000_000_001), limit));
		assert!(!price_move_within(one, FixedU128::from_inner(899_999_999_999_999_999), limit));
		assert!(price_move_within(FixedU128::zero(), FixedU128::zero(), limit));
		assert!(!price_move_within(FixedU128::zero(), FixedU128::from_inner(1), limit));
		let max = FixedU128::from_inner(u128::MAX);
		assert!(price_move_within(max, max, Permill::zero()));
		assert!(!price_move_within(max, FixedU128::zero(), Permill::from_percent(99)));
		assert!(price_move_within(max, FixedU128::zero(), Permill::one()));
	}

	proptest! {
		#![proptest_config(super::super::test_config())]

		#[test]
		fn ema_between_prev_and_sample(p in any::<u128>(), s in any::<u128>(), a in 0u64..=1_000_000_000_000_000_000) {
			let r = ema(FixedU128::from_inner(p), FixedU128::from_inner(s), Perquintill::from_parts(a)).into_inner();
			prop_assert!(r >= p.min(s) && r <= p.max(s));
		}
	}
}
