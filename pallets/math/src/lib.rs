//! # defi-math
//!
//! Pure, storage-free math shared by the chain's pallets: no FRAME, no storage, `no_std`.
//! One module per domain (lending's rate model, the stablecoin's fee accumulator and farming's
//! reward-per-share join as modules of their own):
//!
//! * [`constant_product`]: Uniswap-v2 style `x * y = k` pools with the fee taken on the input.
//! * [`stableswap`]: Curve-style StableSwap invariant for 2..=4 assets.
//! * [`spot`]: marginal (spot) price of a stable pool.
//! * [`oracle`]: price / EMA / cumulative-price helpers built on [`sp_arithmetic::FixedU128`].
//! * [`lending`]: utilization, the jump-rate model, per-second compounding of borrow indexes,
//!   supplier-share exchange rates and position health.
//! * [`prices`]: medians of feeds, deviations, and conversions between token amounts and USD.
//! * [`routing`]: splitting one trade across several routes for the best total.
//! * [`rewards`]: term staking's reward fixed at stake time and farming's reward-per-share
//!   accumulator.
//! * [`vaults`]: the stablecoin's stability-fee accumulator, vault debts and ratios,
//!   liquidation prices and bounds, and pro-rata shares after a shutdown.
//!
//! Conventions shared by every function in this module:
//!
//! * Balances are `u128`. Every intermediate value is computed in a wider integer type
//!   ([`primitive_types::U256`] / [`primitive_types::U512`], or
//!   [`sp_arithmetic::biguint::BigUint`] for the exact stableswap invariant check), so no valid
//!   `u128` input can overflow an intermediate; a *result* that does not fit into `u128` is
//!   reported as [`MathError::Overflow`].
//! * Every fallible function returns `Result<_, MathError>`; nothing in here panics (no
//!   `unwrap`, `expect`, unchecked arithmetic on wide types, or panicking indexing).
//! * Rounding is always against the caller and in favour of the pool: amounts paid *to* the
//!   caller (swap outputs, LP shares minted, withdrawn amounts) are rounded down, amounts
//!   paid *by* the caller (swap inputs, fees) are rounded up.
//! * A computation whose result for the caller would be zero although the input was not zero
//!   returns [`MathError::ZeroOutput`] (the caller would otherwise donate to the pool).
//!
//! The crate is `no_std`. It depends only on `sp-arithmetic` and `primitive-types` (default
//! features off), plus `alloc` (always available in runtimes).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod constant_product;
pub mod lending;
pub mod oracle;
pub mod prices;
pub mod rewards;
pub mod routing;
pub mod spot;
pub mod stableswap;
pub mod vaults;

pub use constant_product::*;
pub use oracle::*;
pub use spot::*;
pub use stableswap::*;

use primitive_types::{U256, U512};

/// Errors of the math.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathError {
	/// A result (or an intermediate that must fit a bounded type) does not fit.
	Overflow,
	/// A pool reserve / balance that must be non-zero is zero.
	ZeroReserve,
	/// An input amount that must be non-zero is zero.
	ZeroAmount,
	/// The pool does not hold enough to serve the request (e.g. `amount_out >= reserve_out`,
	/// burning more LP shares than exist).
	InsufficientLiquidity,
	/// Malformed input: bad asset count, mismatched lengths, bad/duplicate indices, `amp == 0`,
	/// a 100% fee where the math needs a remainder, ...
	InvalidInput,
	/// An iterative solver did not converge within [`stableswap::MAX_ITERATIONS`].
	NotConverged,
	/// The result the caller would receive rounds down to zero.
	ZeroOutput,
}

/// Result type of the math.
pub type MathResult<T> = core::result::Result<T, MathError>;

/// Parts per million in a [`sp_arithmetic::Permill`].
pub(crate) const PPM: u128 = 1_000_000;

// ----------------------------------------------------------------------------------------
// Small wide-integer helpers shared by the submodules.
// ----------------------------------------------------------------------------------------

#[inline]
pub(crate) fn u512(x: u128) -> U512 {
	U512::from(x)
}

#[inline]
pub(crate) fn u512_to_u128(x: U512) -> MathResult<u128> {
	u128::try_from(x).map_err(|_| MathError::Overflow)
}

#[inline]
pub(crate) fn u256_to_u128(x: U256) -> MathResult<u128> {
	u128::try_from(x).map_err(|_| MathError::Overflow)
}

