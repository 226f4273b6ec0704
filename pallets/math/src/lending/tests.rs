//! Tests of [`super`]. Known answers come from `pallets/math/scripts/lending_reference.py`
//! (Python `decimal`, 80 digits: the mathematical values without fixed-point rounding).

use super::*;
use proptest::prelude::*;

fn fixed(text: &str) -> FixedU128 {
	// "12.5" -> 12.5 exactly (at most 18 fraction digits).
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	let mut digits = fraction.to_string();
	while digits.len() < 18 {
		digits.push('0');
	}
	let whole: u128 = whole.parse().unwrap();
	let fraction: u128 = digits[..18].parse().unwrap();
	FixedU128::from_inner(whole * DIV + fraction)
}

/// |a − b| / b, from inner values.
fn relative_error(a: FixedU128, b: FixedU128) -> f64 {
	(a.into_inner() as f64 - b.into_inner() as f64).abs() / b.into_inner() as f64
}

fn model() -> JumpRate {
	JumpRate {
		base: fixed("0.02"),
		slope_low: fixed("0.10"),
		kink: fixed("0.80"),
		slope_high: fixed("3.00"),
	}
}

#[test]
fn utilization_is_borrows_over_supplier_funds_rounded_up() {
	assert_eq!(utilization(600, 400, 0), Ok(fixed("0.4")));
	assert_eq!(utilization(500, 400, 100), Ok(fixed("0.5")));
	assert_eq!(utilization(1_000, 0, 0), Ok(FixedU128::zero()));
	// 1/3 rounds up in the last digit.
	assert_eq!(utilization(2, 1, 0), Ok(FixedU128::from_inner(333_333_333_333_333_334)));
	assert_eq!(utilization(0, 10, 11), Err(MathError::InvalidInput));
	assert_eq!(utilization(0, 10, 10), Err(MathError::InvalidInput));
	assert_eq!(utilization(u128::MAX - 1, 1, 0), Ok(FixedU128::from_inner(1)));
	assert_eq!(utilization(u128::MAX, 1, 0), Err(MathError::Overflow));
	assert_eq!(utilization(u128::MAX, u128::MAX, 0), Err(MathError::Overflow));
}

#[test]
fn jump_rate_matches_the_reference_below_at_and_above_the_kink() {
	// lending_reference.py: jump_rate(u) for base 2 %, slope 10 %, kink 80 %, jump slope 300 %.
	for (u, expected) in [
		("0", "0.02"),
		("0.4", "0.06"),
		("0.8", "0.1"),
		("0.9", "0.4"),
		("1", "0.7"),
		("1.5", "0.7"),
	] {
		assert_eq!(borrow_rate(&model(), fixed(u)), Ok(fixed(expected)), "u = {u}");
	}
}

#[test]
fn supply_rate_is_borrow_rate_times_utilization_less_the_reserve_share() {
	// 40 % · 90 % · (1 − 10 %) = 32.4 %.
	assert_eq!(
		supply_rate(fixed("0.4"), fixed("0.9"), Permill::from_percent(10)),
		Ok(fixed("0.324"))
	);
	assert_eq!(supply_rate(fixed("0.4"), fixed("0.9"), Permill::one()), Ok(FixedU128::zero()));
	assert_eq!(
		supply_rate(fixed("0.4"), FixedU128::zero(), Permill::zero()),
		Ok(FixedU128::zero())
	);
}

#[test]
fn a_year_of_compounding_matches_the_reference_including_rates_above_100_percent() {
	// lending_reference.py: compound(rate, seconds).
	for (rate, seconds, expected) in [
		("0.05", SECONDS_PER_YEAR, "1.051271096334354555"),
		("2.5", SECONDS_PER_YEAR, "12.182492753502505371"),
		("0.05", 86_400, "1.000136995684313079"),
		("10", SECONDS_PER_YEAR, "22026.430872109359379243"),
	] {
		let got = compound_factor(fixed(rate), seconds).unwrap();
		let want = fixed(expected);
		// Rounded up, never below the mathematical value, and within 1e-9 of it (the per-second
		// rate is rounded up to 18 decimals).
		assert!(got >= want, "{rate} over {seconds} s: {got:?} < {want:?}");
		assert!(relative_error(got, want) < 1e-9, "{rate} over {seconds} s: {got:?} vs {want:?}");
	}
	assert_eq!(compound_factor(fixed("0.05"), 0), Ok(FixedU128::one()));
	assert_eq!(compound_factor(FixedU128::zero(), SECONDS_PER_YEAR), Ok(FixedU128::one()));
	// Ten thousand percent over ten years does not fit: an error, not a wrapped index.
	assert_eq!(compound_factor(fixed("100"), 10 * SECONDS_PER_YEAR), Err(MathError::Overflow));
}

