//! Graphs where the best route is known by hand.

use super::*;
use crate::search::Goal;
use sp_arithmetic::Permill;

const M: Balance = 1_000_000_000;

#[test]
fn a_two_hop_route_beats_a_poor_direct_pool() {
	new_test_ext().execute_with(|| {
		// Direct 1→2 pays 0.8 per unit; 1→3→2 pays about 0.99 (two deep pools at par).
		let direct = cp(0, 1, 2, 1_000 * M, 800 * M);
		let a = cp(0, 1, 3, 1_000 * M, 1_000 * M);
		let b = cp(1, 3, 2, 1_000 * M, 1_000 * M);
		let quote = Router::quote(1, 2, M, false).expect("quoted");
		assert_eq!(quote.routes.len(), 1, "one route carries it: {quote:?}");
		assert_eq!(quote.routes[0].hops, vec![hop(0, a, 1, 3), hop(1, b, 3, 2)]);
		let via_direct = Router::quote_route(&[hop(0, direct, 1, 2)], M, Goal::ExactIn).unwrap();
		assert!(quote.amount_out > via_direct[1]);
		// The venue-0-only search has no two-hop route at par, so aggregation gains.
		let venue0 = quote.best_per_venue[0].clone().expect("venue 0 trades it directly");
		assert_eq!(venue0.hops, vec![hop(0, direct, 1, 2)]);
		assert!(quote.best_per_venue[1].is_none(), "venue 1 alone has no 1→2 route");

		let before = balance(2, BOB);
		assert_ok!(swap_in(M, quote.amount_out, None));
		assert_eq!(balance(2, BOB) - before, quote.amount_out);
	});
}

#[test]
fn a_split_beats_every_single_route() {
	new_test_ext().execute_with(|| {
		let p0 = cp(0, 1, 2, 100 * M, 100 * M);
		let p1 = cp(1, 1, 2, 100 * M, 100 * M);
		// 20 % of one pool: splitting halves the price impact.
		let amount = 20 * M;
		let quote = Router::quote(1, 2, amount, false).expect("quoted");
		assert_eq!(quote.routes.len(), 2, "{quote:?}");
		let single = quote.best_single_route.clone().expect("each pool alone can carry it");
		assert!(quote.amount_out > single.amount_out);
		for venue in 0..2 {
			let best = quote.best_per_venue[venue].clone().expect("each venue has a pool");
			assert!(quote.amount_out > best.amount_out);
		}
		let parts: Vec<_> = quote.routes.iter().map(|r| r.amount_in).collect();
		assert_eq!(parts, vec![10 * M, 10 * M], "equal pools share equally");
		let pools: Vec<_> =
			quote.routes.iter().map(|r| (r.hops[0].venue, r.hops[0].pool_id)).collect();
		assert!(pools.contains(&(0, p0)) && pools.contains(&(1, p1)));

		let before = balance(2, BOB);
		assert_ok!(swap_in(amount, quote.amount_out, None));
		assert_eq!(balance(2, BOB) - before, quote.amount_out);
		match last_router_event() {
			Some(Event::Swapped { routes, amount_out, .. }) => {
				assert_eq!(routes, quote.routes);
				assert_eq!(amount_out, quote.amount_out);
			},
			other => panic!("unexpected event {other:?}"),
		}
	});
}

#[test]
fn a_stable_pool_beats_a_constant_product_pool_for_a_stable_pair() {
	new_test_ext().execute_with(|| {
		let cp_pool = cp(0, 1, 2, 100 * M, 100 * M);
		let stable = create_pool(1, [1, 2], [100 * M, 100 * M], Permill::from_parts(3_000), 200);
		let quote = Router::quote(1, 2, 10 * M, false).expect("quoted");
		let single = quote.best_single_route.expect("a single route");
		assert_eq!(single.hops, vec![hop(1, stable, 1, 2)]);
		let via_cp = quote.best_per_venue[0].clone().expect("the CP pool trades it");
		assert_eq!(via_cp.hops, vec![hop(0, cp_pool, 1, 2)]);
		assert!(single.amount_out > via_cp.amount_out);
		// Any split gives the stable pool the larger part.
		let stable_part = quote
			.routes
			.iter()
			.find(|r| r.hops[0].venue == 1)
			.map(|r| r.amount_in)
			.unwrap_or_default();
		assert!(stable_part * 2 > 10 * M, "{:?}", quote.routes);
	});
}

