//! Tests of [`super`]. Known answers were computed with Python's `decimal` at 80 digits
//! (`Decimal(p) * Decimal(apr) * t / blocks_per_year`), then cut to whole base units.

use super::*;
use proptest::prelude::*;
use sp_arithmetic::traits::{One, Zero};

/// 6-second blocks: 365 days of them.
const BLOCKS_PER_YEAR: u64 = 5_256_000;
const UNIT: u128 = 1_000_000_000_000;

fn percent(thousandths: u128) -> FixedU128 {
	FixedU128::from_rational(thousandths, 1_000)
}

#[test]
fn term_rewards_match_known_answers() {
	// 1,000 tokens at 10 % for 30 days: 8.219178082191780821… tokens.
	assert_eq!(
		term_reward(1_000 * UNIT, percent(100), 432_000, BLOCKS_PER_YEAR),
		Ok(8_219_178_082_191)
	);
	// 5 tokens (18 decimals) at 12.5 % for 10 blocks: 1,189,117,199,391.17… base units.
	assert_eq!(
		term_reward(5 * 10u128.pow(18), percent(125), 10, BLOCKS_PER_YEAR),
		Ok(1_189_117_199_391)
	);
	// 123,456,789 base units at 7.25 % for 30 days: 4,414,003.0039…
	assert_eq!(
		term_reward(
			123_456_789,
			percent(72) + FixedU128::from_rational(5, 10_000),
			2_592_000,
			BLOCKS_PER_YEAR
		),
		Ok(4_414_003)
	);
	// A full year at the APR pays exactly the APR.
	assert_eq!(
		term_reward(1_000 * UNIT, percent(100), BLOCKS_PER_YEAR, BLOCKS_PER_YEAR),
		Ok(100 * UNIT)
	);
	assert_eq!(term_reward(1_000 * UNIT, FixedU128::zero(), 432_000, BLOCKS_PER_YEAR), Ok(0));
	assert_eq!(term_reward(1, percent(100), 10, 0), Err(MathError::InvalidInput));
	assert_eq!(
		term_reward(u128::MAX, FixedU128::from_u32(1_000), BLOCKS_PER_YEAR, BLOCKS_PER_YEAR),
		Err(MathError::Overflow)
	);
}

#[test]
fn exit_penalties_round_up() {
	assert_eq!(exit_penalty(1_000, Permill::from_percent(5)), Ok(50));
	assert_eq!(exit_penalty(1_001, Permill::from_percent(5)), Ok(51));
	assert_eq!(exit_penalty(1, Permill::from_parts(1)), Ok(1));
	assert_eq!(exit_penalty(0, Permill::from_percent(5)), Ok(0));
	assert_eq!(exit_penalty(777, Permill::one()), Ok(777));
}

#[test]
fn the_accumulator_splits_an_emission_by_shares() {
	// 10 units a block for 6 blocks over 3 + 1 shares: 15 and 45 units.
	let acc = accumulate(U256::zero(), 10, 6, 4).unwrap();
	assert_eq!(acc, U256::from(15u128 * ACC_SCALE));
	assert_eq!(earned(1, acc, U256::zero()), Ok(15));
	assert_eq!(earned(3, acc, U256::zero()), Ok(45));
	// A third of a unit per share rounds down, the remainder stays with the pot.
	let acc = accumulate(U256::zero(), 1, 1, 3).unwrap();
	assert_eq!(acc, U256::from(333_333_333_333_333_333u128));
	assert_eq!(earned(3, acc, U256::zero()), Ok(0));
	assert_eq!(earned(3_000_000_000_000_000_000, acc, U256::zero()), Ok(999_999_999_999_999_999));
	// No shares: nothing is distributed.
	assert_eq!(accumulate(acc, 1_000, 10, 0), Ok(acc));
	assert_eq!(earned(5, U256::zero(), acc), Err(MathError::InvalidInput));
	assert_eq!(accumulate(U256::MAX, 1, 1, 1), Err(MathError::Overflow));
	assert_eq!(earned(u128::MAX, U256::MAX, U256::zero()), Err(MathError::Overflow));
}

