//! Tests of [`super`].

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
	#![proptest_config(crate::testing::proptest_config())]

	#[test]
	fn ema_between_prev_and_sample(p in any::<u128>(), s in any::<u128>(), a in 0u64..=1_000_000_000_000_000_000) {
		let r = ema(FixedU128::from_inner(p), FixedU128::from_inner(s), Perquintill::from_parts(a)).into_inner();
		prop_assert!(r >= p.min(s) && r <= p.max(s));
	}
}

#[test]
fn values_move_within_checks_every_pair_exactly() {
	let limit = Permill::from_percent(20);
	// Two assets: price of 0 in 1 goes 1.0 -> 1.2 (exactly at the limit) and 1.2000001.
	assert!(values_move_within(&[100, 100], &[120, 100], limit));
	assert!(!values_move_within(&[100, 100], &[1_200_001, 1_000_000], limit));
	assert!(values_move_within(&[100, 100], &[80, 100], limit));
	assert!(!values_move_within(&[100, 100], &[79, 100], limit));
	// Three assets: a move between assets 1 and 2 alone is caught although asset 0's prices
	// against both stay within the limit.
	let before = [100u128, 100, 100];
	assert!(values_move_within(&before, &[100, 110, 110], limit));
	assert!(!values_move_within(&before, &[100, 119, 90], limit));
	// Undefined prices never pass.
	assert!(!values_move_within(&before, &[100, 0, 100], limit));
	assert!(!values_move_within(&[100, 100], &[100, 100, 100], limit));
	assert!(!values_move_within(&[], &[], limit));
	// No overflow at the top of the range.
	assert!(values_move_within(&[u128::MAX, u128::MAX], &[u128::MAX, u128::MAX], Permill::zero()));
}

#[test]
fn average_price_is_never_zero_and_survives_wrapping() {
	let p = FixedU128::from_rational(3, 2);
	let start = u128::MAX - 5;
	let end = extend_cumulative(start, p, 10);
	assert!(end < start, "wrapped");
	assert_eq!(average_price(start, end, 10), Some(p));
	assert_eq!(average_price(start, end, 0), None);
	assert_eq!(average_price(7, 7, 3), None);
}

#[test]
fn convert_at_values_is_exact_and_rounds_as_asked() {
	// Constant product [r1, r0] = [2, 1]: one unit of asset 0 is worth 2 of asset 1.
	assert_eq!(convert_at_values(7, (2, 1), (1, 1), false), Ok(14));
	// 7 of asset 1 in asset 0: 3.5, down or up.
	assert_eq!(convert_at_values(7, (1, 1), (2, 1), false), Ok(3));
	assert_eq!(convert_at_values(7, (1, 1), (2, 1), true), Ok(4));
	// Multipliers: a 6-decimal asset (m = 1e12) against an 18-decimal one at par.
	let par = FixedU128::DIV;
	assert_eq!(
		convert_at_values(par, (5, 1_000_000_000_000), (5, 1), false),
		Ok(par * 1_000_000_000_000)
	);
	// No intermediate overflow at the top of the range; only the result may overflow.
	assert_eq!(convert_at_values(u128::MAX, (u128::MAX, 1), (u128::MAX, 1), false), Ok(u128::MAX));
	assert_eq!(convert_at_values(u128::MAX, (2, 1), (1, 1), false), Err(MathError::Overflow));
	assert_eq!(convert_at_values(1, (0, 1), (1, 1), false), Err(MathError::ZeroReserve));
}