#[test]
fn exact_out_pays_the_least_and_delivers_exactly() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 2, 100 * M, 100 * M);
		cp(1, 1, 2, 100 * M, 100 * M);
		let quote = Router::quote(1, 2, 10 * M, true).expect("quoted");
		assert_eq!(quote.amount_out, 10 * M);
		assert_eq!(quote.routes.len(), 2);
		let single = quote.best_single_route.clone().unwrap();
		assert!(quote.amount_in < single.amount_in);
		let (alice, bob) = (balance(1, ALICE), balance(2, BOB));
		assert_ok!(Router::swap_exact_out(
			RuntimeOrigin::signed(ALICE),
			1,
			2,
			10 * M,
			quote.amount_in,
			BOB,
			10,
			None
		));
		assert_eq!(alice - balance(1, ALICE), quote.amount_in);
		assert_eq!(balance(2, BOB) - bob, 10 * M);
	});
}

#[test]
fn a_given_route_is_executed_exactly_as_given() {
	new_test_ext().execute_with(|| {
		// The search would split; the caller asks for one pool only.
		let p0 = cp(0, 1, 2, 100 * M, 100 * M);
		cp(1, 1, 2, 100 * M, 100 * M);
		let expected = Router::quote_route(&[hop(0, p0, 1, 2)], 10 * M, Goal::ExactIn).unwrap()[1];
		let before = balance(2, BOB);
		assert_ok!(swap_in(10 * M, expected, Some(plans(vec![(vec![hop(0, p0, 1, 2)], 10 * M)]))));
		assert_eq!(balance(2, BOB) - before, expected);
		assert_eq!(reserve(1, 1, 1), 100 * M, "venue 1 untouched");
	});
}

#[test]
fn routes_longer_than_a_venue_call_are_cut_into_calls() {
	new_test_ext().execute_with(|| {
		// Four hops on venue 1, which takes three per call.
		let pools: Vec<_> = [(1, 3), (3, 4), (4, 5), (5, 2)]
			.into_iter()
			.map(|(a, b)| cp(1, a, b, 1_000 * M, 1_000 * M))
			.collect();
		let hops: Vec<_> = [(1, 3), (3, 4), (4, 5), (5, 2)]
			.into_iter()
			.zip(&pools)
			.map(|((a, b), p)| hop(1, *p, a, b))
			.collect();
		assert_eq!(Router::segments(&hops), vec![(1, 0..3), (1, 3..4)]);
		let quote = Router::quote(1, 2, M, false).expect("quoted");
		assert_eq!(quote.routes[0].hops, hops);
		let before = balance(2, BOB);
		assert_ok!(swap_in(M, quote.amount_out, None));
		assert_eq!(balance(2, BOB) - before, quote.amount_out);
	});
}

#[test]
fn no_route_goes_through_a_pool_beyond_its_trade_size_limit() {
	new_test_ext().execute_with(|| {
		// The direct pool would pay more but the trade is 50 % of its reserve; the deep
		// two-hop route carries it.
		let shallow = cp(0, 1, 2, 10 * M, 20 * M);
		cp(0, 1, 3, 1_000 * M, 1_000 * M);
		cp(0, 3, 2, 1_000 * M, 1_000 * M);
		let quote = Router::quote(1, 2, 5 * M, false).expect("quoted");
		let single = quote.best_single_route.clone().expect("the deep route");
		assert!(single.hops.iter().all(|h| h.pool_id != shallow), "{single:?}");
		// A split may give the shallow pool a part, never more than its limit.
		for route in quote.routes.iter().filter(|r| r.hops[0].pool_id == shallow) {
			assert!(route.amount_in <= MAX_SHARE.mul_floor(10 * M), "{quote:?}");
		}
		assert_ok!(swap_in(5 * M, quote.amount_out, None));
	});
}
