//! Tests of [`super`]. Known answers come from `pallets/math/scripts/vaults_reference.py`
//! (Python `decimal`, 80 digits); its per-second fees are MakerDAO's `duty` rates cut to 18
//! decimals.

use super::*;
use proptest::prelude::*;
use sp_arithmetic::traits::One;

fn fixed(text: &str) -> FixedU128 {
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	let mut digits = fraction.to_string();
	while digits.len() < 18 {
		digits.push('0');
	}
	let whole: u128 = whole.parse().unwrap();
	let fraction: u128 = digits[..18].parse().unwrap();
	FixedU128::from_inner(whole * DIV + fraction)
}

fn relative_error(a: FixedU128, b: FixedU128) -> f64 {
	(a.into_inner() as f64 - b.into_inner() as f64).abs() / b.into_inner() as f64
}

/// MakerDAO's per-second rates for round yearly fees, cut to 18 decimals (the reference script
/// prints them; 5 % is Maker's 1.000000001547125957863212448 ray).
const MAKER_RATES: [(&str, u128); 6] = [
	("0.005", 158_153_903),
	("0.01", 315_522_921),
	("0.02", 627_937_192),
	("0.05", 1_547_125_957),
	("0.10", 3_022_265_980),
	("2.5", 39_724_853_924),
];

#[test]
fn per_second_fees_match_makerdaos_rates() {
	for (yearly, inner) in MAKER_RATES {
		assert_eq!(per_second_fee(fixed(yearly)), Ok(FixedU128::from_inner(inner)), "{yearly}");
	}
	assert_eq!(per_second_fee(FixedU128::zero()), Ok(FixedU128::zero()));
}

#[test]
fn a_year_of_fees_is_the_yearly_fee_and_never_above_it() {
	// vaults_reference.py: (1 + cut)^YEAR for the cut rates.
	for ((yearly, inner), exact) in MAKER_RATES.into_iter().zip([
		"1.004999999973442399",
		"1.009999999981737319",
		"1.019999999984205181",
		"1.049999999971416618",
		"1.099999999996621661",
		"3.499999999891441225",
	]) {
		let factor = fee_factor(FixedU128::from_inner(inner), SECONDS_PER_YEAR).unwrap();
		// Rounded up, so at or above the exact power of the cut rate, within 1e-15 of it, and
		// at most the announced yearly fee.
		assert!(factor >= fixed(exact), "{yearly}: {factor:?} below {exact}");
		assert!(relative_error(factor, fixed(exact)) < 1e-15, "{yearly}: {factor:?} vs {exact}");
		assert!(factor <= FixedU128::one() + fixed(yearly), "{yearly}: above the yearly fee");
		// The yearly fee a UI shows is the announced one within 10^-10.
		let shown = yearly_fee(FixedU128::from_inner(inner)).unwrap();
		assert!(relative_error(FixedU128::one() + shown, FixedU128::one() + fixed(yearly)) < 1e-10);
	}
	assert_eq!(fee_factor(fixed("0.000000001"), 0), Ok(FixedU128::one()));
	assert_eq!(fee_factor(FixedU128::zero(), SECONDS_PER_YEAR), Ok(FixedU128::one()));
	// A fee of 100 % a second overflows within a year: an error, not a wrapped rate.
	assert_eq!(fee_factor(FixedU128::one(), SECONDS_PER_YEAR), Err(MathError::Overflow));
}

#[test]
fn a_year_in_one_step_equals_a_year_of_six_second_blocks() {
	let per_second = FixedU128::from_inner(1_547_125_957);
	let one_step = accrue_rate(FixedU128::one(), per_second, SECONDS_PER_YEAR).unwrap();
	let mut per_block = FixedU128::one();
	for _ in 0..SECONDS_PER_YEAR / 6 {
		per_block = accrue_rate(per_block, per_second, 6).unwrap();
	}
	let exact = fixed("1.049999999971416618");
	// Both round every product up: both at or above the exact value; 5,256,000 roundings of
	// 10^-18 move the per-block rate by less than 10^-11.
	assert!(one_step >= exact && per_block >= exact);
	assert!(relative_error(per_block, one_step) < 1e-11, "{per_block:?} vs {one_step:?}");
	assert!(per_block >= one_step);
}

#[test]
fn debts_and_normalized_debts_round_for_the_protocol() {
	assert_eq!(debt_of(100, fixed("1.05")), Ok(105));
	assert_eq!(debt_of(1, fixed("1.000000000000000001")), Ok(2));
	assert_eq!(normalized_for(105, fixed("1.05")), Ok(100));
	// 100 / 1.05 = 95.238…: 96, which owes 100.8 → 101 ≥ 100.
	assert_eq!(normalized_for(100, fixed("1.05")), Ok(96));
	assert_eq!(debt_of(96, fixed("1.05")), Ok(101));
	assert_eq!(normalized_for(1, FixedU128::zero()), Err(MathError::InvalidInput));
}