#[inline]
pub(crate) fn mul512(a: U512, b: U512) -> MathResult<U512> {
	a.checked_mul(b).ok_or(MathError::Overflow)
}

#[inline]
pub(crate) fn add512(a: U512, b: U512) -> MathResult<U512> {
	a.checked_add(b).ok_or(MathError::Overflow)
}

#[inline]
pub(crate) fn sub512(a: U512, b: U512) -> MathResult<U512> {
	a.checked_sub(b).ok_or(MathError::Overflow)
}

/// `floor(a / b)`; `b == 0` is reported as `InvalidInput`.
#[inline]
pub(crate) fn div512_floor(a: U512, b: U512) -> MathResult<U512> {
	a.checked_div(b).ok_or(MathError::InvalidInput)
}

/// `ceil(a / b)`; `b == 0` is reported as `InvalidInput`.
#[inline]
pub(crate) fn div512_ceil(a: U512, b: U512) -> MathResult<U512> {
	let q = a.checked_div(b).ok_or(MathError::InvalidInput)?;
	let r = a.checked_rem(b).ok_or(MathError::InvalidInput)?;
	if r.is_zero() {
		Ok(q)
	} else {
		add512(q, U512::one())
	}
}

/// `floor(a * b / c)` exactly, as `u128`.
pub fn mul_div_floor(a: u128, b: u128, c: u128) -> MathResult<u128> {
	u512_to_u128(div512_floor(mul512(u512(a), u512(b))?, u512(c))?)
}

/// `ceil(a * b / c)` exactly, as `u128`.
pub fn mul_div_ceil(a: u128, b: u128, c: u128) -> MathResult<u128> {
	u512_to_u128(div512_ceil(mul512(u512(a), u512(b))?, u512(c))?)
}

/// `ceil(a · b / 10^18)`: a product with a [`sp_arithmetic::FixedU128`]'s inner value, rounded
/// up.
pub(crate) fn fixed_mul_ceil(a: u128, b: u128) -> MathResult<u128> {
	mul_div_ceil(a, b, <sp_arithmetic::FixedU128 as sp_arithmetic::FixedPointNumber>::DIV)
}

/// `base^exp` for a [`sp_arithmetic::FixedU128`] inner `base`, by squaring, rounded up.
///
/// Works at 36 decimals and rounds up once at the end: rounding every product at 18 decimals
/// would let the first squares' rounding grow by `2^24` over a year of seconds (an error of
/// `3·10^-11`, as large as one step of a per-second fee).
pub(crate) fn pow_ceil(base: u128, exp: u64) -> MathResult<u128> {
	let scale = U512::exp10(36);
	let fixed_div = u512(<sp_arithmetic::FixedU128 as sp_arithmetic::FixedPointNumber>::DIV);
	// Anything above this does not fit a `FixedU128` at the end.
	let limit = mul512(u512(u128::MAX), fixed_div)?;
	let wide_mul = |a: U512, b: U512| -> MathResult<U512> {
		let product = div512_ceil(mul512(a, b)?, scale)?;
		if product > limit {
			return Err(MathError::Overflow);
		}
		Ok(product)
	};
	let mut result = scale;
	let mut square = mul512(u512(base), fixed_div)?;
	let mut exp = exp;
	while exp > 0 {
		if exp & 1 == 1 {
			result = wide_mul(result, square)?;
		}
		exp >>= 1;
		// The last square is not needed, and may not fit.
		if exp > 0 {
			square = wide_mul(square, square)?;
		}
	}
	u512_to_u128(div512_ceil(result, fixed_div)?)
}

/// Fee parts-per-million of a `Permill`, clamped to `1_000_000`.
#[inline]
pub(crate) fn fee_ppm(fee: sp_arithmetic::Permill) -> u128 {
	u128::from(fee.deconstruct()).min(PPM)
}

#[cfg(any(test, feature = "test-utils"))]
pub mod testing;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn helpers_round_correctly() {
		assert_eq!(mul_div_floor(7, 3, 2), Ok(10));
		assert_eq!(mul_div_ceil(7, 3, 2), Ok(11));
		assert_eq!(mul_div_ceil(8, 3, 2), Ok(12));
		assert_eq!(mul_div_floor(1, 1, 0), Err(MathError::InvalidInput));
		// u128::MAX * u128::MAX / u128::MAX does not overflow the intermediate.
		assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX), Ok(u128::MAX));
		assert_eq!(mul_div_floor(u128::MAX, 2, 1), Err(MathError::Overflow));
	}
}