#[test]
fn a_year_in_one_step_equals_a_year_in_ten_thousand_steps() {
	// 6,000 steps of 3,154 s and 4,000 of 3,153 s make 31,536,000 s.
	for (rate, reference) in [("0.05", "1.051271096334354555"), ("2.5", "12.182492753502505371")] {
		let reference = fixed(reference);
		let one_step = accrue_index(FixedU128::one(), fixed(rate), SECONDS_PER_YEAR).unwrap();
		let mut index = FixedU128::one();
		for step in 0..10_000u32 {
			let seconds = if step < 6_000 { 3_154 } else { 3_153 };
			index = accrue_index(index, fixed(rate), seconds).unwrap();
		}
		// Both round every product up, so both are at or above the mathematical value
		// (lending_reference.py), and they agree to 1e-12.
		assert!(index >= reference && one_step >= reference, "{rate}: below {reference:?}");
		assert!(relative_error(index, one_step) < 1e-12, "{rate}: {index:?} vs {one_step:?}");
	}
}

#[test]
fn debts_round_up_and_reject_a_falling_index() {
	assert_eq!(debt_at(100, fixed("1"), fixed("1.5")), Ok(150));
	assert_eq!(debt_at(1, fixed("1"), fixed("1.000000000000000001")), Ok(2));
	assert_eq!(debt_at(100, fixed("1.5"), fixed("1.5")), Ok(100));
	assert_eq!(debt_at(100, fixed("2"), fixed("1")), Err(MathError::InvalidInput));
	assert_eq!(debt_at(100, FixedU128::zero(), fixed("1")), Err(MathError::InvalidInput));
	assert_eq!(debt_at(u128::MAX, fixed("1"), fixed("2")), Err(MathError::Overflow));
}

#[test]
fn shares_and_underlying_round_in_the_markets_favour() {
	let initial = fixed("0.02"); // 50 shares per unit at first
	assert_eq!(shares_for_deposit(1_000, 0, 0, initial), Ok(50_000));
	// Funds 1,100 behind 1,000 shares: 100 units buy 90 shares (90.9 rounded down) …
	assert_eq!(shares_for_deposit(100, 1_100, 1_000, initial), Ok(90));
	// … 90 shares redeem 99 units (99.0) and 1 share 1 unit (1.1 rounded down) …
	assert_eq!(underlying_for_shares(90, 1_100, 1_000), Ok(99));
	assert_eq!(underlying_for_shares(1, 1_100, 1_000), Ok(1));
	// … and withdrawing exactly 100 units burns 91 shares (90.9 rounded up).
	assert_eq!(shares_for_withdrawal(100, 1_100, 1_000), Ok(91));
	assert_eq!(exchange_rate(1_100, 1_000, initial), Ok(fixed("1.1")));
	assert_eq!(exchange_rate(0, 0, initial), Ok(initial));
	assert_eq!(shares_for_deposit(1, 1_000_000, 1, initial), Err(MathError::ZeroOutput));
	assert_eq!(shares_for_deposit(1, 0, 5, initial), Err(MathError::InvalidInput));
	assert_eq!(shares_for_deposit(1, 0, 0, FixedU128::zero()), Err(MathError::InvalidInput));
	assert_eq!(underlying_for_shares(2, 10, 1), Err(MathError::InsufficientLiquidity));
	assert_eq!(shares_for_withdrawal(11, 10, 5), Err(MathError::InsufficientLiquidity));
	assert_eq!(supplier_funds(10, 5, 16), Err(MathError::InvalidInput));
	assert_eq!(supplier_funds(10, 5, 3), Ok(12));
	assert_eq!(reserve_part(1_000, Permill::from_percent(15)), 150);
	assert_eq!(reserve_part(9, Permill::from_percent(15)), 1);
}

