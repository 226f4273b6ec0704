//! Router tests: routes on hand-built graphs (`tests/routes.rs`), every error
//! (`tests/errors.rs`), the standard traits (`tests/traits.rs`) and random graphs
//! (`tests/invariants.rs`).

use crate::{mock::*, Balance, Error, Event, RouteHop, RoutePlan, RoutePlansOf};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect};

mod errors;
mod invariants;
mod routes;
mod traits;

pub fn balance(asset: Asset, who: AccountId) -> Balance {
	<Assets as Inspect<AccountId>>::balance(asset, &who)
}

pub fn hop(venue: u8, pool_id: u32, asset_in: Asset, asset_out: Asset) -> RouteHop<Asset> {
	RouteHop { venue, pool_id, asset_in, asset_out }
}

pub fn plans(routes: Vec<(Vec<RouteHop<Asset>>, Balance)>) -> RoutePlansOf<Test> {
	routes
		.into_iter()
		.map(|(hops, amount)| RoutePlan::<Test> {
			hops: hops.try_into().expect("few hops"),
			amount,
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("few routes")
}

pub fn swap_in(
	amount: Balance,
	min_out: Balance,
	route: Option<RoutePlansOf<Test>>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Router::swap_exact_in(RuntimeOrigin::signed(ALICE), 1, 2, amount, min_out, BOB, 10, route)
}

/// The last router event.
pub fn last_router_event() -> Option<Event<Test>> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Router(e) => Some(e),
		_ => None,
	})
}

#[test]
fn the_router_never_holds_funds_and_issuance_is_unchanged() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 2, 1_000_000_000, 1_000_000_000);
		cp(1, 1, 2, 1_000_000_000, 1_000_000_000);
		let issuance = |a| <Assets as Inspect<AccountId>>::total_issuance(a);
		let (before1, before2) = (issuance(1), issuance(2));
		assert_ok!(swap_in(100_000_000, 1, None));
		assert_eq!((issuance(1), issuance(2)), (before1, before2));
		assert_noop!(swap_in(100_000_000, u128::MAX, None), Error::<Test>::InsufficientOutput);
	});
}
