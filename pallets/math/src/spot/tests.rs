//! Tests of [`super`].

use super::*;
use sp_arithmetic::traits::{One, Saturating};

#[test]
fn balanced_pool_prices_at_exactly_one() {
	for n in 2..=4 {
		let balances = vec![1_000_000_000_000_000_000_000u128; n];
		for amp in [1u128, 10, 100, 10_000] {
			assert_eq!(
				stable_spot_price(&balances, amp, 0, 1),
				Ok(FixedU128::one()),
				"n={n} amp={amp}"
			);
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

#[test]
fn marginal_values_agree_with_pairwise_spot_prices() {
	let balances =
		[1_000_000u128 * 10u128.pow(18), 700_000 * 10u128.pow(18), 1_300_000 * 10u128.pow(18)];
	let amp = 100;
	let values = stable_marginal_values(&balances, amp).unwrap();
	for i in 0..3 {
		for j in 0..3 {
			if i == j {
				continue;
			}
			let spot = stable_spot_price(&balances, amp, i, j).unwrap().into_inner();
			let ratio = crate::mul_div_floor(values[i], FixedU128::DIV, values[j]).unwrap();
			let diff = spot.abs_diff(ratio);
			assert!(diff <= 1_000, "pair ({i},{j}): spot {spot} vs ratio {ratio}");
		}
	}
	assert_eq!(stable_marginal_values(&[1, 0], 10), Err(MathError::ZeroReserve));
	assert_eq!(stable_marginal_values(&[1, 1], 0), Err(MathError::InvalidInput));
	assert_eq!(constant_product_marginal_values(3, 5), Ok(alloc::vec![5, 3]));
	assert_eq!(constant_product_marginal_values(0, 5), Err(MathError::ZeroReserve));
}
