//! Reward math: term staking's reward fixed at stake time and its early-exit penalty, and
//! farming's reward-per-share accumulator.
//!
//! **Term staking.** A position of principal `p` in a product paying `apr` for a term of `t`
//! blocks earns `p · apr · t / blocks_per_year`, simple interest over the term, rounded down:
//! the reward is reserved from the product's pot when the stake is made, so rounding down
//! keeps the pot able to pay what it promised. An early exit forfeits the reward and pays a
//! penalty of `p · penalty`, rounded up.
//!
//! **Farming.** A farm pays `rate` reward units per block to `total` shares. Its accumulator
//! `A` (reward per share, scaled by [`ACC_SCALE`] = 10^18, in a [`U256`]) grows by
//! `rate · blocks · 10^18 / total` on each update, rounded down; a farmer with `s` shares who
//! last settled at `A₀` has earned `s · (A − A₀) / 10^18`, rounded down. Both roundings favour
//! the pot: what all farmers are paid never exceeds what the farm emitted, and each farmer's
//! loss to rounding is below one reward unit per settlement plus `s / 10^18` per update (the
//! proptests in `rewards/tests.rs` bound it). A 256-bit accumulator cannot overflow within any
//! farm's lifetime (2^256 / 10^18 > 10^59 reward units per share), where a 128-bit one at this
//! precision could after a few hundred blocks of a large rate over a tiny total.

use crate::{MathError, MathResult};
use primitive_types::U256;
use sp_arithmetic::{
	traits::{CheckedDiv, CheckedMul, Zero},
	FixedPointNumber, FixedU128, Permill,
};

/// Scale of the reward-per-share accumulator: 18 decimals of a reward unit per share.
pub const ACC_SCALE: u128 = 1_000_000_000_000_000_000;

/// The reward a term position earns: `principal · apr · term_blocks / blocks_per_year`,
/// rounded down.
///
/// Errors: `InvalidInput` for a zero `blocks_per_year`; `Overflow` if the reward does not fit.
pub fn term_reward(
	principal: u128,
	apr: FixedU128,
	term_blocks: u64,
	blocks_per_year: u64,
) -> MathResult<u128> {
	if blocks_per_year == 0 {
		return Err(MathError::InvalidInput);
	}
	let numerator = crate::mul512(
		crate::mul512(crate::u512(principal), crate::u512(apr.into_inner()))?,
		crate::u512(u128::from(term_blocks)),
	)?;
	let denominator = crate::mul512(
		crate::u512(u128::from(blocks_per_year)),
		crate::u512(<FixedU128 as FixedPointNumber>::DIV),
	)?;
	crate::u512_to_u128(crate::div512_floor(numerator, denominator)?)
}

/// The penalty of an early exit: `principal · penalty`, rounded up.
pub fn exit_penalty(principal: u128, penalty: Permill) -> MathResult<u128> {
	crate::mul_div_ceil(principal, crate::fee_ppm(penalty), crate::PPM)
}

/// The accumulator after `rate` per block for `blocks` blocks over `total_shares`:
/// `acc + rate · blocks · 10^18 / total_shares`, rounded down. With no shares nothing is
/// distributed and the accumulator stays (the caller decides what happens to the emission).
///
/// Errors: `Overflow` if the accumulator would pass 2^256.
pub fn accumulate(acc: U256, rate: u128, blocks: u64, total_shares: u128) -> MathResult<U256> {
	if total_shares == 0 {
		return Ok(acc);
	}
	let emitted = U256::from(rate).checked_mul(U256::from(blocks)).ok_or(MathError::Overflow)?;
	let per_share = emitted
		.checked_mul(U256::from(ACC_SCALE))
		.ok_or(MathError::Overflow)?
		.checked_div(U256::from(total_shares))
		.ok_or(MathError::InvalidInput)?;
	acc.checked_add(per_share).ok_or(MathError::Overflow)
}

/// The accumulator after distributing an `amount` (not a rate) over `total_shares`, rounded
/// down; the accumulator stays when there are no shares.
pub fn accumulate_amount(acc: U256, amount: u128, total_shares: u128) -> MathResult<U256> {
	accumulate(acc, amount, 1, total_shares)
}

/// What `shares` earned while the accumulator moved from `paid_at` to `acc`:
/// `shares · (acc − paid_at) / 10^18`, rounded down.
///
/// Errors: `InvalidInput` if `paid_at` is ahead of `acc` (accumulators only grow);
/// `Overflow` if the amount does not fit a `u128`.
pub fn earned(shares: u128, acc: U256, paid_at: U256) -> MathResult<u128> {
	let delta = acc.checked_sub(paid_at).ok_or(MathError::InvalidInput)?;
	let wide = crate::mul512(crate::U512::from(delta), crate::u512(shares))?;
	crate::u512_to_u128(crate::div512_floor(wide, crate::u512(ACC_SCALE))?)
}

/// Emission of `rate` per block over `blocks` blocks, as a `u128`.
pub fn emission(rate: u128, blocks: u64) -> MathResult<u128> {
	rate.checked_mul(u128::from(blocks)).ok_or(MathError::Overflow)
}

/// The yearly return of a reward stream: `reward_value_per_block · blocks_per_year /
/// staked_value`, both values in one unit (USD); `None` when nothing is staked or it does not
/// fit (a UI shows "–").
pub fn yearly_return(
	reward_value_per_block: FixedU128,
	blocks_per_year: u64,
	staked_value: FixedU128,
) -> Option<FixedU128> {
	if staked_value.is_zero() {
		return None;
	}
	reward_value_per_block
		.checked_mul(&FixedU128::checked_from_integer(u128::from(blocks_per_year))?)?
		.checked_div(&staked_value)
}

#[cfg(test)]
mod tests;
