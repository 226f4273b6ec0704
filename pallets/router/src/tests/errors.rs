//! Every error of the router, each leaving the state unchanged.

use super::*;

const M: Balance = 1_000_000_000;

fn two_pools() -> (u32, u32) {
	(cp(0, 1, 2, 100 * M, 100 * M), cp(1, 1, 3, 100 * M, 100 * M))
}

#[test]
fn same_asset() {
	new_test_ext().execute_with(|| {
		two_pools();
		assert_noop!(
			Router::swap_exact_in(RuntimeOrigin::signed(ALICE), 1, 1, M, 0, BOB, 10, None),
			Error::<Test>::SameAsset
		);
	});
}

#[test]
fn zero_amount() {
	new_test_ext().execute_with(|| {
		two_pools();
		assert_noop!(swap_in(0, 0, None), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn deadline_expired() {
	new_test_ext().execute_with(|| {
		two_pools();
		System::set_block_number(11);
		assert_noop!(swap_in(M, 0, None), Error::<Test>::DeadlineExpired);
	});
}

#[test]
fn no_route() {
	new_test_ext().execute_with(|| {
		two_pools();
		// No pool trades asset 4; and 50 % of the only 1/2 pool's reserve is beyond its limit.
		assert_noop!(
			Router::swap_exact_in(RuntimeOrigin::signed(ALICE), 1, 4, M, 0, BOB, 10, None),
			Error::<Test>::NoRoute
		);
		assert_noop!(swap_in(50 * M, 0, None), Error::<Test>::NoRoute);
	});
}

#[test]
fn insufficient_output() {
	new_test_ext().execute_with(|| {
		two_pools();
		let quote = Router::quote(1, 2, M, false).unwrap();
		assert_noop!(swap_in(M, quote.amount_out + 1, None), Error::<Test>::InsufficientOutput);
	});
}

#[test]
fn excessive_input() {
	new_test_ext().execute_with(|| {
		two_pools();
		let quote = Router::quote(1, 2, M, true).unwrap();
		assert_noop!(
			Router::swap_exact_out(
				RuntimeOrigin::signed(ALICE),
				1,
				2,
				M,
				quote.amount_in - 1,
				BOB,
				10,
				None
			),
			Error::<Test>::ExcessiveInput
		);
	});
}

#[test]
fn invalid_route() {
	new_test_ext().execute_with(|| {
		let (p, q) = two_pools();
		let r = cp(0, 3, 2, 100 * M, 100 * M);
		// Empty, wrong start, wrong end, disconnected, revisiting an asset.
		for hops in [
			vec![],
			vec![hop(0, r, 3, 2)],
			vec![hop(1, q, 1, 3)],
			vec![hop(1, q, 1, 3), hop(0, p, 1, 2)],
			vec![hop(1, q, 1, 3), hop(0, r, 3, 2), hop(0, p, 2, 1), hop(0, 99, 1, 2)],
		] {
			assert_noop!(swap_in(M, 0, Some(plans(vec![(hops, M)]))), Error::<Test>::InvalidRoute);
		}
		// No routes at all.
		assert_noop!(swap_in(M, 0, Some(plans(vec![]))), Error::<Test>::InvalidRoute);
	});
}

#[test]
fn unknown_venue() {
	new_test_ext().execute_with(|| {
		let (p, _) = two_pools();
		assert_noop!(
			swap_in(M, 0, Some(plans(vec![(vec![hop(7, p, 1, 2)], M)]))),
			Error::<Test>::UnknownVenue
		);
	});
}

#[test]
fn pool_reused() {
	new_test_ext().execute_with(|| {
		let (p, _) = two_pools();
		assert_noop!(
			swap_in(
				2 * M,
				0,
				Some(plans(vec![(vec![hop(0, p, 1, 2)], M), (vec![hop(0, p, 1, 2)], M)]))
			),
			Error::<Test>::PoolReused
		);
	});
}

#[test]
fn route_amount_mismatch() {
	new_test_ext().execute_with(|| {
		let (p, _) = two_pools();
		let other = cp(1, 1, 2, 100 * M, 100 * M);
		assert_noop!(
			swap_in(M, 0, Some(plans(vec![(vec![hop(0, p, 1, 2)], M - 1)]))),
			Error::<Test>::RouteAmountMismatch
		);
		assert_noop!(
			swap_in(
				M,
				0,
				Some(plans(vec![(vec![hop(0, p, 1, 2)], M), (vec![hop(1, other, 1, 2)], 0)]))
			),
			Error::<Test>::RouteAmountMismatch
		);
	});
}

#[test]
fn route_unavailable() {
	new_test_ext().execute_with(|| {
		let (p, _) = two_pools();
		// A pool that does not exist, and a part beyond the pool's limit.
		assert_noop!(
			swap_in(M, 0, Some(plans(vec![(vec![hop(0, 42, 1, 2)], M)]))),
			Error::<Test>::RouteUnavailable
		);
		assert_noop!(
			swap_in(50 * M, 0, Some(plans(vec![(vec![hop(0, p, 1, 2)], 50 * M)]))),
			Error::<Test>::RouteUnavailable
		);
	});
}
