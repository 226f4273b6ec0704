//! StableSwap (Curve) invariant for pools of 2..=4 assets.
//!
//! # Invariant and conventions
//!
//! For balances `x_1..x_n` (already normalised by the caller to one common precision, e.g. 18
//! decimals), amplification `A` and `Ann = A * n^n`, the invariant `D` is the unique positive
//! root of
//!
//! ```text
//! Ann * S + D = Ann * D + D^(n+1) / (n^n * prod(x)),          S = sum(x)
//! ```
//!
//! equivalently `h(D) = (Ann*S - (Ann-1)*D) * n^n * prod(x) - D^(n+1) = 0`; `h` is strictly
//! decreasing for `D >= 0` (as `Ann >= 4`), `h(0) > 0` and `h(S) <= 0`, so `0 < D* <= S`.
//!
//! **Exact rounding.** The functions here do not return "whatever Newton's method stopped at".
//! Newton's iteration (Curve's formulation, at most [`MAX_ITERATIONS`] steps, converged when
//! two iterates differ by at most 1) only provides a starting guess which is then snapped to
//! the exact integer answer with an exact big-integer evaluation of `sign(h)`:
//!
//! * [`calculate_d`] returns `floor(D*)`, [`calculate_d_rounded_up`] returns `ceil(D*)`;
//! * [`calculate_y`] / [`calculate_y_given_d`] return the *smallest* integer balance `y` of the
//!   solved-for asset such that the exact invariant of the resulting pool is `>= d` (i.e. `y` is
//!   rounded up, the pool keeps more).
//!
//! Results are therefore deterministic, independent of the iteration path, and reproducible with
//! `pallets/math/scripts/stableswap_reference.py` (which uses plain bisection on the same exact
//! predicate).
//!
//! **Pool safety.** Swaps target `ceil(D*)` of the pool before the trade, so the exact invariant
//! never decreases across a swap (`floor(D_after) >= ceil(D_before)`); deposits/withdrawals
//! compare against `ceil(D*)` before and `floor(D*)` after, so the exact value per LP share
//! `D*/supply` never decreases.
//!
//! **Limits.** Newton intermediates are evaluated in `U512`. For pools whose imbalance is
//! astronomically large relative to their size (e.g. 4 assets with three balances of 1 and one
//! of 2^127) an intermediate may not fit and `Err(Overflow)` is returned; realistic pools
//! (balances up to ~2^100 with imbalances up to 1e12) are far from that limit. All failure modes
//! return an error, never panic.

use super::{
	add512, div512_ceil, div512_floor, fee_ppm, mul512, sub512, u512, u512_to_u128, MathError,
	MathResult, PPM,
};
use alloc::vec::Vec;
use core::cmp::Ordering;
use primitive_types::U512;
use sp_arithmetic::{biguint::BigUint, Permill};

/// Maximum number of Newton iterations for `D` and `y`.
pub const MAX_ITERATIONS: u32 = 255;
/// Minimum number of assets in a stable pool.
pub const MIN_ASSETS: usize = 2;
/// Maximum number of assets in a stable pool.
pub const MAX_ASSETS: usize = 4;

type Buf = [u128; MAX_ASSETS];

// ------------------------------------------------------------------------------------------
// Internal helpers
// ------------------------------------------------------------------------------------------

/// `Ann = amp * n^n` after validating the asset count and `amp >= 1`.
fn ann_of(n: usize, amp: u128) -> MathResult<u128> {
	if !(MIN_ASSETS..=MAX_ASSETS).contains(&n) {
		return Err(MathError::InvalidInput);
	}
	if amp == 0 {
		return Err(MathError::InvalidInput);
	}
	amp.checked_mul(n_pow_n(n)).ok_or(MathError::Overflow)
}

fn n_pow_n(n: usize) -> u128 {
	let n = n as u128;
	// n <= 4, so n^n <= 256.
	n.saturating_pow(n as u32)
}

/// Copy `src` into a fixed buffer, returning the buffer (`src.len() <= MAX_ASSETS` checked).
fn to_buf(src: &[u128]) -> MathResult<Buf> {
	if src.len() > MAX_ASSETS {
		return Err(MathError::InvalidInput);
	}
	let mut buf = [0u128; MAX_ASSETS];
	for (dst, s) in buf.iter_mut().zip(src.iter()) {
		*dst = *s;
	}
	Ok(buf)
}

