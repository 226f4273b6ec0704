//! Known answers worked out by hand (each in its comment) and round-trip properties.

use super::*;
use crate::testing::proptest_config;
use proptest::prelude::*;

fn fx(n: u128, d: u128) -> FixedU128 {
	FixedU128::from_rational(n, d)
}

#[test]
fn median_of_odd_even_and_empty() {
	assert_eq!(median(vec![]), None);
	assert_eq!(median(vec![fx(5, 1)]), Some(fx(5, 1)));
	// Sorted 1, 3, 9: the middle one.
	assert_eq!(median(vec![fx(9, 1), fx(1, 1), fx(3, 1)]), Some(fx(3, 1)));
	// Sorted 1, 2, 4, 100: (2 + 4) / 2.
	assert_eq!(median(vec![fx(100, 1), fx(2, 1), fx(4, 1), fx(1, 1)]), Some(fx(3, 1)));
	// (1 + 2) / 2 in inner units rounds down: 1.5 exactly here, and 10^-18 units round down.
	assert_eq!(
		median(vec![FixedU128::from_inner(1), FixedU128::from_inner(2)]),
		Some(FixedU128::from_inner(1))
	);
	// No overflow at the top of the range.
	let max = FixedU128::from_inner(u128::MAX);
	assert_eq!(median(vec![max, max]), Some(max));
}

#[test]
fn deviation_rounds_up_and_saturates() {
	// |105 − 100| / 100 = 5 %.
	assert_eq!(deviation(fx(105, 1), fx(100, 1)), Ok(Permill::from_percent(5)));
	assert_eq!(deviation(fx(95, 1), fx(100, 1)), Ok(Permill::from_percent(5)));
	// 1 / 3 = 333_333.33… ppm, rounded up.
	assert_eq!(deviation(fx(4, 1), fx(3, 1)), Ok(Permill::from_parts(333_334)));
	// 10× the reference is 900 %, saturated at 100 %.
	assert_eq!(deviation(fx(10, 1), fx(1, 1)), Ok(Permill::one()));
	assert_eq!(deviation(fx(1, 1), FixedU128::from_inner(0)), Err(MathError::InvalidInput));
}

#[test]
fn usd_values_of_tokens_with_different_decimals() {
	// 1.5 WBTC (8 decimals) at 60,000 USD = 90,000 USD = 9·10^22 in 18-decimal units.
	assert_eq!(usd_value(150_000_000, fx(60_000, 1), 8, false), Ok(90_000 * 10u128.pow(18)));
	// 2 WETH (18 decimals) at 3,000.5 USD = 6,001 USD.
	assert_eq!(usd_value(2 * 10u128.pow(18), fx(6_001, 2), 18, false), Ok(6_001 * 10u128.pow(18)));
	// 1 base unit of USDT (6 decimals) at 1 USD = 10^-6 USD = 10^12 units.
	assert_eq!(usd_value(1, fx(1, 1), 6, false), Ok(10u128.pow(12)));
	// 1 wei of WETH at 3,000 USD is 3·10^-15 USD = 3,000 units exactly; at 1,000/3 USD it is
	// 333.33… units: down 333, up 334.
	assert_eq!(usd_value(1, fx(3_000, 1), 18, false), Ok(3_000));
	assert_eq!(usd_value(1, fx(1_000, 3), 18, false), Ok(333));
	assert_eq!(usd_value(1, fx(1_000, 3), 18, true), Ok(334));
	assert_eq!(usd_value(1, fx(1, 1), 39, false), Err(MathError::InvalidInput));
	assert_eq!(usd_value(u128::MAX, fx(2, 1), 0, false), Err(MathError::Overflow));
}

#[test]
fn amounts_for_values() {
	// 90,000 USD of WBTC at 60,000 USD: 1.5 WBTC.
	assert_eq!(amount_for_value(90_000 * 10u128.pow(18), fx(60_000, 1), 8, false), Ok(150_000_000));
	// 1 USD at 3 USD per token with 0 decimals: 0.33… → 0 down, 1 up.
	assert_eq!(amount_for_value(10u128.pow(18), fx(3, 1), 0, false), Ok(0));
	assert_eq!(amount_for_value(10u128.pow(18), fx(3, 1), 0, true), Ok(1));
	assert_eq!(
		amount_for_value(1, FixedU128::from_inner(0), 0, false),
		Err(MathError::InvalidInput)
	);
}

#[test]
fn whole_token_prices_from_unit_prices() {
	// A WBTC/USDT pool at 60,000 USDT per WBTC holds 6·10^4·10^6 units of USDT per 10^8 units
	// of WBTC: 0.6 units per unit. Whole tokens: 0.6 · 10^8 / 10^6 = 60.
	// (The pool price is per base unit; 0.6 here corresponds to 60 USD per WBTC in this toy.)
	assert_eq!(whole_token_price(fx(6, 10), 8, 6), Ok(fx(60, 1)));
	// 18 and 6 decimals: 3·10^-9 units of USDC per wei is 3,000 USDC per ETH.
	assert_eq!(whole_token_price(fx(3, 1_000_000_000), 18, 6), Ok(fx(3_000, 1)));
	assert_eq!(whole_token_price(fx(1, 1), 6, 6), Ok(fx(1, 1)));
}

#[test]
fn bonus_rounds_down() {
	assert_eq!(with_bonus(1_000, Permill::from_percent(8)), Ok(1_080));
	// 8 % of 12 = 0.96 → 0.
	assert_eq!(with_bonus(12, Permill::from_percent(8)), Ok(12));
	assert_eq!(with_bonus(u128::MAX, Permill::from_percent(1)), Err(MathError::Overflow));
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Converting a value to an amount and back never creates value when rounding against the
	/// caller (down both ways), and rounding up gives at least the value back.
	#[test]
	fn value_round_trips_never_gain(
		value in 0u128..10u128.pow(30),
		price in 1u128..10u128.pow(26),
		decimals in 0u8..=18,
	) {
		let p = FixedU128::from_inner(price);
		let down = amount_for_value(value, p, decimals, false).unwrap();
		prop_assert!(usd_value(down, p, decimals, false).unwrap() <= value);
		let up = amount_for_value(value, p, decimals, true).unwrap();
		prop_assert!(usd_value(up, p, decimals, true).unwrap() >= value);
		prop_assert!(up >= down && up - down <= 1);
	}

	/// The median lies between the smallest and the largest value.
	#[test]
	fn median_is_bounded(values in proptest::collection::vec(0u128..u128::MAX, 1..10)) {
		let fixed: Vec<FixedU128> = values.iter().map(|v| FixedU128::from_inner(*v)).collect();
		let m = median(fixed).unwrap().into_inner();
		prop_assert!(values.iter().min().unwrap() <= &m && &m <= values.iter().max().unwrap());
	}
}
