//! Splitting one trade across several routes.
//!
//! A route's output for an exact-in amount is concave (each further unit buys less) and its
//! input for an exact-out amount convex, so handing the trade out in equal chunks, each to
//! the route where it does the most good given what that route already carries, converges
//! on the best split as the chunks shrink. Routes must not share a pool, or a chunk on one
//! would move the other's price and the independent quotes would not add up.

use crate::{MathError, MathResult};
use alloc::{vec, vec::Vec};

/// What the trade fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitGoal {
	/// The input is fixed; maximise the total output.
	ExactIn,
	/// The output is fixed; minimise the total input.
	ExactOut,
}

/// A split: how much each route carries and what that costs or yields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
	/// Per route: the input it takes (exact-in) or the output it delivers (exact-out); sums
	/// to the amount split.
	pub allocations: Vec<u128>,
	/// Per route: its quote for its allocation (output for exact-in, input for exact-out);
	/// 0 for a route given nothing.
	pub quotes: Vec<u128>,
	/// Sum of `quotes`.
	pub total: u128,
}

/// Splits `amount` over `routes` routes in `chunks` chunks (`amount / chunks` each, the last
/// also taking the remainder; fewer, of one unit, when `amount < chunks`).
///
/// `quote(route, amount)` is the route's output for `amount` in (exact-in) or the input it
/// needs for `amount` out (exact-out), `None` where the route cannot serve that amount. Each
/// chunk goes to the route whose quote improves most by taking it: the largest output gain,
/// or the smallest input increase; ties go to the lower route index, so the split is
/// deterministic. Makes at most `chunks * routes` quotes.
///
/// Errors: `ZeroAmount` for a zero amount, `InvalidInput` for no routes or no chunks,
/// `InsufficientLiquidity` when some chunk fits no route.
pub fn split<F>(
	amount: u128,
	routes: usize,
	chunks: u32,
	goal: SplitGoal,
	mut quote: F,
) -> MathResult<Split>
where
	F: FnMut(usize, u128) -> Option<u128>,
{
	if amount == 0 {
		return Err(MathError::ZeroAmount);
	}
	if routes == 0 || chunks == 0 {
		return Err(MathError::InvalidInput);
	}
	let chunks = u128::from(chunks).min(amount);
	let chunk = amount / chunks;
	let last_chunk = chunk.checked_add(amount % chunks).ok_or(MathError::Overflow)?;

	let mut allocations = vec![0u128; routes];
	let mut quotes = vec![0u128; routes];
	for k in 0..chunks {
		let size = if k + 1 == chunks { last_chunk } else { chunk };
		// (route, its quote with this chunk added, how much that improves the total)
		let mut best: Option<(usize, u128, u128)> = None;
		for route in 0..routes {
			let (Some(&given), Some(&current)) = (allocations.get(route), quotes.get(route)) else {
				continue;
			};
			let Some(with_chunk) = given.checked_add(size).and_then(|a| quote(route, a)) else {
				continue;
			};
			// An exact-in gain is output won; an exact-out "gain" is input it costs, and
			// smaller is better: compare on a scale where larger is better for both.
			let better = match goal {
				SplitGoal::ExactIn => {
					let gain = with_chunk.saturating_sub(current);
					best.map_or(true, |(_, _, b)| gain > b).then_some(gain)
				},
				SplitGoal::ExactOut => {
					let cost = with_chunk.saturating_sub(current);
					best.map_or(true, |(_, _, b)| cost < b).then_some(cost)
				},
			};
			if let Some(score) = better {
				best = Some((route, with_chunk, score));
			}
		}
		let (route, with_chunk, _) = best.ok_or(MathError::InsufficientLiquidity)?;
		if let (Some(a), Some(q)) = (allocations.get_mut(route), quotes.get_mut(route)) {
			*a = a.saturating_add(size);
			*q = with_chunk;
		}
	}
	let total = quotes
		.iter()
		.try_fold(0u128, |t, q| t.checked_add(*q))
		.ok_or(MathError::Overflow)?;
	Ok(Split { allocations, quotes, total })
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::constant_product::{get_amount_in, get_amount_out};
	use proptest::prelude::*;
	use sp_arithmetic::Permill;

	const FEE: Permill = Permill::from_parts(3_000);

	fn cp_out(reserves: &[(u128, u128)]) -> impl FnMut(usize, u128) -> Option<u128> + '_ {
		move |r, a| {
			let (x, y) = reserves.get(r)?;
			get_amount_out(a, *x, *y, FEE).ok()
		}
	}

	#[test]
	fn equal_pools_share_the_trade_equally() {
		let pools = [(1_000_000u128, 1_000_000u128), (1_000_000, 1_000_000)];
		let s = split(100_000, 2, 20, SplitGoal::ExactIn, cp_out(&pools)).unwrap();
		assert_eq!(s.allocations, vec![50_000, 50_000]);
		// Two half trades in two pools beat the whole trade in one.
		let single = get_amount_out(100_000, 1_000_000, 1_000_000, FEE).unwrap();
		assert!(s.total > single, "{} vs {single}", s.total);
		assert_eq!(s.total, s.quotes.iter().sum::<u128>());
	}

	#[test]
	fn a_deeper_pool_takes_the_larger_share() {
		let pools = [(1_000_000u128, 1_000_000u128), (3_000_000, 3_000_000)];
		let s = split(400_000, 2, 40, SplitGoal::ExactIn, cp_out(&pools)).unwrap();
		// Depth 1:3 gives the same marginal price at a 1:3 split.
		assert_eq!(s.allocations, vec![100_000, 300_000]);
	}

	#[test]
	fn a_route_that_cannot_serve_a_chunk_is_passed_over() {
		// Route 1 fails for anything above 10 units; route 0 takes everything beyond that.
		let mut q = |r: usize, a: u128| match r {
			0 => get_amount_out(a, 1_000, 1_000, FEE).ok(),
			_ => (a <= 10).then(|| get_amount_out(a, 1_000_000, 1_000_000, FEE).ok()).flatten(),
		};
		let s = split(100, 2, 10, SplitGoal::ExactIn, &mut q).unwrap();
		assert_eq!(s.allocations, vec![90, 10]);
	}

	#[test]
	fn exact_out_minimises_the_input() {
		let pools = [(1_000_000u128, 1_000_000u128), (1_000_000, 1_000_000)];
		let q = |r: usize, a: u128| {
			let (x, y) = pools.get(r)?;
			get_amount_in(a, *x, *y, FEE).ok()
		};
		let s = split(100_000, 2, 20, SplitGoal::ExactOut, q).unwrap();
		assert_eq!(s.allocations, vec![50_000, 50_000]);
		let single = get_amount_in(100_000, 1_000_000, 1_000_000, FEE).unwrap();
		assert!(s.total < single);
	}

	#[test]
	fn bad_input_is_rejected() {
		let pools = [(1_000u128, 1_000u128)];
		assert_eq!(split(0, 1, 4, SplitGoal::ExactIn, cp_out(&pools)), Err(MathError::ZeroAmount));
		assert_eq!(
			split(10, 0, 4, SplitGoal::ExactIn, cp_out(&pools)),
			Err(MathError::InvalidInput)
		);
		assert_eq!(
			split(10, 1, 0, SplitGoal::ExactIn, cp_out(&pools)),
			Err(MathError::InvalidInput)
		);
		// More than the pool can pay out: no route serves the chunk.
		assert_eq!(
			split(10, 1, 4, SplitGoal::ExactIn, |_, _| None),
			Err(MathError::InsufficientLiquidity)
		);
	}

	#[test]
	fn fewer_units_than_chunks_split_unit_by_unit() {
		let pools = [(1_000_000u128, 1_000_000u128), (1_000_000, 1_000_000)];
		let s =
			split(3, 2, 20, SplitGoal::ExactIn, |r, a| cp_out(&pools)(r, a).or(Some(0))).unwrap();
		assert_eq!(s.allocations.iter().sum::<u128>(), 3);
	}

	proptest! {
		#![proptest_config(crate::testing::proptest_config())]

		/// Whatever the pools, the split allocates exactly the amount, its quotes are the
		/// routes' quotes for their allocations, and it never does worse than the best single
		/// route by more than the chunking costs (one chunk's worth at the last pool's rate).
		#[test]
		fn split_adds_up_and_beats_every_single_route(
			pools in proptest::collection::vec((1_000u128..10u128.pow(15), 1_000u128..10u128.pow(15)), 1..4),
			amount in 1u128..10u128.pow(14),
			chunks in 1u32..32,
		) {
			let Ok(s) = split(amount, pools.len(), chunks, SplitGoal::ExactIn, cp_out(&pools)) else {
				return Ok(());
			};
			prop_assert_eq!(s.allocations.iter().sum::<u128>(), amount);
			for (r, (a, q)) in s.allocations.iter().zip(&s.quotes).enumerate() {
				let expected = if *a == 0 { 0 } else { cp_out(&pools)(r, *a).unwrap_or(0) };
				prop_assert_eq!(*q, expected);
			}
			// The greedy's first chunk is the best single route's choice, and every later
			// chunk adds at least what putting it on that route would; so it beats each
			// single route whenever that route can take the whole amount.
			for r in 0..pools.len() {
				if let Some(single) = cp_out(&pools)(r, amount) {
					prop_assert!(s.total + pools.len() as u128 >= single, "split {} < route {r} {single}", s.total);
				}
			}
		}
	}
}