fn set(buf: &mut Buf, index: usize, value: u128) -> MathResult<()> {
	*buf.get_mut(index).ok_or(MathError::InvalidInput)? = value;
	Ok(())
}

fn get(xs: &[u128], index: usize) -> MathResult<u128> {
	xs.get(index).copied().ok_or(MathError::InvalidInput)
}

fn prefix(buf: &Buf, n: usize) -> MathResult<&[u128]> {
	buf.get(..n).ok_or(MathError::InvalidInput)
}

fn big(x: u128) -> BigUint {
	BigUint::from(x)
}

fn abs_diff512(a: U512, b: U512) -> U512 {
	if a >= b {
		a.saturating_sub(b)
	} else {
		b.saturating_sub(a)
	}
}

fn clamp_u128(x: U512) -> u128 {
	u128::try_from(x).unwrap_or(u128::MAX)
}

/// Exact comparison of `d` with the true invariant `D*` of `balances`:
/// returns `Greater` if `d < D*`, `Equal` if `d == D*`, `Less` if `d > D*`
/// (the sign of `h(d) = (Ann*S - (Ann-1)*d) * n^n * prod(x) - d^(n+1)`).
fn invariant_cmp(balances: &[u128], ann: u128, d: u128) -> Ordering {
	let n = balances.len();
	let mut s = big(0);
	for &x in balances {
		s = s.add(&big(x));
	}
	let mut lhs = big(1);
	for _ in 0..=n {
		lhs = lhs.mul(&big(d));
	}
	let positive = big(ann).mul(&s);
	let negative = big(ann.saturating_sub(1)).mul(&big(d));
	let factor = match positive.sub(&negative) {
		Ok(f) => f,
		// Ann*S - (Ann-1)*d < 0  =>  h(d) < 0.
		Err(_) => return Ordering::Less,
	};
	let mut rhs = factor.mul(&big(n_pow_n(n)));
	for &x in balances {
		rhs = rhs.mul(&big(x));
	}
	rhs.cmp(&lhs)
}