#[test]
fn health_is_weighted_collateral_over_debt() {
	assert_eq!(health(150, 100), Some(fixed("1.5")));
	assert_eq!(health(0, 100), Some(FixedU128::zero()));
	assert_eq!(health(100, 0), None);
	// 2/3 rounds down.
	assert_eq!(health(2, 3), Some(FixedU128::from_inner(666_666_666_666_666_666)));
}

proptest! {
	#![proptest_config(crate::testing::proptest_config())]

	/// A deposit followed by a full redemption never returns more than was deposited, whatever
	/// the market's funds and shares.
	#[test]
	fn deposit_then_redeem_never_profits(
		funds in 1u128..=u128::MAX / 4,
		shares in 1u128..=u128::MAX / 4,
		amount in 1u128..=u128::MAX / 4,
	) {
		if let Ok(minted) = shares_for_deposit(amount, funds, shares, FixedU128::one()) {
			let Some(shares) = shares.checked_add(minted) else { return Ok(()) };
			let funds = funds + amount;
			let back = underlying_for_shares(minted, funds, shares).unwrap();
			prop_assert!(back <= amount, "deposited {amount}, redeemed {back}");
		}
	}

	/// Withdrawing an exact amount burns at least the shares that amount is worth: redeeming the
	/// burnt shares would pay at least the amount.
	#[test]
	fn exact_withdrawal_burns_enough_shares(
		funds in 1u128..=1u128 << 100,
		shares in 1u128..=1u128 << 100,
		amount in 1u128..=1u128 << 100,
	) {
		prop_assume!(amount <= funds);
		let burnt = shares_for_withdrawal(amount, funds, shares).unwrap();
		prop_assume!(burnt <= shares);
		let worth = underlying_for_shares(burnt, funds, shares).unwrap();
		// Rounding down the value of the burnt shares loses less than one unit per share-unit
		// step: the burnt shares are worth the amount, up to the value of one share.
		let one_share = funds / shares + 1;
		prop_assert!(worth + one_share >= amount, "burnt {burnt} worth {worth} for {amount}");
	}

	/// The borrow rate never falls as utilization rises, and the supply rate never exceeds it.
	#[test]
	fn rates_are_monotonic_and_suppliers_earn_at_most_the_borrow_rate(
		a in 0u128..=DIV, b in 0u128..=DIV, rf in 0u32..=1_000_000,
	) {
		let (lo, hi) = (a.min(b), a.max(b));
		let r_lo = borrow_rate(&model(), FixedU128::from_inner(lo)).unwrap();
		let r_hi = borrow_rate(&model(), FixedU128::from_inner(hi)).unwrap();
		prop_assert!(r_lo <= r_hi);
		let s = supply_rate(r_hi, FixedU128::from_inner(hi), Permill::from_parts(rf)).unwrap();
		prop_assert!(s <= r_hi);
	}

	/// Accrual splits: accruing s1 then s2 seconds equals accruing s1 + s2 up to rounding (both
	/// round every product up, along different chains of products).
	#[test]
	fn accrual_is_independent_of_how_it_is_split(
		rate_bp in 0u128..=50_000, s1 in 0u64..=SECONDS_PER_YEAR, s2 in 0u64..=SECONDS_PER_YEAR,
	) {
		let rate = FixedU128::from_inner(rate_bp * (DIV / 10_000));
		let whole = accrue_index(FixedU128::one(), rate, s1 + s2).unwrap();
		let split = accrue_index(accrue_index(FixedU128::one(), rate, s1).unwrap(), rate, s2).unwrap();
		prop_assert!(relative_error(split, whole) < 1e-15, "{split:?} vs {whole:?}");
	}
}

#[test]
fn apy_compounds_every_second() {
	// e^0.05 − 1 = 0.051271096…; per-second compounding is within 10^-9 of it.
	let five = apy(FixedU128::from_rational(5, 100)).unwrap();
	let expected = FixedU128::from_inner(51_271_096_376_024_000);
	assert!(five.into_inner().abs_diff(expected.into_inner()) < 1_000_000_000, "{five:?}");
	assert_eq!(apy(FixedU128::zero()), Ok(FixedU128::zero()));
}