#[test]
fn a_tiny_total_share_under_a_huge_rate_does_not_overflow() {
	// 10^24 units a block over one share for a century of blocks: 128 bits would overflow
	// in 340 blocks at 18 decimals.
	let acc = accumulate(U256::zero(), 10u128.pow(24), 100 * BLOCKS_PER_YEAR, 1).unwrap();
	assert_eq!(
		earned(1, acc, U256::zero()),
		Ok(10u128.pow(24) * 100 * u128::from(BLOCKS_PER_YEAR))
	);
}

#[test]
fn yearly_returns() {
	// 1 USD a block over 5,256,000 USD staked: 100 % a year.
	assert_eq!(
		yearly_return(FixedU128::one(), BLOCKS_PER_YEAR, FixedU128::from_u32(5_256_000)),
		Some(FixedU128::one())
	);
	assert_eq!(yearly_return(FixedU128::one(), BLOCKS_PER_YEAR, FixedU128::zero()), None);
}

proptest! {
	#![proptest_config(crate::testing::proptest_config())]

	/// Farmers with changing shares over random spans: each is paid at most the exact
	/// time-integral of `shares / total · rate`, and less than one unit per settlement plus
	/// `shares / 10^18` per update below it; all together never more than was emitted.
	#[test]
	fn accumulated_rewards_follow_the_time_integral(
		rate in 0u128..10u128.pow(24),
		steps in prop::collection::vec((0usize..4, 1u128..10u128.pow(20), 1u64..10_000), 1..40),
	) {
		let mut shares = [0u128; 4];
		let mut paid_at = [U256::zero(); 4];
		let mut paid = [0u128; 4];
		// Σ floor(step emission · shares / total): the true integral lies in
		// [floored, floored + updates).
		let mut floored = [0u128; 4];
		let mut settlements = [1u128; 4];
		let mut updates = 0u128;
		let mut acc = U256::zero();
		let mut emitted = 0u128;
		for (who, new_shares, blocks) in steps {
			let total: u128 = shares.iter().sum();
			acc = accumulate(acc, rate, blocks, total).unwrap();
			if total > 0 {
				let step = emission(rate, blocks).unwrap();
				emitted += step;
				updates += 1;
				for i in 0..4 {
					floored[i] += crate::mul_div_floor(step, shares[i], total).unwrap();
				}
			}
			paid[who] += earned(shares[who], acc, paid_at[who]).unwrap();
			paid_at[who] = acc;
			settlements[who] += 1;
			shares[who] = new_shares;
		}
		for i in 0..4 {
			paid[i] += earned(shares[i], acc, paid_at[i]).unwrap();
		}
		prop_assert!(paid.iter().sum::<u128>() <= emitted);
		let per_update_loss = 1 + 10u128.pow(20) / ACC_SCALE;
		for i in 0..4 {
			prop_assert!(paid[i] <= floored[i] + updates);
			prop_assert!(floored[i] <= paid[i] + settlements[i] + updates * per_update_loss);
		}
	}

	/// The reserved reward never exceeds the simple interest over the term, and is within one
	/// base unit of it.
	#[test]
	fn term_rewards_are_simple_interest_rounded_down(
		principal in 0u128..10u128.pow(25),
		apr_thousandths in 0u128..5_000,
		term in 1u64..100_000_000,
	) {
		let reward = term_reward(principal, percent(apr_thousandths), term, BLOCKS_PER_YEAR).unwrap();
		let exact_times = principal * apr_thousandths * u128::from(term);
		let per = 1_000 * u128::from(BLOCKS_PER_YEAR);
		prop_assert_eq!(reward, exact_times / per);
	}
}