#[test]
fn ratios_mintable_and_liquidation_price_match_hand_computed_vaults() {
	// 10 DFI (18 decimals) at $15 against a $100 debt: ratio 150 %.
	let dfi = 10 * 10u128.pow(18);
	let value = crate::prices::usd_value(dfi, fixed("15"), 18, false).unwrap();
	let debt_value = 100 * DIV;
	assert_eq!(collateral_ratio(value, debt_value), Some(fixed("1.5")));
	assert_eq!(collateral_ratio(value, 0), None);
	// 2/3 rounds down.
	assert_eq!(collateral_ratio(2, 3), Some(FixedU128::from_inner(666_666_666_666_666_666)));
	// At a minimum ratio of 120 %, $150 supports $125 of debt.
	assert_eq!(max_debt(value, fixed("1.2")), Ok(125 * DIV));
	assert_eq!(max_debt(1, FixedU128::zero()), Err(MathError::InvalidInput));
	// The reference script: 1.5 · 100 / 10 = $15 per DFI.
	assert_eq!(liquidation_price(dfi, 18, debt_value, fixed("1.5")), Some(fixed("15")));
	// 1 BTC (8 decimals) against $30,001 at 150 %: $45,001.5 per BTC.
	assert_eq!(
		liquidation_price(100_000_000, 8, 30_001 * DIV, fixed("1.5")),
		Some(fixed("45001.5"))
	);
	// Rounded up: 3 base units of a 0-decimal token against $1 at 100 %: $0.333…4.
	assert_eq!(
		liquidation_price(3, 0, DIV, FixedU128::one()),
		Some(FixedU128::from_inner(333_333_333_333_333_334))
	);
	assert_eq!(liquidation_price(0, 18, DIV, fixed("1.5")), None);
	assert_eq!(liquidation_price(dfi, 18, 0, fixed("1.5")), None);
}

#[test]
fn penalties_bounds_and_shares_round_for_the_protocol() {
	assert_eq!(penalty(1_000, Permill::from_percent(13)), 130);
	assert_eq!(penalty(1, Permill::from_percent(13)), 1);
	assert_eq!(with_slippage_above(1_000, Permill::from_percent(3)), Ok(1_030));
	assert_eq!(with_slippage_above(1, Permill::from_percent(3)), Ok(2));
	assert_eq!(with_slippage_above(u128::MAX, Permill::from_percent(3)), Err(MathError::Overflow));
	assert_eq!(with_slippage_below(1_000, Permill::from_percent(3)), 970);
	assert_eq!(with_slippage_below(1, Permill::from_percent(3)), 0);
	assert_eq!(discounted(fixed("10"), Permill::from_percent(5)), fixed("9.5"));
	assert_eq!(pro_rata(1, 10, 3), Ok(3));
	assert_eq!(pro_rata(3, 10, 3), Ok(10));
	assert_eq!(pro_rata(4, 10, 3), Err(MathError::InvalidInput));
	assert_eq!(pro_rata(0, 10, 0), Err(MathError::InvalidInput));
}

proptest! {
	#![proptest_config(crate::testing::proptest_config())]

	#[test]
	fn accrual_is_independent_of_how_it_is_split(
		fee in 0u128..40_000_000_000,
		first in 0u64..SECONDS_PER_YEAR,
		second in 0u64..SECONDS_PER_YEAR,
	) {
		let fee = FixedU128::from_inner(fee);
		let whole = accrue_rate(FixedU128::one(), fee, first + second).unwrap();
		let split = accrue_rate(accrue_rate(FixedU128::one(), fee, first).unwrap(), fee, second).unwrap();
		prop_assert!(relative_error(split, whole) < 1e-15);
		prop_assert!(whole >= FixedU128::one());
	}

	#[test]
	fn a_normalized_debt_owes_at_least_what_was_drawn_and_at_most_one_rate_more(
		debt in 0u128..1_000_000_000_000_000_000_000,
		rate in 1_000_000_000_000_000_000u128..5_000_000_000_000_000_000,
	) {
		let rate = FixedU128::from_inner(rate);
		let owed = debt_of(normalized_for(debt, rate).unwrap(), rate).unwrap();
		prop_assert!(owed >= debt);
		// One extra normalized unit owes at most ⌈rate⌉ more.
		prop_assert!(owed <= debt + 6, "{} owes {}", debt, owed);
	}

	#[test]
	fn the_most_a_vault_may_owe_keeps_it_at_the_ratio(
		value in 1u128..1_000_000_000_000_000_000_000_000,
		ratio in 1_000_000_000_000_000_000u128..10_000_000_000_000_000_000,
	) {
		let ratio = FixedU128::from_inner(ratio);
		let most = max_debt(value, ratio).unwrap();
		if most > 0 {
			prop_assert!(collateral_ratio(value, most).unwrap() >= ratio);
			prop_assert!(collateral_ratio(value, most + 1).map_or(true, |r| r <= ratio));
		}
	}

	#[test]
	fn at_the_liquidation_price_a_vault_is_not_below_the_ratio(
		collateral in 1u128..1_000_000_000_000_000_000_000,
		decimals in 0u8..=18,
		debt_value in 1u128..1_000_000_000_000_000_000_000_000,
		ratio in 1_000_000_000_000_000_000u128..3_000_000_000_000_000_000,
	) {
		let ratio = FixedU128::from_inner(ratio);
		let price = liquidation_price(collateral, decimals, debt_value, ratio).unwrap();
		let value = crate::prices::usd_value(collateral, price, decimals, false).unwrap();
		// Allow one base unit of value lost to rounding the value down.
		let reached = collateral_ratio(value + 1, debt_value).unwrap();
		prop_assert!(reached >= ratio, "{:?} < {:?}", reached, ratio);
	}
}
