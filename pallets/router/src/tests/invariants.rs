//! Random pool graphs over both venues, random trades: the aggregated quote is never worse
//! than any single route or single venue, executing returns exactly the quote, bounds are
//! honoured, no hop exceeds its pool's limit, and no token is created or lost.

use super::*;
use crate::search::Goal;
use defi_math::testing::proptest_config;
use proptest::prelude::*;
use sp_arithmetic::Permill;

/// (venue, first asset, second asset offset, reserve exponents, stable)
type PoolSpec = (u8, u32, u32, u32, u32, bool);
/// (asset in, asset out offset, amount exponent, mantissa, exact-out)
type TradeSpec = (u32, u32, u32, u128, bool);

fn pool_spec() -> impl Strategy<Value = PoolSpec> {
	(0u8..2, 1u32..=5, 1u32..5, 9u32..14, 9u32..14, proptest::bool::weighted(0.25))
}

fn trade_spec() -> impl Strategy<Value = TradeSpec> {
	(1u32..=5, 1u32..5, 6u32..13, 1u128..10, any::<bool>())
}

#[derive(Default, Debug)]
struct Counts {
	trades: u32,
	splits: u32,
	multi_hop: u32,
	exact_out: u32,
	no_route: u32,
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

fn other(asset: u32, offset: u32) -> u32 {
	(asset - 1 + offset) % 5 + 1
}

fn run_case(
	pools: Vec<PoolSpec>,
	trades: Vec<TradeSpec>,
	counts: &mut Counts,
) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		for (venue, a, offset, ea, eb, stable) in pools {
			let b = other(a, offset);
			let (ra, rb) = (10u128.pow(ea), 10u128.pow(if stable { ea } else { eb }));
			create_pool(
				venue,
				[a, b],
				[ra, rb],
				Permill::from_parts(3_000),
				if stable { 100 } else { 0 },
			);
		}
		for (asset_in, offset, exponent, mantissa, exact_out) in trades {
			let asset_out = other(asset_in, offset);
			let amount = mantissa * 10u128.pow(exponent);
			let call = |limit: Balance| {
				if exact_out {
					Router::swap_exact_out(
						RuntimeOrigin::signed(ALICE),
						asset_in,
						asset_out,
						amount,
						limit,
						BOB,
						10,
						None,
					)
				} else {
					Router::swap_exact_in(
						RuntimeOrigin::signed(ALICE),
						asset_in,
						asset_out,
						amount,
						limit,
						BOB,
						10,
						None,
					)
				}
			};
			let Some(quote) = Router::quote(asset_in, asset_out, amount, exact_out) else {
				prop_assert_eq!(
					call(if exact_out { u128::MAX } else { 0 }).map(|_| ()).map_err(|e| e.error),
					Err(Error::<Test>::NoRoute.into())
				);
				counts.no_route += 1;
				continue;
			};
			// Never worse than any single route or any venue alone.
			let singles =
				quote.best_single_route.iter().chain(quote.best_per_venue.iter().flatten());
			for single in singles {
				if exact_out {
					prop_assert!(quote.amount_in <= single.amount_in, "{quote:?}");
				} else {
					prop_assert!(quote.amount_out >= single.amount_out, "{quote:?}");
				}
			}
			// Every hop within its pool's limit, pools disjoint across routes.
			let goal = if exact_out { Goal::ExactOut } else { Goal::ExactIn };
			let mut seen = std::collections::BTreeSet::new();
			for route in &quote.routes {
				let part = if exact_out { route.amount_out } else { route.amount_in };
				let amounts = Router::quote_route(&route.hops, part, goal).expect("quoted route");
				prop_assert_eq!(
					(amounts[0], *amounts.last().unwrap()),
					(route.amount_in, route.amount_out)
				);
				for (k, h) in route.hops.iter().enumerate() {
					prop_assert!(seen.insert((h.venue, h.pool_id)), "pool reused: {quote:?}");
					prop_assert!(
						amounts[k] <= MAX_SHARE.mul_floor(reserve(h.venue, h.pool_id, h.asset_in))
					);
					prop_assert!(
						amounts[k + 1]
							<= MAX_SHARE.mul_floor(reserve(h.venue, h.pool_id, h.asset_out))
					);
				}
			}
			// The bound one unit past the quote fails and changes nothing.
			let tight = if exact_out { quote.amount_in - 1 } else { quote.amount_out + 1 };
			let expected: sp_runtime::DispatchError = if exact_out {
				Error::<Test>::ExcessiveInput.into()
			} else {
				Error::<Test>::InsufficientOutput.into()
			};
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			prop_assert_eq!(call(tight).map(|_| ()).map_err(|e| e.error), Err(expected));
			prop_assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1));

			// Executing in the same state gives exactly the quote; no token is minted or lost.
			let issuance: Vec<_> = ASSETS
				.iter()
				.map(|a| <Assets as Inspect<AccountId>>::total_issuance(*a))
				.collect();
			let (paid_before, got_before) = (balance(asset_in, ALICE), balance(asset_out, BOB));
			let bound = if exact_out { quote.amount_in } else { quote.amount_out };
			prop_assert!(call(bound).is_ok());
			prop_assert_eq!(paid_before - balance(asset_in, ALICE), quote.amount_in);
			prop_assert_eq!(balance(asset_out, BOB) - got_before, quote.amount_out);
			let after: Vec<_> = ASSETS
				.iter()
				.map(|a| <Assets as Inspect<AccountId>>::total_issuance(*a))
				.collect();
			prop_assert_eq!(issuance, after);
			counts.trades += 1;
			counts.splits += u32::from(quote.routes.len() > 1);
			counts.multi_hop += u32::from(quote.routes.iter().any(|r| r.hops.len() > 1));
			counts.exact_out += u32::from(exact_out);
		}
		Ok(())
	})
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Run by [`random_graphs_reach_every_kind_of_trade`], which then checks the counts.
	fn random_graphs_keep_every_invariant(
		pools in proptest::collection::vec(pool_spec(), 1..10),
		trades in proptest::collection::vec(trade_spec(), 1..4),
	) {
		COUNTS.with(|c| run_case(pools, trades, &mut c.borrow_mut()))?;
	}
}

/// A run where every trade failed, or none split or took two hops, would prove little.
#[test]
fn random_graphs_reach_every_kind_of_trade() {
	random_graphs_keep_every_invariant();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("trades: {c:?}");
		assert!(
			c.trades > 500
				&& c.splits > 50
				&& c.multi_hop > 50
				&& c.exact_out > 100
				&& c.no_route > 0,
			"{c:?}"
		);
	});
}