/// Largest `x` with `pred(x) == true` for a predicate that is `true` on `[0, X]` and `false`
/// above, starting the search at `guess` (exponential search, then bisection: at most ~3*128
/// predicate evaluations, usually 1-3).
fn largest_true<F: FnMut(u128) -> MathResult<bool>>(guess: u128, mut pred: F) -> MathResult<u128> {
	let mut lo;
	let mut hi;
	if pred(guess)? {
		lo = guess;
		let mut step: u128 = 1;
		loop {
			match lo.checked_add(step) {
				Some(c) => {
					if pred(c)? {
						lo = c;
						step = step.saturating_mul(2);
					} else {
						hi = c;
						break;
					}
				},
				None => {
					if lo == u128::MAX || pred(u128::MAX)? {
						return Err(MathError::Overflow);
					}
					hi = u128::MAX;
					break;
				},
			}
		}
	} else {
		hi = guess;
		let mut step: u128 = 1;
		loop {
			if hi == 0 {
				return Err(MathError::InvalidInput);
			}
			let c = hi.saturating_sub(step);
			if pred(c)? {
				lo = c;
				break;
			}
			hi = c;
			step = step.saturating_mul(2);
		}
	}
	while hi.saturating_sub(lo) > 1 {
		let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
		if pred(mid)? {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	Ok(lo)
}

/// Curve's Newton iteration for `D`, in `U512`. Returns the (approximate) iterate, clamped to
/// `u128::MAX`.
fn newton_d(balances: &[u128], ann: u128) -> MathResult<u128> {
	let n = balances.len();
	let n_big = u512(n as u128);
	let mut buf = to_buf(balances)?;
	let sorted = buf.get_mut(..n).ok_or(MathError::InvalidInput)?;
	// Smallest balances first: the running `D_P` then stays large, so the floor divisions lose
	// little precision (largest-first can make the iteration oscillate for very imbalanced
	// pools, e.g. [2^125, 3, 2^125]).
	sorted.sort_unstable();
	let sorted: &[u128] = sorted;

	let mut s = U512::zero();
	for &x in sorted {
		s = add512(s, u512(x))?;
	}
	let ann_s = mul512(u512(ann), s)?;
	let ann_minus_one = u512(ann.saturating_sub(1));
	let n_plus_one = u512(n as u128 + 1);

	let mut d = s;
	for _ in 0..MAX_ITERATIONS {
		// D_P = D^(n+1) / (n^n * prod(x))
		let mut d_p = d;
		for &x in sorted {
			d_p = div512_floor(mul512(d_p, d)?, mul512(u512(x), n_big)?)?;
		}
		let prev = d;
		// D = (Ann*S + n*D_P) * D / ((Ann - 1) * D + (n + 1) * D_P)
		let numerator = mul512(add512(ann_s, mul512(d_p, n_big)?)?, d)?;
		let denominator = add512(mul512(ann_minus_one, d)?, mul512(n_plus_one, d_p)?)?;
		if denominator.is_zero() {
			// only possible for d == 0
			return Ok(0);
		}
		d = div512_floor(numerator, denominator)?;
		if abs_diff512(d, prev) <= U512::one() {
			return Ok(clamp_u128(d));
		}
	}
	Err(MathError::NotConverged)
}

enum Zeros {
	None,
	All,
}

/// All zero => `All`; none zero => `None`; some zero => `Err(ZeroReserve)`.
fn zeros(balances: &[u128]) -> MathResult<Zeros> {
	let count = balances.iter().filter(|&&x| x == 0).count();
	if count == 0 {
		Ok(Zeros::None)
	} else if count == balances.len() {
		Ok(Zeros::All)
	} else {
		Err(MathError::ZeroReserve)
	}
}

/// Core of `calculate_y*`: the smallest `y` such that the invariant of `xs` with `xs[j] = y`
/// is at least `d` (`xs[j]` itself is ignored).
fn solve_y(xs: &[u128], j: usize, ann: u128, d: u128) -> MathResult<u128> {
	let n = xs.len();
	if j >= n {
		return Err(MathError::InvalidInput);
	}
	if d == 0 {
		return Err(MathError::InvalidInput);
	}
	let n_big = u512(n as u128);
	let d_big = u512(d);
	let ann_big = u512(ann);

	// c = D^(n+1) / (n^n * prod_{k != j} x_k * Ann),  b = S' + D / Ann   (rounded up;
	// the other balances are taken smallest first for precision, see `newton_d`).
	let mut others = [0u128; MAX_ASSETS];
	let mut m = 0usize;
	for (k, &x) in xs.iter().enumerate() {
		if k == j {
			continue;
		}
		if x == 0 {
			return Err(MathError::ZeroReserve);
		}
		set(&mut others, m, x)?;
		m += 1;
	}
	let others = others.get_mut(..m).ok_or(MathError::InvalidInput)?;
	others.sort_unstable();
	let mut c = d_big;
	let mut s = U512::zero();
	for &x in others.iter() {
		s = add512(s, u512(x))?;
		c = div512_ceil(mul512(c, d_big)?, mul512(u512(x), n_big)?)?;
	}
	c = div512_ceil(mul512(c, d_big)?, mul512(ann_big, n_big)?)?;
	let b = add512(s, div512_ceil(d_big, ann_big)?)?;

	// Newton on y^2 + (b - D) y - c = 0, rounding every iterate up (the polynomial is convex,
	// so rounded-up iterates stay above the root and decrease monotonically).
	let mut y = d_big;
	let mut converged = false;
	for _ in 0..MAX_ITERATIONS {
		let prev = y;
		let numerator = add512(mul512(y, y)?, c)?;
		let denominator = add512(add512(y, y)?, b)?.checked_sub(d_big).unwrap_or(U512::zero());
		if denominator.is_zero() {
			return Err(MathError::NotConverged);
		}
		y = div512_ceil(numerator, denominator)?;
		if abs_diff512(y, prev) <= U512::one() {
			converged = true;
			break;
		}
	}
	if !converged {
		return Err(MathError::NotConverged);
	}

	// Snap to the exact answer.
	let mut buf = to_buf(xs)?;
	let largest_insufficient = largest_true(clamp_u128(y).saturating_sub(1), |candidate| {
		set(&mut buf, j, candidate)?;
		Ok(invariant_cmp(prefix(&buf, n)?, ann, d) == Ordering::Less)
	})?;
	largest_insufficient.checked_add(1).ok_or(MathError::Overflow)
}

fn check_pair(n: usize, i: usize, j: usize) -> MathResult<()> {
	if i >= n || j >= n || i == j {
		return Err(MathError::InvalidInput);
	}
	Ok(())
}

/// `ceil(diff * fee * n / (4 (n - 1)))` with `diff` the distance of `actual` from the
/// rational `ideal = num / den` rounded away from `actual` (against the caller).
fn imbalance_fee(
	actual: u128,
	ideal_num: U512,
	ideal_den: U512,
	fee: u128,
	n: usize,
) -> MathResult<u128> {
	let ideal_floor = div512_floor(ideal_num, ideal_den)?;
	let ideal_ceil = div512_ceil(ideal_num, ideal_den)?;
	let a = u512(actual);
	let diff = if a >= ideal_ceil { sub512(a, ideal_floor)? } else { sub512(ideal_ceil, a)? };
	let n = n as u128;
	let numerator = mul512(mul512(diff, u512(fee))?, u512(n))?;
	let denominator = u512(4u128.saturating_mul(n.saturating_sub(1)).saturating_mul(PPM));
	u512_to_u128(div512_ceil(numerator, denominator)?)
}

// ------------------------------------------------------------------------------------------
// Invariant
// ------------------------------------------------------------------------------------------

/// `floor(D*)`, the StableSwap invariant of `balances` with amplification `amp`
/// (`Ann = amp * n^n`).
///
/// `Ok(0)` if all balances are zero; `Err(ZeroReserve)` if some (not all) are zero;
/// `Err(InvalidInput)` for `n` outside `2..=4` or `amp == 0`; `Err(NotConverged)` if Newton's
/// iteration does not converge; `Err(Overflow)` if `D*` or an intermediate does not fit.
pub fn calculate_d(balances: &[u128], amp: u128) -> MathResult<u128> {
	let ann = ann_of(balances.len(), amp)?;
	if let Zeros::All = zeros(balances)? {
		return Ok(0);
	}
	let guess = newton_d(balances, ann)?;
	largest_true(guess, |d| Ok(invariant_cmp(balances, ann, d) != Ordering::Less))
}

/// `ceil(D*)`; see [`calculate_d`].
pub fn calculate_d_rounded_up(balances: &[u128], amp: u128) -> MathResult<u128> {
	let d = calculate_d(balances, amp)?;
	if d == 0 {
		return Ok(0);
	}
	let ann = ann_of(balances.len(), amp)?;
	if invariant_cmp(balances, ann, d) == Ordering::Equal {
		Ok(d)
	} else {
		d.checked_add(1).ok_or(MathError::Overflow)
	}
}

/// The new balance of asset `index_out` such that, after asset `index_in` changed to
/// `new_balance_in`, the pool's invariant is still at least `d`: the smallest such integer
/// (rounded up, the pool keeps more).
pub fn calculate_y(
	balances: &[u128],
	amp: u128,
	index_in: usize,
	new_balance_in: u128,
	index_out: usize,
	d: u128,
) -> MathResult<u128> {
	let n = balances.len();
	let ann = ann_of(n, amp)?;
	check_pair(n, index_in, index_out)?;
	let mut buf = to_buf(balances)?;
	set(&mut buf, index_in, new_balance_in)?;
	solve_y(prefix(&buf, n)?, index_out, ann, d)
}

/// The smallest balance of asset `index` such that the invariant (with all other balances
/// unchanged) is at least `d`. Used for single-asset withdrawals.
pub fn calculate_y_given_d(
	balances: &[u128],
	amp: u128,
	index: usize,
	d: u128,
) -> MathResult<u128> {
	let ann = ann_of(balances.len(), amp)?;
	solve_y(balances, index, ann, d)
}

// ------------------------------------------------------------------------------------------
// Swaps
// ------------------------------------------------------------------------------------------

/// Exact-in swap of `amount_in` of asset `i` for asset `j`.
///
/// Returns `(amount_out, fee_amount)`: `gross = bal_j - y - 1` (with `y` from
/// [`calculate_y`] against `ceil(D*)`), `fee_amount = ceil(gross * fee)`,
/// `amount_out = gross - fee_amount`. The fee stays in the pool (the pallet may split off a
/// protocol share of `fee_amount`); the pool's balance of `j` decreases by `amount_out` only.
pub fn stable_swap_out(
	balances: &[u128],
	amp: u128,
	i: usize,
	j: usize,
	amount_in: u128,
	fee: Permill,
) -> MathResult<(u128, u128)> {
	let n = balances.len();
	ann_of(n, amp)?;
	check_pair(n, i, j)?;
	if amount_in == 0 {
		return Err(MathError::ZeroAmount);
	}
	if balances.contains(&0) {
		return Err(MathError::ZeroReserve);
	}
	let d = calculate_d_rounded_up(balances, amp)?;
	let new_in = get(balances, i)?.checked_add(amount_in).ok_or(MathError::Overflow)?;
	let y = calculate_y(balances, amp, i, new_in, j, d)?;
	let gross = get(balances, j)?
		.checked_sub(y)
		.and_then(|v| v.checked_sub(1))
		.ok_or(MathError::ZeroOutput)?;
	let fee_amount = super::mul_div_ceil(gross, fee_ppm(fee), PPM)?;
	let out = gross.saturating_sub(fee_amount);
	if out == 0 {
		return Err(MathError::ZeroOutput);
	}
	Ok((out, fee_amount))
}

/// Exact-out swap: how much of asset `i` must be paid to receive `amount_out` of asset `j`.
///
/// Returns `(amount_in, fee_amount)`: `gross = ceil(amount_out / (1 - fee))`,
/// `fee_amount = gross - amount_out`, the pool's balance of `j` is treated as dropping to
/// `bal_j - gross - 1` and `amount_in = y_i - bal_i` with `y_i` from [`calculate_y`] (rounded
/// up). Paying `amount_in` through [`stable_swap_out`] yields at least `amount_out`.
pub fn stable_swap_in(
	balances: &[u128],
	amp: u128,
	i: usize,
	j: usize,
	amount_out: u128,
	fee: Permill,
) -> MathResult<(u128, u128)> {
	let n = balances.len();
	ann_of(n, amp)?;
	check_pair(n, i, j)?;
	if amount_out == 0 {
		return Err(MathError::ZeroAmount);
	}
	if balances.contains(&0) {
		return Err(MathError::ZeroReserve);
	}
	let g = PPM.saturating_sub(fee_ppm(fee));
	if g == 0 {
		return Err(MathError::InvalidInput);
	}
	let gross = super::mul_div_ceil(amount_out, PPM, g)?;
	let fee_amount = gross.saturating_sub(amount_out);
	let new_out = get(balances, j)?
		.checked_sub(gross)
		.and_then(|v| v.checked_sub(1))
		.filter(|&v| v > 0)
		.ok_or(MathError::InsufficientLiquidity)?;
	let d = calculate_d_rounded_up(balances, amp)?;
	let y = calculate_y(balances, amp, j, new_out, i, d)?;
	let amount_in = y.checked_sub(get(balances, i)?).ok_or(MathError::InvalidInput)?;
	if amount_in == 0 {
		// Cannot happen (the exact invariant strictly decreases when `j` decreases), guard.
		return Err(MathError::InvalidInput);
	}
	Ok((amount_in, fee_amount))
}

// ------------------------------------------------------------------------------------------
// Liquidity
// ------------------------------------------------------------------------------------------

/// LP shares minted for adding `deposits` to a pool with `balances_before` and `total_shares`.
///
/// * First deposit (`total_shares == 0`): every asset must be provided, shares = `floor(D*)`.
/// * Otherwise (Curve-style imbalanced add): `D0 = D(before)`, `D1 = D(before + deposits)`,
///   each asset pays `fee * n / (4 (n - 1))` on its distance from the ideal balance
///   `before_k * D1 / D0` (rounded up), `D2 = floor(D(after - fees))` and
///   `shares = floor(total * (D2 - ceil(D0)) / ceil(D0))`.
///
/// Errors: `ZeroAmount` for an all-zero deposit (or a first deposit missing an asset),
/// `ZeroOutput` if no share would be minted, `InsufficientLiquidity` if the imbalance fee
/// exceeds a balance (an absurdly imbalanced deposit), plus the `calculate_d` errors.
pub fn stable_shares_for_deposit(
	balances_before: &[u128],
	deposits: &[u128],
	amp: u128,
	total_shares: u128,
	fee: Permill,
) -> MathResult<u128> {
	let n = balances_before.len();
	let ann = ann_of(n, amp)?;
	if deposits.len() != n {
		return Err(MathError::InvalidInput);
	}
	if deposits.iter().all(|&x| x == 0) {
		return Err(MathError::ZeroAmount);
	}
	let mut after = [0u128; MAX_ASSETS];
	for ((dst, &b), &dep) in after.iter_mut().zip(balances_before).zip(deposits) {
		*dst = b.checked_add(dep).ok_or(MathError::Overflow)?;
	}
	let after_slice = prefix(&after, n)?;

	if total_shares == 0 {
		if after_slice.contains(&0) {
			return Err(MathError::ZeroAmount);
		}
		let d1 = calculate_d(after_slice, amp)?;
		if d1 == 0 {
			return Err(MathError::ZeroOutput);
		}
		return Ok(d1);
	}

	if balances_before.contains(&0) {
		return Err(MathError::ZeroReserve);
	}
	let d0 = calculate_d(balances_before, amp)?;
	let d0_up = if invariant_cmp(balances_before, ann, d0) == Ordering::Equal {
		d0
	} else {
		d0.checked_add(1).ok_or(MathError::Overflow)?
	};
	let d1 = calculate_d(after_slice, amp)?;
	if d1 <= d0 {
		return Err(MathError::ZeroOutput);
	}

	let f = fee_ppm(fee);
	let d2 = if f == 0 {
		d1
	} else {
		let mut adjusted = after;
		for (k, adj) in adjusted.iter_mut().take(n).enumerate() {
			let before_k = get(balances_before, k)?;
			let ideal_num = mul512(u512(d1), u512(before_k))?;
			let fee_k = imbalance_fee(*adj, ideal_num, u512(d0), f, n)?;
			*adj = adj
				.checked_sub(fee_k)
				.filter(|&v| v > 0)
				.ok_or(MathError::InsufficientLiquidity)?;
		}
		calculate_d(prefix(&adjusted, n)?, amp)?
	};
	if d2 <= d0_up {
		return Err(MathError::ZeroOutput);
	}
	let shares = u512_to_u128(div512_floor(
		mul512(u512(total_shares), u512(d2.saturating_sub(d0_up)))?,
		u512(d0_up),
	)?)?;
	if shares == 0 {
		return Err(MathError::ZeroOutput);
	}
	Ok(shares)
}

/// Proportional withdrawal: `floor(balance_k * shares / total_shares)` for every asset.
pub fn stable_amounts_for_shares_proportional(
	balances: &[u128],
	shares: u128,
	total_shares: u128,
) -> MathResult<Vec<u128>> {
	if !(MIN_ASSETS..=MAX_ASSETS).contains(&balances.len()) {
		return Err(MathError::InvalidInput);
	}
	if total_shares == 0 || shares > total_shares {
		return Err(MathError::InsufficientLiquidity);
	}
	if shares == 0 {
		return Err(MathError::ZeroAmount);
	}
	let mut out = Vec::with_capacity(balances.len());
	for &b in balances {
		out.push(super::mul_div_floor(b, shares, total_shares)?);
	}
	if out.iter().all(|&x| x == 0) {
		return Err(MathError::ZeroOutput);
	}
	Ok(out)
}

/// Withdraw `shares` entirely in asset `index` (Curve's `remove_liquidity_one_coin`).
///
/// `D1 = ceil(ceil(D0) * (total - shares) / total)`; the no-fee amount is
/// `bal_index - y(D1)`; with the imbalance fee `fee * n / (4 (n - 1))` charged on every asset's
/// distance from its ideal balance `bal_k * D1 / D0` the amount is
/// `reduced_index - y_reduced(D1) - 1` (floor). Returns `(amount, fee_amount)` where
/// `fee_amount = no_fee_amount - amount` (what stays in the pool because of fees and rounding).
///
/// `shares >= total_shares` is rejected (`InsufficientLiquidity`): the last shares must be
/// withdrawn proportionally.
pub fn stable_single_asset_withdraw(
	balances: &[u128],
	amp: u128,
	index: usize,
	shares: u128,
	total_shares: u128,
	fee: Permill,
) -> MathResult<(u128, u128)> {
	let n = balances.len();
	let ann = ann_of(n, amp)?;
	if index >= n {
		return Err(MathError::InvalidInput);
	}
	if shares == 0 {
		return Err(MathError::ZeroAmount);
	}
	if total_shares == 0 || shares >= total_shares {
		return Err(MathError::InsufficientLiquidity);
	}
	if balances.contains(&0) {
		return Err(MathError::ZeroReserve);
	}
	let d0 = calculate_d(balances, amp)?;
	let d0_up = if invariant_cmp(balances, ann, d0) == Ordering::Equal {
		d0
	} else {
		d0.checked_add(1).ok_or(MathError::Overflow)?
	};
	let d1 = super::mul_div_ceil(d0_up, total_shares.saturating_sub(shares), total_shares)?;
	let bal_i = get(balances, index)?;
	let new_y = solve_y(balances, index, ann, d1)?;
	let no_fee_amount = bal_i.checked_sub(new_y).ok_or(MathError::ZeroOutput)?;
	if no_fee_amount == 0 {
		return Err(MathError::ZeroOutput);
	}

	let f = fee_ppm(fee);
	let mut reduced = to_buf(balances)?;
	if f > 0 {
		for (k, red) in reduced.iter_mut().take(n).enumerate() {
			let bal_k = *red;
			let ideal_num = mul512(u512(d1), u512(bal_k))?;
			let actual = if k == index { new_y } else { bal_k };
			let fee_k = imbalance_fee(actual, ideal_num, u512(d0), f, n)?;
			*red = bal_k
				.checked_sub(fee_k)
				.filter(|&v| v > 0)
				.ok_or(MathError::InsufficientLiquidity)?;
		}
	}
	let reduced = prefix(&reduced, n)?;
	let y_reduced = solve_y(reduced, index, ann, d1)?;
	let amount = get(reduced, index)?
		.checked_sub(y_reduced)
		.and_then(|v| v.checked_sub(1))
		.filter(|&v| v > 0)
		.ok_or(MathError::ZeroOutput)?;
	Ok((amount, no_fee_amount.saturating_sub(amount)))
}

// ------------------------------------------------------------------------------------------
// Amplification ramp
// ------------------------------------------------------------------------------------------

/// Linear amplification ramp: `initial_amp` until `start_block`, `target_amp` from `end_block`
/// on, linearly interpolated (rounded towards `initial_amp`) in between. A degenerate ramp
/// (`end_block <= start_block`) yields `target_amp` from `start_block` on.
pub fn amplification_at(
	initial_amp: u128,
	target_amp: u128,
	start_block: u64,
	end_block: u64,
	now: u64,
) -> u128 {
	if now <= start_block && end_block > start_block {
		return initial_amp;
	}
	if now >= end_block || end_block <= start_block {
		return if now < start_block { initial_amp } else { target_amp };
	}
	let elapsed = u128::from(now.saturating_sub(start_block));
	let duration = u128::from(end_block.saturating_sub(start_block));
	let (delta, up) = if target_amp >= initial_amp {
		(target_amp.saturating_sub(initial_amp), true)
	} else {
		(initial_amp.saturating_sub(target_amp), false)
	};
	// delta * elapsed / duration <= delta: never overflows nor fails.
	let step = super::mul_div_floor(delta, elapsed, duration).unwrap_or(delta);
	if up {
		initial_amp.saturating_add(step)
	} else {
		initial_amp.saturating_sub(step)
	}
}

#[cfg(test)]
mod tests;
